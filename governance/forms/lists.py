"""The filters (GET, django-filter) of the action register and the meetings list."""

import django_filters
from django import forms
from django.utils import timezone

from partnership.forms.filters import CheckboxFilter, bound_organisations, choice_filter

from ..models import Action, ActionSource, ActionStatus, Meeting


class ActionFilter(django_filters.FilterSet):
    """The action register's filters. `agencies`: the agencies that own an action the user
    may see (a select while there are few, a search by name otherwise)."""

    status = choice_filter("Status", ActionStatus.choices, "Any status")
    source = choice_filter("Source", ActionSource.choices, "Any source")
    agency = django_filters.ModelChoiceFilter(
        field_name="owner_agency", queryset=None, label="Owner agency", empty_label="Any agency",
        error_messages={"invalid_choice": "Choose an owner agency from the list"})
    agency_name = django_filters.CharFilter(
        field_name="owner_agency__name", lookup_expr="icontains", label="Owner agency",
        help_text="All or part of its name.", max_length=100)
    overdue = CheckboxFilter(label="Only overdue actions", method="filter_overdue")

    class Meta:
        model = Action
        fields = []

    def __init__(self, data=None, queryset=None, *, agencies, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.filters["agency"].queryset = agencies

    def bound_agencies(self):
        """Whether the page shows the owner agencies as a select (or a search by name)."""
        return bound_organisations(self, "agency", "agency_name",
                                   self.filters["agency"].queryset)

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue()


UPCOMING, PAST = "upcoming", "past"


class MeetingFilter(django_filters.FilterSet):
    """The meetings list's filters: upcoming (soonest first) or past (latest first) and the
    group. `groups`: those the user may see."""

    when = choice_filter("Show", [(UPCOMING, "Upcoming meetings"), (PAST, "Past meetings")],
                         None, method="filter_when", widget=forms.RadioSelect)
    group = django_filters.ModelChoiceFilter(
        queryset=None, label="Group", empty_label="All groups",
        error_messages={"invalid_choice": "Choose a group from the list"})

    class Meta:
        model = Meeting
        fields = []

    def __init__(self, data, queryset=None, *, groups, **kwargs):
        data = data.copy()
        data.setdefault("when", UPCOMING)
        super().__init__(data, queryset, **kwargs)
        self.filters["group"].queryset = groups

    def filter_when(self, queryset, name, value):
        now = timezone.now()
        if value == PAST:
            return queryset.filter(starts_at__lt=now).order_by("-starts_at", "-pk")
        return queryset.filter(starts_at__gte=now).order_by("starts_at", "pk")
