"""Small steps every app's form views share."""

from django.core.exceptions import ValidationError


def bound(form_class, request, **kwargs):
    """The form, bound to the POST (and its files) for a POST, unbound for a GET."""
    if request.method == "POST":
        return form_class(request.POST, request.FILES, **kwargs)
    return form_class(**kwargs)


def submit(request, form, write):
    """For a POST with a valid form, run the service write and return what it made; its
    validation errors become form errors (on the field they name, if the form has it)
    and nothing is returned."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return write()
    except ValidationError as error:
        add_errors(form, error)
        return None


def add_errors(form, error):
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)
