"""The officers' area under /portal/."""

urlpatterns = []
