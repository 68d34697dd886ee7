from django.urls import path

from . import api

urlpatterns = [
    path("pilots/<int:pilot>/inbox/", api.CoachInbox.as_view(), name="api-inbox"),
]
