"""The demo (issue 16, item 6): North Yorkshire's arrangements and threshold document are
published on a fresh demo, signed off by the lead partners of its statutory partners as they
stand in the demo's data, so the public pages show something."""

import pytest
from django.urls import reverse

from arrangements.models import DocumentVersion
from partnership import permissions as core
from partnership.models import Partnership

pytestmark = pytest.mark.django_db


def test_the_demo_publishes_the_arrangements_and_the_threshold_document(demo_data, client):
    partnership = Partnership.objects.get(slug="north-yorkshire")
    versions = DocumentVersion.objects.filter(partnership=partnership)
    assert set(versions.values_list("kind", "number")) == {("arrangements", 1), ("threshold", 1)}
    statutory = {a.pk for a in core.statutory_partners(partnership)}
    for version in versions:
        assert version.published_on is not None
        signed = version.sign_offs.filter(education=False)
        assert {s.partner_id for s in signed} == statutory
        assert all("lead safeguarding partner" in s.capacity for s in signed)
    body = client.get(reverse("arrangements:public-index", args=["north-yorkshire"])).content
    assert b"Published safeguarding arrangements</a> (version 1" in body
    assert b"Threshold document</a> (version 1" in body
    page = client.get(reverse("arrangements:public-document",
                              args=["north-yorkshire", "arrangements", 1])).content.decode()
    assert "North Yorkshire Police" in page and "Child death review arrangements" in page
