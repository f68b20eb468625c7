"""Forms of the yearly report's pages."""

from django import forms

from partnership.forms import GovukDateField


class ReportForm(forms.Form):
    period_start = GovukDateField(label="First day of the reporting period",
                                  help_text="For example, 1 4 2019 for the year 2019/20.")
    period_end = GovukDateField(label="Last day of the reporting period",
                                help_text="For example, 31 3 2020.")


class NarrativeForm(forms.Form):
    text = forms.CharField(label="Narrative", required=False, widget=forms.Textarea(attrs={"rows": 14}),
                           help_text="Markdown: **bold**, *italic*, lists starting with '- ', "
                                     "tables. Leave it empty to remove the narrative.")


class SignOffForm(forms.Form):
    partner = forms.ModelChoiceField(queryset=None, label="Sign off for",
                                     widget=forms.RadioSelect, empty_label=None)

    def __init__(self, *args, partners=(), label=None, **kwargs):
        super().__init__(*args, **kwargs)
        from partnership.models import Agency

        if label:
            self.fields["partner"].label = label
        self.fields["partner"].queryset = Agency.objects.filter(pk__in=[a.pk for a in partners])


class PublicationForm(forms.Form):
    published_on = GovukDateField(label="Date published")
    published_url = forms.URLField(label="Where it is published (web address)", required=False,
                                   assume_scheme="https")
    panel_sent_on = GovukDateField(label="Date sent to the national Child Safeguarding Practice "
                                         "Review Panel", required=False)
    foundations_sent_on = GovukDateField(label="Date sent to Foundations (the What Works Centre "
                                               "for Children and Families)", required=False)
