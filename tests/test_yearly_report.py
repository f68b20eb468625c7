"""The yearly report: the PDF's content read back with pypdf (name, every required heading,
key figures, tags, embedded fonts, DRAFT watermark), one partnership's data never in
another's report, the contents checklist, sign-off, publication with its due date, the
command and the API. The render job's state machine: tests/test_yearly_report_job.py."""

import datetime
import io
import json
import re
from pathlib import Path

import pypdf
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from scrutiny.models import RenderStatus, ReportVersion
from scrutiny.selectors.report_sections import REQUIREMENTS, assemble, checklist
from scrutiny.services import report_render, reports

from .cast import CANARIES as ALL_CANARIES
from .cast_scrutiny_reports import CANARIES, lead_partners, membership

WATERMARK = re.compile(r"(?<![-\w])DRAFT(?![-\w])")


def render(report):
    version = report_render.render_request(report=report, queue=False)
    assert report_render.render_run(version.pk) == RenderStatus.READY
    version.refresh_from_db()
    return version


def pdf_text(version):
    reader = pypdf.PdfReader(version.file.path)
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def flat(text):
    return " ".join(text.split())


@pytest.mark.django_db
def test_the_pdf_has_the_partnership_every_required_heading_and_the_funding_total(cast):
    version = render(cast.report1)
    reader, text = pdf_text(version)
    words = flat(text)
    assert cast.p1.name in words
    assert "2025/26" in words
    for requirement in REQUIREMENTS:
        assert requirement.heading in words, requirement.heading
    assert "Contents" in words and "Sign-off" in words
    assert "£1,000.00" in words  # the cast's contributions agreed for 2025/26
    assert "Impact evidence CNRY-REPORT-DRAFT-P1" in words  # the section's narrative
    # From the other scrutiny areas: the dataset, the scrutineer's findings and statement
    assert "Referrals to children's social care" in words
    unwrapped = words.replace("- ", "-")  # table cells wrap after a hyphen
    assert "CNRY-SCR-FINDING" in unwrapped and "CNRY-SCR-SECTION" in unwrapped
    assert WATERMARK.search(text) and version.draft
    # Running headers and page numbers on the pages after the cover
    assert f"Page 2 of {len(reader.pages)}" in words
    # Charts are vector SVG with their figures as text, beside tables with headers
    assert "Contributions by agency, agreed and received" in words


@pytest.mark.django_db
def test_the_pdf_is_tagged_with_embedded_fonts(cast):
    reader, _ = pdf_text(render(cast.report1))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712 - a pypdf BooleanObject
    assert catalog["/Lang"] == "en-GB"
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"] \
                if "/DescendantFonts" in font else font["/FontDescriptor"]
            assert "/FontFile2" in descriptor.get_object(), font["/BaseFont"]
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
    # Only the fonts shipped in static/fonts (the narratives' italics included)
    assert fonts <= {"DejaVu-Sans", "DejaVu-Sans-Bold", "DejaVu-Sans-Oblique",
                     "DejaVu-Sans-BoldOblique"}, fonts
    assert {"DejaVu-Sans", "DejaVu-Sans-Bold"} <= fonts


@pytest.mark.django_db
def test_another_partnerships_data_never_appears(cast):
    _, text = pdf_text(render(cast.report1))
    words = flat(text)
    unwrapped = words.replace("- ", "-")
    for token, allowed in {**CANARIES, **ALL_CANARIES}.items():
        if "bu_manager" not in allowed:
            assert token not in unwrapped, token
    for other in (cast.p2.name, "Southshire", cast.agency_x.name, "CNRY-FUND-X"):
        assert other not in words
    # ...and the same the other way round
    _, text = pdf_text(render(cast.report_p2))
    words = flat(text).replace("- ", "-")
    assert "CNRY-REPORT-P2" in words
    for token, allowed in ALL_CANARIES.items():
        if "bu_p2" not in allowed:
            assert token not in words, token
    for p1_only in (cast.p1.name, "CNRY-REPORT-DRAFT-P1", cast.agency_a.name, "CNRY-SPEND-P1",
                    cast.council1.name):
        assert p1_only not in words


@pytest.mark.django_db
def test_once_all_three_partners_signed_off_the_version_is_final(cast):
    for lead in lead_partners(cast):
        reports.sign_off(report=cast.report1, membership=lead)
    version = render(cast.report1)
    _, text = pdf_text(version)
    assert not version.draft
    assert not WATERMARK.search(text)


@pytest.mark.django_db
def test_narratives_are_sanitised_in_the_page_and_the_pdf(cast, client_for):
    reports.narrative_save(report=cast.report1, section="feedback", author=cast.bu_manager,
                           text="Heard <script>alert('x')</script> families "
                                "<img src=\"http://127.0.0.1:9/spy.png\"> "
                                "[link](javascript:alert(1)) **well**")
    response = client_for(cast.chair).get(
        reverse("scrutiny:report-html", args=[cast.p1.slug, cast.report1.pk]))
    body = response.content.decode()
    assert "<strong>well</strong>" in body
    assert "alert(" not in body and "spy.png" not in body and "javascript:" not in body
    version = render(cast.report1)
    _, text = pdf_text(version)
    assert "alert(" not in text


