"""The filters (GET, django-filter) of the case list, the practice and national reviews
and the recommendations."""

import django_filters

from partnership.forms.filters import choice_filter

from ..models import (
    IncidentType,
    NationalReview,
    Notification,
    PracticeReview,
    PracticeStatus,
    Recommendation,
    RecommendationStatus,
)

OPEN, CLOSED = "open", "closed"


def _theme_filter():
    return django_filters.ModelChoiceFilter(
        field_name="themes", queryset=None, label="Learning theme", empty_label="Any theme",
        error_messages={"invalid_choice": "Choose a learning theme from the list"})


class _ThemeFilterSet(django_filters.FilterSet):
    """`themes`: the partnership's learning themes the user may see (retired ones marked)."""

    def __init__(self, data=None, queryset=None, *, themes, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.filters["theme"].queryset = themes.order_by("-active", "name")
        self.form.fields["theme"].label_from_instance = (
            lambda t: t.name if t.active else f"{t.name} (retired)")


class CaseFilter(django_filters.FilterSet):
    """The case list's filters; the incident only for those who read the cases (an agency
    lead sees only the pseudonym and age band of a case it contributes to)."""

    incident_type = choice_filter("Incident", IncidentType.choices, "Any incident")
    state = choice_filter("Case", [(OPEN, "Open"), (CLOSED, "Closed")], "Open and closed",
                          method="filter_state")

    class Meta:
        model = Notification
        fields = []

    def __init__(self, data=None, queryset=None, *, reader, **kwargs):
        super().__init__(data, queryset, **kwargs)
        if not reader:
            del self.filters["incident_type"]

    def filter_state(self, queryset, name, value):
        return queryset.filter(closed_on__isnull=(value == OPEN))


class PracticeReviewFilter(_ThemeFilterSet):
    status = choice_filter("Status", PracticeStatus.choices, "Any status")
    theme = _theme_filter()

    class Meta:
        model = PracticeReview
        fields = []


class NationalReviewFilter(_ThemeFilterSet):
    theme = _theme_filter()

    class Meta:
        model = NationalReview
        fields = []


class RecommendationFilter(_ThemeFilterSet):
    theme = _theme_filter()
    status = choice_filter("Status", RecommendationStatus.choices, "Any status")

    class Meta:
        model = Recommendation
        fields = []
