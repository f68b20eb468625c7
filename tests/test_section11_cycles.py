"""Cycles: the business unit starts one on a pinned template version and asks agencies by
designation, sector or by hand; the completion view counts each agency's progress; agency
staff see only their own return's status; an agency's lead asks for more time and the
business unit grants (the deadline moves) or refuses it with a reason; an agency asked by
two partnerships in overlapping cycles answers one shared return.

In the cast, P1's cycle1 (1 Sep - Fri 19 Dec 2025) asks agency A (a started draft) and the
police (submitted, shared with P2's cycle2, 1 Oct 2025 - 30 Jan 2026, which also asks
agency X)."""

import datetime

import pytest
from django.urls import reverse

from agencies.models import AssessmentTemplate, Cycle, Extension, ExtensionStatus, Kind, Request
from agencies.services import cycles, returns
from partnership.services import structure

from .conftest import at_noon
from .test_queries import count_queries

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def today(time_machine):
    """Today, for every clock: Mon 5 Jan 2026, after cycle1's deadline, before cycle2's."""
    day = D(2026, 1, 5)
    time_machine.move_to(at_noon(day), tick=False)
    return day


def url(cast, name, slug=None, **kwargs):
    return reverse(name, kwargs={"slug": slug or cast.p1.slug, **kwargs})


def return_url(cast, assessment, slug=None):
    return reverse("s11:return", args=[slug or cast.p1.slug, assessment.pk])


def dates(prefix, day):
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month), f"{prefix}_2": str(day.year)}


def create(client, cast, **data):
    form = {"name": "2026 Section 11 audit", "template": str(cast.s11_template.pk),
            **dates("opens_on", D(2026, 2, 2)), **dates("closes_on", D(2026, 5, 29)), **data}
    return client.post(url(cast, "s11:cycle-create"), form)


def asked(cycle):
    return sorted(cycle.requests.values_list("agency__name", flat=True))


# Creating cycles


def test_a_cycle_asks_the_statutory_partners_and_pins_the_template_version(cast, client_for):
    client = client_for(cast.bu_manager)
    form = client.get(url(cast, "s11:cycle-create")).content.decode()
    assert "The cycle uses this version of the template for good" in form
    response = create(client, cast, kinds="statutory")
    cycle = Cycle.objects.get(name="2026 Section 11 audit")
    assert response.status_code == 302 and response["Location"] == url(cast, "s11:cycle", pk=cycle.pk)
    assert asked(cycle) == ["Northshire Council", "Northshire ICB", "Shires Police"]
    assert cycle.template == cast.s11_template
    assert all(r.due_on == D(2026, 5, 29) for r in cycle.requests.all())
    page = client.get(response["Location"]).content.decode()
    assert "uses version 1 of Section 11 self-assessment (the eight key features)" in page
    assert "The cycle keeps this version" in page


def test_an_own_template_is_frozen_by_its_first_cycle(cast, client_for):
    from agencies.services import templates

    own = templates.template_copy(template=cast.s11_template, partnership=cast.p1, name="Ours")
    create(client_for(cast.bu_manager), cast, template=str(own.pk), kinds="relevant")
    own.refresh_from_db()
    assert own.frozen
    cycle = Cycle.objects.get(name="2026 Section 11 audit")
    assert cycle.template == own and asked(cycle) == ["Agency A Academy"]


@pytest.mark.parametrize(("data", "expected"), [
    ({"sectors": "education"}, ["Agency A Academy"]),
    ({"sectors": ["health", "police_justice"]}, ["Northshire ICB", "Shires Police"]),
    ({"kinds": "statutory", "sectors": "health"}, ["Northshire ICB"]),
    ({"kinds": "relevant", "sectors": "health"}, None),
    ({"kinds": ["statutory", "relevant"]},
     ["Agency A Academy", "Northshire Council", "Northshire ICB", "Shires Police"]),
], ids=["sector", "two sectors", "statutory health", "nothing matches", "every designation"])
def test_agencies_are_chosen_by_designation_and_sector(cast, client_for, data, expected):
    response = create(client_for(cast.bu_officer), cast, **data)
    if expected is None:
        assert response.status_code == 200
        assert "No agency left to ask has this designation and sector" in response.content.decode()
        assert not Cycle.objects.filter(name="2026 Section 11 audit").exists()
    else:
        assert asked(Cycle.objects.get(name="2026 Section 11 audit")) == expected


def test_agencies_chosen_by_hand_add_to_those_by_designation(cast, client_for):
    create(client_for(cast.bu_manager), cast, kinds="relevant",
           agencies=[str(cast.council1.pk)])
    assert asked(Cycle.objects.get(name="2026 Section 11 audit")) == [
        "Agency A Academy", "Northshire Council"]


