from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from proeftuin.accounts import language
from proeftuin.accounts.views import LoginView

urlpatterns = [
    path("", include("proeftuin.urls")),
    path("", include("learning.urls")),
    path("", include("backlog.urls")),
    path("", include("charter.urls")),
    path("", include("workshops.urls")),
    path("", include("notifications.urls")),
    path("", include("integrations.urls")),
    path("account/login/", LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("account/", include("django.contrib.auth.urls")),
    path("i18n/setlang/", language.choose_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("config.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]
