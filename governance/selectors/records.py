"""Reads of meetings' records across groups: the decisions log. Callers pass what the user
may see (permissions.decisions_for)."""

from django.db.models import Exists, OuterRef

from ..models import Correction


def decision_log(decisions):
    """The log's rows: newest meetings first, each with its group and item, and whether it
    was corrected (no query per row)."""
    return (decisions.select_related("meeting__group", "item")
            .annotate(corrected=Exists(Correction.objects.filter(decision=OuterRef("pk"))))
            .order_by("-meeting__starts_at", "-meeting_id", "pk"))
