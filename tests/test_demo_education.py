"""load_demo (partnership/demo_education.py): North Yorkshire's designated childcare and
education agencies with their reasons, and a child protection team missing one core
discipline, shown on its pages; loading again adds nothing."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from partnership import demo_education
from partnership.models import ChildProtectionTeam, Designation, Partnership, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def ny(demo_data, db):
    return Partnership.objects.get(slug="north-yorkshire")


def test_education_agencies_with_reasons_and_a_team_short_of_health(ny):
    education = Designation.objects.active().filter(partnership=ny, kind="education")
    assert education.count() == len(demo_education.EDUCATION)
    assert all(d.reason for d in education)
    team = ChildProtectionTeam.objects.get(partnership=ny)
    assert {m.discipline for m in team.members.all()} == {"social_work", "police", "education"}
    assert [str(d) for d in team.missing_core()] == ["health"]
    client = Client()
    client.force_login(User.objects.get(email="manager@nyscp.example"),
                       backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("child-protection-team-detail", args=[ny.slug, team.pk]))
    assert b"Missing: health" in page.content
    overview = client.get(reverse("partnership-overview", args=[ny.slug])).content.decode()
    assert "Craven College" in overview and "Designated childcare and education agencies (4)" \
        in overview


def test_loading_again_adds_nothing(ny):
    before = (Designation.objects.filter(partnership=ny).count(),
              ChildProtectionTeam.objects.count())
    call_command("load_demo", "--password", "another demo passphrase")
    assert (Designation.objects.filter(partnership=ny).count(),
            ChildProtectionTeam.objects.count()) == before
