"""/p/<slug>/funding/..."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.year_list, name="funding-years"),
    path("new/", views.year_create, name="funding-year-create"),
    path("<int:start_year>/", views.year_detail, name="funding-year"),
    path("<int:start_year>/edit/", views.year_edit, name="funding-year-edit"),
    path("<int:start_year>/contributions/new/", views.contribution_create,
         name="funding-contribution-create"),
    path("<int:start_year>/contributions/<int:pk>/", views.contribution_edit,
         name="funding-contribution-edit"),
    path("<int:start_year>/lines/new/", views.line_create, name="funding-line-create"),
    path("<int:start_year>/lines/<int:pk>/", views.line_edit, name="funding-line-edit"),
    path("<int:start_year>/sign-off/", views.sign_off, name="funding-sign-off"),
    path("<int:start_year>/export.csv", views.export, {"fmt": "csv"}, name="funding-export-csv"),
    path("<int:start_year>/export.xlsx", views.export, {"fmt": "xlsx"},
         name="funding-export-xlsx"),
]
