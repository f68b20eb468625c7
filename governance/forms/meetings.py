"""Forms for meetings, their agenda, papers, attendance, minutes and the action register."""

import datetime

from django import forms

from partnership import uploads
from partnership.forms.dates import GovukDateField

from ..models import ActionStatus, AttendanceStatus
from ..selectors import owner_groups

TIME_HELP = "Use the 24-hour clock, for example 09:30 or 14:00."


def _time(value):
    try:
        return datetime.datetime.strptime(value.strip(), "%H:%M").time()
    except ValueError:
        raise forms.ValidationError("Enter a time in the 24-hour clock, like 09:30 or 14:00") \
            from None


class MeetingForm(forms.Form):
    date = GovukDateField(label="Date", error_messages={"required": "Enter the date of the meeting"})
    time = forms.CharField(label="Start time", help_text=TIME_HELP, max_length=5,
                           error_messages={"required": "Enter the start time"})
    duration_minutes = forms.IntegerField(
        label="Length in minutes", min_value=15, max_value=24 * 60,
        error_messages={"required": "Enter how long the meeting lasts, in minutes",
                        "invalid": "Enter the length as a whole number of minutes",
                        "min_value": "A meeting lasts at least 15 minutes",
                        "max_value": "A meeting lasts at most a day (1440 minutes)"})
    location = forms.CharField(label="Location", max_length=200, required=False)
    online_link = forms.URLField(label="Online meeting link", required=False, assume_scheme="https",
                                 error_messages={"invalid": "Enter a full web address, "
                                                            "starting https://"})

    def clean_time(self):
        return _time(self.cleaned_data["time"])

    def meeting_fields(self, tz):
        data = self.cleaned_data
        return {"starts_at": datetime.datetime.combine(data["date"], data["time"], tzinfo=tz),
                "duration_minutes": data["duration_minutes"], "location": data["location"],
                "online_link": data["online_link"]}


class ItemForm(forms.Form):
    title = forms.CharField(label="Title", max_length=300,
                            error_messages={"required": "Enter the item's title"})
    owner_label = forms.CharField(label="Presenter", max_length=200, required=False,
                                  help_text="A person or post, for example 'Chief nurse, ICB'.")
    duration_minutes = forms.IntegerField(
        label="Time allowed, in minutes", min_value=1, max_value=24 * 60, required=False,
        help_text="Leave blank if the item is not timed. Each item's start time follows from "
                  "the meeting's start and the time allowed for the items before it.",
        error_messages={"invalid": "Enter the time allowed as a whole number of minutes",
                        "min_value": "Enter at least 1 minute",
                        "max_value": "Enter at most 1440 minutes (a day)"})
    notes = forms.CharField(label="Notes", widget=forms.Textarea(attrs={"rows": 3}),
                            required=False)
    confidential = forms.BooleanField(
        label="Confidential: only the group's members can see this item and its papers",
        required=False)


class PaperForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200, required=False,
                            help_text="Leave blank to use the file's name.")
    file = forms.FileField(
        label="File", help_text="A PDF, Word, Excel or OpenDocument file.",
        error_messages={"required": "Select a file",
                        "empty": "The selected file is empty",
                        "invalid": "Select a file"})

    def clean_file(self):
        return uploads.check_upload(self.cleaned_data["file"])


