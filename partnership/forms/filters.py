"""Pieces the list pages' django-filter FilterSets share: a checkbox filter and an
organisation filter that stays a short select (a text search once there are too many)."""

import django_filters
from django import forms

CHOICES_MAX = 200  # a select longer than this becomes a text search


class _Box(forms.CheckboxInput):
    """?name=0 or =false is unticked, like no value at all (Django reads "0" as ticked)."""

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        return name in data and bool(value) and str(value).lower() not in ("0", "false")


class _Tick(forms.BooleanField):
    widget = _Box

    def to_python(self, value):
        return super().to_python(value) or None  # unticked: no filter


class CheckboxFilter(django_filters.Filter):
    """A GOV.UK checkbox (?name=1 or on); unticked filters nothing. The FilterSet's
    `method` receives True."""

    field_class = _Tick


def choice_filter(label, choices, any_label, **kwargs):
    """A select of fixed choices, with a clear error for a value that is not one."""
    return django_filters.ChoiceFilter(
        label=label, choices=choices, empty_label=any_label, **kwargs,
        error_messages={"invalid_choice": f"Choose a {label.lower()} from the list"})


def bound_organisations(filterset, choice, search, organisations):
    """Offer the organisations (a queryset, in order) as the select `choice` when there are
    at most CHOICES_MAX of them (one query for at most CHOICES_MAX + 1 rows); otherwise
    the text search `search` replaces it on the page (the select's value, from a link,
    still filters). Returns whether the select is shown."""
    filterset.filters[choice].queryset = organisations
    shown = list(organisations[:CHOICES_MAX + 1])
    field = filterset.form.fields[choice]
    if len(shown) > CHOICES_MAX:
        field.widget = forms.HiddenInput()
        return False
    field.widget.choices = [("", field.empty_label)] + [(o.pk, o.name) for o in shown]
    del filterset.form.fields[search]
    return True
