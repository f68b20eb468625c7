"""partnership/forms/pickers.py: a picker offers at most PICKER_MAX records, narrowed by a
search by name, keeping what was chosen, accepting any candidate."""

import pytest
from django import forms

from partnership.forms import pickers
from partnership.models import Agency

pytestmark = pytest.mark.django_db


class AgencyForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), empty_label="Choose")
    agencies = forms.ModelMultipleChoiceField(queryset=Agency.objects.none(), required=False,
                                              widget=forms.CheckboxSelectMultiple)


def made(n):
    Agency.objects.bulk_create(Agency(name=f"School {i:02d}", sector="education")
                               for i in range(n))
    return Agency.objects.filter(name__startswith="School").order_by("name")


def test_a_few_candidates_are_all_offered(django_assert_num_queries):
    candidates = made(3)
    form = AgencyForm()
    with django_assert_num_queries(1):
        offer = pickers.offer(form.fields["agency"], candidates)
    assert not offer.narrowed and len(offer.shown) == 3
    assert [label for _, label in form.fields["agency"].widget.choices] == [
        "Choose", "School 00", "School 01", "School 02"]


def test_many_candidates_need_a_search_and_keep_what_was_chosen(monkeypatch):
    monkeypatch.setattr(pickers, "PICKER_MAX", 5)
    candidates = made(12)
    last = candidates.last()
    form = AgencyForm({"agency": str(last.pk)})
    offer = pickers.offer(form.fields["agency"], candidates, chosen=[form.data["agency"]])
    assert offer.narrowed and [a.name for a in offer.shown] == ["School 11"]
    assert form.is_valid() and form.cleaned_data["agency"] == last  # any candidate counts

    form = AgencyForm()
    offer = pickers.offer(form.fields["agencies"], candidates, search="school 0", limit=5,
                          chosen=["x", "9" * 30])
    assert offer.narrowed and offer.more and len(offer.shown) == 5
    assert len(form.fields["agencies"].widget.choices) == 5  # checkboxes: no empty choice

    offer = pickers.offer(form.fields["agency"], candidates, search="nothing", limit=5)
    assert offer.narrowed and offer.shown == [] and not offer.more
    assert pickers.offer(form.fields["agency"], candidates, limit=5).shown == []


def test_the_search_is_checked():
    assert pickers.NameSearchForm({"name": "  college "}).search() == "college"
    too_long = pickers.NameSearchForm({"name": "x" * 101})
    assert too_long.search() == "" and "Enter 100 characters or fewer" in str(too_long.errors)


def test_what_was_chosen_stays_offered_when_more_match_than_are_shown(monkeypatch):
    """An edit page whose current owner is not among the first matches keeps it offered
    (saving would otherwise clear it)."""
    candidates = made(12)
    last = candidates.last()
    form = AgencyForm()
    offer = pickers.offer(form.fields["agency"], candidates, search="school", limit=5,
                          chosen=[str(last.pk)])
    assert offer.narrowed and offer.more and len(offer.shown) == 5
    assert last in offer.shown
    assert [row.name for row in offer.shown] == sorted(row.name for row in offer.shown)
