"""An agency's portfolio, under the `portfolio` namespace: the page (/agencies/<id>/portfolio/)
and the API (/api/portfolio/?agency=<id>)."""

from django.urls import path

from . import api, views

app_name = "portfolio"

urlpatterns = [
    path("agencies/<int:pk>/portfolio/", views.portfolio, name="agency"),
    path("api/portfolio/", api.PortfolioView.as_view(), name="api"),
]
