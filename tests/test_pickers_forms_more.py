"""Agency pickers of the governance, reviews and scrutiny forms offer at most PICKER_MAX
agencies (partnership/forms/pickers.py, offer_in): a seat's agency, a
work plan item's lead agency, an action's owner agency (from a meeting or a
recommendation), the agencies asked for a rapid review summary, a measure's agencies, a
challenge's partners, a consultation's agencies and a finding's owner agency. With few
candidates all are offered and there is no search; with more, a search by name narrows the
offer (and the query count stays the same), what is chosen stays offered, any candidate is
accepted and anything else gets the field's error in the page's one error summary."""

import datetime
import html
from dataclasses import dataclass, field

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.models import Action, GroupMember, WorkPlanItem
from governance.services import priorities
from partnership.forms import pickers
from partnership.models import Agency, Designation
from partnership.services import access
from reviews.models import AgencySummary
from reviews.services import recommendations
from scrutiny.models import ChallengeAddressee, ConsultationResponse, Measure
from scrutiny.models import Finding as ScrutinyFinding
from scrutiny.services import consultations

from .matrix_practice import practice

pytestmark = pytest.mark.django_db
LIMIT = 5
DUE = {"due_on_0": "31", "due_on_1": "3", "due_on_2": "2030"}


@pytest.fixture
def small(monkeypatch):
    monkeypatch.setattr(pickers, "PICKER_MAX", LIMIT)


def schools(cast, n, start=0, kind="relevant_agency"):
    """n schools designated in P1 (Oak School 000...), with the grants the services write."""
    made = Agency.objects.bulk_create(
        [Agency(name=f"Oak School {i:03d}", sector="education") for i in range(start, start + n)])
    Designation.objects.bulk_create(
        [Designation(partnership=cast.p1, agency=a, kind=kind,
                     start_date=datetime.date(2020, 4, 1)) for a in made])
    access.grants_sync(pairs=[(cast.p1.pk, a.pk) for a in made])


def offered(response, name):
    return [str(label) for value, label in response.context["form"][name].field.widget.choices
            if value != ""]


def text(response):
    return html.unescape(response.content.decode())


def item(cast):
    priority = priorities.priority_create(
        partnership=cast.p1, title="Neglect", period_start=datetime.date(2025, 4, 1),
        period_end=datetime.date(2026, 3, 31))
    made = priorities.work_plan_item_create(priority=priority, title="Audit", lead_agency=cast.police)
    return {"pk": made.pk}


def priority(cast):
    return {"pk": priorities.priority_create(
        partnership=cast.p1, title="Neglect", period_start=datetime.date(2025, 4, 1),
        period_end=datetime.date(2026, 3, 31)).pk}


def recommendation(cast):
    return {"pk": recommendations.recommendation_create(
        review=practice(cast).practice1, text="Audit supervision").pk}


def consultation(cast):
    made = consultations.consultation_create(
        partnership=cast.p1, created_by=cast.bu_manager, title="Spring",
        period_start=datetime.date(2025, 10, 1), period_end=datetime.date(2026, 3, 31),
        closes_on=datetime.date(2030, 3, 31))
    consultations.question_add(consultation=made, text="What works?", kind="text")
    return {"pk": made.pk}


@dataclass
class Page:
    route: str
    user: str
    field: str
    args: object  # cast -> the URL's kwargs besides the slug (it may make a record)
    data: object  # (cast, agency pk) -> the POST
    made: object  # (cast, agency) -> whether the POST made its record
    error: str
    queries: int  # a narrowed GET with a search
    chosen: list = field(default_factory=list)  # offered before any search (an edit's value)
    kind: str = "relevant_agency"


