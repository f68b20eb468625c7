from django import forms

from partnership import uploads


class MinutesTemplateForm(forms.Form):
    file = forms.FileField(
        label="Upload a Word template",
        help_text="A Word document (.docx). Its styles, headers, footers and page layout are "
                  "used; anything in its body is left out.",
        error_messages={"required": "Select a file", "empty": "The selected file is empty",
                        "invalid": "Select a file"})

    def clean_file(self):
        return uploads.check_upload(self.cleaned_data["file"])
