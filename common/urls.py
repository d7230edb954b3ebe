"""The officers' area's front page; each app's own officers' pages are in its urls."""

from django.urls import path

from common import views

app_name = "portal"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
]
