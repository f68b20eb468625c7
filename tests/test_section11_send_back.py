"""A submitted return's way back before sign-off (issue 17, defect 3): the agency's chief
officer or a business unit sends it back to the lead with the reasons, and the lead can
recall it; on the pages and through the API, with who may do it, the states it is allowed
in, the history kept and who is told (in the portal and by e-mail). Also the confirmation
on submitting a return whose agency has no chief officer (defect 4), and the notifications
of submitting and signing off.

In the cast the police's return is submitted, shared by P1's and P2's cycles, and the
police have no chief officer until a test names one."""

import html
import re

import pytest
from django.urls import reverse

from agencies.models import ReturnVersion, Status
from agencies.services import returns
from partnership.errors import WrongState
from partnership.models import Notification, NotificationKind, User
from partnership.services import people

pytestmark = pytest.mark.django_db

REASONS = "Standard 5: add the level 3 training figures for 2025"


@pytest.fixture(autouse=True)
def _nobody_told_yet(cast):
    """Each test starts with no notifications (the cast's own steps made some)."""
    Notification.objects.all().delete()


def page(name, slug, assessment, **kwargs):
    return reverse(f"s11:{name}", kwargs={"slug": slug, "pk": assessment.pk, **kwargs})


def api(name, assessment):
    return reverse(f"s11:api-return-{name}", kwargs={"pk": assessment.pk})


def text(response):
    return re.sub(r"\s+", " ", html.unescape(response.content.decode()))


def police_chief(cast):
    chief = User.objects.create_user("chief.police@cast.example", "x", full_name="Morgan Reid")
    people.membership_create(user=chief, partnership=cast.p1, role="agency_chief_officer",
                             agency=cast.police)
    return chief


def told(kind, user=None):
    found = Notification.objects.filter(kind=kind)
    return found.filter(recipient=user) if user is not None else found


def refreshed(assessment):
    assessment.refresh_from_db()
    return assessment


# --- Sending back on the page ------------------------------------------------------------

def test_the_chief_officer_sends_the_return_back_with_reasons(
        cast, client_for, django_capture_on_commit_callbacks, mailoutbox):
    chief = police_chief(cast)
    client, police = client_for(chief), cast.return_police
    detail = text(client.get(page("return", cast.p1.slug, police)))
    assert "Send back to the agency's lead" in detail
    assert "Waiting for sign-off by Morgan Reid (Shires Police's chief officer)" in detail
    form = text(client.get(page("return-amend", cast.p1.slug, police)))
    assert re.search(r'<label[^>]*for="id_reason"[^>]*>\s*Reasons\s*</label>', form)
    # No reasons: the error names the field, nothing changes, nobody is told.
    body = text(client.post(page("return-amend", cast.p1.slug, police), {"reason": "  "}))
    assert "Enter the reasons for sending the return back" in body
    assert refreshed(police).status == Status.SUBMITTED and not Notification.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page("return-amend", cast.p1.slug, police), {"reason": REASONS})
    assert response.status_code == 302
    police = refreshed(police)
    assert (police.status, police.returned_comment) == (Status.RETURNED, REASONS)
    kept = ReturnVersion.objects.filter(assessment=police).latest("number")
    assert (kept.event, kept.by, kept.status) == ("returned", chief, Status.RETURNED)
    # The lead is told who sent it back (not the reasons), in the portal and by e-mail.
    [notice] = told(NotificationKind.RETURN_SENT_BACK)
    assert notice.recipient == cast.lead_police
    assert "Shires Police's return to the P1 Section 11 2025 was sent back" in notice.message
    assert "Morgan Reid" in notice.message and REASONS not in notice.message
    assert notice.link == page("return", cast.p1.slug, police)
    assert [mail.to for mail in mailoutbox] == [[cast.lead_police.email]]
    assert REASONS not in mailoutbox[0].body
    lead = text(client_for(cast.lead_police).get(page("return", cast.p1.slug, police)))
    assert "Morgan Reid has sent this return back" in lead and REASONS in lead


def test_the_business_unit_of_either_partnership_sends_it_back(cast, client_for):
    client = client_for(cast.bu_p2)
    response = client.post(page("return-amend", cast.p2.slug, cast.return_police),
                           {"reason": REASONS}, follow=True)
    assert "sent back to Shires Police for amendment" in text(response)
    assert refreshed(cast.return_police).status == Status.RETURNED
    assert told(NotificationKind.RETURN_SENT_BACK, cast.lead_police).count() == 1