def test_only_the_partnerships_agencies_can_be_asked(cast, client_for):
    response = create(client_for(cast.bu_manager), cast, agencies=[str(cast.agency_x.pk)])
    assert response.status_code == 200
    assert "Choose from the partnership&#x27;s agencies" in response.content.decode()


def test_a_cycle_needs_agencies_and_dates_in_order(cast, client_for):
    response = create(client_for(cast.bu_manager), cast, **dates("closes_on", D(2026, 1, 30)))
    body = response.content.decode()
    assert "Choose which agencies to ask: by designation, by sector or by hand" in body
    assert "The deadline must be on or after the day the cycle opens" in body
    assert "There is a problem" in body
    assert Cycle.objects.count() == 2


def test_a_template_without_standards_is_refused(cast, client_for):
    from agencies.services import templates

    empty = templates.template_copy(template=cast.s11_template, partnership=cast.p1, name="Empty")
    for standard in list(empty.standards.all()):
        templates.standard_remove(standard=standard)
    response = create(client_for(cast.bu_manager), cast, template=str(empty.pk), kinds="relevant")
    assert "The template has no standards yet" in response.content.decode()


def test_ask_more_agencies(cast, client_for):
    client = client_for(cast.bu_manager)
    form = client.get(url(cast, "s11:cycle-agencies", pk=cast.cycle1.pk)).content.decode()
    assert "Northshire Council" in form and "Agency A Academy" not in form  # already asked
    response = client.post(url(cast, "s11:cycle-agencies", pk=cast.cycle1.pk),
                           {"kinds": "statutory"})
    assert response.status_code == 302
    assert asked(cast.cycle1) == ["Agency A Academy", "Northshire Council", "Northshire ICB",
                                  "Shires Police"]


def test_change_a_cycle(cast, client_for):
    client = client_for(cast.bu_manager)
    response = client.post(url(cast, "s11:cycle-edit", pk=cast.cycle1.pk), {
        "name": "Northshire 2025", **dates("opens_on", D(2025, 9, 1)),
        **dates("closes_on", D(2025, 12, 12))})
    assert response.status_code == 302
    cast.cycle1.refresh_from_db()
    assert (cast.cycle1.name, cast.cycle1.closes_on) == ("Northshire 2025", D(2025, 12, 12))
    response = client.post(url(cast, "s11:cycle-edit", pk=cast.cycle1.pk), {
        "name": "Backwards", **dates("opens_on", D(2025, 9, 1)), **dates("closes_on", D(2025, 8, 1))})
    assert "The deadline must be on or after the day the cycle opens" in response.content.decode()


# The shared return


def test_the_police_answer_one_return_shared_by_both_partnerships(cast, client_for, today):
    police_p1 = cast.cycle1.requests.get(agency=cast.police)
    police_p2 = cast.cycle2.requests.get(agency=cast.police)
    assert police_p1.assessment == police_p2.assessment == cast.return_police
    p1_page = client_for(cast.bu_manager).get(url(cast, "s11:cycle", pk=cast.cycle1.pk))
    p2_page = client_for(cast.bu_p2).get(url(cast, "s11:cycle", slug=cast.p2.slug,
                                             pk=cast.cycle2.pk))
    assert "One return shared with Southshire Safeguarding Children Partnership" in p1_page.content.decode()
    assert "One return shared with Northshire Safeguarding Children Partnership" in p2_page.content.decode()
    for page, slug in ((p1_page, cast.p1.slug), (p2_page, cast.p2.slug)):
        assert return_url(cast, cast.return_police, slug) in page.content.decode()


def test_overlapping_cycles_created_by_two_partnerships_share_the_return(cast, client_for):
    trust = structure.agency_create(name="Shires Health Trust", sector="health")
    for partnership in (cast.p1, cast.p2):
        structure.designation_create(partnership=partnership, agency=trust,
                                     kind="relevant_agency", start_date=D(2020, 4, 1))
    create(client_for(cast.bu_manager), cast, agencies=[str(trust.pk)])
    client_for(cast.bu_p2).post(url(cast, "s11:cycle-create", slug=cast.p2.slug), {
        "name": "Southshire 2026", "template": str(cast.s11_template.pk), "agencies": [str(trust.pk)],
        **dates("opens_on", D(2026, 4, 1)), **dates("closes_on", D(2026, 7, 31))})
    client_for(cast.bu_p2).post(url(cast, "s11:cycle-create", slug=cast.p2.slug), {
        "name": "Southshire 2028", "template": str(cast.s11_template.pk), "agencies": [str(trust.pk)],
        **dates("opens_on", D(2028, 4, 1)), **dates("closes_on", D(2028, 7, 31))})
    p1_request, p2_request, later = (Request.objects.get(agency=trust, cycle__name=name) for name in (
        "2026 Section 11 audit", "Southshire 2026", "Southshire 2028"))
    assert p1_request.assessment == p2_request.assessment
    assert later.assessment != p1_request.assessment  # not overlapping: a return of its own


