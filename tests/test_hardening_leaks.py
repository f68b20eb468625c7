"""Issue 13 (hardening), items 5 to 8: leaks of confidential decisions through a shared group,
of a financial year's whole-budget fields through the API, of partnership data to the platform
admin, and of agencies' drafts to partners and the scrutineer."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from agencies.services import returns as s11_returns
from governance.models import Meeting
from governance.services import groups, meetings
from partnership.models import User
from partnership.services import api_tokens
from scrutiny.models import DatasetStatus

from .cast import START

pytestmark = pytest.mark.django_db


# ------------------------------------------------------------------ 5: shared groups
@pytest.fixture
def shared_panel(cast):
    """P1's child death overview panel, shared with P2: a confidential and a public item, a
    decision on each; agency X's lead (of P2) has a seat on it."""
    panel = groups.group_create(
        partnership=cast.p1, shared_with=[cast.p2], name="Child Death Overview Panel",
        group_type="subgroup", frequency="quarterly", purpose="Shared panel", start_date=START)
    groups.member_add(group=panel, user=cast.lead_x, agency=cast.agency_x, role_label="Member",
                      start_date=START)
    meeting = meetings.meeting_create(
        group=panel, starts_at=datetime.datetime(2025, 6, 10, 10, 0, tzinfo=datetime.UTC))
    Meeting.objects.filter(pk=meeting.pk).update(status="held")  # it took place
    secret = meetings.item_add(meeting=meeting, title="Death of SHARED-CONF-ITEM",
                               confidential=True)
    public = meetings.item_add(meeting=meeting, title="Annual report SHARED-PUBLIC-ITEM")
    meetings.decision_add(meeting=meeting, item=secret, text="SHARED-CONF-DECISION")
    meetings.decision_add(meeting=meeting, item=public, text="SHARED-PUBLIC-DECISION")
    return panel, meeting


def _bodies(client, slug, meeting):
    pages = [reverse("governance:decision-list", kwargs={"slug": slug}),
             reverse("governance:meeting-detail", kwargs={"slug": slug, "pk": meeting.pk}),
             reverse("governance:api-meeting-detail", kwargs={"pk": meeting.pk}),
             reverse("governance:api-meeting-list")]
    found = {}
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        found[url] = response.content.decode()
    return found


def test_a_shared_groups_confidential_decisions_stay_with_its_own_business_unit(
        cast, client_for, shared_panel):
    _, meeting = shared_panel
    # P2's business unit sees the shared panel's public business, not its confidential one.
    for url, body in _bodies(client_for(cast.bu_p2), cast.p2.slug, meeting).items():
        assert "SHARED-CONF-DECISION" not in body, url
        assert "SHARED-CONF-ITEM" not in body, url
    decisions = client_for(cast.bu_p2).get(
        reverse("governance:decision-list", kwargs={"slug": cast.p2.slug})).content.decode()
    assert "SHARED-PUBLIC-DECISION" in decisions and "SHARED-PUBLIC-ITEM" in decisions
    # The group's own business unit and its members (of either partnership) see both.
    for who, slug in ((cast.bu_manager, cast.p1.slug), (cast.lead_x, cast.p2.slug)):
        decisions = client_for(who).get(
            reverse("governance:decision-list", kwargs={"slug": slug})).content.decode()
        assert "SHARED-CONF-DECISION" in decisions and "SHARED-CONF-ITEM" in decisions


# ------------------------------------------------------------------ 6: funding API
def test_the_year_detail_hides_what_the_year_list_and_pages_hide_from_agency_staff(
        cast, client_for):
    from funding import services as funding

    funding.year_update(year=cast.year1, notes="YEAR-NOTES", variance_reason="YEAR-REASON")
    url = reverse("funding:api-year-detail", kwargs={"pk": cast.year1.pk})
    hidden = ("declared_budget", "contributions_total", "variance", "notes", "variance_reason")
    for who in (cast.lead_a, cast.chief_a, cast.lead_police):
        client = client_for(who)
        detail = client.get(url).json()
        assert {name: detail[name] for name in hidden} == dict.fromkeys(hidden), detail
        listed = [y for y in client.get(reverse("funding:api-year-list")).json()["results"]
                  if y["id"] == cast.year1.pk]
        assert listed == [detail]
        page = client.get(reverse("funding:year", kwargs={
            "slug": cast.p1.slug, "start_year": cast.year1.start_year})).content.decode()
        assert "YEAR-NOTES" not in page and "YEAR-REASON" not in page
    detail = client_for(cast.scrutineer).get(url).json()
    assert (detail["declared_budget"], detail["notes"], detail["variance_reason"]) == (
        "1000.00", "YEAR-NOTES", "YEAR-REASON")


# ------------------------------------------------------------------ 7: the platform admin
@pytest.fixture
def superuser(db):
    return User.objects.create_user("platform@cast.example", "irrelevant-password-1",
                                    full_name="Platform", is_staff=True, is_superuser=True)


def test_the_admin_never_shows_an_api_token(cast, client_for, superuser):
    token, key = api_tokens.token_create(user=cast.lead_police, name="Figures script")
    admin = client_for(superuser)
    listing = admin.get(reverse("admin:partnership_apitoken_changelist"))
    assert listing.status_code == 200
    body = listing.content.decode()
    for secret in (key, token.digest, token.token_key[:8], "Figures script"):
        assert secret not in body
    assert "Lead Police" in body
    for name in ("add", "change", "delete", "history"):
        assert f"partnership_apitoken_{name}" not in {
            url.name for url in admin_site_urls()}, name
    # knox's own model is swapped out for partnership.ApiToken: no admin of it either.
    assert not any(url.name and url.name.startswith("knox_") for url in admin_site_urls())
    # Deleting the person the token belongs to names no token either.
    page = admin.get(reverse("admin:partnership_user_delete", args=[cast.lead_police.pk]))
    assert page.status_code == 200 and key not in page.content.decode()
    assert token.digest not in page.content.decode()


