"""Routes: the multi-agency dataset (/p/<slug>/scrutiny/dataset/...)."""

from django.urls import path

from .views import dataset as views

urlpatterns = [
    path("", views.overview, name="scrutiny-dataset"),
    path("measures/", views.measure_list, name="scrutiny-dataset-measure-list"),
    path("measures/new/", views.measure_create, name="scrutiny-dataset-measure-create"),
    path("measures/<int:pk>/edit/", views.measure_edit, name="scrutiny-dataset-measure-edit"),
    path("returns/", views.return_list, name="scrutiny-dataset-return-list"),
    path("returns/<int:pk>/", views.return_detail, name="scrutiny-dataset-return-detail"),
    path("returns/<int:pk>/reopen/", views.return_reopen, name="scrutiny-dataset-return-reopen"),
    path("agencies/<int:agency_pk>/<str:quarter>/", views.return_form,
         name="scrutiny-dataset-return-form"),
]
