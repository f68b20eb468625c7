"""Scrutiny in context (issue 17, point 11, and the scrutiny notifications of point 9): a
challenge raised from an indicator's drill-down page is about that indicator and period and
links back to it; files on a challenge and on its responses are checked like every upload
and download only for whoever sees what they are on; raising, answering and judging a
challenge, opening a consultation and a yearly report ready to sign tell the people concerned,
in the portal and by e-mail (after the commit)."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnership.models import Notification, NotificationKind
from scrutiny.models import Challenge
from scrutiny.services import challenges, consultations, reports

from .matrix_scrutiny_challenge_files import PDF, files, pdf

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(name, args=args)


def raise_from_indicator(cast, client, **extra):
    return client.post(url("scrutiny:challenge-create", cast.p1.slug), {
        "subject": "Overdue actions, 2025/26", "detail": "Why so many?",
        "agencies": [cast.police.pk], "indicator": "actions_overdue", "period": "2025",
        **extra})


@pytest.fixture
def quiet(cast):
    """The cast's own notifications (its challenges, consultation and reports) set aside."""
    Notification.objects.all().delete()
    return cast


def kinds(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


# Raising a challenge from an indicator

def test_the_drill_down_page_offers_a_challenge_about_its_figure(cast, client_for):
    page = client_for(cast.scrutineer).get(
        url("scrutiny:indicator", cast.p1.slug, "actions_overdue") + "?period=2025/26"
    ).content.decode()
    link = re.search(r'id="raise-challenge" href="([^"]+)"', page).group(1)
    assert link == url("scrutiny:challenge-create", cast.p1.slug) + \
        "?indicator=actions_overdue&amp;period=2025"
    form = client_for(cast.scrutineer).get(link.replace("&amp;", "&")).content.decode()
    assert 'value="Overdue actions, 2025/26"' not in form  # the indicator's own name:
    assert 'value="Actions overdue, 2025/26"' in form
    assert 'name="indicator" value="actions_overdue"' in form
    assert 'name="period" value="2025"' in form
    assert "About ‘Actions overdue, 2025/26’" in form
    assert 'enctype="multipart/form-data"' in form


def test_a_bad_indicator_in_the_address_fills_nothing_in(cast, client_for):
    form = client_for(cast.scrutineer).get(
        url("scrutiny:challenge-create", cast.p1.slug) + "?indicator=nope&period=2025"
    ).content.decode()
    assert 'name="indicator" value=' not in form and "About ‘" not in form


def test_the_challenge_links_to_the_indicator_and_period(cast, client_for):
    response = raise_from_indicator(cast, client_for(cast.scrutineer))
    challenge = Challenge.objects.get(subject="Overdue actions, 2025/26")
    assert response.status_code == 302
    assert (challenge.indicator, challenge.period_start, challenge.period_end) == (
        "actions_overdue", datetime.date(2025, 4, 1), datetime.date(2026, 3, 31))
    page = client_for(cast.scrutineer).get(response["Location"]).content.decode()
    about = url("scrutiny:indicator", cast.p1.slug, "actions_overdue") + "?period=2025"
    assert f'<a class="govuk-link" href="{about}">Actions overdue, 2025/26</a>' in page
    # The police's lead sees what it is about, but the dashboard is not theirs to open.
    page = client_for(cast.lead_police).get(response["Location"]).content.decode()
    assert "Actions overdue, 2025/26" in page and about not in page


@pytest.mark.parametrize(("data", "field_error"), [
    ({"indicator": "no_such_indicator"}, "Choose an indicator of the dashboard"),
    ({"period": "2025/27"}, "enter 2025/26"),
    ({"indicator": "", "period": "2025"}, "Say which indicator the period is about"),
])
def test_a_bad_indicator_or_period_changes_nothing(cast, client_for, data, field_error):
    response = raise_from_indicator(cast, client_for(cast.scrutineer), **data)
    assert response.status_code == 200
    assert field_error in response.content.decode()
    assert not Challenge.objects.filter(subject="Overdue actions, 2025/26").exists()


# Files

def test_files_on_a_challenge_and_its_response(cast, client_for):
    scrutineer, police = client_for(cast.scrutineer), client_for(cast.lead_police)
    raise_from_indicator(cast, scrutineer, attachment=SimpleUploadedFile("audit.pdf", PDF))
    challenge = Challenge.objects.get(subject="Overdue actions, 2025/26")
    [raised] = challenge.attachments.all()
    assert (raised.filename, raised.content_type, raised.size, raised.uploaded_by) == (
        "audit.pdf", "application/pdf", len(PDF), cast.scrutineer)
    response = police.post(url("scrutiny:challenge-respond", cast.p1.slug, challenge.pk,
                               cast.police.pk),
                           {"response": "Our plan", "attachment": SimpleUploadedFile(
                               "plan.pdf", PDF)})
    assert response.status_code == 302
    answer = challenge.attachments.get(addressee__agency=cast.police)
    page = scrutineer.get(url("scrutiny:challenge-detail", cast.p1.slug, challenge.pk))
    text = page.content.decode()
    for attachment in (raised, answer):
        link = url("scrutiny:challenge-attachment", cast.p1.slug, challenge.pk, attachment.pk)
        assert f'href="{link}"' in text and attachment.filename in text
        download = police.get(link)
        assert download.status_code == 200
        assert b"".join(download.streaming_content) == PDF
        assert download["Content-Type"] == "application/pdf"
        assert attachment.filename in download["Content-Disposition"]
        for outsider in (cast.lead_a, cast.bu_p2, cast.outsider):
            assert client_for(outsider).get(link).status_code == 404


def test_another_agencys_response_file_is_not_found(cast, client_for):
    files(cast)
    link = url("scrutiny:challenge-attachment", cast.p1.slug, cast.challenge_files.pk,
               cast.file_council.pk)
    assert client_for(cast.bu_manager).get(link).status_code == 200
    assert client_for(cast.lead_police).get(link).status_code == 404
    page = client_for(cast.lead_police).get(
        url("scrutiny:challenge-detail", cast.p1.slug, cast.challenge_files.pk)).content.decode()
    assert "plan.pdf" in page and "audit.pdf" in page and "council.pdf" not in page


def test_a_file_that_is_not_a_document_is_refused(cast, client_for):
    response = raise_from_indicator(cast, client_for(cast.scrutineer), attachment=(
        SimpleUploadedFile("audit.pdf", b"MZ\x90\x00 a renamed program")))
    assert response.status_code == 200
    assert "is not really a PDF, Word, Excel or OpenDocument file" in response.content.decode()
    assert not Challenge.objects.filter(subject="Overdue actions, 2025/26").exists()


def test_the_challenge_page_queries_do_not_grow_with_files(cast, client_for,
                                                          django_assert_max_num_queries):
    files(cast)
    client = client_for(cast.scrutineer)
    link = url("scrutiny:challenge-detail", cast.p1.slug, cast.challenge_files.pk)
    client.get(link)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(link)
    for n in range(5):
        challenges._attach(cast.challenge_files, pdf(f"more{n}.pdf"), cast.scrutineer)
    with django_assert_max_num_queries(len(few)):
        assert "more4.pdf" in client.get(link).content.decode()


# Notifications

def test_raising_answering_and_judging_tell_the_people_concerned(
        quiet, cast, client_for, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        raise_from_indicator(cast, client_for(cast.scrutineer))
    challenge = Challenge.objects.get(subject="Overdue actions, 2025/26")
    link = url("scrutiny:challenge-detail", cast.p1.slug, challenge.pk)
    [raised] = Notification.objects.filter(kind=NotificationKind.CHALLENGE_RAISED)
    assert (raised.recipient, raised.link, raised.partnership) == (cast.lead_police, link,
                                                                   cast.p1)
    assert f"challenge {challenge.code} to Shires Police" in raised.message
    assert "Why so many" not in raised.message  # the challenge's own text stays in the portal
    [mail] = mailoutbox
    assert mail.to == [cast.lead_police.email] and link in mail.body

    with django_capture_on_commit_callbacks(execute=True):
        client_for(cast.lead_police).post(url("scrutiny:challenge-respond", cast.p1.slug,
                                              challenge.pk, cast.police.pk),
                                          {"response": "Our plan"})
    answered = Notification.objects.filter(kind=NotificationKind.CHALLENGE_ANSWERED)
    assert {n.recipient for n in answered} == {cast.scrutineer, cast.bu_manager,
                                               cast.bu_officer}
    assert all("waits for a judgement" in n.message for n in answered)
    assert {m.to[0] for m in mailoutbox[1:]} == {u.email for u in (
        cast.scrutineer, cast.bu_manager, cast.bu_officer)}

    with django_capture_on_commit_callbacks(execute=True):
        client_for(cast.scrutineer).post(url("scrutiny:challenge-judge", cast.p1.slug,
                                             challenge.pk),
                                         {"judgement": "partly_assured", "text": "Some"})
    [judged] = Notification.objects.filter(kind=NotificationKind.CHALLENGE_JUDGED)
    assert judged.recipient == cast.lead_police and "partly assured" in judged.message
    assert mailoutbox[-1].to == [cast.lead_police.email]


def test_a_consultation_sent_tells_the_agencies_leads(quiet, cast, django_capture_on_commit_callbacks,
                                                       mailoutbox):
    consultation = consultations.consultation_create(
        partnership=cast.p1, created_by=cast.bu_officer, title="Winter consultation",
        period_start=datetime.date(2025, 4, 1), period_end=datetime.date(2025, 9, 30),
        closes_on=datetime.date(2030, 6, 30))
    consultations.question_add(consultation=consultation, text="What works?", kind="text")
    with django_capture_on_commit_callbacks(execute=True):
        consultations.consultation_send(consultation=consultation,
                                        agencies=[cast.agency_a, cast.police])
    opened = Notification.objects.filter(kind=NotificationKind.CONSULTATION_OPENED)
    assert {n.recipient for n in opened} == {cast.lead_a, cast.lead_police}
    mine = opened.get(recipient=cast.lead_a)
    assert mine.link == url("scrutiny:consultation-respond", cast.p1.slug, consultation.pk,
                            cast.agency_a.pk)
    assert sorted(m.to[0] for m in mailoutbox) == sorted([cast.lead_a.email,
                                                          cast.lead_police.email])


def test_a_report_ready_to_sign_tells_the_lead_partners_who_have_not_signed(
        quiet, cast, django_capture_on_commit_callbacks, mailoutbox):
    report = reports.report_create(partnership=cast.p1, period_start=datetime.date(2024, 4, 1),
                                   period_end=datetime.date(2025, 3, 31))
    reports.narrative_save(report=report, section="impact", text="x", author=cast.bu_manager)
    assert not kinds(cast.lsp)  # the effectiveness narrative is still missing
    with django_capture_on_commit_callbacks(execute=True):
        reports.narrative_save(report=report, section="effectiveness", text="Effective",
                               author=cast.bu_manager)
    [waiting] = Notification.objects.filter(kind=NotificationKind.REPORT_SIGN_OFF)
    assert waiting.recipient == cast.lsp
    assert waiting.link == url("scrutiny:report-sign-off", cast.p1.slug, report.pk)
    assert [m.to for m in mailoutbox] == [[cast.lsp.email]]
    # Signed: a change to another section asks nobody again... until it withdraws the sign-off.
    from .cast_scrutiny_reports import membership

    reports.sign_off(report=report, membership=membership(cast.lsp))
    reports.narrative_save(report=report, section="impact", text="x", author=cast.bu_manager)
    assert kinds(cast.lsp) == [NotificationKind.REPORT_SIGN_OFF]
    reports.narrative_save(report=report, section="impact", text="y", author=cast.bu_manager)
    assert kinds(cast.lsp) == [NotificationKind.REPORT_SIGN_OFF] * 2
