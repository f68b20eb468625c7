"""The filters (GET, django-filter) of the challenge log, the dataset returns, the scrutiny
plan and the consultations."""

import django_filters
from django.db.models import Exists, OuterRef

from partnership.forms.filters import CheckboxFilter, choice_filter
from partnership.models.dated import today

from ..models import (
    ActivityStatus,
    ActivityType,
    Challenge,
    ChallengeAddressee,
    ChallengeState,
    DatasetReturn,
    DatasetStatus,
    ScrutinyActivity,
)
from ..selectors.challenges import overdue_q


class ChallengeFilter(django_filters.FilterSet):
    """The challenge log's filters. `agencies`: the partners challenges are addressed to
    (the statutory partners, a short list), None for those who see only their own."""

    state = choice_filter("State", ChallengeState.choices, "Any state")
    agency = django_filters.ModelChoiceFilter(
        queryset=None, label="Partner", empty_label="Any partner", method="filter_agency",
        error_messages={"invalid_choice": "Choose a partner from the list"})
    overdue = CheckboxFilter(label="Overdue responses only", method="filter_overdue")

    class Meta:
        model = Challenge
        fields = []

    def __init__(self, data=None, queryset=None, *, agencies, **kwargs):
        super().__init__(data, queryset, **kwargs)
        if agencies is None:
            del self.filters["agency"]
        else:
            self.filters["agency"].queryset = agencies

    def filter_agency(self, queryset, name, value):
        return queryset.filter(Exists(ChallengeAddressee.objects.filter(
            challenge=OuterRef("pk"), agency=value)))

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(overdue_q(today()))


class DatasetReturnFilter(django_filters.FilterSet):
    status = choice_filter("Status", DatasetStatus.choices, "Any status")
    agency = django_filters.CharFilter(
        field_name="agency__name", lookup_expr="icontains", label="Agency name contains",
        max_length=100, error_messages={"max_length": "Enter 100 characters or fewer"})

    class Meta:
        model = DatasetReturn
        fields = []


class ActivityFilter(django_filters.FilterSet):
    """The scrutiny plan's filters within the year the page shows."""

    type = choice_filter("Type", ActivityType.choices, "Any type", field_name="activity_type")
    status = choice_filter("Status", ActivityStatus.choices, "Any status")

    class Meta:
        model = ScrutinyActivity
        fields = []
