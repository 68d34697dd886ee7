from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("p/<int:pilot>/", views.pilot_home, name="pilot-home"),
    path("p/<int:pilot>/uitnodigen/", views.invite, name="invite"),
    path("p/<int:pilot>/welkom-weg/", views.dismiss_welcome, name="welcome-dismiss"),
    path("uitnodiging/<str:token>/", views.accept_invitation, name="invitation-accept"),
    path("account/2fa/instellen/", views.two_factor_setup, name="two-factor-setup"),
    path("account/2fa/controle/", views.two_factor_verify, name="two-factor-verify"),
    path("account/beveiliging/", views.account_security, name="account-security"),
    path(
        "account/beveiliging/andere-sessies-beeindigen/",
        views.end_other_sessions,
        name="end-other-sessions",
    ),
    path("account/beveiliging/reservecodes/", views.new_backup_codes, name="new-backup-codes"),
    path("account/beveiliging/2fa-uit/", views.turn_off_two_factor, name="two-factor-off"),
]
