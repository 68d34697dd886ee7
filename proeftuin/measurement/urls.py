from django.urls import path

from . import views

urlpatterns = [
    path("p/<int:pilot>/metingen/", views.rounds, name="measurement-rounds"),
    path("p/<int:pilot>/metingen/nieuw/", views.new_round, name="measurement-new"),
    path(
        "p/<int:pilot>/metingen/<int:round_id>/",
        views.answer_round,
        name="measurement-answer",
    ),
    path(
        "p/<int:pilot>/metingen/<int:round_id>/sluiten/",
        views.close_round,
        name="measurement-close",
    ),
    path(
        "p/<int:pilot>/metingen/<int:round_id>/verslag/",
        views.round_report,
        name="measurement-report",
    ),
    path(
        "p/<int:pilot>/metingen/<int:round_id>/verslag/pdf/",
        views.round_report_pdf,
        name="measurement-report-pdf",
    ),
    path("p/<int:pilot>/plan/", views.plan, name="plan"),
    path("p/<int:pilot>/plan/ambitie/", views.ambition_edit, name="plan-ambition"),
    path("p/<int:pilot>/plan/acties/nieuw/", views.action_edit, name="plan-action-create"),
    path("p/<int:pilot>/plan/acties/<int:action_id>/", views.action_edit, name="plan-action"),
    path(
        "p/<int:pilot>/plan/acties/<int:action_id>/overnemen/",
        views.action_adopt,
        name="plan-action-adopt",
    ),
    path("p/<int:pilot>/metingen/advies/", views.advice, name="measurement-advice"),
    path(
        "p/<int:pilot>/metingen/advies/<str:dimension>/<int:stage>/",
        views.advice_edit,
        name="measurement-advice-edit",
    ),
]
