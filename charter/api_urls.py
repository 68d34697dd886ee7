from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register(r"pilots/(?P<pilot>[0-9]+)/charter", api.CharterViewSet, basename="charter")

urlpatterns = router.urls
