from django.urls import path

from . import api

urlpatterns = [
    path("pilots/", api.MyPilots.as_view(), name="api-pilots"),
    path("pilots/<int:pilot>/invitations/", api.Invitations.as_view(), name="api-invitations"),
]
