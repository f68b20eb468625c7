from decimal import Decimal, InvalidOperation

from django import forms

from partnership.forms import GovukDateField
from partnership.models import Agency

from .models import BudgetLine
from .money import MoneyError, parse_money


class MoneyField(forms.CharField):
    """Pounds and pence as people write them: "1,433.65", "£1433.65", "124,900"."""

    def __init__(self, *, required=True, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal",
                                                           "spellcheck": "false"}))
        super().__init__(required=required, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return f"{value:,.2f}"
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return parse_money(value)
        except MoneyError as error:
            raise forms.ValidationError(str(error)) from None


class PercentField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            number = Decimal(value.strip().rstrip("%").strip())
        except InvalidOperation:
            raise forms.ValidationError("Enter the share as a number, like 49.39") from None
        if not 0 <= number <= 100 or number != number.quantize(Decimal("0.01")):
            raise forms.ValidationError("Enter a share between 0 and 100, with at most "
                                        "2 decimal places")
        return number


class YearForm(forms.Form):
    start_year = forms.IntegerField(
        label="First year", min_value=2000, max_value=2100,
        help_text="The year the financial year starts on 1 April: 2019 for 2019/20.",
        error_messages={"required": "Enter the year the financial year starts",
                        "invalid": "Enter a year, like 2026"},
        widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    declared_budget = MoneyField(label="Declared budget (£)",
                                 help_text="The total the partners declared for the year.",
                                 error_messages={"required": "Enter the declared budget"})
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea({"rows": 3}))


class YearEditForm(forms.Form):
    declared_budget = MoneyField(label="Declared budget (£)",
                                 error_messages={"required": "Enter the declared budget"})
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea({"rows": 3}))
    variance_reason = forms.CharField(
        label="Why the contributions differ from the declared budget", required=False,
        help_text="Needed before sign-off while they differ.",
        widget=forms.Textarea({"rows": 3}))


class ContributionForm(forms.Form):
    agency = forms.ModelChoiceField(
        label="Agency", queryset=Agency.objects.none(), empty_label="Choose an agency",
        error_messages={"required": "Choose the agency",
                        "invalid_choice": "Choose one of the agencies in the list"})
    agreed = MoneyField(label="Agreed contribution (£)",
                        error_messages={"required": "Enter the agreed contribution"})
    agreed_share = PercentField(label="Agreed share of the budget (%)", required=False,
                                help_text="If the partners agreed a percentage, like 49.39.")
    earmark = forms.CharField(label="Earmarked for", required=False, max_length=100,
                              help_text="For example, CDOP.")
    in_kind = forms.CharField(label="In-kind contribution", required=False,
                              widget=forms.Textarea({"rows": 2}),
                              help_text="Staff time, rooms or services given instead of money.")
    invoice_date = GovukDateField(label="Invoice date", required=False)
    invoice_amount = MoneyField(label="Invoiced (£)", required=False)
    invoice_reference = forms.CharField(label="Invoice reference", required=False,
                                        max_length=100)
    due_on = GovukDateField(label="Payment due by", required=False,
                            help_text="Leave blank if it is due by the end of the financial "
                                      "year, 31 March.")

    def __init__(self, *args, editing=False, **kwargs):
        """Any agency in England may contribute (one from outside the area, for a shared
        panel, too): the view offers at most PICKER_MAX of them (pickers.offer_in)."""
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["agency"]
        else:
            self.fields["agency"].queryset = Agency.objects.order_by("name")

    def clean(self):
        data = super().clean()
        amount, day = data.get("invoice_amount"), data.get("invoice_date")
        if amount is not None and not day and "invoice_date" not in self.errors:
            self.add_error("invoice_date", "Enter the date of the invoice")
        if day and amount is None and "invoice_amount" not in self.errors:
            self.add_error("invoice_amount", "Enter the amount of the invoice")
        return data


class PaymentForm(forms.Form):
    amount = MoneyField(label="Amount received (£)",
                        error_messages={"required": "Enter the amount received"})
    received_on = GovukDateField(
        label="Date received", help_text="For example, 27 6 2026.",
        error_messages={"required": "Enter the day the payment was received"})


class BudgetLineForm(forms.Form):
    category = forms.ChoiceField(label="Category", choices=BudgetLine.Category.choices,
                                 widget=forms.RadioSelect,
                                 error_messages={"required": "Choose a category"})
    description = forms.CharField(label="Description", required=False, max_length=200)
    budget = MoneyField(label="Budget (£)", error_messages={"required": "Enter the budget"})
    actual = MoneyField(label="Actual spend (£)", required=False,
                        help_text="Leave blank if nothing has been spent yet.")

    def clean_actual(self):
        return self.cleaned_data["actual"] or Decimal("0.00")
