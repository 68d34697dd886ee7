from django.urls import path

from . import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("toegankelijkheid", views.accessibility, name="accessibility"),
]
