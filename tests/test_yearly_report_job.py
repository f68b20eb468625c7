"""The yearly report's render job (scrutiny/services/report_render.py): its states, a second
delivery doing nothing, a dead attempt taken over, failures recorded with their reason, no
partial file ever referenced; and the PDF renderer's fetcher (partnership/pdf.py), which
loads nothing but the project's own static files. The job through real Celery workers on
Redis: tests/test_yearly_report_worker.py."""

import datetime
from pathlib import Path

import pypdf
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from partnership import pdf
from scrutiny.models import RenderStatus, ReportVersion
from scrutiny.services import report_render

from .test_queries import count_queries


def files(root):
    """Every file under the media directory's reports/ (temporary ones included)."""
    return sorted(p.name for p in (Path(root) / "reports").rglob("*") if p.is_file())


@pytest.mark.django_db
def test_a_version_goes_requested_rendering_ready_with_progress(cast, monkeypatch):
    version = report_render.render_request(report=cast.report1, queue=False)
    assert (version.status, version.progress, version.number) == (RenderStatus.REQUESTED, 0, 1)
    seen = []
    real = report_render._progress

    def spy(version_id, attempt, percent):
        seen.append((ReportVersion.objects.get(pk=version_id).status, percent))
        real(version_id, attempt, percent)

    monkeypatch.setattr(report_render, "_progress", spy)
    assert report_render.render_run(version.pk) == RenderStatus.READY
    version.refresh_from_db()
    assert {status for status, _ in seen} == {RenderStatus.RENDERING}
    percents = [p for _, p in seen]
    assert percents == sorted(percents) and percents[0] > 0 and percents[-1] == 95
    assert (version.status, version.progress, version.attempts) == (RenderStatus.READY, 100, 1)
    assert version.file.name.endswith(".pdf") and version.size == Path(version.file.path).stat().st_size
    assert version.finished_at and not version.attempt
    # Each version is kept, numbered
    second = report_render.render_request(report=cast.report1, queue=False)
    assert second.number == 2 and cast.report1.versions.count() == 2


@pytest.mark.django_db
def test_a_second_delivery_does_nothing(cast, monkeypatch):
    version = report_render.render_request(report=cast.report1, queue=False)
    assert report_render.render_run(version.pk) == RenderStatus.READY
    version.refresh_from_db()
    before = (version.file.name, version.attempts, version.finished_at)
    monkeypatch.setattr(report_render, "build_pdf", lambda *a, **k: pytest.fail("rendered twice"))
    assert report_render.render_run(version.pk) is None
    version.refresh_from_db()
    assert (version.file.name, version.attempts, version.finished_at) == before
    assert report_render.render_run(999999) is None  # a job for a deleted version


@pytest.mark.django_db
def test_a_live_attempt_is_left_alone_and_a_dead_one_is_taken_over(cast, monkeypatch):
    version = report_render.render_request(report=cast.report1, queue=False)
    first = report_render._claim(version.pk)  # a worker started, and is still alive
    monkeypatch.setattr(report_render, "build_pdf", lambda *a, **k: pytest.fail("ran twice"))
    assert report_render.render_run(version.pk) is None  # redelivered meanwhile: nothing
    monkeypatch.undo()
    # The first worker dies: its heartbeat goes stale beyond the lease
    ReportVersion.objects.filter(pk=version.pk).update(
        heartbeat_at=timezone.now() - datetime.timedelta(seconds=report_render.lease_seconds() + 1))
    assert report_render.render_run(version.pk) == RenderStatus.READY
    version.refresh_from_db()
    assert version.attempts == 2 and version.status == RenderStatus.READY
    # The dead attempt, had it woken up, may neither report progress nor store its file
    with pytest.raises(report_render.Superseded):
        report_render._progress(version.pk, first, 50)
    with pytest.raises(report_render.Superseded):
        report_render._store(version.pk, first, b"%PDF-1.7 stale", True)
    assert files(settings.MEDIA_ROOT) == [Path(version.file.name).name]


@pytest.mark.django_db
def test_a_job_whose_workers_keep_dying_fails_with_a_reason(cast):
    version = report_render.render_request(report=cast.report1, queue=False)
    stale = timezone.now() - datetime.timedelta(hours=1)
    ReportVersion.objects.filter(pk=version.pk).update(
        status=RenderStatus.RENDERING, attempts=report_render.MAX_ATTEMPTS, heartbeat_at=stale,
        attempt="dead")
    assert report_render.render_run(version.pk) is None
    version.refresh_from_db()
    assert version.status == RenderStatus.FAILED and "stopped 3 times" in version.reason


@pytest.mark.django_db
def test_a_failure_is_recorded_with_its_reason_and_leaves_no_file(cast, monkeypatch, client_for):
    def broken(*args, **kwargs):
        raise RuntimeError("the renderer ran out of paper")

    monkeypatch.setattr(report_render, "render_pdf", broken)
    version = report_render.render_request(report=cast.report1, queue=False)
    assert report_render.render_run(version.pk) == RenderStatus.FAILED
    version.refresh_from_db()
    assert version.status == RenderStatus.FAILED and not version.file
    assert "ran out of paper" in version.reason
    assert files(settings.MEDIA_ROOT) == []
    api = client_for(cast.bu_manager).get(reverse("scrutiny:api-report-detail", args=[cast.report1.pk]))
    assert api.json()["status"] == "failed" and "ran out of paper" in api.json()["reason"]
    page = client_for(cast.bu_manager).get(reverse("scrutiny:report-download",
                                                   args=[cast.p1.slug, cast.report1.pk, 1]))
    assert page.status_code == 404


