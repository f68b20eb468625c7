"""Every access decision about case reviews, in one place.

- Partnership roles (business unit, partners, chair, scrutineer) read the partnership's
  notifications, rapid reviews, agency summaries, practice reviews and recommendations,
  all pseudonymised; the business unit records them.
- An agency lead sees only the reviews their agency has been asked to contribute to, and
  on them only their own agency's summary, which they write.
- Drafts (decided here, the same rule as Section 11 returns in agencies/permissions.py and
  dataset returns in scrutiny/permissions/dataset.py): an agency's summary is the agency's
  own until it is submitted (or a nil return is made). Until then only its lead and the
  business unit (which runs the review and chases it) see it; partners, the chair and the
  scrutineer see submitted summaries only, in the pages and the API. Lists and states count
  what was asked and what was received, never what a draft says.
- Each lead or delegated safeguarding partner signs off a rapid review decision for the
  statutory partner they act for. A practice review's stages (commissioning, final report,
  publication decision) are key documents: only the lead safeguarding partners sign them,
  each for the partner they lead (partnership.permissions.lead_partner_memberships); a
  delegated partner gets 403.
- Files attached to an agency's summary are seen by whoever sees the summary; only the
  agency's lead adds or removes them, while the summary is not submitted.
- National reviews by the Panel, like practice reviews: the partnership's readers see them,
  the business unit records them.
- What identifies the child (ChildRecord) is read only by a named person holding a current
  case grant for that case; a deactivated account's grants count for nothing. Every read
  is logged by the view (partnership.services.audit).
- The notified children's characteristics (NotifiedChild: the DfE's answers, special
  category data) and the summary of what happened are seen by the business unit, which
  records and sends them, and by a named person holding a current case grant; never in a
  list, an e-mail or the API. Every read is logged by the view. Others who see the case see
  how many children it covers, nothing about them.
A record that is not the user's answers 404; a visible one they may not change, 403.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from partnership import permissions as core
from partnership import roles
from partnership.models import Designation, PartnershipMembership

from .models import (
    AgencySummary,
    CaseGrant,
    LearningTheme,
    NationalReview,
    Notification,
    NotifiedChild,
    PracticeReview,
    RapidReview,
    Recommendation,
    SummaryStatus,
)


def can_view(user, partnership):
    return core.has_perm(user, roles.VIEW_REVIEWS, partnership)


def can_manage(user, partnership):
    return core.has_perm(user, roles.MANAGE_REVIEWS, partnership)


def partnership_for_readers(user, slug):
    """The partnership, for its case review readers only (404 for anyone else)."""
    return core.partnership_with(user, slug, roles.VIEW_REVIEWS)


def require_manage(user, partnership):
    if not can_manage(user, partnership):
        raise PermissionDenied("Only the partnership's business unit can record case reviews.")


def summary_agencies(user):
    """Agencies whose rapid review summaries the user writes (their agency lead)."""
    return core.agencies_with(user, roles.WRITE_AGENCY_SUMMARY)


def sees_any(user, partnership):
    """Whether the user has any case review pages in this partnership at all."""
    return can_view(user, partnership) or notifications_for(user, partnership).exists()


def notifications_across(user, partnerships):
    """The cases of these partnerships the user may see, in one query: all of them for the
    partnership's review readers; elsewhere those whose rapid review asked one of their
    agencies for a summary."""
    partnerships = list(partnerships)
    seen = core.within(partnerships, decide=lambda p: can_view(user, p))
    if user.is_authenticated and user.is_active:
        seen |= Q(pk__in=Notification.objects.filter(
            rapid_review__summaries__agency__in=summary_agencies(user)).values("pk"))
    return Notification.objects.filter(core.within(partnerships)).filter(seen)


def notifications_for(user, partnership):
    return notifications_across(user, [partnership])


def notification_for(user, partnership, pk):
    try:
        return notifications_for(user, partnership).get(pk=pk)
    except (Notification.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("No such case") from None


def rapid_reviews_across(user, partnerships):
    return RapidReview.objects.filter(notification__in=notifications_across(user, partnerships))


def rapid_reviews_for(user, partnership):
    return rapid_reviews_across(user, [partnership])


def rapid_review_for(user, partnership, pk):
    try:
        return rapid_reviews_for(user, partnership).select_related(
            "notification__partnership").get(pk=pk)
    except (RapidReview.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("No such rapid review") from None


SUMMARY_SHOWN = (SummaryStatus.SUBMITTED, SummaryStatus.NIL)


def _summaries_seen(user, summaries, partnerships):
    """The summaries of `summaries` (of the rapid reviews of `partnerships`) the user may
    see: all of them for the business unit; for the other readers the submitted ones and
    those of their own agencies; for an agency lead their own agency's only (drafts
    included). One query, however many partnerships."""
    field = "rapid_review__notification__partnership"
    seen = core.within(partnerships, field, lambda p: can_manage(user, p))
    if user.is_authenticated and user.is_active:
        seen |= Q(agency__in=summary_agencies(user)) | (
            core.within(partnerships, field, lambda p: can_view(user, p))
            & Q(status__in=SUMMARY_SHOWN))
    return summaries.filter(seen)


def summaries_for(user, rapid_review):
    """A review's summaries the user may see (_summaries_seen)."""
    partnership = rapid_review.notification.partnership
    return _summaries_seen(user, AgencySummary.objects.filter(rapid_review=rapid_review),
                           [partnership])


