"""Who scrutiny tells about what (partnership.services.notifications), called by the
services inside their transaction, after the write: a challenge raised, answered and judged;
a consultation sent to agencies; a yearly report waiting for the lead partners' sign-off.
Messages name the record, the partnership and the agency, never a challenge's or a
response's own text: they go by e-mail, and carry no child data."""

from django.urls import reverse

from partnership import roles
from partnership.models import NotificationKind, PartnershipMembership
from partnership.services.notifications import agency_people, notify, partnership_people

LEAD = "lead_safeguarding_partner"


def _link(challenge):
    return reverse("scrutiny:challenge-detail", args=[challenge.partnership.slug, challenge.pk])


def raised(challenge, agencies):
    """To the leads (and chief officers) of each addressed agency."""
    for agency in agencies:
        notify(kind=NotificationKind.CHALLENGE_RAISED,
               recipients=agency_people(agency, roles.RESPOND_AGENCY_CHALLENGES),
               message=f"{challenge.partnership.name} raised challenge {challenge.code} to "
                       f"{agency.name}: a response is due by {challenge.due_on:%-d %B %Y}",
               link=_link(challenge), partnership=challenge.partnership)


def answered(challenge, agency):
    """To whoever raised it, the scrutineer and the business unit (MANAGE_SCRUTINY)."""
    whole = (" Every partner has now responded: it waits for a judgement."
             if challenge.responded_on else "")
    notify(kind=NotificationKind.CHALLENGE_ANSWERED,
           recipients=[challenge.raised_by_id,
                       *partnership_people(challenge.partnership, roles.MANAGE_SCRUTINY)],
           message=f"{agency.name} responded to challenge {challenge.code} of "
                   f"{challenge.partnership.name}.{whole}",
           link=_link(challenge), partnership=challenge.partnership)


def judged(challenge):
    """To the leads (and chief officers) of the addressed agencies."""
    recipients = [person for addressee in challenge.addressees.select_related("agency")
                  for person in agency_people(addressee.agency,
                                              roles.RESPOND_AGENCY_CHALLENGES)]
    notify(kind=NotificationKind.CHALLENGE_JUDGED, recipients=recipients,
           message=f"Challenge {challenge.code} of {challenge.partnership.name} was judged: "
                   f"{challenge.get_judgement_display().lower()}",
           link=_link(challenge), partnership=challenge.partnership)


def consultation_opened(consultation, agencies):
    """To the leads of each agency the consultation was sent to."""
    for agency in agencies:
        notify(kind=NotificationKind.CONSULTATION_OPENED,
               recipients=agency_people(agency, roles.RESPOND_AGENCY_CONSULTATIONS),
               message=f"{consultation.partnership.name} asks {agency.name} to answer the "
                       f"consultation ‘{consultation.title}’ by "
                       f"{consultation.closes_on:%-d %B %Y}",
               link=reverse("scrutiny:consultation-respond", args=[
                   consultation.partnership.slug, consultation.pk, agency.pk]),
               partnership=consultation.partnership)


def report_waiting(report, partners):
    """To the lead safeguarding partners of the statutory `partners` (agencies) who have not
    signed the yearly report off."""
    partnership = report.partnership
    leads = PartnershipMembership.objects.active().filter(
        partnership=partnership, role=LEAD, agency__in=partners, user__is_active=True)
    notify(kind=NotificationKind.REPORT_SIGN_OFF,
           recipients=list(leads.values_list("user_id", flat=True)),
           message=f"{partnership.name}'s yearly report {report.label} waits for your "
                   f"sign-off",
           link=reverse("scrutiny:report-sign-off", args=[partnership.slug, report.pk]),
           partnership=partnership)
