"""The shared funding's sign-off (issue 16, item 6: the same rule as the arrangements): lead
safeguarding partners only, each for the partner they act for, with the capacity they signed
in recorded and shown; a delegated partner is refused with the reason."""

import pytest
from django.urls import reverse

from funding.models import SignOff

from .matrix_arrangements import leads

pytestmark = pytest.mark.django_db


def test_only_lead_partners_sign_the_budget_off_and_their_capacity_is_recorded(cast, client_for):
    url = reverse("funding:sign-off", args=[cast.p1.slug, cast.year1.start_year])
    refused = client_for(cast.dsp).post(url)
    assert refused.status_code == 403
    assert "the sign-off must be the lead partner&#x27;s own" in refused.content.decode()
    assert not SignOff.objects.exists()
    police = leads(cast)[1]
    for user in (cast.lsp, police.user):
        assert client_for(user).post(url).status_code == 302
    capacities = dict(SignOff.objects.values_list("partner__name", "capacity"))
    assert capacities == {
        "Northshire Council": "Lead safeguarding partner for Northshire Council",
        "Shires Police": "Chief Constable, lead safeguarding partner for Shires Police"}
    page = client_for(cast.bu_manager).get(
        reverse("funding:year", args=[cast.p1.slug, cast.year1.start_year])).content.decode()
    assert "Chief Constable, lead safeguarding partner for Shires Police" in page
