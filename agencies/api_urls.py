"""/api/section11/...: cycles and returns, with writes for answering, submitting and
signing off."""

from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("cycles", api.CycleViewSet, basename="api-s11-cycle")
router.register("returns", api.ReturnViewSet, basename="api-s11-return")

urlpatterns = router.urls
