"""Forms for the partnership's groups, their seats and meeting schedules."""

from django import forms
from django.core.exceptions import ValidationError

from partnership.forms.dates import EndForm, GovukDateField

from ..models import Frequency, GroupType, MemberType, Quorum
from ..services.meetings import MAX_SCHEDULE


def _number(**attrs):
    return forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false", **attrs})


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.email})" if obj.full_name else obj.email


class GroupChoiceField(forms.ModelChoiceField):
    """A group to report to; the group being edited cannot be its own parent."""

    own_pk = None

    def to_python(self, value):
        if value not in self.empty_values and self.own_pk is not None \
                and str(value) == str(self.own_pk):
            raise ValidationError("A group cannot report to itself", code="self")
        return super().to_python(value)

    def label_from_instance(self, obj):
        return obj.name


class GroupForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200,
                           error_messages={"required": "Enter the group's name",
                                           "max_length": "Enter a name of 200 characters or "
                                                         "fewer"})
    short_name = forms.CharField(label="Short name", max_length=20, required=False,
                                 help_text="For example, LSPRG.",
                                 error_messages={"max_length": "Enter a short name of 20 "
                                                               "characters or fewer"})
    group_type = forms.ChoiceField(
        label="Type of group", choices=GroupType.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose the type of group",
                        "invalid_choice": "Choose one of the types of group"})
    purpose = forms.CharField(label="Purpose and terms of reference", required=False,
                              widget=forms.Textarea({"rows": 6}))
    frequency = forms.ChoiceField(
        label="How often it meets", choices=Frequency.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose how often the group meets",
                        "invalid_choice": "Choose one of the frequencies"})
    meeting_minutes = forms.IntegerField(
        label="Meeting length in minutes", required=False, min_value=1, max_value=1440,
        widget=_number(), help_text="For example, 150 for two and a half hours.",
        error_messages={"invalid": "Enter the meeting length as a whole number of minutes, "
                                   "like 120",
                        "min_value": "Enter a meeting length of at least 1 minute",
                        "max_value": "Enter a meeting length of 1440 minutes (a day) or less"})
    length_label = forms.CharField(
        label="Meeting length as written", max_length=30, required=False,
        help_text="Instead of minutes, if that is how it is known, for example '1 day'.",
        error_messages={"max_length": "Enter a length of 30 characters or fewer"})
    chair = PersonField(
        label="Chair", queryset=None, required=False, empty_label="No named person",
        help_text="People who hold a role in the partnership or one of its agencies.",
        error_messages={"invalid_choice": "Choose the chair from the list"})
    chair_label = forms.CharField(
        label="Chair's post", max_length=200, required=False,
        help_text="The post that chairs the group, or 'To be confirmed'. If nothing is "
                  "entered here and no person is chosen, the chair shows as to be confirmed.",
        error_messages={"max_length": "Enter a post of 200 characters or fewer"})
    reports_to = GroupChoiceField(
        label="Reports to", queryset=None, required=False,
        empty_label="It does not report to another group",
        error_messages={"invalid_choice": "Choose a group of this partnership from the list"})
    quorum = forms.ChoiceField(
        label="Quorum rule", choices=Quorum.choices, widget=forms.RadioSelect,
        initial=Quorum.NONE,
        error_messages={"required": "Choose the quorum rule",
                        "invalid_choice": "Choose one of the quorum rules"})
    quorum_count = forms.IntegerField(
        label="Number of core members needed", required=False, min_value=1, max_value=100,
        widget=_number(), help_text="Only for the rule 'A number of core members present'.",
        error_messages={"invalid": "Enter the number of core members as a whole number, like 4",
                        "min_value": "Enter a number of core members of 1 or more",
                        "max_value": "Enter a number of core members of 100 or fewer"})
    start_date = GovukDateField(label="Start date", required=False,
                                help_text="Leave blank to start today. For example, 27 3 2026")
    end_date = GovukDateField(label="End date", required=False,
                              help_text="Task-and-finish groups must have an end date. "
                                        "For example, 31 3 2027")
    shared_with = forms.ModelMultipleChoiceField(
        label="Shared with other partnerships", queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="A cross-partnership group also reports to these partnerships: their "
                  "people see it and its meetings. You can share it with partnerships "
                  "whose business unit you are part of.",
        error_messages={"invalid_choice": "Choose partnerships from the list"})

    def __init__(self, *args, people, groups, share_with=None, group=None, **kwargs):
        """`people`: who may chair; `groups`: the groups it may report to; `share_with`:
        the partnerships it may be shared with (the field is left out if there are none);
        `group`: the group being edited."""
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = people
        self.fields["reports_to"].queryset = groups.exclude(pk=group.pk) if group else groups
        self.fields["reports_to"].own_pk = group.pk if group else None
        if share_with is None or not share_with.exists():
            del self.fields["shared_with"]
        else:
            self.fields["shared_with"].queryset = share_with

    def clean(self):
        data = super().clean()
        if data.get("quorum") != Quorum.CORE_MEMBERS and "quorum_count" in data:
            data["quorum_count"] = None
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The end date must be the same as or after the start date")
        return data

    def service_fields(self):
        """The cleaned data as the group services take it (without `shared_with`)."""
        fields = {name: value for name, value in self.cleaned_data.items()
                  if name != "shared_with"}
        if fields.get("start_date") is None:
            fields.pop("start_date", None)
        return fields


