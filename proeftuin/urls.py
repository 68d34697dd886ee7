from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("p/<int:pilot>/", views.pilot_home, name="pilot-home"),
    path("p/<int:pilot>/uitnodigen/", views.invite, name="invite"),
    path("uitnodiging/<str:token>/", views.accept_invitation, name="invitation-accept"),
    path("", include("proeftuin.overview.urls")),
    path("", include("proeftuin.measurement.urls")),
    path("", include("proeftuin.privacy.urls")),
    path("", include("proeftuin.toolkit.urls")),
    path("", include("proeftuin.accounts.urls")),
    path("", include("proeftuin.web.urls")),
]
