"""The filters (GET) of Section 11's lists, with django-filter: the return list by cycle,
status, agency name and the agency's designation in the partnership."""

import django_filters
from django.db.models import Exists, OuterRef
from django.utils import timezone

from partnership.models import Agency, Designation

from ..models import Cycle, Request, Return, Status


def current_cycle(cycles, today=None):
    """The cycle a list opens on: the newest open today, else the newest that has opened,
    else the newest (None when there is no cycle)."""
    today = today or timezone.localdate()
    newest = cycles.order_by("-opens_on", "-pk")
    return (newest.filter(opens_on__lte=today, closes_on__gte=today).first()
            or newest.filter(opens_on__lte=today).first() or newest.first())


def agency_name(field_name):
    """A text filter: the rows whose agency's name (`field_name`) contains it."""
    return django_filters.CharFilter(
        field_name=field_name, lookup_expr="icontains", label="Agency name contains",
        max_length=100, error_messages={"max_length": "Enter 100 characters or fewer"})


class ReturnFilter(django_filters.FilterSet):
    """The return list's filters. `cycles`: the partnership's cycles the user may see;
    `partnership`: whose designations the designation filter reads."""

    cycle = django_filters.ModelChoiceFilter(
        field_name="requests__cycle", queryset=Cycle.objects.none(), label="Cycle",
        empty_label="All cycles", method="filter_cycle",
        error_messages={"invalid_choice": "Choose a cycle from the list"})
    status = django_filters.ChoiceFilter(
        label="Status", choices=Status.choices, empty_label="Any status",
        error_messages={"invalid_choice": "Choose a status from the list"})
    agency = agency_name("agency__name")
    designation = django_filters.ChoiceFilter(
        label="Designation", choices=Designation.Kind.choices, empty_label="Any designation",
        method="filter_designation",
        error_messages={"invalid_choice": "Choose a designation from the list"})

    class Meta:
        model = Return
        fields = []

    def __init__(self, data=None, queryset=None, *, cycles, partnership, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.filters["cycle"].queryset = cycles.order_by("-opens_on", "-pk")
        self.partnership = partnership

    def filter_cycle(self, queryset, name, value):
        asked = Request.objects.filter(assessment=OuterRef("pk"), cycle=value)
        return queryset.filter(Exists(asked))

    def filter_designation(self, queryset, name, value):
        designated = Designation.objects.active().filter(
            partnership=self.partnership, kind=value, agency=OuterRef("agency"))
        return queryset.filter(Exists(designated))


class TrendFilter(django_filters.FilterSet):
    """The year-on-year page's filter: the agencies whose name contains a text."""

    agency = agency_name("name")

    class Meta:
        model = Agency
        fields = []


class RatingFilter(django_filters.FilterSet):
    """The cycle analysis's ratings by agency: the agencies whose name contains a text."""

    agency = agency_name("agency__name")

    class Meta:
        model = Request
        fields = []
