"""Forms for priorities, the work plan and the governance reports' filters."""

from django import forms

from partnership.forms.dates import GovukDateField

from ..models import Progress


class PriorityForm(forms.Form):
    title = forms.CharField(label="Priority", max_length=200,
                            error_messages={"required": "Enter the priority"})
    heading = forms.CharField(label="Strategic heading", max_length=60, required=False,
                              help_text="For example Safe, Happy, Healthy or Achieving.")
    description = forms.CharField(label="Description", required=False,
                                  widget=forms.Textarea({"rows": 4}))
    period_start = GovukDateField(label="Start of the period",
                                  help_text="For example, 1 4 2026 for the financial year 2026/27.",
                                  error_messages={"required": "Enter the start of the period"})
    period_end = GovukDateField(label="End of the period", help_text="For example, 31 3 2027.",
                                error_messages={"required": "Enter the end of the period"})


class ActionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, action):
        text = action.description if len(action.description) <= 90 \
            else action.description[:89] + "…"
        return (f"{action.code}: {text} ({action.owner_agency}, due "
                f"{action.due_on:%-d %B %Y}, {action.get_status_display().lower()})")


class WorkPlanItemForm(forms.Form):
    title = forms.CharField(label="What will be done", max_length=300,
                            error_messages={"required": "Enter what will be done"})
    group = forms.ModelChoiceField(label="Group delivering it", queryset=None, required=False,
                                   empty_label="No group",
                                   error_messages={"invalid_choice": "Choose a group from the list"})
    lead_agency = forms.ModelChoiceField(
        label="Lead agency", queryset=None, required=False, empty_label="No lead agency",
        error_messages={"invalid_choice": "Choose an agency from the list"})
    due_on = GovukDateField(label="Due date", required=False)
    progress = forms.ChoiceField(label="Progress", choices=Progress.choices,
                                 widget=forms.RadioSelect, initial=Progress.NOT_STARTED,
                                 error_messages={"required": "Choose how the item is progressing",
                                                 "invalid_choice": "Choose how the item is "
                                                                   "progressing"})
    progress_note = forms.CharField(label="Progress note", required=False,
                                    help_text="Needed when the item is at risk or off track.",
                                    widget=forms.Textarea({"rows": 3}))
    actions = ActionChoiceField(
        label="Actions on the register that deliver it", queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose actions from the list",
                        "invalid_pk_value": "Choose actions from the list"})

    def __init__(self, *args, groups, agencies, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups
        self.fields["lead_agency"].queryset = agencies
        self.fields["actions"].queryset = actions


class PlanYearForm(forms.Form):
    """The financial year shown on the priorities page (GET)."""

    year = forms.TypedChoiceField(label="Financial year", coerce=int,
                                  error_messages={"invalid_choice": "Choose a year from the list",
                                                  "required": "Choose a year"})

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = choices


class AttendanceFilterForm(forms.Form):
    """The attendance report's period and group (GET)."""

    start = GovukDateField(label="Start of the period",
                           error_messages={"required": "Enter the start of the period"})
    end = GovukDateField(label="End of the period",
                         error_messages={"required": "Enter the end of the period"})
    group = forms.ModelChoiceField(label="Group", queryset=None, required=False,
                                   empty_label="All groups",
                                   error_messages={"invalid_choice": "Choose a group from the list"})

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "The end of the period must be on or after its start")
        return data
