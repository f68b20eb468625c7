"""Forms of consultations: creating one, its questions, sending it, and an agency's
answers (with the version of the response the writer started from)."""

from django import forms

from partnership.forms.dates import GovukDateField
from partnership.models import Agency, Designation, Sector

from ..models import QuestionKind
from ..models.consultations import SCALE

STALE = "This page is out of date: reload it and try again"


class ConsultationForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200,
                            help_text="For example, ‘Relevant agencies consultation, autumn "
                                      "2019’.", error_messages={"required": "Enter a title"})
    introduction = forms.CharField(label="Introduction", required=False,
                                   widget=forms.Textarea(attrs={"rows": 4}),
                                   help_text="What the consultation is for; agencies see it.")
    period_start = GovukDateField(label="Period from", help_text="For example, 1 4 2019",
                                  error_messages={"required": "Enter the date the period starts"})
    period_end = GovukDateField(label="Period to", help_text="For example, 30 9 2019",
                                error_messages={"required": "Enter the date the period ends"})
    closes_on = GovukDateField(label="Closes on", help_text="The last day agencies can answer.",
                               error_messages={"required": "Enter the closing date"})


class QuestionForm(forms.Form):
    text = forms.CharField(label="Question", max_length=500,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages={"required": "Enter the question"})
    kind = forms.ChoiceField(label="Kind of answer", choices=QuestionKind.choices,
                             widget=forms.RadioSelect,
                             error_messages={"required": "Choose the kind of answer"})


class SendForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label="Send to agencies designated as", choices=Designation.Kind.choices,
        required=False, widget=forms.CheckboxSelectMultiple)
    sectors = forms.MultipleChoiceField(label="Send to agencies of these sectors",
                                        choices=Sector.choices, required=False,
                                        widget=forms.CheckboxSelectMultiple)
    agencies = forms.ModelMultipleChoiceField(label="Send to these agencies",
                                              queryset=Agency.objects.none(), required=False,
                                              widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = agencies


class DraftText(forms.CharField):
    """Needed to submit, not to save a draft: shown without "(optional)"."""

    def validate(self, value):
        pass


class ResponseForm(forms.Form):
    use_required_attribute = False

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0,
                                 error_messages={"required": STALE, "invalid": STALE,
                                                 "min_value": STALE})

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for q in questions:
            label = f"{q.position}. {q.text}"
            if q.kind == QuestionKind.SCALE:
                self.fields[f"question_{q.pk}"] = forms.TypedChoiceField(
                    label=label, required=False, coerce=int, empty_value=None,
                    choices=[(n, str(n)) for n in SCALE], widget=forms.RadioSelect,
                    help_text="1 is poor, 5 is excellent.",
                    error_messages={"invalid_choice": f"Question {q.position}: choose from 1 "
                                                      "to 5"})
            else:
                self.fields[f"question_{q.pk}"] = DraftText(
                    label=label, widget=forms.Textarea(attrs={"rows": 5}))

    def question_fields(self):
        return [self[f"question_{q.pk}"] for q in self.questions]

    def answers(self):
        return {q.pk: self.cleaned_data.get(f"question_{q.pk}") for q in self.questions}