def test_who_may_not_send_it_back(cast, client_for):
    police_chief(cast)
    address = page("return-amend", cast.p1.slug, cast.return_police)
    for user in (cast.lead_police, cast.scrutineer, cast.lsp, cast.chair):
        assert client_for(user).post(address, {"reason": REASONS}).status_code == 403
    # Another agency's staff, its chief officer included, do not know of the return.
    for user in (cast.chief_a, cast.lead_a, cast.outsider):
        assert client_for(user).post(address, {"reason": REASONS}).status_code == 404
    # Agency A's chief officer cannot send back A's return while it is a draft.
    draft = page("return-amend", cast.p1.slug, cast.return_a)
    assert client_for(cast.chief_a).post(draft, {"reason": REASONS}).status_code == 403
    assert refreshed(cast.return_police).status == Status.SUBMITTED
    assert not Notification.objects.exists()


# --- The lead's recall on the page ------------------------------------------------------

def test_the_lead_recalls_the_return_before_sign_off(
        cast, client_for, django_capture_on_commit_callbacks, mailoutbox):
    chief = police_chief(cast)
    client, police = client_for(cast.lead_police), cast.return_police
    assert "Recall the return" in text(client.get(page("return", cast.p1.slug, police)))
    assert client_for(chief).get(page("return-recall", cast.p1.slug, police)).status_code == 403
    assert client_for(cast.bu_manager).post(
        page("return-recall", cast.p1.slug, police)).status_code == 403
    confirm = text(client.get(page("return-recall", cast.p1.slug, police)))
    assert "<h1" in confirm and "If you recall it, the return is a draft again" in confirm
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page("return-recall", cast.p1.slug, police), follow=True)
    assert "You have recalled Shires Police's return" in text(response)
    police = refreshed(police)
    assert police.status == Status.DRAFT and police.submitted_at is None
    kept = ReturnVersion.objects.filter(assessment=police).latest("number")
    assert (kept.event, kept.by) == ("recalled", cast.lead_police)
    # The chief officer is told (under RETURN_SENT_BACK's kind); the business units are not.
    [notice] = told(NotificationKind.RETURN_SENT_BACK)
    assert notice.recipient == chief and "recalled by its lead" in notice.message
    assert [mail.to for mail in mailoutbox] == [[chief.email]]
    # A draft cannot be recalled again, nor sent back.
    assert client.post(page("return-recall", cast.p1.slug, police)).status_code == 403
    assert client_for(chief).post(page("return-amend", cast.p1.slug, police),
                                  {"reason": REASONS}).status_code == 403


def test_a_signed_off_return_cannot_be_recalled_or_sent_back(cast, client_for):
    chief = police_chief(cast)
    returns.sign_off(assessment=cast.return_police, user=chief)
    police = cast.return_police
    assert client_for(cast.lead_police).post(
        page("return-recall", cast.p1.slug, police)).status_code == 403
    assert client_for(chief).post(page("return-amend", cast.p1.slug, police),
                                  {"reason": REASONS}).status_code == 403
    for step in (lambda: returns.recall(assessment=police, user=cast.lead_police),
                 lambda: returns.send_back(assessment=police, user=chief, reason=REASONS)):
        with pytest.raises(WrongState, match="This return is signed off"):
            step()
    assert refreshed(police).status == Status.SIGNED_OFF


# --- The API ----------------------------------------------------------------------------

def test_api_send_back(cast, client_for):
    chief = police_chief(cast)
    client, police = client_for(chief), cast.return_police
    blank = client.post(api("send-back", police), {"reason": " "}, content_type="application/json")
    assert blank.status_code == 400 and "reason" in blank.json()
    missing = client.post(api("send-back", police), {}, content_type="application/json")
    assert missing.status_code == 400 and "reason" in missing.json()
    refused = client_for(cast.lead_police).post(api("send-back", police), {"reason": REASONS},
                                                content_type="application/json")
    assert refused.status_code == 403
    other = client_for(cast.chief_a).post(api("send-back", police), {"reason": REASONS},
                                          content_type="application/json")
    assert other.status_code == 404
    assert refreshed(police).status == Status.SUBMITTED
    done = client.post(api("send-back", police), {"reason": REASONS},
                       content_type="application/json")
    assert done.status_code == 200
    assert (done.json()["status"], done.json()["returned_comment"]) == ("returned", REASONS)
    again = client.post(api("send-back", police), {"reason": REASONS},
                        content_type="application/json")
    assert again.status_code == 400
    assert "only a submitted return that is not yet signed off can be sent back" in str(
        again.json())


