from django.urls import path

from . import views

urlpatterns = [
    path("toegankelijkheid", views.accessibility, name="accessibility"),
]
