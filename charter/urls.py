from django.urls import path

from . import views

app_name = "charter"

urlpatterns = [
    path("p/<int:pilot>/basisprincipes/", views.charter, name="charter"),
]
