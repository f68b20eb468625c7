"""What passes to an agency's successor when it merges (partnership.registry merger
handler): the rapid review summaries it has not yet submitted, which the successor's lead
now writes. Submitted summaries and sign-offs stay the merged agency's: they were its."""

from ..models import AgencySummary, SummaryStatus


def summaries_pass_on_merger(agency, into, merged_on):
    taken = AgencySummary.objects.filter(agency=into).values("rapid_review_id")
    AgencySummary.objects.filter(
        agency=agency, status__in=(SummaryStatus.REQUESTED, SummaryStatus.DRAFT),
    ).exclude(rapid_review_id__in=taken).update(agency=into)
