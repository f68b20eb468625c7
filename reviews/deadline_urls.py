"""/p/<slug>/reviews/deadlines/: the case review deadlines dashboard."""

from django.urls import path

from .views import deadlines

urlpatterns = [
    path("deadlines/", deadlines.deadline_list, name="review-deadlines"),
]
