from django.contrib import admin
from django.urls import include, path

from config import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("organizations.urls.accounts")),
    path("portal/", include("organizations.urls.portal")),
    path("portal/", include("campaigns.urls.portal")),
    path("", include("campaigns.urls.public")),
    path("admin/", admin.site.urls),
]
