"""Forms for the agenda: moving an item, and replacing a paper with a new version."""

from django import forms

from partnership import uploads


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "Up"), ("down", "Down")],
                                  error_messages={"required": "Choose up or down",
                                                  "invalid_choice": "Choose up or down"})


class ReplaceForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200, required=False,
                            help_text="Leave blank to keep the current title.")
    file = forms.FileField(
        label="New version", help_text="A PDF, Word, Excel or OpenDocument file.",
        error_messages={"required": "Select the new version's file",
                        "empty": "The selected file is empty",
                        "invalid": "Select a file"})

    def clean_file(self):
        return uploads.check_upload(self.cleaned_data["file"])
