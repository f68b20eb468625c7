"""Platform staff set up a partnership in the admin site; access follows at once."""

import pytest
from django.urls import reverse

from partnership import permissions
from partnership.models import LocalAuthorityArea, Partnership, User

pytestmark = pytest.mark.django_db


def test_a_partnership_set_up_in_the_admin_grants_access(cast, client_for):
    staff = User.objects.create_user("platform@cast.example", "irrelevant-password-1",
                                     full_name="Platform", is_staff=True, is_superuser=True)
    admin = client_for(staff)
    area = LocalAuthorityArea.objects.create(name="Westshire")
    response = admin.post(reverse("admin:partnership_partnership_add"), {
        "name": "Westshire Safeguarding Children Partnership", "short_name": "WSCP",
        "slug": "westshire", "local_authority_areas": [area.pk], "website": "",
        "designations-TOTAL_FORMS": "1", "designations-INITIAL_FORMS": "0",
        "designations-MIN_NUM_FORMS": "0", "designations-MAX_NUM_FORMS": "1000",
        "designations-0-agency": cast.police.pk, "designations-0-kind": "police",
        "designations-0-local_category": "", "designations-0-start_date": "2024-04-01",
        "designations-0-end_date": "",
        "closure_days-TOTAL_FORMS": "1", "closure_days-INITIAL_FORMS": "0",
        "closure_days-MIN_NUM_FORMS": "0", "closure_days-MAX_NUM_FORMS": "1000",
        "closure_days-0-date": "2026-12-24", "closure_days-0-reason": "Council closed",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    westshire = Partnership.objects.get(slug="westshire")
    assert westshire.closure_days.get().reason == "Council closed"
    # The police lead reaches the new partnership through their agency at once.
    assert westshire in permissions.partnerships_for(cast.lead_police)

    newcomer = User.objects.create_user("west@cast.example", "irrelevant-password-1",
                                        full_name="West Manager")
    response = admin.post(reverse("admin:partnership_partnershipmembership_add"), {
        "user": newcomer.pk, "partnership": westshire.pk, "role": "business_unit_manager",
        "agency": "", "title": "", "start_date": "2024-04-01", "end_date": "",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    assert permissions.can_manage_members(newcomer, westshire)
    assert set(permissions.agencies_for(newcomer).values_list("name", flat=True)) == {
        "Shires Police"}

    membership = newcomer.partnership_memberships.get()
    admin.post(reverse("admin:partnership_partnershipmembership_delete", args=[membership.pk]),
               {"post": "yes"})
    assert not permissions.partnerships_for(newcomer).exists()
