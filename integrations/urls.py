from django.urls import path

from . import views

app_name = "integrations"

urlpatterns = [
    path("account/beveiliging/sleutels/nieuw/", views.token_create, name="token-create"),
    path(
        "account/beveiliging/sleutels/<int:token>/intrekken/",
        views.token_revoke,
        name="token-revoke",
    ),
]
