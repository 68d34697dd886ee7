from django.urls import path

from . import views_measurement, views_overview

urlpatterns = [
    path("p/<int:pilot>/overzicht/", views_overview.overview_page, name="overview"),
    path(
        "p/<int:pilot>/overzicht/export.csv",
        views_overview.overview_export,
        name="overview-export",
    ),
    path("p/<int:pilot>/mijn-voortgang/", views_overview.my_progress, name="my-progress"),
    path("p/<int:pilot>/metingen/", views_measurement.rounds, name="measurement-rounds"),
    path("p/<int:pilot>/metingen/nieuw/", views_measurement.new_round, name="measurement-new"),
    path(
        "p/<int:pilot>/metingen/<int:round_id>/",
        views_measurement.answer_round,
        name="measurement-answer",
    ),
]
