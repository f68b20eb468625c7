"""Agency pickers of the core forms offer at most PICKER_MAX agencies (partnership/forms/
pickers.py): inviting someone, adding a contribution, starting a cycle or asking more
agencies, recording a challenge event and its follow-up action. With more candidates a
search by name narrows the offer, any candidate is still accepted, anything else gets the
field's error, and the page has one error summary."""

import datetime
import html

import pytest
from django.urls import reverse

from agencies.models import ChallengeEvent, Cycle
from agencies.services import challenge
from funding.models import Contribution
from governance.models import Action
from partnership.forms import pickers
from partnership.models import Agency, AgencyMembership, Designation, User
from partnership.services import access

pytestmark = pytest.mark.django_db
LIMIT = 5
TOO_LONG = "x" * 101


@pytest.fixture
def small(monkeypatch):
    """PICKER_MAX is 5."""
    monkeypatch.setattr(pickers, "PICKER_MAX", LIMIT)


def schools(cast, n, start=0):
    """n schools designated in P1 (Oak School 000...), with the grants the services write."""
    made = Agency.objects.bulk_create(
        [Agency(name=f"Oak School {i:03d}", sector="education") for i in range(start, start + n)])
    Designation.objects.bulk_create(
        [Designation(partnership=cast.p1, agency=a, kind="relevant_agency",
                     start_date=datetime.date(2020, 4, 1)) for a in made])
    access.grants_sync(pairs=[(cast.p1.pk, a.pk) for a in made])
    return made


def offered(response, name):
    """The agencies the picker `name` offers on the page (names, without the empty choice)."""
    return [str(label) for value, label in response.context["form"][name].field.widget.choices
            if value != ""]


def text(response):
    return html.unescape(response.content.decode())


def one_summary(response, *messages):
    """The page has one error summary, and it lists these messages."""
    page = text(response)
    assert response.status_code == 200 and page.count('class="govuk-error-summary"') == 1
    summary = page.split('class="govuk-error-summary"', 1)[1].split("</ul>", 1)[0]
    assert all(message in summary for message in messages), summary
    return page


def day(prefix, value):
    return {f"{prefix}_0": str(value.day), f"{prefix}_1": str(value.month),
            f"{prefix}_2": str(value.year)}


def check_search(cast, client, address, field, queries, django_assert_num_queries):
    """The narrowed page: nothing offered before a search, matches only after one, the
    search shown, a long search refused in the page's one summary, and the same number of
    queries with many more candidates."""
    schools(cast, 8)
    blank = client.get(address)
    assert offered(blank, field) == [] and 'id="find_name"' in text(blank)
    with django_assert_num_queries(queries):
        found = client.get(address, {"name": "oak school 00"})
    assert offered(found, field) == [f"Oak School 00{i}" for i in range(LIMIT)]
    assert "More than 5 agencies match" in text(found)
    narrow = client.get(address, {"name": "school 007"})
    assert offered(narrow, field) == ["Oak School 007"] and "1 of the agencies match" in text(narrow)
    one_summary(client.get(address, {"name": TOO_LONG}), "Enter 100 characters or fewer")
    schools(cast, 30, start=100)
    with django_assert_num_queries(queries):
        assert len(offered(client.get(address, {"name": "oak school"}), field)) == LIMIT


def few_agencies_need_no_search(client, address, field, expected):
    response = client.get(address)
    assert offered(response, field) == expected and 'id="find_name"' not in text(response)


# Inviting someone: the agency select offers the partnership's agencies


def invite_data(cast, agency):
    return {"email": "new.lead@example.org", "full_name": "New Lead", "role": "agency_lead",
            "agency": agency}


def test_invite_offers_few_agencies_whole_and_many_by_search(cast, client_for, small,
                                                               django_assert_num_queries):
    client = client_for(cast.bu_manager)
    address = reverse("people-invite", args=[cast.p1.slug])
    few_agencies_need_no_search(client, address, "agency", [
        "Agency A Academy", "Northshire Council", "Northshire ICB", "Shires Police"])
    check_search(cast, client, address, "agency", 12, django_assert_num_queries)
    # Not offered (the search finds schools) but the partnership's: accepted.
    response = client.post(address + "?name=oak", invite_data(cast, cast.agency_a.pk))
    assert response.status_code == 302
    assert AgencyMembership.objects.filter(agency=cast.agency_a,
                                           user__email="new.lead@example.org").exists()
    # P2's agency is no candidate: the field's error, nothing made.
    refused = client.post(address + "?name=oak", invite_data(cast, cast.agency_x.pk) | {
        "email": "other@example.org"})
    one_summary(refused, "Choose one of the partnership's agencies")
    assert not User.objects.filter(email="other@example.org").exists()
    # What was chosen stays offered on the page that shows an error.
    chosen = Agency.objects.get(name="Oak School 006")
    response = client.post(address, invite_data(cast, chosen.pk) | {"role": ""})
    one_summary(response, "Choose a role")
    assert offered(response, "agency") == ["Oak School 006"]


# Adding a contribution: any agency in England may contribute


def test_contribution_offers_any_agency_by_search(cast, client_for, small,
                                                   django_assert_num_queries):
    client = client_for(cast.bu_manager)
    address = reverse("funding:contribution-create", args=[cast.p1.slug, 2025])
    check_search(cast, client, address, "agency", 13, django_assert_num_queries)
    data = {"agreed": "1500.00"}
    response = client.post(address + "?name=oak", data | {"agency": cast.agency_x.pk})
    assert response.status_code == 302
    assert Contribution.objects.filter(year=cast.year1, agency=cast.agency_x).exists()
    refused = client.post(address + "?name=oak", data | {"agency": 99999999})
    one_summary(refused, "Choose one of the agencies in the list")
    assert Contribution.objects.filter(year=cast.year1).count() == 3


