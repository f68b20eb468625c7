"""The filters (GET, django-filter) of the partnership's own lists: its agencies (by name,
kind of participation and sector) and the people holding roles in its agencies (by name or
e-mail, role and agency name)."""

import django_filters
from django.db.models import Q

from .. import roles
from ..models import Agency, AgencyMembership, Sector
from ..selectors import PARTICIPATION


def _search(max_length=100):
    return {"max_length": max_length,
            "error_messages": {"max_length": f"Enter {max_length} characters or fewer"}}


class AgencyFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains", label="Name contains", **_search())
    participation = django_filters.ChoiceFilter(
        label="How it takes part", choices=list(PARTICIPATION.items()), empty_label="Any",
        error_messages={"invalid_choice": "Choose how the agency takes part from the list"})
    sector = django_filters.ChoiceFilter(
        label="Sector", choices=Sector.choices, empty_label="Any sector",
        error_messages={"invalid_choice": "Choose a sector from the list"})

    class Meta:
        model = Agency
        fields = []


class AgencyRoleFilter(django_filters.FilterSet):
    person = django_filters.CharFilter(label="Name or e-mail contains", method="filter_person",
                                       **_search())
    role = django_filters.ChoiceFilter(
        label="Role", choices=roles.AGENCY_ROLE_CHOICES, empty_label="Any agency role",
        error_messages={"invalid_choice": "Choose a role from the list"})
    agency = django_filters.CharFilter(field_name="agency__name", lookup_expr="icontains",
                                       label="Agency name contains", **_search())

    class Meta:
        model = AgencyMembership
        fields = []

    def filter_person(self, queryset, name, value):
        return queryset.filter(Q(user__full_name__icontains=value) | Q(user__email__icontains=value))
