"""API routes: the challenge log and the scrutiny plan's activities."""

from rest_framework.routers import SimpleRouter

from . import api_challenges

router = SimpleRouter()
router.register("challenges", api_challenges.ChallengeViewSet, basename="api-scrutiny-challenge")
router.register("activities", api_challenges.ActivityViewSet, basename="api-scrutiny-activity")

urlpatterns = router.urls