@pytest.mark.django_db
def test_the_checklist_says_which_items_are_present_and_missing(cast, client_for):
    rows = {row["key"]: row for row in checklist(assemble(cast.report1))}
    assert rows["impact"]["complete"] and rows["impact"]["narrative"]  # a narrative
    assert rows["funding"]["live"] and rows["partners"]["live"]  # live records
    assert not rows["feedback"]["complete"]  # neither
    assert rows["effectiveness"]["required"] and rows["effectiveness"]["complete"]
    page = client_for(cast.lsp).get(reverse("scrutiny:report-sign-off",
                                            args=[cast.p1.slug, cast.report1.pk]))
    assert "Still missing from the report" in page.content.decode()
    assert "Feedback from children and families" in page.content.decode()


@pytest.mark.django_db
def test_sign_off_rules(cast):
    police, icb = lead_partners(cast)[1:]
    reports.sign_off(report=cast.report1, membership=police)
    with pytest.raises(ValidationError, match="already signed"):
        reports.sign_off(report=cast.report1, membership=police)
    with pytest.raises(ValidationError, match="lead safeguarding partner"):
        reports.sign_off(report=cast.report1, membership=membership(cast.dsp))
    assert [a.name for a in reports.missing_sign_offs(cast.report1)] == [
        cast.council1.name, cast.icb1.name]
    sign_off = cast.report1.sign_offs.get()
    assert (sign_off.signed_by.full_name, sign_off.capacity) == (
        "Chief Constable", "Chief Constable, lead safeguarding partner for Shires Police")


@pytest.mark.django_db
def test_changing_a_narrative_withdraws_the_sign_offs_and_saving_it_unchanged_does_not(cast):
    police = lead_partners(cast)[1]
    reports.narrative_save(report=cast.report1, section="impact", text="First words",
                           author=cast.bu_officer)
    reports.sign_off(report=cast.report1, membership=police)
    reports.narrative_save(report=cast.report1, section="impact", text="  First words ",
                           author=cast.bu_officer)
    assert [a.name for a in reports.missing_sign_offs(cast.report1)] == [
        cast.council1.name, cast.icb1.name]
    reports.narrative_save(report=cast.report1, section="impact", text="Other words",
                           author=cast.bu_officer)
    assert len(reports.missing_sign_offs(cast.report1)) == 3
    reports.sign_off(report=cast.report1, membership=police)
    reports.narrative_save(report=cast.report1, section="impact", text="", author=cast.bu_officer)
    assert len(reports.missing_sign_offs(cast.report1)) == 3


@pytest.mark.django_db
def test_the_narrative_page_says_when_sign_offs_were_withdrawn(cast, client_for):
    reports.sign_off(report=cast.report1, membership=membership(cast.lsp))
    target = reverse("scrutiny:report-narrative", args=[cast.p1.slug, cast.report1.pk, "impact"])
    done = client_for(cast.bu_officer).post(target, {"text": "New words"}, follow=True)
    assert "sign-offs were withdrawn" in done.content.decode()
    assert len(reports.missing_sign_offs(cast.report1)) == 3


@pytest.mark.django_db
def test_publication_needs_all_sign_offs_and_copies_are_due_seven_days_later(cast, client_for):
    with pytest.raises(ValidationError, match="all three"):
        reports.publication_record(report=cast.report1, published_on=datetime.date(2026, 6, 1))
    for lead in lead_partners(cast):
        reports.sign_off(report=cast.report1, membership=lead)
    with pytest.raises(ValidationError):
        reports.publication_record(report=cast.report1, published_on=datetime.date(2026, 6, 1),
                                   panel_sent_on=datetime.date(2026, 5, 31))
    report = reports.publication_record(report=cast.report1, published_on=datetime.date(2026, 6, 5),
                                        foundations_sent_on=datetime.date(2026, 6, 15))
    assert report.send_due_on == datetime.date(2026, 6, 12)  # 7 calendar days (domain.md §4.1)
    page = client_for(cast.bu_manager).get(
        reverse("scrutiny:report-detail", args=[cast.p1.slug, report.pk])).content.decode()
    assert "12 June 2026" in page and "15 June 2026 (late)" in page


@pytest.mark.django_db
def test_the_command_renders_synchronously_and_prints_the_path(cast):
    out = io.StringIO()
    call_command("yearly_report", "--partnership", cast.p1.slug, "--year", "2025", stdout=out)
    path = Path(out.getvalue().strip())
    assert path.exists() and path.read_bytes().startswith(b"%PDF-")
    version = ReportVersion.objects.get(report=cast.report1)
    assert version.status == RenderStatus.READY and version.file.path == str(path)


