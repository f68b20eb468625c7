"""GOV.UK Design System form fields: `{% field form.name %}` renders the label, hint,
error message and control the Design System way, with the right ARIA links."""

from django import forms, template

from ..forms.dates import GovukDateWidget

register = template.Library()


def _kind(widget):
    if isinstance(widget, GovukDateWidget):
        return "date"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return "file"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    return "input"


_CLASSES = {
    "input": "govuk-input",
    "select": "govuk-select",
    "textarea": "govuk-textarea",
    "radios": "govuk-radios__input",
    "checkbox": "govuk-checkboxes__input",
    "file": "govuk-file-upload",
}


@register.inclusion_tag("includes/field.html")
def field(bound_field, width=None):
    widget = bound_field.field.widget
    kind = _kind(widget)
    described_by = []
    if bound_field.help_text:
        described_by.append(f"{bound_field.auto_id}-hint")
    if bound_field.errors:
        described_by.append(f"{bound_field.auto_id}-error")
    attrs = {}
    if kind in _CLASSES:
        css = _CLASSES[kind]
        if bound_field.errors and kind in ("input", "select", "textarea", "file"):
            css += f" {css}--error"
        if width and kind == "input":
            css += f" govuk-input--width-{width}"
        attrs["class"] = css
    if described_by and kind in ("input", "select", "textarea", "file"):
        attrs["aria-describedby"] = " ".join(described_by)
    return {
        "field": bound_field,
        "kind": kind,
        "control": bound_field.as_widget(attrs=attrs)
        if kind in ("input", "select", "textarea", "file") else None,
        "described_by": " ".join(described_by),
    }


@register.inclusion_tag("includes/error_summary.html")
def error_summary(form, *more):
    """The page's one error summary: the errors of `form` and of any `more` forms on the
    page (a picker's search, for example), in order."""
    items = []
    for each in (form, *more):
        for name, errors in each.errors.items():
            if name == "__all__":
                items.extend({"href": None, "message": message} for message in errors)
                continue
            bound = each[name]
            anchor = f"{bound.auto_id}_0" if _kind(bound.field.widget) in (
                "date", "radios", "checkboxes") else bound.auto_id
            items.extend({"href": f"#{anchor}", "message": message} for message in errors)
    return {"items": items}
