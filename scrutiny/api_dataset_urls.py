"""API routes: the multi-agency dataset (/api/scrutiny/dataset-measures/, dataset-returns/)."""

from rest_framework.routers import SimpleRouter

from . import api_dataset

router = SimpleRouter()
router.register("dataset-measures", api_dataset.MeasureViewSet,
                basename="scrutiny-dataset-api-measure")
router.register("dataset-returns", api_dataset.ReturnViewSet,
                basename="scrutiny-dataset-api-return")

urlpatterns = router.urls
