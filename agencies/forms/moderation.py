"""The moderation form: for each standard of a return, a moderated rating (radios of the
template's scale) and feedback for the agency. Standards left without a rating are not
moderated yet; feedback needs a rating to go with it."""

from django import forms

FEEDBACK_MAX = 5000


class ModerationForm(forms.Form):
    def __init__(self, *args, sheet, **kwargs):
        super().__init__(*args, **kwargs)
        self.sheet = sheet
        self.rows = []
        for row in sheet:
            standard, moderation = row.standard, row.moderation
            rating = f"rating-{standard.pk}"
            feedback = f"feedback-{standard.pk}"
            self.fields[rating] = forms.TypedChoiceField(
                label=f"Moderated rating for standard {standard.number}",
                choices=[(str(value), label) for value, label in standard.template.options],
                coerce=int, empty_value=None, widget=forms.RadioSelect, required=False,
                initial=str(moderation.rating) if moderation else None,
                error_messages={"invalid_choice": f"Choose one of the ratings for standard "
                                                  f"{standard.number}"})
            self.fields[feedback] = forms.CharField(
                label=f"Feedback to the agency on standard {standard.number}",
                widget=forms.Textarea(attrs={"rows": 4}), required=False,
                max_length=FEEDBACK_MAX, initial=moderation.feedback if moderation else "",
                error_messages={"max_length": f"Feedback on standard {standard.number} must be "
                                              f"{FEEDBACK_MAX} characters or fewer"})
            self.rows.append((row, self[rating], self[feedback]))

    def clean(self):
        data = super().clean()
        chosen = False
        for row, rating, feedback in self.rows:
            value = data.get(rating.name)
            if value is None and rating.name not in self.errors:
                if (data.get(feedback.name) or "").strip():
                    self.add_error(rating.name, f"Choose a moderated rating for standard "
                                                f"{row.standard.number} to go with your feedback")
            elif value is not None:
                chosen = True
        if not chosen and not self.errors:
            raise forms.ValidationError("Choose a moderated rating for at least one standard")
        return data

    def changes(self):
        """(standard, rating, feedback) for each standard whose moderation is new or changed."""
        for row, rating, feedback in self.rows:
            value, text = self.cleaned_data.get(rating.name), self.cleaned_data.get(feedback.name, "")
            if value is None:
                continue
            current = row.moderation
            if current and current.rating == value and current.feedback == text.strip():
                continue
            yield row.standard, value, text
