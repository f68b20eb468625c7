"""Several dated payments per contribution. Each contribution's single recorded payment
(`received_amount`) becomes one Payment, dated on the day recorded with it (`received_date`);
where no day was recorded, on the invoice's date, and failing that on 1 April of the
contribution's financial year. A recorded amount of £0.00 was no payment: it becomes none,
and the contribution shows nothing received, as before the first payment."""

import datetime

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def payments_from_received(apps, schema_editor):
    Contribution = apps.get_model("funding", "Contribution")
    Payment = apps.get_model("funding", "Payment")
    for row in Contribution.objects.filter(received_amount__isnull=False).select_related("year"):
        if row.received_amount <= 0:
            row.received_amount = row.received_date = None
            row.save(update_fields=["received_amount", "received_date"])
            continue
        day = (row.received_date or row.invoice_date
               or datetime.date(row.year.start_year, 4, 1))
        Payment.objects.create(contribution=row, amount=row.received_amount, received_on=day)
        if row.received_date != day:
            row.received_date = day
            row.save(update_fields=["received_date"])


class Migration(migrations.Migration):

    dependencies = [
        ('funding', '0002_sign_off_capacity'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='contribution',
            name='due_on',
            field=models.DateField(blank=True, help_text='Blank: by the end of the financial year (31 March).', null=True, verbose_name='payment due by'),
        ),
        migrations.AlterField(
            model_name='contribution',
            name='received_amount',
            field=models.DecimalField(blank=True, decimal_places=2, help_text='The sum of the payments, blank before the first (kept by the services).', max_digits=12, null=True),
        ),
        migrations.AlterField(
            model_name='contribution',
            name='received_date',
            field=models.DateField(blank=True, help_text="The latest payment's day (kept by the services).", null=True),
        ),
        migrations.CreateModel(
            name='Payment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('amount', models.DecimalField(decimal_places=2, max_digits=12)),
                ('received_on', models.DateField()),
                ('recorded_at', models.DateTimeField(auto_now_add=True)),
                ('contribution', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='payments', to='funding.contribution')),
                ('recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['contribution', 'received_on', 'pk'],
                'constraints': [models.CheckConstraint(condition=models.Q(('amount__gt', 0)), name='payment_positive')],
            },
        ),
        # Backwards, the contributions keep their sum and latest day (already in step).
        migrations.RunPython(payments_from_received, migrations.RunPython.noop),
    ]
