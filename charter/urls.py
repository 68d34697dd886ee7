from django.urls import path

from . import views

app_name = "charter"

urlpatterns = [
    path("p/<int:pilot>/basisprincipes/", views.charter, name="charter"),
    path("p/<int:pilot>/sponsorbericht/", views.sponsor_message, name="sponsor"),
]
