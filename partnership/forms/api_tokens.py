from django import forms


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="Name (optional)", required=False, max_length=100,
        help_text="What the token is for, so that you can tell your tokens apart: for example, "
                  "‘Monthly figures script’",
        error_messages={"max_length": "Enter a name of 100 characters or fewer"})
