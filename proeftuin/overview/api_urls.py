from django.urls import path

from . import api

urlpatterns = [
    path("pilots/<int:pilot>/overview/", api.OverviewFigures.as_view(), name="api-overview"),
]
