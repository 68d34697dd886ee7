from django.urls import path

from . import views

app_name = "charter"

urlpatterns = [
    path("p/<int:pilot>/basisprincipes/", views.charter, name="charter"),
    path("p/<int:pilot>/sponsorbericht/", views.sponsor_message, name="sponsor"),
    path("p/<int:pilot>/rollen/", views.roles, name="roles"),
    path("p/<int:pilot>/rollen/deskundige/", views.invite_expert, name="invite-expert"),
    path("p/<int:pilot>/rollen/<int:membership_id>/", views.appoint, name="appoint"),
]
