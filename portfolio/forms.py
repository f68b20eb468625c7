"""The portfolio's filters (django-filter): partnership (a select of the partnerships the
agency serves only), kind of item, overdue, and due before a date. Each filter narrows every
kind's query before they are combined (selectors.combined), so the filtered list is still
one query for a page and one for its count."""

import django_filters

from governance.forms.records import GovukDateFilter
from partnership.models import Partnership
from partnership.models.dated import today

from . import selectors

OVERDUE = "overdue"


class PortfolioFilter(django_filters.FilterSet):
    partnership = django_filters.ModelChoiceFilter(
        queryset=None, label="Partnership", empty_label="All partnerships",
        method="filter_partnership",
        error_messages={"invalid_choice": "Choose a partnership the agency serves"})
    kind = django_filters.ChoiceFilter(
        field_name="item_kind", label="What", empty_label="Everything",
        error_messages={"invalid_choice": "Choose a kind of item from the list"})
    due = django_filters.ChoiceFilter(
        label="When", choices=[(OVERDUE, "Overdue only")], empty_label="Overdue and due later",
        method="filter_due", error_messages={"invalid_choice": "Choose from the list"})
    due_before = GovukDateFilter(field_name="item_due", lookup_expr="lt", label="Due before",
                                 help_text="For example, 31 3 2027.")

    def __init__(self, data=None, *, agency, kinds, **kwargs):
        super().__init__(data, queryset=Partnership.objects.none(), **kwargs)
        self.agency, self.kinds = agency, kinds
        self.filters["partnership"].queryset = selectors.served(agency)
        self.filters["kind"].extra["choices"] = [(k, selectors.KINDS[k]) for k in kinds]

    @property
    def qs(self):
        """The filtered items of every kind the viewer sees, as one UNION queryset."""
        if not hasattr(self, "_qs"):
            found = selectors.parts(self.agency, self.kinds)
            if self.is_bound:
                self.errors  # noqa: B018 - validates the form before filtering, as django-filter does
                found = [self.filter_queryset(part) for part in found]
            self._qs = selectors.combined(found)
        return self._qs

    def filter_partnership(self, queryset, name, value):
        return queryset.filter(item_partnership=value.pk)

    def filter_due(self, queryset, name, value):
        return queryset.filter(item_due__lt=today())


class PortfolioApiFilter(PortfolioFilter):
    """The API's: `partnership` an id, `due_before` a YYYY-MM-DD date."""

    due_before = django_filters.DateFilter(
        field_name="item_due", lookup_expr="lt", input_formats=["%Y-%m-%d"],
        error_messages={"invalid": "Enter a date as YYYY-MM-DD"})
