from django.urls import include, path

urlpatterns: list = [
    path("", include("proeftuin.privacy.api_urls")),
]
