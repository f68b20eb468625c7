"""The GOV.UK date input: day, month and year boxes, with the Design System's messages."""

import datetime

from django import forms

from ..dates import plausible_years


class GovukDateWidget(forms.MultiWidget):
    template_name = "widgets/govuk_date.html"

    def __init__(self, attrs=None):
        box = {"inputmode": "numeric", "class": "govuk-input govuk-date-input__input"}
        super().__init__(
            [
                forms.TextInput({**box, "class": box["class"] + " govuk-input--width-2"}),
                forms.TextInput({**box, "class": box["class"] + " govuk-input--width-2"}),
                forms.TextInput({**box, "class": box["class"] + " govuk-input--width-4"}),
            ],
            attrs,
        )

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for sub, label in zip(context["widget"]["subwidgets"], ("Day", "Month", "Year"),
                              strict=True):
            sub["label"] = label
        return context


class GovukDateField(forms.MultiValueField):
    widget = GovukDateWidget

    def __init__(self, error_messages=None, **kwargs):
        error_messages = {"incomplete": "Enter a day, month and year", **(error_messages or {})}
        # The parts are optional one by one so compress() can say which part is missing.
        fields = [forms.CharField(required=False) for _ in range(3)]
        super().__init__(fields, error_messages=error_messages, require_all_fields=False,
                         **kwargs)

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        label = (self.label or "date").lower()
        day, month, year = (part.strip() if part else "" for part in data_list)
        missing = [n for n, v in (("day", day), ("month", month), ("year", year)) if not v]
        if missing:
            raise forms.ValidationError(f"The {label} must include a {' and '.join(missing)}")
        # ASCII digits only, at most 2 for the day and month and 4 for the year: "²" passes
        # isdigit() but not int(), and 20 digits overflow datetime.date (OverflowError).
        if not all(part.isascii() and part.isdigit() for part in (day, month, year)) or (
                len(day) > 2 or len(month) > 2 or len(year) != 4):
            raise forms.ValidationError(f"The {label} must be a real date, like 27 3 2026")
        try:
            value = datetime.date(int(year), int(month), int(day))
        except (ValueError, OverflowError):
            raise forms.ValidationError(f"The {label} must be a real date") from None
        first, last = plausible_years()
        if not first <= value.year <= last:
            raise forms.ValidationError(f"The {label} must be between {first} and {last}")
        return value


class EndForm(forms.Form):
    """The last day of something Dated (a seat, a team member), not before its first day.
    A subclass sets `what` ("on the group") and the help text's example."""

    what = ""
    example = "31 3 2027"

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        self.member = member
        self.fields["end_date"] = GovukDateField(
            label=f"Last day {self.what}",
            error_messages={"required": f"Enter the last day {self.what}"},
            help_text=f"For example, {self.example}. It counts until the end of this day.")

    def clean_end_date(self):
        end = self.cleaned_data["end_date"]
        if end < self.member.start_date:
            raise forms.ValidationError("The last day must be the same as or after the start "
                                        f"date, {self.member.start_date:%-d %B %Y}")
        return end
