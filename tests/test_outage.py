"""A service the portal stands on being down is 503 with Retry-After, never 500: the cache
(read by the access sync before any view), the database or the broker failing inside a view,
as a page and as JSON under /api/ (partnership/api/errors.py, `partnership.errors.OUTAGES`)."""

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse
from kombu.exceptions import OperationalError as BrokerError

from partnership.api import views as api_views

pytestmark = pytest.mark.django_db

DEAD_REDIS = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": "redis://127.0.0.1:1/0",
                          "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}}}


def signed_in(user):
    client = Client(raise_request_exception=False)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_a_page_is_503_when_the_cache_is_down(cast, settings):
    client = signed_in(cast.bu_manager)
    settings.CACHES = DEAD_REDIS
    response = client.get(reverse("home"))
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert b"Sorry, the service is unavailable" in response.content
    assert b"try again in a few minutes" in response.content


def test_the_api_is_json_503_when_the_cache_is_down(cast, settings):
    client = signed_in(cast.bu_manager)
    settings.CACHES = DEAD_REDIS
    response = client.get(reverse("api-partnership-list"))
    assert response.status_code == 503
    assert response["Content-Type"].startswith("application/json")
    assert "try again" in response.json()["detail"]


@pytest.mark.parametrize("error", [OperationalError("server closed the connection"),
                                   BrokerError("Error 111 connecting to broker")])
def test_the_api_is_json_503_when_a_view_meets_an_outage(cast, monkeypatch, error):
    def down(self):
        raise error

    monkeypatch.setattr(api_views.PartnershipViewSet, "get_queryset", down)
    response = signed_in(cast.bu_manager).get(reverse("api-partnership-list"))
    assert response.status_code == 503 and response["Retry-After"] == "60"
    assert response.json()["detail"].startswith("Part of the service is not answering")


def test_other_errors_stay_500(cast, monkeypatch):
    def broken(self):
        raise RuntimeError("a bug")

    monkeypatch.setattr(api_views.PartnershipViewSet, "get_queryset", broken)
    response = signed_in(cast.bu_manager).get(reverse("api-partnership-list"))
    assert response.status_code == 500