class MemberForm(forms.Form):
    user = PersonField(
        label="Person", queryset=None, required=False, empty_label="No named person",
        help_text="People who hold a role in the partnership or one of its agencies. Leave "
                  "blank for a seat held by a post.",
        error_messages={"invalid_choice": "Choose the person from the list"})
    role_label = forms.CharField(
        label="Post", max_length=200, required=False,
        help_text="The post that holds the seat, for example 'Designated nurse'. Needed if no "
                  "person is chosen.",
        error_messages={"max_length": "Enter a post of 200 characters or fewer"})
    agency = forms.ModelChoiceField(
        label="Agency", queryset=None, required=False, empty_label="No agency",
        help_text="The agency the seat represents.",
        error_messages={"invalid_choice": "Choose one of the partnership's agencies"})
    member_type = forms.ChoiceField(
        label="Type of seat", choices=MemberType.choices, widget=forms.RadioSelect,
        initial=MemberType.CORE,
        error_messages={"required": "Choose the type of seat",
                        "invalid_choice": "Choose one of the types of seat"})
    is_chair = forms.BooleanField(label="Chairs the group", required=False)
    start_date = GovukDateField(label="Start date", required=False,
                                help_text="Leave blank to start today. For example, 27 3 2026")

    def __init__(self, *args, people, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people
        self.fields["agency"].queryset = agencies

    def clean(self):
        data = super().clean()
        data["role_label"] = (data.get("role_label") or "").strip()
        if "user" in data and data.get("user") is None and not data["role_label"] \
                and "role_label" not in self.errors:
            self.add_error("user", "Choose a person or enter the post that holds the seat")
        return data

    def service_fields(self):
        fields = dict(self.cleaned_data)
        if fields.get("start_date") is None:
            fields.pop("start_date", None)
        return fields


class MemberEndForm(EndForm):
    what, example = "on the group", "31 3 2026"


class ScheduleForm(forms.Form):
    first = GovukDateField(label="Date of the first meeting",
                           error_messages={"required": "Enter the date of the first meeting"},
                           help_text="For example, 3 6 2026")
    start_time = forms.TimeField(
        label="Start time", input_formats=["%H:%M"], widget=forms.TextInput(
            attrs={"inputmode": "numeric", "spellcheck": "false", "autocomplete": "off"}),
        help_text="Use the 24-hour clock, for example 10:00 or 14:30.",
        error_messages={"required": "Enter the start time",
                        "invalid": "Enter the start time in hours and minutes, like 14:30"})
    count = forms.IntegerField(
        label="Number of meetings", min_value=1, max_value=MAX_SCHEDULE, widget=_number(),
        error_messages={"required": "Enter the number of meetings",
                        "invalid": "Enter the number of meetings as a whole number, like 4",
                        "min_value": f"Enter a number of meetings between 1 and {MAX_SCHEDULE}",
                        "max_value": f"Enter a number of meetings between 1 and {MAX_SCHEDULE}"})
    location = forms.CharField(label="Location", max_length=200, required=False,
                               help_text="For example, County Hall, Northallerton, or Online.",
                               error_messages={"max_length": "Enter a location of 200 "
                                                             "characters or fewer"})

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group

    def clean_first(self):
        first = self.cleaned_data["first"]
        if self.group.end_date and first > self.group.end_date:
            raise ValidationError(f"The group ends on {self.group.end_date:%-d %B %Y}: choose a "
                                  f"first meeting on or before that day")
        return first
