"""/api/v1/pilots/<pilot>/{skills,goals,activities,experiments}/ of the learning app."""

from rest_framework.routers import SimpleRouter

from . import api

PILOT = r"pilots/(?P<pilot>[0-9]+)/"

router = SimpleRouter()
router.register(PILOT + "skills", api.SkillViewSet, basename="learning-skill")
router.register(PILOT + "goals", api.GoalViewSet, basename="learning-goal")
router.register(PILOT + "activities", api.ActivityViewSet, basename="learning-activity")
router.register(PILOT + "experiments", api.ExperimentViewSet, basename="learning-experiment")

urlpatterns = router.urls
