"""Issue 14: Section 11's cycles (with an agency's own requests), templates, extension
requests and challenge events are pages of rows: with more rows than LIST_PAGE_SIZE, page 1
shows a page of them and page 2 the rest, with the count and the GOV.UK pagination, and the
query count is pinned and the same for 3 rows as for 6."""

import datetime
import re
from dataclasses import dataclass

import pytest
from django.urls import reverse

from agencies.models import (
    AssessmentTemplate,
    ChallengeEvent,
    Cycle,
    Extension,
    ExtensionStatus,
    Kind,
    Request,
    Return,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def _cycles(cast, start, n):
    Cycle.objects.bulk_create([Cycle(
        partnership=cast.p1, template=cast.s11_template, name=f"Bulk cycle {i}",
        opens_on=D(2030 + i, 1, 1), closes_on=D(2030 + i, 3, 1)) for i in range(start, start + n)])


def _own(cast, start, n):
    """n more cycles of P1, each asking agency A for a return."""
    _cycles(cast, start, n)
    made = Cycle.objects.filter(name__in=[f"Bulk cycle {i}" for i in range(start, start + n)])
    returns = Return.objects.bulk_create([Return(agency=cast.agency_a, template=cast.s11_template)
                                          for _ in made])
    Request.objects.bulk_create([Request(cycle=c, agency=cast.agency_a, due_on=c.closes_on,
                                         assessment=r) for c, r in zip(made, returns, strict=True)])


def _templates(cast, start, n):
    AssessmentTemplate.objects.bulk_create([AssessmentTemplate(
        partnership=cast.p1, kind=Kind.SECTION_175 if i % 2 else Kind.SECTION_11,
        name=f"Bulk template {i}") for i in range(start, start + n)])


def _extensions(cast, start, n):
    Extension.objects.bulk_create([Extension(
        request=cast.request_a, asked_by=cast.lead_a, until=D(2026, 2, 1), reason="More time",
        status=ExtensionStatus.GRANTED if i % 2 else ExtensionStatus.PENDING,
        decided_by=cast.bu_manager if i % 2 else None) for i in range(start, start + n)])


def _events(cast, start, n):
    made = ChallengeEvent.objects.bulk_create([ChallengeEvent(
        cycle=cast.cycle1, title=f"Bulk event {i}", held_on=D(2026, 1, 1 + i))
        for i in range(start, start + n)])
    ChallengeEvent.agencies.through.objects.bulk_create([ChallengeEvent.agencies.through(
        challengeevent_id=e.pk, agency_id=agency.pk)
        for e in made for agency in (cast.agency_a, cast.police)])


@dataclass
class ListPage:
    name: str
    who: str
    make: object
    queries: int
    one: str
    many: str


PAGES = {
    "cycles": ListPage("s11:cycle-list", "bu_manager", _cycles, 13, "cycle", "cycles"),
    "own": ListPage("s11:cycle-list", "lead_a", _own, 18, "return", "returns"),
    "templates": ListPage("s11:template-list", "bu_manager", _templates, 12, "template",
                          "templates"),
    "extensions": ListPage("s11:extension-list", "bu_manager", _extensions, 13,
                           "extension request", "extension requests"),
    "events": ListPage("s11:challenge-list", "bu_manager", _events, 13, "challenge event",
                       "challenge events"),
    "own-events": ListPage("s11:challenge-list", "lead_a", _events, 18, "challenge event",
                           "challenge events"),
}


def _rows(html):
    """The body rows of every table on the page."""
    return sum(len(re.findall(r'<tr class="govuk-table__row"[ >]', body.split("</tbody>")[0]))
               for body in html.split("<tbody")[1:])


@pytest.mark.parametrize("key", PAGES)
def test_the_list_is_a_page_of_rows(key, cast, client_for, settings, django_assert_num_queries):
    settings.LIST_PAGE_SIZE = 2
    page = PAGES[key]
    client = client_for(getattr(cast, page.who))
    url = reverse(page.name, args=[cast.p1.slug])
    page.make(cast, 0, 3)
    client.get(url)
    with django_assert_num_queries(page.queries):
        response = client.get(url)
    total = response.context["page"].paginator.count  # the cast's rows and the 3 made here
    assert total >= 3, key
    html = response.content.decode()
    assert _rows(html) == 2 and f"Showing 1 to 2 of {total} {page.many}" in html
    assert 'aria-current="page">1<' in html and 'rel="next"' in html
    second = client.get(url + "?page=2")
    rest = min(2, total - 2)
    assert len(second.context["page"].object_list) == rest
    html = second.content.decode()
    assert _rows(html) == rest and f"Showing 3 to {2 + rest} of {total}" in html
    assert 'rel="prev"' in html and ('rel="next"' in html) == (total > 4)
    page.make(cast, 3, 3)
    with django_assert_num_queries(page.queries):
        assert client.get(url).context["page"].paginator.count == total + 3


def test_every_row_is_on_one_page_or_the_other(cast, client_for, settings):
    """The order is a total one: the pages of a list hold every row once."""
    settings.LIST_PAGE_SIZE = 2
    _extensions(cast, 0, 5)
    client = client_for(cast.bu_manager)
    url = reverse("s11:extension-list", args=[cast.p1.slug])
    seen = [row.pk for number in (1, 2, 3)
            for row in client.get(f"{url}?page={number}").context["page"]]
    assert sorted(seen) == sorted(Extension.objects.values_list("pk", flat=True))
    first = client.get(url).content.decode()
    assert "Waiting for a decision <span" in first and "(3)" in first and "(2)" in first
    last = client.get(url + "?page=3").content.decode()
    assert "The requests waiting for a decision are on the earlier pages." in last


def test_an_agency_with_one_request_sees_no_agency_column(cast, client_for, settings):
    settings.LIST_PAGE_SIZE = 2
    html = client_for(cast.lead_a).get(reverse("s11:cycle-list", args=[cast.p1.slug]))
    body = html.content.decode()
    assert "1 return." in body and 'scope="col" class="govuk-table__header">Agency<' not in body
