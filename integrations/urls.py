from django.urls import path

from . import views, xapi_views

app_name = "integrations"

urlpatterns = [
    path("account/beveiliging/sleutels/nieuw/", views.token_create, name="token-create"),
    path(
        "account/beveiliging/sleutels/<int:token>/intrekken/",
        views.token_revoke,
        name="token-revoke",
    ),
    path("xapi/", xapi_views.about, name="xapi-root"),
    path("xapi/about", xapi_views.about, name="xapi-about"),
    path("xapi/statements", xapi_views.statements, name="xapi-statements"),
    path("p/<int:pilot>/koppelingen/", xapi_views.integrations_page, name="xapi"),
    path(
        "p/<int:pilot>/koppelingen/<int:integration>/intrekken/",
        xapi_views.integration_revoke,
        name="xapi-revoke",
    ),
]
