"""A form's agency picker offered through partnership/forms/pickers.py: at most PICKER_MAX
agencies at once; with more, a search by name (GET) narrows them, what is chosen (posted,
or the record's current value) stays offered, and any candidate is accepted."""

from dataclasses import dataclass

from django.db.models import Model, QuerySet

from partnership.forms import pickers


@dataclass
class Picking:
    """What the page shows above the form: the `offer`, its `search` form, what is picked
    (`many`) and the page's other GET parameters (`keep`), carried by the search."""

    offer: pickers.Offer
    search: pickers.NameSearchForm
    many: str
    keep: list


def offer_in(form, name, request, many="agencies"):
    """Offer the candidates of the form's field `name` (its queryset, in order), narrowed by
    the page's search; the page includes "includes/picking.html" (or renders
    "form_picker.html"). Returns the form."""
    search = pickers.NameSearchForm(request.GET, auto_id="find_%s")  # ids unlike the form's
    picker = form.fields[name]
    made = pickers.offer(picker, picker.queryset, search=search.search(),
                         chosen=_chosen(form, name), limit=pickers.PICKER_MAX)
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