def admin_site_urls():
    from django.contrib import admin

    return list(_walk(admin.site.get_urls()))


def _walk(patterns):
    from django.urls import URLResolver

    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns)
        else:
            yield pattern


def test_the_admin_audit_log_shows_platform_records_only_and_searches(
        cast, client_for, superuser):
    s11_returns.answer_save(assessment=cast.return_a, standard=cast.s11_standard1,
                            user=cast.lead_a, version=cast.return_a.version, rating=2,
                            narrative="AUDIT-DRAFT-NARRATIVE")
    entry = LogEntry.objects.filter(changes__icontains="AUDIT-DRAFT-NARRATIVE").first()
    assert entry is not None  # the audit log does keep a copy
    admin = client_for(superuser)
    changelist = reverse("admin:auditlog_logentry_changelist")
    for url in (changelist, reverse("admin:auditlog_logentry_change", args=[entry.pk])):
        response = admin.get(url, follow=True)
        assert response.status_code == 200, (url, response.status_code)
        body = response.content.decode()
        assert "AUDIT-DRAFT-NARRATIVE" not in body and "CNRY-RETURN-A-DRAFT" not in body, url
    for term in ("AUDIT-DRAFT-NARRATIVE", "CNRY-RETURN-A-DRAFT", "CNRY-RR-FACTS"):  # search
        response = admin.get(changelist, {"q": term})
        assert response.status_code == 200, (term, response.status_code)
        assert response.context["cl"].result_count == 0, term
    # Platform records' history is still there, and searchable by the actor's e-mail.
    found = admin.get(changelist + "?q=Agency+A+Academy").content.decode()
    assert "Agency A Academy" in found


def test_the_access_event_log_in_the_admin_has_no_record_text(cast, client_for, superuser):
    from partnership.services.audit import access_event_record

    event = access_event_record(user=cast.bu_manager, obj=cast.case1, partnership=cast.p1,
                                path="/p/p1/reviews/")
    admin = client_for(superuser)
    body = admin.get(reverse("admin:partnership_accessevent_changelist")).content.decode()
    assert "Bu Manager" in body and "/p/p1/" not in body
    assert str(event.object_id) in body
    assert cast.case1.reference not in body and "Child A" not in body
    names = {url.name for url in admin_site_urls()}
    assert "partnership_accessevent_change" not in names  # its name is the record's text


# ------------------------------------------------------------------ 8: agencies' drafts
def test_drafts_are_the_agencys_until_submitted(cast, client_for):
    """Section 11 returns, rapid review summaries and dataset returns alike: a draft is seen
    by its agency and the business unit; partners, the chair and the scrutineer see it only
    once it is submitted (pages and API)."""
    assert cast.summary_a.status == "draft"
    assert cast.dataset_police.status == DatasetStatus.DRAFT
    summary_page = reverse("reviews:summary-edit", kwargs={
        "slug": cast.p1.slug, "pk": cast.review1.pk, "summary_pk": cast.summary_a.pk})
    review_page = reverse("reviews:rapid-detail", kwargs={"slug": cast.p1.slug,
                                                          "pk": cast.review1.pk})
    review_api = reverse("reviews:api-rapid-review-detail", kwargs={"pk": cast.review1.pk})
    return_page = reverse("scrutiny:dataset-return-detail",
                          kwargs={"slug": cast.p1.slug, "pk": cast.dataset_police.pk})
    return_api = reverse("scrutiny:api-dataset-return-detail",
                         kwargs={"pk": cast.dataset_police.pk})
    returns_page = reverse("scrutiny:dataset-return-list", kwargs={"slug": cast.p1.slug})
    returns_api = reverse("scrutiny:api-dataset-return-list")
    overview = reverse("scrutiny:dataset", kwargs={"slug": cast.p1.slug}) + "?quarter=2025-Q1"
    s11_page = reverse("s11:return", kwargs={"slug": cast.p1.slug, "pk": cast.return_a.pk})
    for who in ("lsp", "dsp", "chair", "scrutineer"):
        client = client_for(cast.users[who])
        for url in (summary_page, return_page, return_api, s11_page):
            assert client.get(url).status_code == 404, (who, url)
        summaries = client.get(review_api).json()["summaries"]
        assert cast.summary_a.pk not in {s["id"] for s in summaries}, who
        assert "CNRY-SUMMARY-A" not in client.get(review_page).content.decode(), who
        listed = client.get(returns_api).json()["results"]
        assert cast.dataset_police.pk not in {r["id"] for r in listed}, who
        assert cast.dataset_a.pk in {r["id"] for r in listed}, who
        for url in (returns_page, overview):
            body = client.get(url).content.decode()
            assert return_page not in body, (who, url)
    # The agency and the business unit see them.
    for who, urls in (("lead_a", (summary_page,)), ("lead_police", (return_page, return_api)),
                      ("bu_officer", (summary_page, return_page, return_api, s11_page))):
        for url in urls:
            assert client_for(cast.users[who]).get(url).status_code == 200, (who, url)
    # The review's stage still counts what was asked, and what is in.
    page = client_for(cast.lsp).get(review_page).content.decode()
    assert "Summaries requested (0 of 2 in)" in page