# The completion view and the list


def test_completion_counts_each_agencys_progress(cast, client_for, today):
    cycles.requests_add(cycle=cast.cycle1, agencies=[cast.council1, cast.icb1])
    icb_return = cast.cycle1.requests.get(agency=cast.icb1).assessment
    returns.answer_save(assessment=icb_return, standard=cast.s11_standard1, user=cast.bu_manager,
                        version=0, rating=3, narrative="")
    returns.sign_off(assessment=cast.return_police, user=_police_chief(cast))
    body = client_for(cast.scrutineer).get(url(cast, "s11:cycle", pk=cast.cycle1.pk)).content.decode()
    assert "4 asked, 3 started, 1 submitted, 1 signed off, 3 overdue" in body
    table = body.split('id="completion"', 1)[1]
    rows = {name: table.split(name, 1)[1].split("</tr>", 1)[0] for name in (
        "Agency A Academy", "Northshire Council", "Northshire ICB", "Shires Police")}
    assert "Started" in rows["Agency A Academy"] and "Overdue" in rows["Agency A Academy"]
    assert "Not started" in rows["Northshire Council"] and "Overdue" in rows["Northshire Council"]
    assert "Started" in rows["Northshire ICB"]
    assert "Signed off" in rows["Shires Police"] and "Overdue" not in rows["Shires Police"]
    manager = client_for(cast.bu_manager).get(url(cast, "s11:cycle", pk=cast.cycle1.pk))
    assert return_url(cast, cast.return_a) in manager.content.decode()  # drafts are the BU's
    listing = client_for(cast.scrutineer).get(url(cast, "s11:cycle-list")).content.decode()
    cells = listing.split("P1 Section 11 2025", 1)[1].split("</tr>", 1)[0]
    numbers = [part.split("<")[0] for part in cells.split('govuk-table__cell--numeric">')[1:]]
    assert numbers[:4] == ["4", "3", "1", "1"]
    assert 'govuk-tag--red">3' in cells


def _police_chief(cast):
    from partnership.models import User
    from partnership.services import people

    chief = User.objects.create_user("chief.police@cast.example", "pw", full_name="Chief Constable")
    people.membership_create(user=chief, partnership=cast.p1, role="agency_chief_officer",
                             agency=cast.police, start_date=D(2020, 4, 1))
    return User.objects.get(pk=chief.pk)


def test_readers_follow_drafts_without_opening_them(cast, client_for, today):
    body = client_for(cast.chair).get(url(cast, "s11:cycle", pk=cast.cycle1.pk)).content.decode()
    assert "Agency A Academy" in body and "Started" in body
    assert return_url(cast, cast.return_a) not in body  # a draft is never for the chair
    assert return_url(cast, cast.return_police) in body
    assert "CNRY-RETURN-A-DRAFT" not in body


def test_agency_staff_see_their_own_return_only(cast, client_for, today):
    listing = client_for(cast.lead_a).get(url(cast, "s11:cycle-list")).content.decode()
    assert "Your agency's returns" in listing and "P1 Section 11 2025" in listing
    assert "Started" in listing and "Overdue" in listing and "Ask for more time" in listing
    assert "Asked" not in listing  # no counts for agency staff
    assert return_url(cast, cast.return_a) in listing
    detail = client_for(cast.chief_a).get(url(cast, "s11:cycle", pk=cast.cycle1.pk)).content.decode()
    assert "Agency A Academy" in detail and "Shires Police" not in detail
    assert "Ask for more time" not in detail  # the lead asks, not the chief officer
    police = client_for(cast.lead_police).get(url(cast, "s11:cycle-list")).content.decode()
    assert "Submitted" in police and "Agency A Academy" not in police
    assert "Ask for more time" not in police  # already submitted


def test_cycle_list_queries_do_not_grow(cast, client_for, today):
    client = client_for(cast.bu_manager)
    list_url = url(cast, "s11:cycle-list")

    def add(n, start):
        for i in range(start, start + n):
            cycles.cycle_create(partnership=cast.p1, template=cast.s11_template, name=f"Cycle {i}",
                                opens_on=D(2030 + i, 1, 1), closes_on=D(2030 + i, 3, 1),
                                agencies=[cast.agency_a, cast.council1])

    add(2, 0)
    client.get(list_url)
    few, _ = count_queries(client, list_url)
    add(10, 2)
    many, response = count_queries(client, list_url)
    assert few == many
    assert "Cycle 11" in response.content.decode()
    lead = client_for(cast.lead_a)
    lead.get(list_url)
    few, _ = count_queries(lead, list_url)
    add(5, 12)
    many, _ = count_queries(lead, list_url)
    assert few == many