def test_contribution_few_agencies_are_all_offered(cast, client_for):
    client = client_for(cast.bu_manager)
    few_agencies_need_no_search(
        client, reverse("funding:contribution-create", args=[cast.p1.slug, 2025]), "agency",
        sorted(Agency.objects.values_list("name", flat=True)))


# Section 11 cycles: the agencies ticked by hand (designation kinds and sectors stay)


def cycle_data(cast, **more):
    return {"name": "2026 audit", "template": str(cast.s11_template.pk),
            **day("opens_on", datetime.date(2026, 2, 2)),
            **day("closes_on", datetime.date(2026, 5, 29)), **more}


def test_starting_a_cycle_offers_agencies_by_search(cast, client_for, small,
                                                    django_assert_num_queries):
    client = client_for(cast.bu_manager)
    address = reverse("s11:cycle-create", args=[cast.p1.slug])
    few_agencies_need_no_search(client, address, "agencies", [
        "Agency A Academy", "Northshire Council", "Northshire ICB", "Shires Police"])
    check_search(cast, client, address, "agencies", 13, django_assert_num_queries)
    page = text(client.get(address, {"name": "oak"}))
    assert "Statutory partners (local authority, police, NHS commissioner)" in page  # kinds stay
    assert 'type="checkbox" value="' in page
    response = client.post(address + "?name=oak", cycle_data(cast, agencies=[cast.icb1.pk]))
    assert response.status_code == 302
    cycle = Cycle.objects.get(name="2026 audit")
    assert list(cycle.requests.values_list("agency__name", flat=True)) == ["Northshire ICB"]
    refused = client.post(address + "?name=oak", cycle_data(
        cast, name="Refused", agencies=[cast.icb1.pk, cast.agency_x.pk]))
    one_summary(refused, "Choose from the partnership's agencies")
    assert not Cycle.objects.filter(name="Refused").exists()


def test_asking_more_agencies_offers_them_by_search(cast, client_for, small,
                                                    django_assert_num_queries):
    client = client_for(cast.bu_manager)
    address = reverse("s11:cycle-agencies", args=[cast.p1.slug, cast.cycle1.pk])
    few_agencies_need_no_search(client, address, "agencies", [
        "Northshire Council", "Northshire ICB"])
    check_search(cast, client, address, "agencies", 13, django_assert_num_queries)
    response = client.post(address + "?name=oak", {"agencies": [cast.council1.pk]})
    assert response.status_code == 302
    assert cast.cycle1.requests.filter(agency=cast.council1).exists()
    refused = client.post(address, {"agencies": [cast.agency_a.pk]})  # already asked
    one_summary(refused, "Choose from the partnership's agencies")
    assert cast.cycle1.requests.count() == 3


# Challenge events: the agencies invited and a follow-up action's owner


def test_a_challenge_event_invites_agencies_found_by_search(cast, client_for, small,
                                                            django_assert_num_queries):
    client = client_for(cast.bu_manager)
    address = reverse("s11:challenge-create", args=[cast.p1.slug])
    few_agencies_need_no_search(client, address, "agencies", [
        "Agency A Academy", "Northshire Council", "Northshire ICB", "Shires Police"])
    check_search(cast, client, address, "agencies", 13, django_assert_num_queries)
    data = {"cycle": cast.cycle1.pk, "title": "Challenge day",
            **day("held_on", datetime.date(2025, 11, 3))}
    response = client.post(address + "?name=oak", data | {"agencies": [cast.police.pk]})
    assert response.status_code == 302
    assert list(ChallengeEvent.objects.get().agencies.all()) == [cast.police]
    refused = client.post(address, data | {"title": "Refused", "agencies": [cast.agency_x.pk]})
    one_summary(refused, "Choose agencies of this partnership")
    assert not ChallengeEvent.objects.filter(title="Refused").exists()


def test_a_follow_up_action_owner_is_found_by_search(cast, client_for, small,
                                                     django_assert_num_queries):
    event = challenge.event_create(cycle=cast.cycle1, title="Challenge day", outcome="",
                                   held_on=datetime.date(2025, 11, 3), agencies=[cast.police])
    client = client_for(cast.bu_manager)
    address = reverse("s11:challenge-action-add", args=[cast.p1.slug, event.pk])
    few_agencies_need_no_search(client, address, "owner_agency", [
        "Agency A Academy", "Northshire Council", "Northshire ICB", "Shires Police"])
    check_search(cast, client, address, "owner_agency", 13, django_assert_num_queries)
    data = {"description": "Brief the staff", **day("due_on", datetime.date(2030, 6, 1))}
    response = client.post(address + "?name=oak", data | {"owner_agency": cast.council1.pk})
    assert response.status_code == 302
    assert event.actions.get().owner_agency == cast.council1
    refused = client.post(address, data | {"description": "Refused",
                                           "owner_agency": cast.agency_x.pk})
    one_summary(refused, "Choose one of the partnership's agencies")
    assert not Action.objects.filter(description="Refused").exists()


# Designating an agency: one error summary for the search and the form


def test_the_designation_page_has_one_error_summary(cast, client_for):
    client = client_for(cast.bu_manager)
    address = reverse("designation-add", args=[cast.p1.slug])
    response = client.post(address + "?agency_name=" + TOO_LONG, {"kind": "relevant_agency"})
    one_summary(response, "Enter 100 characters or fewer", "Choose the agency")
    assert not Designation.objects.filter(partnership=cast.p1, agency=cast.agency_x).exists()
