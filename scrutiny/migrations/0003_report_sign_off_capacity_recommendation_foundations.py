"""Issue 16, items 2 and 11: a yearly report's sign-off records the lead safeguarding
partner's capacity; a delegated partner's recommendation to sign is its own record; the copy
goes to Foundations (wwc_sent_on becomes foundations_sent_on, its dates kept).

Sign-offs recorded before this by someone who was not the partner's lead safeguarding
partner on the day (a delegated partner) were never the lead partners' sign-offs: each
becomes that person's recommendation to sign, and the partner's sign-off is outstanding."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models
from django.db.models import Q

LEAD = "lead_safeguarding_partner"


def _membership(Membership, sign_off, role=None):
    day = sign_off.signed_at.date()
    found = Membership.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=day), start_date__lte=day,
        user_id=sign_off.signed_by_id, partnership_id=sign_off.report.partnership_id,
        agency_id=sign_off.partner_id)
    if role:
        found = found.filter(role=role)
    return found.select_related("agency").first()


def _capacity(membership, role_label, agency_name):
    """partnership.permissions.capacity, as it reads (historical models have no methods)."""
    who = f"{role_label} for {agency_name}"
    return f"{membership.title}, {who}" if membership and membership.title else who[0].upper() + who[1:]


def sign_offs_to_capacities(apps, schema_editor):
    SignOff = apps.get_model("scrutiny", "ReportSignOff")
    Recommendation = apps.get_model("scrutiny", "ReportRecommendation")
    Membership = apps.get_model("partnership", "PartnershipMembership")
    for sign_off in SignOff.objects.select_related("report", "partner"):
        lead = _membership(Membership, sign_off, LEAD)
        if lead is not None:
            sign_off.capacity = _capacity(lead, "lead safeguarding partner", sign_off.partner.name)
            sign_off.save(update_fields=["capacity"])
            continue
        other = _membership(Membership, sign_off)
        role = other.get_role_display().lower() if other else "safeguarding partner"
        Recommendation.objects.get_or_create(
            report=sign_off.report, partner=sign_off.partner, defaults={
                "recommended_by_id": sign_off.signed_by_id,
                "capacity": _capacity(other, role, sign_off.partner.name),
                "recommended_at": sign_off.signed_at})
        sign_off.delete()


class Migration(migrations.Migration):

    dependencies = [
        ('partnership', '0011_designation_reason'),
        ('scrutiny', '0002_version_queued_at'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(
            model_name='yearlyreport',
            old_name='wwc_sent_on',
            new_name='foundations_sent_on',
        ),
        migrations.AlterField(
            model_name='yearlyreport',
            name='foundations_sent_on',
            field=models.DateField(blank=True, null=True, verbose_name='Sent to Foundations'),
        ),
        migrations.AddField(
            model_name='reportsignoff',
            name='capacity',
            field=models.CharField(default='', max_length=400),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name='reportsignoff',
            name='signed_at',
            field=models.DateTimeField(default=django.utils.timezone.now),
        ),
        migrations.CreateModel(
            name='ReportRecommendation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('capacity', models.CharField(max_length=400)),
                ('recommended_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('partner', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnership.agency')),
                ('recommended_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='recommendations', to='scrutiny.yearlyreport')),
            ],
            options={
                'ordering': ['report', 'recommended_at'],
                'constraints': [models.UniqueConstraint(fields=('report', 'partner'), name='report_recommendation_once')],
            },
        ),
        migrations.RunPython(sign_offs_to_capacities, migrations.RunPython.noop),
    ]
