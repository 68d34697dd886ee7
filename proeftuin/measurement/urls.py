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
]