ACTION = {"description": "Audit referrals", **DUE}
PAGES = [
    Page("governance:group-member-add", "bu_manager", "agency",
         lambda c: {"pk": c.exec_group.pk},
         lambda c, pk: {"role_label": "Head teacher", "agency": pk, "member_type": "core"},
         lambda c, a: GroupMember.objects.filter(agency=a, role_label="Head teacher").exists(),
         "Choose one of the partnership's agencies", 15),
    Page("governance:work-plan-item-create", "bu_manager", "lead_agency", priority,
         lambda c, pk: {"title": "Train", "lead_agency": pk, "progress": "not_started"},
         lambda c, a: WorkPlanItem.objects.filter(title="Train", lead_agency=a).exists(),
         "Choose an agency from the list", 15),
    Page("governance:work-plan-item-edit", "bu_manager", "lead_agency", item,
         lambda c, pk: {"title": "Train", "lead_agency": pk, "progress": "not_started"},
         lambda c, a: WorkPlanItem.objects.filter(title="Train", lead_agency=a).exists(),
         "Choose an agency from the list", 17, chosen=["Shires Police"]),
    Page("governance:action-create", "bu_manager", "owner_agency", lambda c: {},
         lambda c, pk: {**ACTION, "owner_agency": pk},
         lambda c, a: Action.objects.filter(description="Audit referrals", owner_agency=a).exists(),
         "Choose one of the partnership's agencies", 16),
    Page("governance:action-edit", "bu_manager", "owner_agency",
         lambda c: {"pk": c.action_police.pk},
         lambda c, pk: {**ACTION, "owner_agency": pk},
         lambda c, a: Action.objects.filter(description="Audit referrals", owner_agency=a).exists(),
         "Choose one of the partnership's agencies", 17, chosen=["Shires Police"]),
    Page("reviews:recommendation-action-add", "bu_manager", "owner_agency", recommendation,
         lambda c, pk: {**ACTION, "owner_agency": pk},
         lambda c, a: Action.objects.filter(description="Audit referrals", owner_agency=a).exists(),
         "Choose one of the partnership's agencies", 18),
    Page("reviews:summaries-request", "bu_manager", "agencies",
         lambda c: {"pk": c.review1.pk}, lambda c, pk: {"agencies": [pk]},
         lambda c, a: AgencySummary.objects.filter(rapid_review=c.review1, agency=a).exists(),
         "Choose from the partnership's agencies", 14),
    Page("scrutiny:dataset-measure-create", "bu_manager", "agencies", lambda c: {},
         lambda c, pk: {"code": "visits", "name": "Visits", "definition": "Home visits",
                        "unit": "count", "agencies": [pk], "higher_is_better": "yes"},
         lambda c, a: Measure.objects.filter(code="visits", agencies=a).exists(),
         "Select a valid choice", 12),
    Page("scrutiny:dataset-measure-edit", "bu_manager", "agencies",
         lambda c: {"pk": c.measure_missing.pk},
         lambda c, pk: {"code": "missing", "name": "Missing", "definition": "Episodes",
                        "unit": "count", "agencies": [pk], "higher_is_better": "no"},
         lambda c, a: Measure.objects.filter(code="missing", name="Missing", agencies=a).exists(),
         "Select a valid choice", 14, chosen=["Agency A Academy"]),
    Page("scrutiny:challenge-create", "scrutineer", "agencies", lambda c: {},
         lambda c, pk: {"subject": "Attendance", "detail": "Show us", "agencies": [pk]},
         lambda c, a: ChallengeAddressee.objects.filter(challenge__subject="Attendance",
                                                        agency=a).exists(),
         "Choose partners from the list", 13, kind="police"),
    Page("scrutiny:consultation-send", "bu_manager", "agencies", consultation,
         lambda c, pk: {"agencies": [pk]},
         lambda c, a: ConsultationResponse.objects.filter(
             consultation__title="Spring", agency=a).exists(),
         "Select a valid choice", 13),
    Page("scrutiny:finding-create", "scrutineer", "owner_agency",
         lambda c: {"pk": c.activity1.pk},
         lambda c, pk: {"text": "Supervision", "kind": "improvement",
                        "recommendation": "Record it", "owner_agency": pk, **DUE},
         lambda c, a: ScrutinyFinding.objects.filter(text="Supervision",
                                                     action__owner_agency=a).exists(),
         "Choose one of the partnership's agencies", 13),
]


