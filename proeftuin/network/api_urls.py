from django.urls import path

from . import api

urlpatterns = [
    path("pilots/<int:pilot>/benchmark/", api.PeerBenchmark.as_view(), name="api-benchmark"),
]
