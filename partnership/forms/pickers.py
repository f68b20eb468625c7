"""Choosing among many: a select or a group of checkboxes offers at most PICKER_MAX records
at once, whatever the size of the deployment (a county partnership has thousands of schools).
With more candidates, a search (GET, `NameSearchForm`) narrows what is offered by name;
whatever the person already chose stays offered, and any candidate is accepted on POST.

    search = NameSearchForm(request.GET)
    form = bound(MyForm, request, ...)
    form.offer = offer(form.fields["agency"], candidates, search=search.search(),
                       chosen=form.data.getlist("agency"))

and in the template `{% include "includes/picker_search.html" with offer=form.offer %}`
above the form (a GET form of its own, so it works without JavaScript)."""

from dataclasses import dataclass, field

from django import forms
from django.db.models import Q

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
        wanted = Q(pk__in=ids)
        if search:
            wanted |= Q(**{f"{by}__icontains": search})
        rows = list(candidates.filter(wanted)[:limit + 1]) if (search or ids) else []
        made = Offer(shown=rows[:limit], narrowed=True, more=len(rows) > limit, search=search)
    empty = [("", picker.empty_label)] if getattr(picker, "empty_label", None) is not None else []
    picker.widget.choices = empty + [(row.pk, picker.label_from_instance(row))
                                     for row in made.shown]
    return made
