"""API routes: the scrutiny indicators."""

from django.urls import path

from . import api_indicators

urlpatterns = [
    path("indicators/", api_indicators.IndicatorListView.as_view(), name="api-scrutiny-indicators"),
]
