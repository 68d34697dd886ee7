from django.urls import path

from . import views

app_name = "learning"

P = "p/<int:pilot>/"

urlpatterns = [
    path(P + "leerpad/", views.dashboard, name="dashboard"),
    path(P + "leerpad/snel-vastleggen/", views.quick_log, name="quick-log"),
    path(P + "activiteiten/", views.activity_list, name="activities"),
    path(P + "activiteiten/nieuw/", views.activity_create, name="activity-create"),
    path(P + "activiteiten/<int:activity_id>/", views.activity_edit, name="activity-edit"),
    path(P + "activiteiten/<int:activity_id>/les/", views.activity_lesson, name="activity-lesson"),
    path(
        P + "activiteiten/<int:activity_id>/verwijderen/",
        views.activity_delete,
        name="activity-delete",
    ),
    path(P + "doelen/", views.goal_list, name="goals"),
    path(P + "doelen/nieuw/", views.goal_create, name="goal-create"),
    path(P + "doelen/<int:goal_id>/", views.goal_detail, name="goal"),
    path(P + "doelen/<int:goal_id>/wijzigen/", views.goal_edit, name="goal-edit"),
    path(P + "doelen/<int:goal_id>/check-in/", views.goal_check_in, name="goal-check-in"),
    path(P + "doelen/<int:goal_id>/afsluiten/", views.goal_close, name="goal-close"),
    path(P + "doelen/<int:goal_id>/verwijderen/", views.goal_delete, name="goal-delete"),
    path(P + "doelen/<int:goal_id>/opmerking/", views.goal_comment, name="goal-comment"),
    path(
        P + "doelen/<int:goal_id>/bevestiging-vragen/",
        views.goal_confirmation_ask,
        name="goal-confirmation-ask",
    ),
    path(
        P + "doelen/<int:goal_id>/bevestigen/",
        views.goal_confirmation_decide,
        name="goal-confirmation-decide",
    ),
    path(P + "experimenten/", views.experiment_list, name="experiments"),
    path(P + "experimenten/nieuw/", views.experiment_create, name="experiment-create"),
    path(P + "experimenten/<int:experiment_id>/", views.experiment_detail, name="experiment"),
    path(
        P + "experimenten/<int:experiment_id>/wijzigen/",
        views.experiment_edit,
        name="experiment-edit",
    ),
    path(
        P + "experimenten/<int:experiment_id>/lessen/",
        views.experiment_lesson,
        name="experiment-lesson",
    ),
    path(
        P + "experimenten/<int:experiment_id>/verwijderen/",
        views.experiment_delete,
        name="experiment-delete",
    ),
    path(
        P + "experimenten/<int:experiment_id>/ethiek/",
        views.ethics_answers,
        name="ethics-answers",
    ),
    path(
        P + "experimenten/<int:experiment_id>/toetsing/",
        views.ethics_decide,
        name="ethics-decide",
    ),
    path(P + "ethische-toetsen/", views.ethics_inbox, name="ethics-inbox"),
    path(
        P + "lessen/<int:lesson_id>/succesverhaal/",
        views.success_story_propose,
        name="success-story-propose",
    ),
    path(P + "succesverhalen/", views.success_stories, name="success-stories"),
    path(
        P + "succesverhalen/<int:lesson_id>/",
        views.success_story_review,
        name="success-story-review",
    ),
    path(P + "deelnemers/", views.participants, name="participants"),
    path(P + "deelnemers/export.csv", views.participants_csv, name="participants-csv"),
    path(P + "deelnemers/export.xlsx", views.participants_xlsx, name="participants-xlsx"),
    path(
        P + "deelnemers/<int:membership_id>/",
        views.participant_detail,
        name="participant",
    ),
    path(P + "vaardigheden/", views.skill_list, name="skills"),
    path(P + "vaardigheden/nieuw/", views.skill_edit, name="skill-create"),
    path(P + "vaardigheden/<int:skill_id>/", views.skill_edit, name="skill-edit"),
    path(P + "vaardigheden/<int:skill_id>/niveaus/", views.skill_levels, name="skill-levels"),
]