def test_completion_view_queries_do_not_grow(cast, client_for, today):
    client = client_for(cast.bu_manager)
    detail = url(cast, "s11:cycle", pk=cast.cycle1.pk)

    def add(n, start):
        agencies = []
        for i in range(start, start + n):
            agency = structure.agency_create(name=f"Agency {i:03d}", sector="health")
            structure.designation_create(partnership=cast.p1, agency=agency,
                                         kind="relevant_agency", start_date=D(2020, 4, 1))
            agencies.append(agency)
        cycles.requests_add(cycle=cast.cycle1, agencies=agencies)
        for request in cast.cycle1.requests.filter(agency__in=agencies)[:2]:
            cycles.extension_ask(request=request, user=cast.lead_a, until=D(2026, 2, 27),
                                 reason="More time")

    add(3, 0)
    client.get(detail)
    few, _ = count_queries(client, detail)
    add(20, 3)
    many, response = count_queries(client, detail)
    assert few == many
    assert "Agency 022" in response.content.decode()
    assert "25 asked" in response.content.decode()


# Extensions


def test_extension_granted_moves_the_deadline(cast, client_for, today):
    lead = client_for(cast.lead_a)
    ask = url(cast, "s11:extension-ask", request_pk=cast.request_a.pk)
    page = lead.get(ask).content.decode()
    assert "Friday 19 December 2025" in page
    response = lead.post(ask, {**dates("until", D(2026, 1, 30)), "reason": "New lead in post"})
    assert response["Location"] == url(cast, "s11:cycle", pk=cast.cycle1.pk)
    extension = Extension.objects.get()
    assert (extension.status, extension.asked_by) == (ExtensionStatus.PENDING, cast.lead_a)
    again = lead.post(ask, {**dates("until", D(2026, 2, 6)), "reason": "Even more"})
    assert "An extension request is already waiting for a decision" in again.content.decode()

    manager = client_for(cast.bu_manager)
    listing = manager.get(url(cast, "s11:extension-list")).content.decode()
    assert "Agency A Academy" in listing.split("Decided")[0]
    assert "1 extension request waiting" in manager.get(url(cast, "s11:cycle-list")).content.decode()
    response = manager.post(url(cast, "s11:extension-decide", pk=extension.pk),
                            {"decision": "grant", "comment": ""})
    assert response["Location"] == url(cast, "s11:extension-list")
    cast.request_a.refresh_from_db()
    assert cast.request_a.due_on == D(2026, 1, 30)
    extension.refresh_from_db()
    assert (extension.status, extension.decided_by) == (ExtensionStatus.GRANTED, cast.bu_manager)
    body = manager.get(url(cast, "s11:cycle", pk=cast.cycle1.pk)).content.decode()
    row = body.split(f'id="request-{cast.request_a.pk}"', 1)[1].split("</tr>", 1)[0]
    assert "30 Jan 2026" in row and "extended" in row and "Overdue" not in row
    twice = manager.post(url(cast, "s11:extension-decide", pk=extension.pk),
                         {"decision": "refuse", "comment": "Changed my mind"})
    assert "This request has already been decided" in twice.content.decode()


def test_a_refusal_needs_a_reason_and_keeps_the_deadline(cast, client_for, today):
    extension = cycles.extension_ask(request=cast.request_a, user=cast.lead_a,
                                     until=D(2026, 1, 30), reason="Busy")
    manager = client_for(cast.bu_officer)
    decide = url(cast, "s11:extension-decide", pk=extension.pk)
    response = manager.post(decide, {"decision": "refuse", "comment": "  "})
    assert response.status_code == 200
    assert "Enter why the extension is refused" in response.content.decode()
    extension.refresh_from_db()
    assert extension.status == ExtensionStatus.PENDING
    manager.post(decide, {"decision": "refuse", "comment": "The panel meets in January"})
    extension.refresh_from_db()
    cast.request_a.refresh_from_db()
    assert extension.status == ExtensionStatus.REFUSED
    assert cast.request_a.due_on == D(2025, 12, 19)
    history = client_for(cast.lead_a).get(
        url(cast, "s11:extension-ask", request_pk=cast.request_a.pk)).content.decode()
    assert "Refused" in history and "The panel meets in January" in history


def test_an_extension_must_be_after_the_deadline(cast, client_for):
    response = client_for(cast.lead_a).post(
        url(cast, "s11:extension-ask", request_pk=cast.request_a.pk),
        {**dates("until", D(2025, 12, 1)), "reason": "Oops"})
    assert "Ask for a date after the current deadline, 19 December 2025" in response.content.decode()
    assert not Extension.objects.exists()


def test_library_templates_are_the_only_ones_other_partnerships_share(cast):
    assert AssessmentTemplate.objects.filter(partnership=None, kind=Kind.SECTION_11).get() == \
        cast.cycle2.template
