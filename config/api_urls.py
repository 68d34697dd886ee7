"""/api/v1/: each app owns its routes in <app>/api_urls.py."""

from django.urls import include, path

urlpatterns = [
    path("", include("proeftuin.api_urls")),
    path("", include("learning.api_urls")),
    path("", include("backlog.api_urls")),
    path("", include("charter.api_urls")),
    path("", include("workshops.api_urls")),
    path("", include("notifications.api_urls")),
]