@pytest.mark.django_db
def test_storing_writes_a_temporary_file_then_moves_it(cast, monkeypatch):
    version = report_render.render_request(report=cast.report1, queue=False)
    attempt = report_render._claim(version.pk)
    moves = []
    real_replace = report_render.os.replace

    def spy(source, target):
        moves.append((Path(source).name, Path(target).name))
        assert Path(source).read_bytes() == b"%PDF-1.7 whole"
        real_replace(source, target)

    monkeypatch.setattr(report_render.os, "replace", spy)
    stored = report_render._store(version.pk, attempt, b"%PDF-1.7 whole", True)
    [(source, target)] = moves
    assert source.startswith(".") and source.endswith(".part") and target.endswith(".pdf")
    assert Path(stored.file.path).name == target and files(settings.MEDIA_ROOT) == [target]


# ---------------------------------------------------------------- the renderer's fetcher

@pytest.mark.parametrize("url", [
    "http://127.0.0.1:9/spy.png",
    "https://example.com/static/print/print.css",
    "file:///etc/passwd",
    "data:text/css,body{}",
    "ftp://example.com/x.css",
    f"{pdf.STATIC_BASE}static/../../etc/passwd",
    f"{pdf.STATIC_BASE}static/%2e%2e/%2e%2e/partnership/settings.py",
    f"{pdf.STATIC_BASE}static/js/init.js",  # a static file, but not one a PDF needs
    f"{pdf.STATIC_BASE}static/css/no-such.css",
    f"{pdf.STATIC_BASE}media/reports/1/x.pdf",
    f"{pdf.STATIC_BASE}static/print/print.css?x=1",
])
def test_the_fetcher_refuses_anything_but_the_projects_static_files(url):
    with pytest.raises(pdf.RefusedURL):
        pdf.static_path(url)


def test_the_fetcher_serves_the_print_stylesheet_and_fonts():
    assert pdf.static_path(pdf.static_url("print/print.css")).name == "print.css"
    assert pdf.static_path(pdf.static_url("fonts/DejaVuSans.ttf")).name == "DejaVuSans.ttf"


def test_rendering_hostile_html_fetches_and_attaches_nothing(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-FILE")
    fetcher = pdf.StaticOnlyFetcher()
    html = (f'<html lang="en"><head><title>x</title>'
            f'<link rel="attachment" href="file://{secret}">'
            f'<link rel="stylesheet" href="http://127.0.0.1:9/x.css"></head>'
            f'<body><h1>Hello</h1><img alt="" src="http://127.0.0.1:9/spy.png">'
            f'<img alt="" src="file://{secret}"></body></html>')
    out = tmp_path / "out.pdf"
    out.write_bytes(pdf.render_pdf(html, stylesheets=("print/print.css",), fetcher=fetcher))
    assert {f"file://{secret}", "http://127.0.0.1:9/x.css",
            "http://127.0.0.1:9/spy.png"} <= set(fetcher.refused)
    reader = pypdf.PdfReader(out)
    assert not reader.attachments
    assert b"TOP-SECRET-FILE" not in out.read_bytes()
    assert "Hello" in reader.pages[0].extract_text()


# ---------------------------------------------------------------- query counts

@pytest.mark.django_db
def test_the_list_and_the_api_do_not_grow_with_reports_and_versions(cast, client_for):
    from scrutiny.services import reports

    client = client_for(cast.bu_manager)
    url = reverse("scrutiny:report-list", args=[cast.p1.slug])
    api = reverse("scrutiny:api-report-detail", args=[cast.report1.pk])
    client.get(url)
    few, _ = count_queries(client, url)
    few_api, _ = count_queries(client, api)
    for year in range(2010, 2018):
        report = reports.report_create(partnership=cast.p1, period_start=datetime.date(year, 4, 1),
                                       period_end=datetime.date(year + 1, 3, 31))
        for _ in range(3):
            report_render.render_request(report=report, queue=False)
    for _ in range(5):
        report_render.render_request(report=cast.report1, queue=False)
    many, response = count_queries(client, url)
    many_api, _ = count_queries(client, api)
    assert "2017/18" in response.content.decode()
    assert (many, many_api) == (few, few_api)


@pytest.mark.django_db
def test_the_report_page_does_not_grow_with_versions(cast, client_for):
    client = client_for(cast.bu_manager)
    url = reverse("scrutiny:report-detail", args=[cast.p1.slug, cast.report1.pk])
    report_render.render_request(report=cast.report1, queue=False)
    client.get(url)
    few, _ = count_queries(client, url)
    for _ in range(10):
        report_render.render_request(report=cast.report1, queue=False)
    many, _ = count_queries(client, url)
    assert many == few
