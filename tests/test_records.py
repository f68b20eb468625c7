"""Decisions and declarations corrected and withdrawn with their reasons, and the decisions
log across groups (issue 18, item 7)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from governance.models import Correction, Decision, Meeting
from governance.services import groups, meetings, records

from .cast import START

pytestmark = pytest.mark.django_db


def _url(cast, name, record):
    return reverse(f"governance:meeting-{name}", args=[cast.p1.slug, cast.meeting1.pk, record.pk])


def test_correcting_keeps_the_previous_text_and_the_reason(cast, client_for):
    decision = meetings.decision_add(meeting=cast.meeting1, text="Budget of £10,000 agreed")
    client = client_for(cast.bu_officer)
    url = _url(cast, "decision-correct", decision)
    response = client.post(url, {"text": "Budget of £12,000 agreed", "reason": ""})
    assert "Enter the reason" in response.content.decode()
    response = client.post(url, {"text": "Budget of £10,000 agreed", "reason": "Typo"})
    assert "is the same as the recorded one" in response.content.decode()
    assert not Correction.objects.exists()
    response = client.post(url, {"text": "Budget of £12,000 agreed", "reason": "Typo in the sum"})
    assert response.status_code == 302
    decision.refresh_from_db()
    correction = decision.corrections.get()
    assert decision.text == "Budget of £12,000 agreed"
    assert (correction.previous_text, correction.reason, correction.made_by) == (
        "Budget of £10,000 agreed", "Typo in the sum", cast.bu_officer)
    page = client_for(cast.scrutineer).get(
        reverse("governance:meeting-detail", args=[cast.p1.slug, cast.meeting1.pk])).content.decode()
    assert "Corrected" in page and "Budget of £10,000 agreed" in page and "Typo in the sum" in page


def test_a_declaration_is_corrected_and_withdrawn(cast):
    declaration = meetings.declaration_add(meeting=cast.meeting1, person="Dsp", interest="Knows")
    records.declaration_correct(declaration=declaration, text="Is related to", reason="Misheard",
                                user=cast.bu_manager)
    records.declaration_withdraw(declaration=declaration, reason="Declared at the wrong meeting")
    declaration.refresh_from_db()
    assert declaration.interest == "Is related to"
    assert declaration.corrections.get().previous_text == "Knows"
    assert declaration.withdrawn_reason == "Declared at the wrong meeting"
    with pytest.raises(ValidationError) as error:
        records.declaration_correct(declaration=declaration, text="Again", reason="x", user=None)
    assert "withdrawn" in str(error.value)


def test_withdrawing_needs_a_reason_and_ends_a_current_decision(cast, client_for):
    decision = meetings.decision_add(meeting=cast.meeting1, text="WITHDRAWN-ONE")
    meetings.decision_add(meeting=cast.meeting1, text="STILL-CURRENT")
    client = client_for(cast.lsp)  # the group's chair runs its meetings
    url = _url(cast, "decision-withdraw", decision)
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 200 and "Enter the reason" in response.content.decode()
    decision.refresh_from_db()
    assert decision.withdrawn_at is None
    assert client.post(url, {"reason": "Superseded by the March decision"}).status_code == 302
    decision.refresh_from_db()
    assert decision.withdrawn_at is not None
    with pytest.raises(ValidationError):
        records.decision_withdraw(decision=decision, reason="Again")
    log = reverse("governance:decision-list", args=[cast.p1.slug])
    current = client.get(log + "?status=current").content.decode()
    assert "STILL-CURRENT" in current and "WITHDRAWN-ONE" not in current
    withdrawn = client.get(log + "?status=withdrawn").content.decode()
    assert "WITHDRAWN-ONE" in withdrawn and "STILL-CURRENT" not in withdrawn
    assert "Superseded by the March decision" in withdrawn and "<del>" in withdrawn
    meeting_page = client.get(reverse("governance:meeting-detail",
                                      args=[cast.p1.slug, cast.meeting1.pk])).content.decode()
    assert "Withdrawn" in meeting_page and "Superseded by the March decision" in meeting_page


def test_a_confidential_record_is_404_to_those_who_may_not_see_it(cast, client_for):
    secret = meetings.decision_add(meeting=cast.meeting1, text="x", item=cast.item_conf)
    public = meetings.decision_add(meeting=cast.meeting1, text="x", item=cast.item_public)
    for name in ("decision-correct", "decision-withdraw"):
        assert client_for(cast.scrutineer).get(_url(cast, name, secret)).status_code == 404
        assert client_for(cast.scrutineer).get(_url(cast, name, public)).status_code == 403
        assert client_for(cast.dsp).get(_url(cast, name, secret)).status_code == 403  # a member
        assert client_for(cast.bu_manager).get(_url(cast, name, secret)).status_code == 200


def test_the_api_lists_corrections_and_withdrawals_to_those_who_see_the_record(cast, client_for):
    secret = meetings.decision_add(meeting=cast.meeting1, text="CONF-NOW", item=cast.item_conf)
    records.decision_correct(decision=secret, text="CONF-NOW-2", reason="CONF-REASON",
                             user=cast.bu_officer)
    records.decision_withdraw(decision=secret, reason="CONF-WITHDRAWN")
    url = reverse("governance:api-meeting-detail", kwargs={"pk": cast.meeting1.pk})
    body = client_for(cast.dsp).get(url).json()
    decision = next(d for d in body["decisions"] if d["id"] == secret.pk)
    assert decision["withdrawn_reason"] == "CONF-WITHDRAWN" and decision["withdrawn_at"]
    assert [(c["previous_text"], c["reason"]) for c in decision["corrections"]] == [
        ("CONF-NOW", "CONF-REASON")]
    outsider = client_for(cast.scrutineer).get(url).content.decode()
    assert "CONF-" not in outsider


def _other_group(cast):
    group = groups.group_create(partnership=cast.p1, name="Learning", group_type="subgroup",
                                frequency="monthly", start_date=START)
    meeting = meetings.meeting_create(
        group=group, starts_at=datetime.datetime(2025, 9, 9, 10, 0, tzinfo=datetime.UTC))
    Meeting.objects.filter(pk=meeting.pk).update(status="held")
    return group, meeting


def test_the_log_filters_by_group_dates_and_status(cast, client_for):
    group, september = _other_group(cast)
    meetings.decision_add(meeting=cast.meeting1, text="JUNE-EXEC")
    meetings.decision_add(meeting=september, text="SEPT-LEARNING")
    client = client_for(cast.bu_manager)
    log = reverse("governance:decision-list", args=[cast.p1.slug])

    def shown(query=""):
        page = client.get(log + query).content.decode()
        return {t for t in ("JUNE-EXEC", "SEPT-LEARNING") if t in page}

    assert shown() == {"JUNE-EXEC", "SEPT-LEARNING"}
    assert shown(f"?group={group.pk}") == {"SEPT-LEARNING"}
    assert shown(f"?group={cast.exec_group.pk}") == {"JUNE-EXEC"}
    assert shown("?start_0=1&start_1=7&start_2=2025") == {"SEPT-LEARNING"}
    assert shown("?end_0=30&end_1=6&end_2=2025") == {"JUNE-EXEC"}
    assert shown("?start_0=1&start_1=6&start_2=2025&end_0=3&end_1=6&end_2=2025") == {"JUNE-EXEC"}
    page = client.get(log + "?start_0=1&start_1=9&start_2=2025&end_0=1&end_1=6&end_2=2025")
    assert page.status_code == 200
    assert "must be on or after the &#x27;from&#x27; date" in page.content.decode()
    assert shown("?start_0=1&start_1=9&start_2=2025&end_0=1&end_1=6&end_2=2025") == set()
    assert "Choose a group from the list" in client.get(log + "?group=999999").content.decode()
    assert "Choose a status from the list" in client.get(log + "?status=x").content.decode()


def test_the_log_never_shows_a_confidential_decision_to_a_non_member(cast, client_for):
    meetings.decision_add(meeting=cast.meeting1, text="CANARY-SECRET-DECISION",
                          item=cast.item_conf)
    meetings.decision_add(meeting=cast.meeting1, text="OPEN-DECISION", item=cast.item_public)
    log = reverse("governance:decision-list", args=[cast.p1.slug])
    for query in ("", "?status=current", f"?group={cast.exec_group.pk}",
                  "?start_0=1&start_1=1&start_2=2025"):
        for who, sees in (("scrutineer", False), ("chair", False), ("lead_a", True),
                          ("bu_officer", True)):
            page = client_for(cast.users[who]).get(log + query).content.decode()
            assert "OPEN-DECISION" in page, (who, query)
            assert ("CANARY-SECRET-DECISION" in page) is sees, (who, query)


def test_the_log_is_paginated_with_a_pinned_query_count(cast, client_for,
                                                        django_assert_num_queries):
    group, september = _other_group(cast)
    for i in range(3):
        meetings.decision_add(meeting=september, text=f"Decision {i}", item=None)
    client = client_for(cast.lsp)
    log = reverse("governance:decision-list", args=[cast.p1.slug])
    client.get(log)
    with django_assert_num_queries(QUERIES) as captured:
        client.get(log + "?status=current")
    assert captured
    Decision.objects.bulk_create([Decision(meeting=september, text=f"Bulk {i}")
                                  for i in range(120)])
    decision = Decision.objects.filter(meeting=september).first()
    records.decision_correct(decision=decision, text="Changed", reason="x", user=cast.lsp)
    with django_assert_num_queries(QUERIES):
        page = client.get(log + "?status=current").content.decode()
    assert "123 decisions, showing 1 to 50" in page and "Corrected" in page
    second = client.get(log + "?status=current&page=2").content.decode()
    assert "showing 51 to 100" in second and 'aria-current="page">2<' in second


QUERIES = 14  # the same whatever the number of decisions and corrections (and the header's
# unread notifications count)
