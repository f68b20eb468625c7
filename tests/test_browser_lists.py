"""In Chromium: the business unit manager pages through the Section 11 return list (a
page of 50 of the current cycle's returns), filters it by agency name and status, and the
filters are kept on the next page."""

from django.urls import reverse

from agencies.models import Status

from . import cast as cast_module
from .test_browser import assert_accessible_structure, failed_responses, pytestmark, sign_in
from .test_list_pages_agencies import PAGE, bulk_returns

__all__ = ["failed_responses", "pytestmark"]


def test_the_manager_pages_and_filters_the_return_list(page, live_server, failed_responses):
    cast = cast_module.build(hash_passwords=True)
    bulk_returns(cast, PAGE + 20, prefix="Oakfield")
    bulk_returns(cast, 5, prefix="Surgery", status=Status.SUBMITTED)
    sign_in(page, live_server, cast.bu_manager.email)
    page.wait_for_url(live_server.url + "/")
    page.goto(live_server.url + reverse("s11:return-list", args=[cast.p1.slug]))
    assert_accessible_structure(page)
    rows = page.locator("#returns tbody tr")
    assert rows.count() == PAGE
    assert page.locator("#row-count").inner_text() == f"Showing 1 to {PAGE} of {PAGE + 27} returns."

    page.get_by_role("navigation", name="Pages of returns").get_by_role("link", name="Next").click()
    assert rows.count() == 27
    assert "page=2" in page.url

    page.get_by_label("Agency name contains").fill("oakfield")
    page.get_by_label("Status").select_option("draft")
    page.get_by_role("button", name="Show returns").click()
    assert_accessible_structure(page)
    assert page.locator("#row-count").inner_text() == f"Showing 1 to {PAGE} of {PAGE + 20} returns."
    page.get_by_role("navigation", name="Pages of returns").get_by_role("link", name="Page 2").click()
    assert rows.count() == 20
    assert all(name.startswith("Oakfield") for name in rows.locator("th").all_inner_texts())
    assert page.get_by_label("Agency name contains").input_value() == "oakfield"
    assert page.get_by_label("Status").input_value() == "draft"

    page.get_by_label("Agency name contains").fill("surgery")
    page.get_by_label("Status").select_option("submitted")
    page.get_by_role("button", name="Show returns").click()
    assert page.locator("#row-count").inner_text() == "5 returns."
    assert page.get_by_role("navigation", name="Pages of returns").count() == 0
