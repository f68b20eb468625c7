"""/api/...: groups, meetings and the action register."""

from rest_framework.routers import SimpleRouter

from . import api as governance

router = SimpleRouter()
router.register("groups", governance.GroupViewSet, basename="api-group")
router.register("meetings", governance.MeetingViewSet, basename="api-meeting")
router.register("actions", governance.ActionViewSet, basename="api-action")

urlpatterns = router.urls
