"""/api/reviews/...: notifications, rapid reviews, practice reviews and recommendations."""

from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("notifications", api.NotificationViewSet, basename="api-review-notification")
router.register("rapid-reviews", api.RapidReviewViewSet, basename="api-review-rapid-review")
router.register("practice-reviews", api.PracticeReviewViewSet,
                basename="api-review-practice-review")
router.register("recommendations", api.RecommendationViewSet,
                basename="api-review-recommendation")

urlpatterns = router.urls
