from django.urls import include, path

urlpatterns: list = [
    path("", include("proeftuin.api_urls_privacy")),
]
