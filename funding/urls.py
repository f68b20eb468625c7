"""funding's routes, under the `funding` namespace: /p/<slug>/funding/... (financial years,
contributions, payments, spending, sign-off and exports) and the API (/api/funding/...)."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import api, views

app_name = "funding"

# /p/<slug>/funding/...
year_routes = [
    path("", views.year_list, name="years"),
    path("new/", views.year_create, name="year-create"),
    path("<int:start_year>/", views.year_detail, name="year"),
    path("<int:start_year>/edit/", views.year_edit, name="year-edit"),
    path("<int:start_year>/contributions/new/", views.contribution_create,
         name="contribution-create"),
    path("<int:start_year>/contributions/<int:pk>/", views.contribution_edit,
         name="contribution-edit"),
    path("<int:start_year>/contributions/<int:pk>/payments/", views.payment_list,
         name="payments"),
    path("<int:start_year>/contributions/<int:pk>/payments/new/", views.payment_create,
         name="payment-create"),
    path("<int:start_year>/contributions/<int:pk>/payments/<int:payment_pk>/remove/",
         views.payment_remove, name="payment-remove"),
    path("<int:start_year>/lines/new/", views.line_create, name="line-create"),
    path("<int:start_year>/lines/<int:pk>/", views.line_edit, name="line-edit"),
    path("<int:start_year>/sign-off/", views.sign_off, name="sign-off"),
    path("<int:start_year>/export.csv", views.export, {"fmt": "csv"}, name="export-csv"),
    path("<int:start_year>/export.xlsx", views.export, {"fmt": "xlsx"}, name="export-xlsx"),
]

# /api/funding/...
api_router = SimpleRouter()
api_router.register("years", api.YearViewSet, basename="api-year")
api_router.register("contributions", api.ContributionViewSet, basename="api-contribution")

urlpatterns = [
    path("p/<slug:slug>/funding/", include(year_routes)),
    path("api/funding/", include(api_router.urls)),
]
