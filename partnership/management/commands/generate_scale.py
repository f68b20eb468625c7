import datetime
import random

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from partnership import scale, scale_records
from partnership.models import Partnership


class Command(BaseCommand):
    help = ("Build a deployment N times the demo for the benchmark (scripts/bench): at N=100, "
            "150 partnerships, ~41,500 agencies, ~400,000 Section 11 returns and ~1.5 million "
            "attendance rows over ten years. Needs an empty, migrated PostgreSQL database.")

    def add_arguments(self, parser):
        parser.add_argument("--factor", type=float, required=True,
                            help="How many times the demo (1 = about the demo; 100 = England).")
        parser.add_argument("--password", required=True,
                            help="Password of every person made (the benchmark's personas: "
                                 + ", ".join(scale.PERSONAS.values()) + ").")
        parser.add_argument("--partnerships", type=int,
                            help="How many partnerships (default 1.5 x N), the agencies shared "
                                 "among them: to compare an agency in few and in many.")
        parser.add_argument("--seed", type=int, default=14)
        parser.add_argument("--allow-sqlite", action="store_true",
                            help="Allow SQLite (a tiny factor, for the tests).")

    def handle(self, *args, factor, password, partnerships, seed, allow_sqlite, **options):
        if connection.vendor != "postgresql" and not allow_sqlite:
            raise CommandError("generate_scale writes millions of rows: it needs PostgreSQL "
                               "(set DATABASE_URL to an empty database), or --allow-sqlite "
                               "for a tiny factor.")
        if factor <= 0 or (partnerships is not None and partnerships < 1):
            raise CommandError("--factor and --partnerships must be more than 0.")
        if Partnership.objects.exists():
            raise CommandError("The database already holds partnerships: generate into a new, "
                               "migrated database (createdb, then manage.py migrate).")
        plan = scale.Plan.of(factor, partnerships)
        self.stdout.write(f"Factor {factor:g}: {plan}")
        timer = scale.Timer(self.stdout)
        rng = random.Random(seed)  # noqa: S311 (made-up records, not secrets)
        today = datetime.date.today()
        first = scale.first_year(today)
        start = datetime.date(first, 4, 1)
        with transaction.atomic():
            layout = scale.structure(plan, start)
            timer.step(f"{len(layout)} partnerships, agencies and designations")
            held = scale.people(layout, password, start)
            timer.step(f"{len(held)} people and memberships")
            groups, rows = scale.grants(layout, held)
            timer.step(f"{groups} role groups, {rows} object permissions")
            leads = {obj.pk: user.pk for user, role, obj, _ in held if role == "agency_lead"}
            staff = {}
            for user, role, obj, _ in held:
                if role in ("business_unit_manager", "independent_scrutineer"):
                    staff.setdefault(obj.pk, {})[role.split("_")[-1]] = user.pk
            for make in (
                lambda: scale_records.returns(layout, rng, first, today, leads),
                lambda: scale_records.governance(layout, rng, first, today),
                lambda: scale_records.actions_and_challenges(layout, rng, first, today, staff),
                lambda: scale_records.funding(layout, rng, first, today),
            ):
                counts = make()
                timer.step(", ".join(f"{n} {what}" for what, n in counts.items()))
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            timer.step("ANALYZE")
        self.stdout.write(self.style.SUCCESS("Done. The benchmark's people (password as given):"))
        for persona, email in scale.PERSONAS.items():
            self.stdout.write(f"  {persona:<14} {email}")
