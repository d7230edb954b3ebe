"""The portal's URLs plus /bench/ceiling, the smallest Django response: every middleware of
the portal runs, then the view returns two bytes. It is the ceiling each page is compared
with, measured in the same run on the same machine."""

from django.http import HttpResponse
from django.urls import include, path


def ceiling(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/ceiling", ceiling, name="bench-ceiling"),
    path("", include("config.urls")),
]
