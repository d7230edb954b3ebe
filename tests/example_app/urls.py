"""The portal's URLs with the example app's pages under /portal/, as one line of
config/urls.py would add them for an app that ships."""

from django.urls import include, path

from config.urls import urlpatterns as portal

urlpatterns = [path("portal/", include("tests.example_app.dossiers.urls")), *portal]
