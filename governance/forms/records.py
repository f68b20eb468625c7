"""Forms for a meeting's record after the event: correcting or withdrawing a decision or a
declaration of interest (with the reason), and the decisions log's filters (GET)."""

import django_filters
from django import forms

from partnership.forms.dates import GovukDateField

from ..models import Decision
from ..services.records import REASON_MAX


def _reason(label, hint):
    return forms.CharField(label=label, help_text=hint, max_length=REASON_MAX,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages={"required": "Enter the reason",
                                           "max_length": f"The reason must be {REASON_MAX} "
                                                         "characters or fewer"})


class CorrectForm(forms.Form):
    text = forms.CharField(label="Corrected text", widget=forms.Textarea(attrs={"rows": 4}))
    reason = _reason("Why it is corrected", "For example, 'Amount corrected at the meeting on "
                                            "3 March'. What it said before is kept.")

    def __init__(self, *args, noun, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = f"Corrected {noun}"
        self.fields["text"].error_messages["required"] = f"Enter the corrected {noun}"


class WithdrawForm(forms.Form):
    reason = _reason("Why it is withdrawn", "It stays on the record, marked as withdrawn, with "
                                            "this reason.")


class GovukDateFilter(django_filters.DateFilter):
    field_class = GovukDateField


class _LogForm(forms.Form):
    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "The 'to' date must be on or after the 'from' date")
        return data


CURRENT, WITHDRAWN = "current", "withdrawn"


class DecisionFilter(django_filters.FilterSet):
    """The decisions log's filters: group, meeting dates and status. `groups`: those the
    user may see."""

    group = django_filters.ModelChoiceFilter(
        field_name="meeting__group", queryset=None, label="Group", empty_label="All groups",
        error_messages={"invalid_choice": "Choose a group from the list"})
    start = GovukDateFilter(field_name="meeting__starts_at", lookup_expr="date__gte",
                            label="From", help_text="For example, 1 4 2025.")
    end = GovukDateFilter(field_name="meeting__starts_at", lookup_expr="date__lte", label="To",
                          help_text="For example, 31 3 2026.")
    status = django_filters.ChoiceFilter(
        label="Status", choices=[(CURRENT, "Current"), (WITHDRAWN, "Withdrawn")],
        empty_label="Current and withdrawn", method="filter_status",
        error_messages={"invalid_choice": "Choose a status from the list"})

    class Meta:
        model = Decision
        fields = []
        form = _LogForm

    def __init__(self, data=None, queryset=None, *, groups, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.filters["group"].queryset = groups

    def filter_status(self, queryset, name, value):
        return queryset.filter(withdrawn_at__isnull=(value == CURRENT))

