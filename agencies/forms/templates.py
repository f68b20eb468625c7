"""Forms for assessment templates: copying, the template's own fields, its standards and
their questions."""

from django import forms

from ..models import SCALE_OPTIONS, Scale


def _text(label, rows=3, **kwargs):
    return forms.CharField(label=label, required=False,
                           widget=forms.Textarea(attrs={"rows": rows}), **kwargs)


class TemplateCopyForm(forms.Form):
    name = forms.CharField(label="Name of the copy", max_length=200,
                           help_text="Your partnership's templates each need their own name.",
                           error_messages={"required": "Enter a name for the copy"})


def _threshold_choices():
    top = max(value for options in SCALE_OPTIONS.values() for value, _ in options)
    return [(value, f"Below {value}") for value in range(1, top + 2)]


class TemplateEditForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200,
                           error_messages={"required": "Enter the template's name"})
    scale = forms.ChoiceField(label="Rating scale", choices=Scale.choices, widget=forms.RadioSelect,
                              error_messages={"required": "Choose a rating scale",
                                              "invalid_choice": "Choose a rating scale"})
    action_below = forms.TypedChoiceField(
        label="Action plan item needed for ratings below", coerce=int,
        choices=_threshold_choices(), widget=forms.RadioSelect,
        error_messages={"required": "Choose the rating below which an action plan item is needed",
                        "invalid_choice": "Choose the rating below which an action plan item "
                                          "is needed"})
    guidance = _text("Guidance for the agencies", rows=5)

    def __init__(self, *args, template, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(template.options)
        values = sorted(labels)
        choices = [(values[0], f"Never (nothing is below {labels[values[0]]})")]
        choices += [(v, f"Below {labels[v]}") for v in values[1:]]
        choices.append((values[-1] + 1, f"Every rating, even {labels[values[-1]]}"))
        # Other scales' values stay valid: the service checks them against the scale chosen.
        known = {v for v, _ in choices}
        choices += [(v, label) for v, label in _threshold_choices() if v not in known]
        self.fields["action_below"].choices = choices
        self.fields["action_below"].help_text = (
            "On the current scale: " + "; ".join(f"{v} = {labels[v]}" for v in values)
            + ". If you change the scale, check this again.")


class StandardForm(forms.Form):
    number = forms.CharField(label="Number", max_length=10,
                             error_messages={"required": "Enter the standard's number"},
                             widget=forms.TextInput(attrs={"spellcheck": "false"}))
    title = forms.CharField(label="Title", max_length=300,
                            error_messages={"required": "Enter the standard's title"})
    description = _text("Description")
    guidance = _text("Guidance", help_text="What good evidence looks like for this standard.")
    rate_questions = forms.BooleanField(
        label="Rate and answer each question on its own", required=False,
        help_text="Each question then has its own rating, description and evidence, and the "
                  "standard's rating is the lowest of its questions' ratings. Otherwise the "
                  "questions are prompts for one rating and one description of the standard.")
    position = forms.IntegerField(label="Position", required=False, min_value=1, max_value=1000,
                                  help_text="Leave blank to put it last.",
                                  widget=forms.TextInput(attrs={"inputmode": "numeric"}),
                                  error_messages={"invalid": "Enter the position as a whole number",
                                                  "min_value": "The position must be 1 or more",
                                                  "max_value": "The position must be 1000 or less"})


class QuestionForm(forms.Form):
    number = forms.CharField(label="Number", max_length=10,
                             error_messages={"required": "Enter the question's number"},
                             widget=forms.TextInput(attrs={"spellcheck": "false"}))
    text = forms.CharField(label="Question", widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages={"required": "Enter the question"})
    guidance = _text("Guidance")
    evidence_required = forms.BooleanField(label="Evidence is needed to answer this question",
                                           required=False)
    position = forms.IntegerField(label="Position", required=False, min_value=1, max_value=1000,
                                  help_text="Leave blank to put it last.",
                                  widget=forms.TextInput(attrs={"inputmode": "numeric"}),
                                  error_messages={"invalid": "Enter the position as a whole number",
                                                  "min_value": "The position must be 1 or more",
                                                  "max_value": "The position must be 1000 or less"})


def without_blank_position(data):
    """The cleaned data for a service: a blank position means "last" (the service's default)."""
    data = dict(data)
    if data.get("position") is None:
        data.pop("position", None)
    return data
