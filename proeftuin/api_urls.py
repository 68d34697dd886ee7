from django.urls import include, path

urlpatterns: list = [
    path("", include("proeftuin.privacy.api_urls")),
    path("", include("proeftuin.accounts.api_urls")),
    path("", include("proeftuin.overview.api_urls")),
    path("", include("proeftuin.toolkit.api_urls")),
    path("", include("proeftuin.network.api_urls")),
    path("", include("proeftuin.measurement.api_urls")),
    path("", include("proeftuin.inbox.api_urls")),
]
