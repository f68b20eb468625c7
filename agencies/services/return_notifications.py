"""Who hears of a return's steps, through the core's notify() (called inside the step's
transaction): the agency's people by their agency role, and the business unit of every
partnership that asked for the return, each with the link to the return in that
partnership. Messages name the agency, the cycle and the person who acted: never the
reasons or any answer."""

from django.urls import reverse

from partnership import roles
from partnership.models import NotificationKind
from partnership.services.notifications import agency_people, notify, partnership_people

from ..selectors_sign_off import signatories

LEADS, CHIEFS = roles.SUBMIT_AGENCY_RETURNS, roles.SIGN_OFF_AGENCY_RETURNS


def _name(user):
    return user.full_name or user.email


def _tell(assessment, *, kind, by, what, agency_perm=None, business_unit=False, note=""):
    """Notify, per asking partnership (first asked first), its business unit (when
    `business_unit`) and, with the first partnership's link, the agency's people holding
    `agency_perm`. Nobody is told twice, nor of their own step."""
    requests = (assessment.requests.select_related("cycle__partnership")
                .order_by("cycle__opens_on", "pk"))
    staff = set(agency_people(assessment.agency, agency_perm)) if agency_perm else set()
    told = {by.pk}
    for request in requests:
        partnership = request.cycle.partnership
        recipients = staff | (set(partnership_people(partnership, roles.MANAGE_ASSESSMENTS))
                              if business_unit else set())
        recipients -= told
        staff, told = set(), told | recipients
        message = f"{assessment.agency.name}'s return to the {request.cycle.name} {what}"
        notify(kind=kind, recipients=recipients, partnership=partnership,
               message=f"{message} {note}".strip(),
               link=reverse("s11:return", args=[partnership.slug, assessment.pk]))


def submitted(assessment, user):
    """To the agency's chief officers and the business units; the business units also hear
    when the agency has no chief officer to sign it off."""
    note = ("" if signatories(assessment.agency) else
            f"No chief officer is recorded for {assessment.agency.name}: give someone that "
            "role so it can be signed off.")
    _tell(assessment, kind=NotificationKind.RETURN_SUBMITTED, by=user,
          what=f"was submitted by {_name(user)}.", agency_perm=CHIEFS, business_unit=True,
          note=note)


def sent_back(assessment, user):
    """To the agency's leads, naming who sent it back (the reasons are on the page)."""
    _tell(assessment, kind=NotificationKind.RETURN_SENT_BACK, by=user,
          what=f"was sent back to its lead by {_name(user)}.", agency_perm=LEADS)


def recalled(assessment, user):
    """To the agency's chief officers: it no longer waits for their sign-off. A recall is
    told under RETURN_SENT_BACK's kind (the return goes back to its lead as a draft)."""
    _tell(assessment, kind=NotificationKind.RETURN_SENT_BACK, by=user,
          what=f"was recalled by its lead, {_name(user)}, and no longer waits for sign-off.",
          agency_perm=CHIEFS)


def signed_off(assessment, user):
    """To the agency's leads and the business units."""
    _tell(assessment, kind=NotificationKind.RETURN_SIGNED_OFF, by=user,
          what=f"was signed off by {_name(user)}.", agency_perm=LEADS, business_unit=True)
