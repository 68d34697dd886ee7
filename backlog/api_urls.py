"""/api/v1/pilots/<pilot>/questions/ of the backlog app."""

from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register(
    r"pilots/(?P<pilot>[0-9]+)/questions", api.QuestionViewSet, basename="backlog-question"
)

urlpatterns = router.urls
