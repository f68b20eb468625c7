"""Multi-agency child protection teams (Children's Wellbeing and Schools Act 2026, s3): the
business unit records them and their members; the pages say whether the statutory core
membership (social work, police, health, education) is met and name what is missing; the
report selector; the read API; query counts that do not grow with teams."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnership.errors import Invalid
from partnership.models import ChildProtectionTeam, ChildProtectionTeamMember
from partnership.selectors.child_protection import teams_for_report
from partnership.services import child_protection as services
from partnership.services import structure

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 1, 5)


def _team(cast, name="North team", **extra):
    return services.team_create(partnership=cast.p1, name=name, area="North localities",
                                start_date=START, **extra)


def _member(team, agency, discipline, role="Practitioner", **dates):
    return services.member_add(team=team, agency=agency, discipline=discipline, role=role,
                               start_date=dates.get("start", START), end_date=dates.get("end"))


def test_the_business_unit_records_a_team_and_its_members_through_the_pages(cast, client_for):
    client = client_for(cast.bu_manager)
    area = cast.p1.local_authority_areas.get()
    response = client.post(reverse("child-protection-team-add", args=[cast.p1.slug]), {
        "name": "Northshire West", "area": "West localities", "local_authority_area": area.pk,
        "start_date_0": "5", "start_date_1": "1", "start_date_2": "2026"})
    assert response.status_code == 302
    team = ChildProtectionTeam.objects.get(partnership=cast.p1, name="Northshire West")
    assert (team.area, team.local_authority_area, team.start_date) == (
        "West localities", area, START)
    add = reverse("child-protection-member-add", args=[cast.p1.slug, team.pk])
    for agency, discipline, role in ((cast.council1, "social_work", "Team manager"),
                                     (cast.police, "police", "Detective sergeant")):
        assert client.post(add, {"agency": agency.pk, "discipline": discipline, "role": role,
                                 "start_date_0": "5", "start_date_1": "1",
                                 "start_date_2": "2026"}).status_code == 302
    page = client.get(reverse("child-protection-team-detail", args=[cast.p1.slug, team.pk]))
    text = page.content.decode()
    assert "Not met" in text and "Missing: health, education" in text
    assert "Detective sergeant" in text and "Shires Police" in text
    listing = client.get(reverse("child-protection-team-list", args=[cast.p1.slug])).content
    assert b"Northshire West" in listing and b"Missing: health, education" in listing
    _member(team, cast.icb1, "health")
    _member(team, cast.agency_a, "education")
    page = client.get(reverse("child-protection-team-detail", args=[cast.p1.slug, team.pk]))
    assert b"Met</strong>" in page.content and b"Missing" not in page.content


def test_a_team_name_once_per_partnership(cast, client_for):
    _team(cast, "North team")
    with pytest.raises(Invalid):
        _team(cast, "north TEAM")
    response = client_for(cast.bu_officer).post(
        reverse("child-protection-team-add", args=[cast.p1.slug]),
        {"name": "North team", "area": "Elsewhere"})
    assert response.status_code == 200
    assert "already has a team called North team" in response.content.decode()
    assert ChildProtectionTeam.objects.filter(partnership=cast.p1).count() == 1
    # Another partnership may use the same name.
    services.team_create(partnership=cast.p2, name="North team", area="x")


def test_a_member_must_come_from_an_agency_designated_in_the_partnership(cast, client_for):
    team = _team(cast)
    with pytest.raises(Invalid) as refused:
        _member(team, cast.agency_x, "other")
    assert "agency" in refused.value.error_dict
    ended = structure.agency_create(name="Closed Trust", sector="health")
    structure.designation_create(partnership=cast.p1, agency=ended, kind="relevant_agency",
                                 start_date=datetime.date(2020, 4, 1),
                                 end_date=datetime.date(2025, 3, 31))
    with pytest.raises(Invalid):
        _member(team, ended, "health")
    with pytest.raises(Invalid):  # before the team started
        _member(team, cast.police, "police", start=datetime.date(2025, 1, 1))
    response = client_for(cast.bu_manager).post(
        reverse("child-protection-member-add", args=[cast.p1.slug, team.pk]),
        {"agency": cast.agency_x.pk, "discipline": "police", "role": "x"})
    assert "Choose one of the partnership&#x27;s agencies" in response.content.decode()
    assert not ChildProtectionTeamMember.objects.filter(team=team).exists()


def test_a_member_leaves_and_the_core_is_missing_from_the_next_day(cast, client_for):
    team = _team(cast)
    police = _member(team, cast.police, "police", role="Detective sergeant")
    client = client_for(cast.bu_manager)
    url = reverse("child-protection-member-end", args=[cast.p1.slug, team.pk, police.pk])
    assert client.post(url, {"end_date_0": "31", "end_date_1": "3",
                             "end_date_2": "2026"}).status_code == 302
    police.refresh_from_db()
    assert police.end_date == datetime.date(2026, 3, 31)
    on_day = teams_for_report(cast.p1, on=datetime.date(2026, 3, 31))
    after = teams_for_report(cast.p1, on=datetime.date(2026, 4, 1))
    assert "police" not in on_day[0].missing and "police" in after[0].missing


def test_readers_read_and_only_the_business_unit_writes(cast, client_for):
    team = _team(cast)
    detail = reverse("child-protection-team-detail", args=[cast.p1.slug, team.pk])
    edit = reverse("child-protection-team-edit", args=[cast.p1.slug, team.pk])
    for who in ("scrutineer", "lsp", "chair"):
        client = client_for(cast.users[who])
        assert client.get(detail).status_code == 200
        assert client.post(edit, {"name": "Renamed", "area": "x"}).status_code == 403
    for who in ("lead_a", "lead_police", "bu_p2"):
        assert client_for(cast.users[who]).get(detail).status_code == 404
    assert client_for(cast.bu_manager).post(edit, {"name": "Renamed", "area": "x"}) \
        .status_code == 302
    team.refresh_from_db()
    assert team.name == "Renamed"


def test_teams_for_report_leaves_out_ended_teams_and_computes_the_core(cast):
    running = _team(cast, "Running")
    _member(running, cast.council1, "social_work")
    _member(running, cast.police, "police", end=datetime.date(2026, 2, 1))
    services.team_create(partnership=cast.p1, name="Closed", area="x", start_date=START,
                         end_date=datetime.date(2026, 3, 1))
    teams = teams_for_report(cast.p1, on=datetime.date(2026, 6, 1))
    assert [t.name for t in teams] == ["Running"]
    assert [m.discipline for m in teams[0].current_members] == ["social_work"]
    assert [str(d) for d in teams[0].missing] == ["police", "health", "education"]


def _add_teams(cast, n):
    start = ChildProtectionTeam.objects.filter(partnership=cast.p1).count()
    for i in range(start, start + n):
        team = _team(cast, f"Team {i:03d}")
        _member(team, cast.council1, "social_work")
        _member(team, cast.police, "police")


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.parametrize("route", ["child-protection-team-list", "api"])
def test_the_team_list_queries_do_not_grow_with_teams(cast, client_for, route):
    client = client_for(cast.scrutineer)
    url = (reverse("api-child-protection-team-list") + f"?partnership={cast.p1.pk}"
           if route == "api" else reverse(route, args=[cast.p1.slug]))
    _add_teams(cast, 2)
    client.get(url)
    two, _ = _queries(client, url)
    _add_teams(cast, 10)
    twelve, response = _queries(client, url)
    assert two == twelve, f"{two} queries for 2 teams, {twelve} for 12"
    assert b"Team 011" in response.content


def test_teams_for_report_queries_do_not_grow(cast, django_assert_max_num_queries):
    _add_teams(cast, 12)
    with django_assert_max_num_queries(4):
        teams = teams_for_report(cast.p1)
        assert len(teams) == 12 and all(t.missing == ["health", "education"] for t in teams)
        assert all(m.agency.name_on(START) for t in teams for m in t.current_members)


def test_the_api_shows_the_team_with_its_members_and_missing_core(cast, client_for):
    team = _team(cast)
    _member(team, cast.agency_a, "education", role="Designated safeguarding lead")
    body = client_for(cast.scrutineer).get(
        reverse("api-child-protection-team-list") + f"?partnership={cast.p1.pk}").json()
    assert body["count"] == 1
    row = body["results"][0]
    assert row["missing_core"] == ["social_work", "police", "health"]
    assert row["members"][0]["agency_name"] == "Agency A Academy"
    staff = client_for(cast.lead_a).get(reverse("api-child-protection-team-list")).json()
    assert staff["count"] == 0
    assert client_for(cast.lead_a).get(
        reverse("api-child-protection-team-detail", args=[team.pk])).status_code == 404
