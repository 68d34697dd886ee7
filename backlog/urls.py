from django.urls import path

from . import views

app_name = "backlog"

P = "p/<int:pilot>/vragen/"

urlpatterns = [
    path(P, views.question_list, name="questions"),
    path(P + "<int:question_id>/", views.question_detail, name="question"),
    path(P + "<int:question_id>/steunen/", views.question_support, name="question-support"),
    path(P + "<int:question_id>/opmerking/", views.question_comment, name="question-comment"),
    path(P + "<int:question_id>/ordenen/", views.question_arrange, name="question-arrange"),
    path(
        P + "<int:question_id>/experiment/",
        views.question_to_experiment,
        name="question-experiment",
    ),
]
