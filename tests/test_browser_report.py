"""In Chromium: the business unit manager starts the yearly report, asks for a PDF, watches
the job finish on the report's page and downloads it.

With a Redis broker (CI) a real Celery worker renders the report in the background and the
page's script (static/js/report-status.js) follows it through the API until it is ready,
without reloading; elsewhere Celery runs in process and the page shows it ready at once."""

import re
from contextlib import nullcontext

from django.conf import settings

from . import cast as cast_module
from .conftest import worker_on_own_queue
from .test_browser import assert_accessible_structure, failed_responses, pytestmark, sign_in
from .test_browser_reviews import fill_date

__all__ = ["failed_responses", "pytestmark"]


def background_worker():
    if not settings.REDIS_URL.startswith("redis://"):
        return nullcontext()
    return worker_on_own_queue()


def test_the_manager_requests_watches_and_downloads_the_report(page, live_server, failed_responses,
                                                               tmp_path):
    cast = cast_module.build(hash_passwords=True)
    sign_in(page, live_server, cast.bu_manager.email)
    page.wait_for_url(live_server.url + "/")
    page.get_by_role("link", name="Yearly report", exact=True).click()
    assert_accessible_structure(page)
    assert page.get_by_role("heading", name="Yearly reports").is_visible()
    page.get_by_role("link", name="Start a yearly report").click()
    assert_accessible_structure(page)
    fill_date(page, "First day of the reporting period", 1, 4, 2024)
    fill_date(page, "Last day of the reporting period", 31, 3, 2025)
    page.get_by_role("button", name="Start the report").click()
    assert re.search(r"/scrutiny/reports/\d+/$", page.url)
    assert_accessible_structure(page)
    assert "Missing" in page.locator("table").nth(0).inner_text()  # the contents checklist

    with background_worker():
        page.get_by_role("button", name="Generate a new version").click()
        status = page.locator("#report-status-text")
        # The script polls the API and updates the text; no reload needed
        status.filter(has_text="Ready").wait_for(timeout=90_000)
        assert "Version 1" in status.inner_text()
        with page.expect_download() as info:
            page.get_by_role("link", name="Download version 1 (PDF)").click()
    download = info.value
    assert download.suggested_filename == "p1-yearly-report-2024-v1-draft.pdf"
    path = tmp_path / "report.pdf"
    download.save_as(path)
    assert path.read_bytes().startswith(b"%PDF-")
    assert failed_responses == []
