from django.contrib import admin
from django.urls import include, path

from config import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("language/<str:code>/", views.switch_language, name="switch-language"),
    path("accounts/", include("organizations.urls.accounts")),
    path("portal/", include("common.urls")),
    path("portal/", include("organizations.urls.portal")),
    path("portal/", include("campaigns.urls.portal")),
    path("portal/", include("learning_models.urls.portal")),
    path("portal/", include("scholarships.urls.portal")),
    path("learning-models/", include("learning_models.urls.public")),
    path("fund/", include("scholarships.urls.public")),
    path("", include("campaigns.urls.public")),
    path("admin/", admin.site.urls),
]
