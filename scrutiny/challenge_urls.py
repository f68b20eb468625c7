"""/p/<slug>/scrutiny/challenges/...: the challenge log."""

from django.urls import path

from .views import challenges

urlpatterns = [
    path("", challenges.challenge_list, name="scrutiny-challenge-list"),
    path("new/", challenges.challenge_create, name="scrutiny-challenge-create"),
    path("<int:pk>/", challenges.challenge_detail, name="scrutiny-challenge-detail"),
    path("<int:pk>/respond/<int:agency_pk>/", challenges.response_create,
         name="scrutiny-challenge-respond"),
    path("<int:pk>/judgement/", challenges.judgement_create, name="scrutiny-challenge-judge"),
    path("<int:pk>/close/", challenges.challenge_close, name="scrutiny-challenge-close"),
]
