from django.urls import path

from . import api_privacy

urlpatterns = [
    path("me/export/", api_privacy.MyExport.as_view(), name="api-me-export"),
]
