from django.urls import include, path

app_name = "proeftuin"

urlpatterns = [
    path("", include("proeftuin.accounts.urls")),
    path("", include("proeftuin.overview.urls")),
    path("", include("proeftuin.measurement.urls")),
    path("", include("proeftuin.privacy.urls")),
    path("", include("proeftuin.toolkit.urls")),
    path("", include("proeftuin.network.urls")),
    path("", include("proeftuin.inbox.urls")),
    path("", include("proeftuin.web.urls")),
]
