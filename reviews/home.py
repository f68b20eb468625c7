"""Case review items for the home page: summaries to write, decisions to sign off and
overdue cases. Children appear by pseudonym only."""

from django.urls import reverse
from django.utils import timezone

from partnership.registry import HomeTask

from . import permissions, selectors

SHOWN = 8


def review_tasks(user, partnership):
    if not (user.is_authenticated and user.is_active):
        return []
    today = timezone.localdate()
    return (_summary_tasks(user, partnership, today) + _sign_off_tasks(user, partnership, today)
            + _overdue_tasks(user, partnership, today))


def _summary_tasks(user, partnership, today):
    tasks = []
    for summary in selectors.open_summaries(permissions.summary_agencies(user), partnership):
        review = summary.rapid_review
        overdue = summary.due_on < today
        tasks.append(HomeTask(
            title=f"Write the {summary.agency.name} summary for {review.notification.pseudonym}",
            url=reverse("reviews:summary-edit", kwargs={
                "slug": partnership.slug, "pk": review.pk, "summary_pk": summary.pk}),
            description=f"{'Was due' if overdue else 'Due'} {summary.due_on:%-d %B %Y}. "
                        f"{summary.get_status_display()}.",
            overdue=overdue))
    return tasks


def _sign_off_tasks(user, partnership, today):
    reviews = list(selectors.awaiting_sign_off(partnership))
    if not reviews:
        return []
    partners = permissions.sign_off_partners(user, reviews[0])
    tasks = []
    for review in reviews:
        signed = {s.partner_id for s in review.sign_offs.all()}
        for partner in partners:
            if partner.pk in signed:
                continue
            tasks.append(HomeTask(
                title=f"Sign off the rapid review decision for {review.notification.pseudonym}",
                url=reverse("reviews:rapid-detail", kwargs={"slug": partnership.slug,
                                                           "pk": review.pk}) + "#sign-off",
                description=f"For {partner.name}. The rapid review is due "
                            f"{review.due_on:%-d %B %Y}.",
                overdue=review.due_on < today))
    return tasks


def _overdue_tasks(user, partnership, today):
    if not permissions.can_manage(user, partnership):
        return []
    cases = list(selectors.overdue_cases(partnership, today)[:SHOWN + 1])
    tasks = []
    for case in cases[:SHOWN]:
        review = getattr(case, "rapid_review", None)
        if case.notified_on is None and case.notify_by < today:
            title = f"Notify the Panel about {case.pseudonym}"
            description = f"{case.reference}. Was due {case.notify_by:%-d %B %Y}."
            url = reverse("reviews:case-detail", kwargs={"slug": partnership.slug, "pk": case.pk})
        else:
            title = f"Finish the rapid review of {case.pseudonym}"
            description = f"{case.reference}. Was due {review.due_on:%-d %B %Y}."
            url = reverse("reviews:rapid-detail", kwargs={"slug": partnership.slug,
                                                         "pk": review.pk})
        tasks.append(HomeTask(title=title, url=url, description=description, overdue=True))
    if len(cases) > SHOWN:
        tasks.append(HomeTask(title="More overdue cases", overdue=True,
                              url=reverse("reviews:case-list", args=[partnership.slug])))
    return tasks