def test_api_send_back_by_a_business_unit(cast, client_for):
    response = client_for(cast.bu_manager).post(api("send-back", cast.return_police),
                                                {"reason": REASONS},
                                                content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "returned"


def test_api_recall(cast, client_for):
    chief = police_chief(cast)
    client, police = client_for(cast.lead_police), cast.return_police
    assert client_for(chief).post(api("recall", police)).status_code == 403
    assert client_for(cast.lead_a).post(api("recall", police)).status_code == 404
    response = client.post(api("recall", police))
    assert response.status_code == 200 and response.json()["status"] == "draft"
    again = client.post(api("recall", police))
    assert again.status_code == 400 and "This return is a draft" in str(again.json())
    assert told(NotificationKind.RETURN_SENT_BACK, chief).count() == 1


# --- Submitting and signing off: who is told, and who signs ----------------------------

def submit_on_the_page(cast, client_for):
    police = returns.recall(assessment=cast.return_police, user=cast.lead_police)
    Notification.objects.all().delete()  # the recall's
    return client_for(cast.lead_police).post(page("submit", cast.p1.slug, police),
                                             {"version": police.version}, follow=True)


def test_submitting_without_a_chief_officer_says_who_must_name_one(
        cast, client_for, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        body = text(submit_on_the_page(cast, client_for))
    assert "Shires Police's return has been submitted." in body
    assert "can now sign it off" not in body
    assert ("No chief officer is recorded for Shires Police, so nobody can sign it off yet: the "
            "partnership's business unit must give someone the agency chief officer role") in body
    # Each business unit is told, with its own partnership's link, and of the missing role.
    notices = told(NotificationKind.RETURN_SUBMITTED)
    assert {(n.recipient, n.link) for n in notices} == {
        (cast.bu_manager, page("return", cast.p1.slug, cast.return_police)),
        (cast.bu_officer, page("return", cast.p1.slug, cast.return_police)),
        (cast.bu_p2, page("return", cast.p2.slug, cast.return_police))}
    assert all("No chief officer is recorded for Shires Police" in n.message for n in notices)
    # The return's page says so too, with the way to name one for the business unit.
    manager = text(client_for(cast.bu_manager).get(page("return", cast.p1.slug,
                                                        cast.return_police)))
    assert "No chief officer is recorded for Shires Police" in manager
    assert reverse("people-invite", args=[cast.p1.slug]) in manager
    lead = text(client_for(cast.lead_police).get(page("return", cast.p1.slug,
                                                      cast.return_police)))
    assert "The partnership's business unit must give someone" in lead


def test_the_submit_page_names_who_signs(cast, client_for):
    returns.recall(assessment=cast.return_police, user=cast.lead_police)
    address = page("submit", cast.p1.slug, cast.return_police)
    lead = client_for(cast.lead_police)
    assert "No chief officer is recorded for Shires Police" in text(lead.get(address))
    police_chief(cast)
    body = text(lead.get(address))
    assert "Then Morgan Reid, Shires Police's chief officer, signs the return off" in body


def test_submitting_and_signing_off_tell_the_right_people(
        cast, client_for, django_capture_on_commit_callbacks, mailoutbox):
    chief = police_chief(cast)
    with django_capture_on_commit_callbacks(execute=True):
        body = text(submit_on_the_page(cast, client_for))
    assert "Morgan Reid, its chief officer, can now sign it off." in body
    submitted = told(NotificationKind.RETURN_SUBMITTED)
    assert set(submitted.values_list("recipient", flat=True)) == {
        chief.pk, cast.bu_manager.pk, cast.bu_officer.pk, cast.bu_p2.pk}
    assert not any("No chief officer" in n.message for n in submitted)
    assert cast.lead_police.email not in {to for mail in mailoutbox for to in mail.to}
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        returns.sign_off(assessment=cast.return_police, user=chief)
    signed = told(NotificationKind.RETURN_SIGNED_OFF)
    assert set(signed.values_list("recipient", flat=True)) == {
        cast.lead_police.pk, cast.bu_manager.pk, cast.bu_officer.pk, cast.bu_p2.pk}
    assert all("was signed off by Morgan Reid" in n.message for n in signed)
    assert chief.email not in {to for mail in mailoutbox for to in mail.to}
    assert len(mailoutbox) == 4
