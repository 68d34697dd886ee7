from django.urls import path

from . import metrics, views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("metrics", metrics.metrics, name="metrics"),
    path("toegankelijkheid", views.accessibility, name="accessibility"),
]
