"""In Chromium (issue 17, point 11 and its acceptance): the scrutineer opens an indicator's
drill-down page from the scrutiny links of their home page and raises a challenge about it
to the police, with a file; the police's lead is told (in the portal and by e-mail, in the
test outbox: Celery runs eagerly and mail is in memory in tests), opens it from their
notifications page and responds with a file; the scrutineer, asked on their home page for a judgement,
sees the response and its file."""

import re

from partnership import registry
from partnership.models import Notification, NotificationKind
from scrutiny import home_challenges
from scrutiny.models import Challenge

from . import cast as cast_module
from .matrix_scrutiny_challenge_files import PDF
from .test_browser import assert_accessible_structure, failed_responses, pytestmark, sign_in
from .test_browser_scrutiny import banner, sign_out

__all__ = ["failed_responses", "pytestmark"]


def pdf(name):
    return {"name": name, "mimeType": "application/pdf", "buffer": PDF}


def test_a_challenge_from_an_indicator_to_the_polices_response(page, live_server,
                                                              failed_responses, mailoutbox):
    registry.register_home(home_challenges.challenge_tasks)
    cast = cast_module.build(hash_passwords=True)
    Notification.objects.all().delete()  # the cast's own (its challenges, its reports)

    # The scrutineer reaches the dashboard from their home page and drills down
    sign_in(page, live_server, cast.scrutineer.email)
    page.wait_for_url(live_server.url + "/")
    page.get_by_role("link", name="Scrutiny dashboard").click()
    assert_accessible_structure(page)
    page.locator("#indicators").get_by_role("link", name="Actions open").click()
    assert_accessible_structure(page)
    assert "/scrutiny/indicators/actions_open/" in page.url

    # ... and raises a challenge about the figure, with a file
    page.get_by_role("link", name=re.compile("^Raise a challenge about this")).click()
    assert_accessible_structure(page)
    assert "About ‘Actions open, " in page.locator("#challenge-about").inner_text()
    assert page.get_by_label("Subject").input_value().startswith("Actions open, ")
    page.get_by_label("The challenge").fill("Why are so many actions still open?")
    page.get_by_label("Shires Police").check()
    page.get_by_label("Attach a file").set_input_files(pdf("audit.pdf"))
    page.get_by_role("button", name="Raise the challenge").click()
    assert "Challenge CH003 raised." in banner(page)
    assert_accessible_structure(page)
    challenge = Challenge.objects.get(reference=3, partnership=cast.p1)
    assert challenge.indicator == "actions_open"
    assert page.locator("#challenge-about").get_by_role("link").inner_text().startswith(
        "Actions open, ")
    assert page.locator("#challenge-files").inner_text().startswith("audit.pdf")
    sign_out(page)

    # The police's lead is told, in the portal and by e-mail
    link = f"/p/{cast.p1.slug}/scrutiny/challenges/{challenge.pk}/"
    told = Notification.objects.get(recipient=cast.lead_police,
                                    kind=NotificationKind.CHALLENGE_RAISED)
    assert told.link == link and told.read_at is None
    [mail] = [m for m in mailoutbox if m.to == [cast.lead_police.email] and link in m.body]
    assert "challenge CH003 to Shires Police" in mail.subject + mail.body

    # ... finds it on their notifications page and on their home page, and responds with a
    # file
    sign_in(page, live_server, cast.lead_police.email)
    page.wait_for_url(live_server.url + "/")
    assert page.get_by_role("link", name="Respond to challenge CH003 for Shires Police"
                            ).count() == 1
    page.get_by_role("link", name=re.compile("^Notifications")).click()
    assert_accessible_structure(page)
    page.get_by_role("button", name=told.message, exact=True).click()
    page.wait_for_url(live_server.url + link)
    told.refresh_from_db()
    assert told.read_at is not None
    page.get_by_role("link", name="Respond for Shires Police").click()
    assert_accessible_structure(page)
    assert "Why are so many actions still open?" in page.locator("main").inner_text()
    page.get_by_label("Response").fill("Twelve will close by March.")
    page.get_by_label("Attach a file").set_input_files(pdf("police-plan.pdf"))
    page.get_by_role("button", name="Send the response").click()
    assert "Shires Police's response recorded." in banner(page)
    sign_out(page)

    # The scrutineer is told, and is asked on their home page for a judgement
    assert Notification.objects.filter(recipient=cast.scrutineer,
                                       kind=NotificationKind.CHALLENGE_ANSWERED).exists()
    assert any(m.to == [cast.scrutineer.email] and "responded to challenge CH003" in m.body
               for m in mailoutbox)
    sign_in(page, live_server, cast.scrutineer.email)
    page.wait_for_url(live_server.url + "/")
    assert "Nothing needs doing" not in page.locator("main").inner_text()
    page.get_by_role("link", name="Record a judgement on challenge CH003").click()
    assert_accessible_structure(page)
    main = page.locator("main").inner_text()
    assert "Twelve will close by March." in main
    assert "police-plan.pdf" in main
    assert "Responded" in page.locator("#challenge-state").inner_text()
    assert page.get_by_role("link", name="Record a judgement").count() == 1
    # ... and finds it in the challenge log, through the scrutiny sub-navigation
    page.get_by_role("navigation", name="Scrutiny").get_by_role(
        "link", name="Challenge log").click()
    assert_accessible_structure(page)
    page.get_by_role("link", name=re.compile("^CH003: Actions open")).click()
    assert "/challenges/" in page.url
    assert failed_responses == []
