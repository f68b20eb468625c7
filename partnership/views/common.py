"""Small steps every app's form views share, and the one place the HTML views turn a
service's refusal into what the page shows.

A service refuses a step by raising a type from partnership.errors. `NotFound` and
`Forbidden` are Django's 404 and 403, so they are left to Django. `Invalid` (with its kinds
`WrongState`, `Incomplete` and `Conflict`, and a model's own `ValidationError`) means
nothing was changed: `attempt` runs the write and shows its messages on the form (on the
field they name, if the form has it), as an error message for the next page, or hands them
to the page for its error summary."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError


def query_id(request, name):
    """A whole-number query parameter of a page (an id that filters a list): its value, or
    None when it is absent or not a whole number, which a page treats like any other value
    that matches nothing. Only ASCII digits count (`str.isdigit()` also accepts "²", which
    int() refuses), and no more of them than an id column holds."""
    raw = request.GET.get(name, "")
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 18 else None


def bound(form_class, request, **kwargs):
    """The form, bound to the POST (and its files) for a POST, unbound for a GET."""
    if request.method == "POST":
        return form_class(request.POST, request.FILES, **kwargs)
    return form_class(**kwargs)


@dataclass
class Outcome:
    """How a service write went: `done` with its `result`, or refused with its `error`."""

    result: object = None
    error: ValidationError | None = None

    @property
    def done(self):
        return self.error is None

    @property
    def messages(self):
        """The refusal's messages ([] when done)."""
        return [] if self.error is None else self.error.messages


def attempt(write, *, form=None, request=None):
    """Run the service write and return its Outcome. When the service refuses the step as
    invalid, its messages go on `form` if one is given, or into an error message shown on
    the next page if `request` is given; otherwise the page shows `outcome.messages`."""
    try:
        return Outcome(result=write())
    except ValidationError as error:
        if form is not None:
            add_errors(form, error)
        if request is not None:
            messages.error(request, " ".join(error.messages))
        return Outcome(error=error)


def submit(request, form, write):
    """For a POST with a valid form, run the service write and return what it made; its
    validation errors become form errors (on the field they name, if the form has it)
    and nothing is returned."""
    if request.method != "POST" or not form.is_valid():
        return None
    return attempt(write, form=form).result


def add_errors(form, error):
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)