@pytest.mark.django_db
def test_the_api_requests_a_job_and_reports_its_state(cast, client_for, django_capture_on_commit_callbacks):
    client = client_for(cast.bu_manager)
    payload = {"partnership": cast.p1.pk, "period_start": "2025-04-01", "period_end": "2026-03-31"}
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("scrutiny:api-report-create"), json.dumps(payload),
                               content_type="application/json")
    assert response.status_code == 202
    assert response.json() == {"id": cast.report1.pk, "status": "requested"}
    assert len(callbacks) == 1  # the task is queued only once the transaction commits
    # Asked again while the job waits: the same job, not a second one
    again = client.post(reverse("scrutiny:api-report-create"), json.dumps(payload),
                        content_type="application/json")
    assert again.status_code == 202 and cast.report1.versions.count() == 1
    detail = client.get(reverse("scrutiny:api-report-detail", args=[cast.report1.pk])).json()
    assert (detail["status"], detail["progress"], detail["pdf"]) == ("requested", 0, None)
    callbacks[0]()  # Celery is eager in tests: this runs the job
    detail = client.get(reverse("scrutiny:api-report-detail", args=[cast.report1.pk])).json()
    assert (detail["status"], detail["progress"], detail["draft"]) == ("ready", 100, True)
    pdf = client.get(detail["pdf"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")
    assert "attachment" in pdf["Content-Disposition"]
    # An agency lead never sees the draft
    lead = client_for(cast.lead_a)
    assert lead.get(reverse("scrutiny:api-report-detail", args=[cast.report1.pk])).status_code == 404
    assert lead.get(detail["pdf"]).status_code == 404


@pytest.mark.django_db
def test_the_page_queues_a_version_after_commit(cast, client_for, django_capture_on_commit_callbacks):
    client = client_for(cast.bu_officer)
    url = reverse("scrutiny:report-render", args=[cast.p1.slug, cast.report1.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    version = cast.report1.versions.get()
    assert version.status == RenderStatus.READY
    page = client.get(reverse("scrutiny:report-detail", args=[cast.p1.slug, cast.report1.pk]))
    assert "Version 1: <strong>Ready</strong>" in page.content.decode()
    download = client.get(reverse("scrutiny:report-download",
                                  args=[cast.p1.slug, cast.report1.pk, 1]))
    assert download["Content-Type"] == "application/pdf"
    assert f'filename="{version.filename}"' in download["Content-Disposition"]


@pytest.mark.django_db
def test_the_command_refuses_an_unknown_partnership_or_year(cast):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No partnership"):
        call_command("yearly_report", "--partnership", "nowhere", "--year", "2019")
    with pytest.raises(CommandError, match="four digits"):
        call_command("yearly_report", "--partnership", cast.p1.slug, "--year", "19")
    assert not ReportVersion.objects.exists()


@pytest.mark.django_db
def test_partners_see_the_sign_off_waiting_for_them_on_their_home_page(cast, client_for):
    from .test_queries import count_queries

    sign_off = reverse("scrutiny:report-sign-off", args=[cast.p1.slug, cast.report1.pk])
    recommend = reverse("scrutiny:report-recommend", args=[cast.p1.slug, cast.report1.pk])
    home = reverse("home") + f"?partnership={cast.p1.slug}"
    page = client_for(cast.lsp).get(home).content.decode()
    assert sign_off in page and recommend not in page
    assert f"Sign off the yearly report {cast.report1.label} for {cast.council1.name}" in page
    page = client_for(cast.dsp).get(home).content.decode()
    assert recommend in page and sign_off not in page  # a delegated partner never signs
    assert (f"Recommend the yearly report {cast.report1.label} for sign-off for "
            f"{cast.police.name}") in page
    for who in ("bu_manager", "scrutineer", "lead_police", "chair"):
        assert sign_off not in client_for(cast.users[who]).get(home).content.decode(), who
    queries, _ = count_queries(client_for(cast.dsp), home)
    reports.recommend(report=cast.report1, membership=membership(cast.dsp))
    for period in ((2022, 2023), (2023, 2024), (2024, 2025)):
        reports.report_create(partnership=cast.p1, period_start=datetime.date(period[0], 4, 1),
                              period_end=datetime.date(period[1], 3, 31))
    more, response = count_queries(client_for(cast.dsp), home)
    assert recommend not in response.content.decode()  # recommended for the police already
    assert more == queries


@pytest.mark.django_db
def test_the_navigation_marks_yearly_report_on_report_pages_and_scrutiny_elsewhere(cast, client_for):
    client = client_for(cast.bu_manager)

    def active(path):
        page = client.get(path).content.decode()
        return re.findall(r'item--active">\s*<a[^>]*>([^<]+)</a>', page)

    assert active(reverse("scrutiny:report-detail", args=[cast.p1.slug, cast.report1.pk])) == [
        "Yearly report"]
    assert active(reverse("scrutiny:dashboard", args=[cast.p1.slug])) == ["Scrutiny"]