def summaries_across(user, partnerships):
    """summaries_for across all the rapid reviews of these partnerships (for lists)."""
    partnerships = list(partnerships)
    return _summaries_seen(user, AgencySummary.objects.filter(core.within(
        partnerships, "rapid_review__notification__partnership")), partnerships)


def summaries_visible(user, partnership):
    """summaries_for across all of a partnership's rapid reviews (for lists)."""
    return summaries_across(user, [partnership])


def summary_for(user, rapid_review, pk):
    try:
        return summaries_for(user, rapid_review).select_related("agency").get(pk=pk)
    except (AgencySummary.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("No such summary") from None


def can_write_summary(user, summary):
    return core.has_perm(user, roles.WRITE_AGENCY_SUMMARY, summary.agency)


def require_write_summary(user, summary):
    if not can_write_summary(user, summary):
        raise PermissionDenied("Only the agency's lead writes its summary.")


def sign_off_partners(user, rapid_review):
    """The statutory partners this user may sign the review's decision off for."""
    partnership = rapid_review.notification.partnership
    if not core.has_perm(user, roles.SIGN_OFF_REVIEWS, partnership):
        return []
    statutory = Designation.objects.active().filter(
        partnership=partnership, kind__in=Designation.STATUTORY_KINDS).values("agency_id")
    memberships = PartnershipMembership.objects.active().filter(
        user=user, partnership=partnership, role__in=roles.PARTNER_ROLES,
        agency_id__in=statutory).select_related("agency")
    return sorted({m.agency for m in memberships}, key=lambda a: a.name)


def active_grant(user, notification, now=None):
    """The user's current grant to the case, or None (never for an inactive account)."""
    if not (user.is_authenticated and user.is_active):
        return None
    return CaseGrant.objects.filter(
        notification=notification, user=user, revoked_at__isnull=True,
        expires_at__gt=now or timezone.now()).order_by("-expires_at").first()


def case_grant_holders():
    """The people holding a current case grant, as a condition on users: they must sign in
    with a second factor (registered with partnership.registry in ReviewsConfig.ready)."""
    return Q(pk__in=CaseGrant.objects.filter(revoked_at__isnull=True,
                                             expires_at__gt=timezone.now()).values("user_id"))


def require_grant(user, notification):
    grant = active_grant(user, notification)
    if grant is None:
        raise PermissionDenied("You need a current case access grant to see who the child is.")
    return grant


def can_see_children(user, notification):
    """Whether the user may see the notified children's characteristics and the summary of
    what happened: the business unit, or a current case grant holder."""
    return (can_manage(user, notification.partnership)
            or active_grant(user, notification) is not None)


def require_see_children(user, notification):
    if not can_see_children(user, notification):
        raise PermissionDenied("The children's characteristics are seen only by the business "
                               "unit and people with a current case access grant.")


def notified_child_for(user, notification, pk):
    """One of the notification's children, for someone who may see them (404 otherwise)."""
    children = NotifiedChild.objects.filter(notification=notification)
    if not can_see_children(user, notification):
        children = children.none()
    try:
        return children.get(pk=pk)
    except (NotifiedChild.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("No such child") from None


def grants_for(user, notification):
    """The case's grants, for the business unit that manages them."""
    if not can_manage(user, notification.partnership):
        return CaseGrant.objects.none()
    return notification.grants.all()


def grant_for(user, notification, pk):
    try:
        return grants_for(user, notification).get(pk=pk)
    except (CaseGrant.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("No such grant") from None


def practice_reviews_across(user, partnerships):
    return PracticeReview.objects.filter(core.within(partnerships, decide=lambda p: can_view(user, p)))


def practice_reviews_for(user, partnership):
    return practice_reviews_across(user, [partnership])


def practice_review_for(user, partnership, pk):
    try:
        return practice_reviews_for(user, partnership).get(pk=pk)
    except (PracticeReview.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("No such practice review") from None


def recommendations_across(user, partnerships):
    return Recommendation.objects.filter(core.within(partnerships, decide=lambda p: can_view(user, p)))


def recommendations_for(user, partnership):
    return recommendations_across(user, [partnership])


def recommendation_for(user, partnership, pk):
    try:
        return recommendations_for(user, partnership).get(pk=pk)
    except (Recommendation.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("No such recommendation") from None


def themes_for(user, partnership):
    if not can_view(user, partnership):
        return LearningTheme.objects.none()
    return LearningTheme.objects.filter(partnership=partnership)


PRACTICE_SIGNERS_ONLY = (
    "Only a lead safeguarding partner signs off a practice review: the decision to commission "
    "it, the final report and the publication decision. A delegated partner may prepare and "
    "recommend them; the lead partner signs.")


def practice_signer_memberships(user, review):
    """The user's lead safeguarding partner roles that may sign off this practice review,
    one per statutory partner they lead."""
    return core.lead_partner_memberships(user, review.partnership)


def require_practice_signer(user, review, partner_id=None):
    """The membership the user signs with (for `partner_id`, or their only one): 403 for
    anyone who is not a lead partner, or who names a partner they do not lead."""
    memberships = practice_signer_memberships(user, review)
    if not memberships:
        raise PermissionDenied(PRACTICE_SIGNERS_ONLY)
    chosen = [m for m in memberships if str(m.agency_id) == str(partner_id)]
    if partner_id is None and len(memberships) == 1:
        chosen = memberships
    if not chosen:
        raise PermissionDenied("You sign off only for the partner you lead: "
                               + ", ".join(m.agency.name for m in memberships) + ".")
    return chosen[0]


def attachment_for(summary, pk):
    """A file of `summary`, which summary_for gave the user: 404 for any other."""
    try:
        return summary.attachments.select_related("summary").get(pk=pk)
    except (ValueError, TypeError, OverflowError, summary.attachments.model.DoesNotExist):
        raise Http404("No such file") from None


def require_attach(user, summary):
    if not can_write_summary(user, summary):
        raise PermissionDenied("Only the agency's lead adds files to its summary.")


def national_reviews_across(user, partnerships):
    return NationalReview.objects.filter(core.within(partnerships, decide=lambda p: can_view(user, p)))


def national_reviews_for(user, partnership):
    return national_reviews_across(user, [partnership])


def national_review_for(user, partnership, pk):
    try:
        return national_reviews_for(user, partnership).get(pk=pk)
    except (NationalReview.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("No such national review") from None
