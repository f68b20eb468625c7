"""Choosing among many: a select or a group of checkboxes offers at most PICKER_MAX records
at once, whatever the size of the deployment (a county partnership has thousands of schools).
With more candidates, a search (GET, `NameSearchForm`) narrows what is offered by name;
whatever the person already chose stays offered, and any candidate is accepted on POST.

    form = offer_in(bound(MyForm, request, ...), "agency", request)

and the page renders "picker_form.html" (form.html with the search above the form and one
error summary for both), or includes "includes/picker_search.html" with picking=form.picking
and names form.picking.search in its error summary. It works without JavaScript: the search
is a GET form of its own, carrying the page's other GET parameters."""

from dataclasses import dataclass, field

from django import forms
from django.db.models import Case, Model, Q, QuerySet, Value, When

PICKER_MAX = 200


class NameSearchForm(forms.Form):
    """The search (GET) that narrows the records offered in a picker. Its field's id is
    find_name, apart from any `name` field of the form below it."""

    name = forms.CharField(
        label="Find by name: name contains", required=False, max_length=100,
        help_text="Part of the name is enough, for example \"college\".",
        error_messages={"max_length": "Enter 100 characters or fewer"})

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "find_%s")
        super().__init__(*args, **kwargs)

    def search(self):
        return self.cleaned_data["name"].strip() if self.is_valid() else ""


@dataclass
class Offer:
    """What a picker offers: `shown`, the records in it; `narrowed`, whether there are more
    candidates than PICKER_MAX (the search is then needed); `more`, whether more records
    match the search than are shown; `search`, the text searched for."""

    shown: list = field(default_factory=list)
    narrowed: bool = False
    more: bool = False
    search: str = ""


def offer(picker, candidates, *, search="", chosen=(), by="name", limit=None):
    """Offer in `picker` (a ModelChoiceField or ModelMultipleChoiceField) the `candidates`
    (a queryset, in order): every one when there are at most `limit`; otherwise those whose
    `by` contains `search` (none without a search) and those `chosen` (ids from the bound
    data), at most `limit` of them. Any candidate is still accepted. One query when there
    are few, two otherwise."""
    limit = limit or PICKER_MAX
    picker.queryset = candidates
    rows = list(candidates[:limit + 1])
    made = Offer(shown=rows, search=search)
    if len(rows) > limit:
        ids = [int(value) for value in chosen if str(value).isascii() and str(value).isdigit()
               and len(str(value)) < 19]
        wanted = Q(pk__in=ids) | (Q(**{f"{by}__icontains": search}) if search else Q(pk__in=[]))
        chosen_first = Case(When(pk__in=ids, then=Value(0)), default=Value(1))
        rows = list(candidates.filter(wanted).order_by(chosen_first, *candidates.query.order_by)[
            :max(limit, len(ids)) + 1]) if (search or ids) else []
        shown = rows[:max(limit, len(ids))]
        if "__" not in by:
            shown.sort(key=lambda row: str(getattr(row, by, "")).lower())
        made = Offer(shown=shown, narrowed=True, more=len(rows) > len(shown), search=search)
    empty = [("", picker.empty_label)] if getattr(picker, "empty_label", None) is not None else []
    picker.widget.choices = empty + [(row.pk, picker.label_from_instance(row))
                                     for row in made.shown]
    return made


@dataclass
class Picking:
    """What a page shows above its form: the `offer`, its `search` form, what is picked
    (`many`) and the page's other GET parameters (`keep`), which the search carries."""

    offer: Offer
    search: NameSearchForm
    many: str = "agencies"
    keep: list = field(default_factory=list)


def offer_in(form, name, request, many="agencies"):
    """Offer the candidates of the form's field `name` (its queryset, in order), narrowed
    by the page's search (?name=); what is chosen (posted, or the record's current value)
    stays offered. Sets form.picking; returns the form."""
    search = NameSearchForm(request.GET)
    picker = form.fields[name]
    made = offer(picker, picker.queryset, search=search.search(), chosen=_chosen(form, name))
    keep = [(key, value) for key, values in request.GET.lists() if key != "name"
            for value in values]
    form.picking = Picking(offer=made, search=search, many=many, keep=keep)
    return form


def _chosen(form, name):
    if form.is_bound:
        key = form.add_prefix(name)
        return form.data.getlist(key) if hasattr(form.data, "getlist") else [form.data.get(key)]
    value = form.get_initial_for_field(form.fields[name], name)
    values = value if isinstance(value, (list, tuple, QuerySet)) else [value]
    return [item.pk if isinstance(item, Model) else item for item in values
            if item not in (None, "")]