@pytest.mark.parametrize("page", PAGES, ids=[page.route for page in PAGES])
def test_agency_pickers_narrow_by_search(page, cast, client_for, small):
    client = client_for(getattr(cast, page.user))
    address = reverse(page.route, kwargs={"slug": cast.p1.slug, **page.args(cast)})
    few = client.get(address)
    whole = [str(a) for a in few.context["form"][page.field].field.queryset]
    assert offered(few, page.field) == [
        few.context["form"][page.field].field.label_from_instance(a)
        for a in few.context["form"][page.field].field.queryset]
    assert 0 < len(whole) <= LIMIT and 'id="find_name"' not in text(few)

    schools(cast, 8, kind=page.kind)
    blank = client.get(address)
    assert offered(blank, page.field) == page.chosen and 'id="find_name"' in text(blank)
    with CaptureQueriesContext(connection) as queries:
        found = client.get(address, {"name": "oak school 00"})
    assert (page.route, len(queries)) == (page.route, page.queries)
    shown = [name for name in offered(found, page.field) if name not in page.chosen]
    assert len(offered(found, page.field)) == LIMIT  # (a chosen one may come first)
    assert shown == [f"Oak School 00{i}" for i in range(len(shown))]
    assert "More than 5 agencies match" in text(found) or "More than 5 partners" in text(found)
    narrow = client.get(address, {"name": "school 007"})
    assert offered(narrow, page.field) == sorted(["Oak School 007", *page.chosen])
    schools(cast, 30, start=100, kind=page.kind)
    with CaptureQueriesContext(connection) as queries:  # the same with more agencies
        client.get(address, {"name": "oak school 00"})
    assert len(queries) == page.queries

    # Not offered (the search finds other schools), but a candidate: accepted.
    unlisted = Agency.objects.get(name="Oak School 007")
    response = client.post(address + "?name=oak+school+10", page.data(cast, unlisted.pk))
    assert response.status_code == 302, text(response)
    assert page.made(cast, unlisted)

    # P2's agency is no candidate: the field's error in the page's one summary, nothing made.
    refused = client.post(address + "?name=oak", page.data(cast, cast.agency_x.pk))
    page_text = text(refused)
    assert refused.status_code == 200 and page_text.count('class="govuk-error-summary"') == 1
    assert page.error in page_text.split('class="govuk-error-summary"', 1)[1].split("</ul>")[0]
    assert not page.made(cast, cast.agency_x)


def test_the_search_keeps_the_pages_other_parameters_and_is_checked(cast, client_for, small):
    """An action from a meeting: the search carries `meeting`, the POST after a search still
    makes the meeting's action; a search too long is refused in the page's one summary."""
    client = client_for(cast.bu_manager)
    address = reverse("governance:action-create", args=[cast.p1.slug])
    schools(cast, 8)
    page = text(client.get(address, {"meeting": cast.meeting1.pk, "name": "oak school 00"}))
    assert f'<input type="hidden" name="meeting" value="{cast.meeting1.pk}">' in page
    assert 'value="oak school 00"' in page
    unlisted = Agency.objects.get(name="Oak School 007")
    response = client.post(f"{address}?meeting={cast.meeting1.pk}&name=oak+school+10",
                           {**ACTION, "owner_agency": unlisted.pk})
    assert response.status_code == 302
    assert Action.objects.get(description="Audit referrals").meeting == cast.meeting1
    refused = text(client.get(address, {"meeting": cast.meeting1.pk, "name": "x" * 101}))
    assert refused.count('class="govuk-error-summary"') == 1
    assert "Enter 100 characters or fewer" in refused.split('class="govuk-error-summary"')[1]
