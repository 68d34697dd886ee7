from django.urls import path

from . import api

urlpatterns = [
    path("pilots/<int:pilot>/toolkit/", api.Toolkit.as_view(), name="api-toolkit"),
]
