"""Forms for the minutes: the draft (Part A and a Part B entry per confidential item),
drafting from the record, and approval at a later meeting."""

from django import forms
from django.utils import timezone

MAX_TEXT = 100_000


class MinutesForm(forms.Form):
    """Part A (`text`) and, for those who may see them, one `item-<id>` field per
    confidential item (its Part B entry)."""

    text = forms.CharField(
        label="Part A: the public minutes", widget=forms.Textarea(attrs={"rows": 20}),
        max_length=MAX_TEXT, strip=False,
        help_text="Everyone who can see the meeting reads these once they are approved. "
                  "Number each minute (1. Apologies) to make it a heading in the PDF and "
                  "Word versions.",
        error_messages={"required": "Enter the minutes",
                        "max_length": f"Keep the minutes under {MAX_TEXT:,} characters"})

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        self.part_b = []
        for item in self.items:
            name = f"item-{item.pk}"
            self.fields[name] = forms.CharField(
                label=f"Part B: {item.title}", required=False, max_length=MAX_TEXT,
                widget=forms.Textarea(attrs={"rows": 6}),
                error_messages={"max_length": f"Keep Part B for one item under {MAX_TEXT:,} "
                                              "characters"})
            self.part_b.append(self[name])

    def confidential(self):
        """{item: its Part B text} (None when the form has no Part B fields)."""
        if not self.items:
            return None
        return {item: self.cleaned_data[f"item-{item.pk}"] for item in self.items}


class MinutesDraftForm(forms.Form):
    replace = forms.BooleanField(
        label="Replace the minutes already written with a draft from the record",
        required=False)


class MinutesApproveForm(forms.Form):
    at_meeting = forms.ModelChoiceField(
        label="Approved at", queryset=None, widget=forms.RadioSelect,
        help_text="A later meeting of the group that was held.",
        error_messages={"required": "Choose the meeting that approved the minutes",
                        "invalid_choice": "Choose a later meeting of the same group that "
                                          "was held"})
    corrections = forms.CharField(
        label="Corrections agreed at that meeting", required=False, max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Shown with the approved minutes. Leave blank if they were approved as "
                  "written.",
        error_messages={"max_length": "Keep the corrections under 20,000 characters"})

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at_meeting"].queryset = meetings
        self.fields["at_meeting"].label_from_instance = _day


def _day(meeting):
    return f"{timezone.localtime(meeting.starts_at):%-d %B %Y}"
