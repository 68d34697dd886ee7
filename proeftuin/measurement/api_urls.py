"""/api/v1/pilots/<pilot>/{rounds,plan,plan/actions}/ of the measurement."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api

PILOT = r"pilots/(?P<pilot>[0-9]+)/"

router = SimpleRouter()
router.register(PILOT + "rounds", api.RoundViewSet, basename="measurement-round")
router.register(PILOT + "plan/actions", api.PlanActionViewSet, basename="plan-action")

urlpatterns = [
    path(
        "pilots/<int:pilot>/rounds/<int:pk>/answers/",
        api.AnswersViewSet.as_view({"get": "retrieve", "put": "update"}),
        name="measurement-answers",
    ),
    path(
        "pilots/<int:pilot>/rounds/<int:pk>/report/",
        api.ReportViewSet.as_view({"get": "retrieve"}),
        name="measurement-report",
    ),
    path(
        "pilots/<int:pilot>/plan/",
        api.PlanViewSet.as_view({"get": "retrieve", "put": "update"}),
        name="plan",
    ),
    *router.urls,
]
