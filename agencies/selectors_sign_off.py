"""Who signs a return off, and who sent it back: reads for the return's workflow pages."""

from partnership import roles
from partnership.models import User
from partnership.services.notifications import agency_people

from .models import Status


def signatories(agency):
    """The agency's chief officers today (they sign its returns off), by name."""
    return list(User.objects.filter(pk__in=agency_people(agency, roles.SIGN_OFF_AGENCY_RETURNS))
                .order_by("full_name", "pk"))


def names(people):
    """'A', 'A and B', 'A, B and C'."""
    shown = [person.full_name or person.email for person in people]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def who_signs(agency, signers):
    """The sentence saying who can now sign the agency's submitted return off, or that the
    agency has no chief officer in the portal and who can name one."""
    if not signers:
        return (f"No chief officer is recorded for {agency.name}, so nobody can sign it off "
                "yet: the partnership's business unit must give someone the agency chief "
                "officer role (People, then Invite someone).")
    if len(signers) == 1:
        return f"{names(signers)}, its chief officer, can now sign it off."
    return f"Its chief officers, {names(signers)}, can now sign it off (any one of them)."


def sent_back_by(assessment):
    """The person who last sent the return back to the agency's lead (None if it is not
    returned, or nobody is recorded)."""
    if assessment.status != Status.RETURNED:
        return None
    kept = (assessment.versions.filter(event="returned").select_related("by")
            .order_by("-number", "-pk").first())
    return kept.by if kept else None
