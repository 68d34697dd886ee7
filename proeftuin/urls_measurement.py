from django.urls import path

from . import views_measurement

urlpatterns = [
    path("p/<int:pilot>/metingen/", views_measurement.rounds, name="measurement-rounds"),
    path("p/<int:pilot>/metingen/nieuw/", views_measurement.new_round, name="measurement-new"),
    path(
        "p/<int:pilot>/metingen/<int:round_id>/",
        views_measurement.answer_round,
        name="measurement-answer",
    ),
]
