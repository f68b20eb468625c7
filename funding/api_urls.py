"""/api/funding/..."""

from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("years", api.YearViewSet, basename="api-funding-year")
router.register("contributions", api.ContributionViewSet, basename="api-funding-contribution")

urlpatterns = router.urls
