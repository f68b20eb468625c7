"""In Chromium, the published arrangements from draft to the public pages (issue 16,
acceptance): the business unit officer drafts the arrangements from the records and writes
their required sections, the three lead safeguarding partners sign them off, each for their
own partner, the officer publishes them, and a visitor without an account reads them on the
partnership's public pages."""

import re

from django.utils import timezone

from arrangements.models import DocumentVersion

from . import cast as cast_module
from .matrix_arrangements import lead
from .test_browser import assert_accessible_structure, failed_responses, pytestmark, sign_in
from .test_browser_reviews import fill_date

__all__ = ["failed_responses", "pytestmark"]

SCRUTINY = "An independent scrutineer reports to the partners every quarter."
CHILD_DEATHS = "A child death overview panel shared with Southshire reviews every death."


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def test_the_arrangements_from_draft_to_the_public_pages(page, live_server, failed_responses):
    cast = cast_module.build(hash_passwords=True)
    leads = [(cast.lsp.email, "Northshire Council"),
             (lead(cast, cast.police, "chief.constable@cast.example", "Chief Constable")
              .user.email, "Shires Police"),
             (lead(cast, cast.icb1, "icb.chief@cast.example", "ICB Chief Executive")
              .user.email, "Northshire ICB")]

    # The business unit drafts the arrangements from the records and writes them.
    sign_in(page, live_server, cast.bu_officer.email)
    page.wait_for_url(live_server.url + "/")
    page.goto(f"{live_server.url}/p/{cast.p1.slug}/arrangements/")
    assert_accessible_structure(page)
    page.get_by_role("link", name="Draft a new version").click()
    assert_accessible_structure(page)
    page.get_by_label("Published safeguarding arrangements").check()
    page.get_by_role("button", name="Draft the version").click()
    assert_accessible_structure(page)
    version = DocumentVersion.objects.get(partnership=cast.p1)
    assert "Still to be written before sign-off" in page.locator("main").inner_text()
    for link, text in (("Edit independent scrutiny", SCRUTINY),
                       ("Edit child death review arrangements", CHILD_DEATHS)):
        page.get_by_role("link", name=link).click()
        assert_accessible_structure(page)
        page.get_by_label("Text").fill(text)
        page.get_by_role("button", name="Save").click()
        assert_accessible_structure(page)
    main = page.locator("main").inner_text()
    assert "Shires Police" in main and CHILD_DEATHS in main
    sign_out(page)

    # The three lead partners sign off, each for their own partner, from their home page.
    for email, partner in leads:
        sign_in(page, live_server, email)
        page.wait_for_url(live_server.url + "/")
        page.get_by_role("link", name="Sign off the published safeguarding arrangements "
                         f"(version 1) for {partner}").click()
        assert_accessible_structure(page)
        page.get_by_label(re.compile(f"^{partner}:")).check()
        page.get_by_role("button", name="Sign off").click()
        assert_accessible_structure(page)
        assert f"Signed off for {partner}." in page.locator("main").inner_text()
        sign_out(page)
    assert version.sign_offs.count() == 3

    # The business unit publishes them.
    sign_in(page, live_server, cast.bu_officer.email)
    page.wait_for_url(live_server.url + "/")
    page.goto(f"{live_server.url}/p/{cast.p1.slug}/arrangements/{version.pk}/")
    page.get_by_role("link", name="Publish this version").click()
    assert_accessible_structure(page)
    today = timezone.localdate()
    fill_date(page, "Date of publication", today.day, today.month, today.year)
    page.get_by_role("button", name="Publish").click()
    assert_accessible_structure(page)
    version.refresh_from_db()
    assert version.published_on == today
    sign_out(page)

    # A visitor without an account reads them on the public pages.
    page.goto(f"{live_server.url}/public/{cast.p1.slug}/")
    assert_accessible_structure(page)
    assert page.get_by_role("button", name="Sign out").count() == 0
    page.get_by_role("link", name="Published safeguarding arrangements").click()
    assert_accessible_structure(page)
    main = page.locator("main").inner_text()
    assert SCRUTINY in main and CHILD_DEATHS in main
    assert "Chief Constable, lead safeguarding partner for Shires Police" in main
    assert "Lead safeguarding partner for Northshire Council" in main
    assert failed_responses == []