class AttendanceForm(forms.Form):
    """The attendance grid: one status per seat (`status-<seat id>`) and the name of the
    deputy sent (`deputy-<seat id>`), pre-filled with what was recorded. The "All present"
    button (`all_present`) records every seat as present."""

    def __init__(self, data=None, *args, seats, **kwargs):
        self.all_present = bool(data is not None and data.get("all_present"))
        if self.all_present:
            data = data.copy()
            for seat, _ in seats:
                data[f"status-{seat.pk}"], data[f"deputy-{seat.pk}"] = AttendanceStatus.PRESENT, ""
        super().__init__(data, *args, **kwargs)
        self.seats = []
        for seat, row in seats:
            status, deputy = f"status-{seat.pk}", f"deputy-{seat.pk}"
            self.fields[status] = forms.ChoiceField(
                label=f"Attendance of {seat.display}",
                choices=[("", "Choose"), *AttendanceStatus.choices],
                initial=row.status if row else "",
                error_messages={"required": f"Choose whether {seat.display} attended",
                                "invalid_choice": f"Choose whether {seat.display} attended"})
            self.fields[deputy] = forms.CharField(
                label=f"Deputy sent by {seat.display}", max_length=200, required=False,
                initial=row.deputy_name if row else "",
                error_messages={"max_length": "The deputy's name must be 200 characters or "
                                              "fewer"})
            self.seats.append((seat, row, self[status], self[deputy]))

    def clean(self):
        if not self.seats:
            raise forms.ValidationError("Nobody has a seat on the group on the day of this "
                                        "meeting: add the group's members first")
        for seat, _, status, deputy in self.seats:
            if (self.cleaned_data.get(status.name) == AttendanceStatus.DEPUTY
                    and not self.cleaned_data.get(deputy.name, "").strip()):
                self.add_error(deputy.name, f"Enter the name of the deputy sent by {seat.display}")
        return self.cleaned_data

    def entries(self):
        return {seat: (self.cleaned_data[status.name], self.cleaned_data[deputy.name])
                for seat, _, status, deputy in self.seats}


class _ItemChoiceForm(forms.Form):
    item = forms.ModelChoiceField(label="Agenda item", queryset=None, required=False,
                                  empty_label="Not about one item",
                                  error_messages={"invalid_choice": "Choose an item of this "
                                                                    "meeting's agenda"})

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items


class DeclarationForm(_ItemChoiceForm):
    person = forms.CharField(label="Who declared the interest", max_length=200,
                             error_messages={"required": "Enter who declared the interest"})
    interest = forms.CharField(label="The interest", widget=forms.Textarea(attrs={"rows": 3}),
                               error_messages={"required": "Describe the interest declared"})


class DecisionForm(_ItemChoiceForm):
    text = forms.CharField(label="Decision", widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages={"required": "Enter the decision"})


class ActionForm(forms.Form):
    description = forms.CharField(label="Action", widget=forms.Textarea(attrs={"rows": 3}),
                                  error_messages={"required": "Describe the action"})
    owner_agency = forms.ModelChoiceField(
        label="Owner agency", queryset=None, empty_label="Choose an agency",
        error_messages={"required": "Choose the agency that owns the action",
                        "invalid_choice": "Choose one of the partnership's agencies"})
    owner = forms.ModelChoiceField(
        label="Owner", queryset=None, required=False, empty_label="No named owner",
        help_text="Someone from the owner agency, or from the business unit.",
        error_messages={"invalid_choice": "Choose one of the people in the list"})
    due_on = GovukDateField(label="Due date", error_messages={"required": "Enter the due date"})

    def __init__(self, *args, agencies, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_agency"].queryset = agencies
        self.fields["owner"].queryset = people
        # The people grouped by their agency (the chosen agency's first), so the owner is
        # picked among the owner agency's people; the service refuses anyone else's.
        chosen = self.data.get("owner_agency") if self.is_bound else self.initial.get(
            "owner_agency")
        self.fields["owner"].choices = [("", "No named owner"),
                                        *owner_groups(people, agencies, first=chosen)]


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label="Status", widget=forms.RadioSelect,
                               error_messages={"required": "Choose the action's status",
                                               "invalid_choice": "Choose one of the statuses"})
    note = forms.CharField(label="Progress", widget=forms.Textarea(attrs={"rows": 3}),
                           required=False)
    evidence = forms.CharField(
        label="Evidence of completion", widget=forms.Textarea(attrs={"rows": 3}), required=False,
        help_text="Needed to complete or close the action: what was done and how you know.")
    evidence_link = forms.URLField(label="Link to evidence", required=False, assume_scheme="https",
                                   error_messages={"invalid": "Enter a full web address, "
                                                              "starting https://"})
    evidence_file = forms.FileField(label="Evidence file", required=False,
                                    help_text="A PDF, Word, Excel or OpenDocument file.")

    def __init__(self, *args, may_close, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (value, label) for value, label in ActionStatus.choices
            if may_close or value != ActionStatus.CLOSED]

    def clean_evidence_file(self):
        upload = self.cleaned_data.get("evidence_file")
        return uploads.check_upload(upload) if upload else None
