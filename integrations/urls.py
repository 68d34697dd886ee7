from django.urls import path

from . import views, work_account_auth, xapi_views

app_name = "integrations"

urlpatterns = [
    path("account/beveiliging/sleutels/nieuw/", views.token_create, name="token-create"),
    path(
        "account/beveiliging/sleutels/<int:token>/intrekken/",
        views.token_revoke,
        name="token-revoke",
    ),
    path("account/werkaccount/", work_account_auth.choose_work_account, name="work-account"),
    path(
        "account/werkaccount/<slug:organisation>/",
        work_account_auth.WorkAccountStart.as_view(),
        name="work-account-start",
    ),
    # The one redirect URL every organisation registers at its provider (docs/integrations.md).
    path(
        "account/werkaccount-terug/",
        work_account_auth.WorkAccountCallback.as_view(),
        name="work-account-callback",
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
