import datetime
import random

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from partnership import scale, scale_records, scale_reviews
from partnership.models import Partnership


class Command(BaseCommand):
    help = ("Build a deployment N times the demo for the benchmark (scripts/bench): at N=100, "
            "150 partnerships, ~41,500 agencies, ~400,000 Section 11 returns and ~1.5 million "
            "attendance rows over ten years. Needs an empty, migrated PostgreSQL database. "
            "--only reviews extends a deployment made before: see that option.")

    def add_arguments(self, parser):
        parser.add_argument("--factor", type=float,
                            help="How many times the demo (1 = about the demo; 100 = England). "
                                 "Required unless --only.")
        parser.add_argument("--password",
                            help="Required unless --only. Password of every person made (the "
                                 "benchmark's personas: "
                                 + ", ".join(scale.PERSONAS.values()) + ").")
        parser.add_argument("--partnerships", type=int,
                            help="How many partnerships (default 1.5 x N), the agencies shared "
                                 "among them: to compare an agency in few and in many.")
        parser.add_argument("--seed", type=int, default=14)
        parser.add_argument("--allow-sqlite", action="store_true",
                            help="Allow SQLite (a tiny factor, for the tests).")
        parser.add_argument("--only", choices=["reviews"],
                            help="reviews: to a deployment a previous run made, add only the "
                                 "case reviews, dataset returns, consultations and scrutiny "
                                 "activities (which runs made before they were added lack), "
                                 "to each of its partnerships without notifications, one "
                                 "transaction a partnership: running it again adds nothing. "
                                 "Needs no --factor or --password; --seed applies.")

    def handle(self, *args, factor, password, partnerships, seed, allow_sqlite, only,
               **options):
        if connection.vendor != "postgresql" and not allow_sqlite:
            raise CommandError("generate_scale writes millions of rows: it needs PostgreSQL "
                               "(set DATABASE_URL to an empty database), or --allow-sqlite "
                               "for a tiny factor.")
        rng = random.Random(seed)  # noqa: S311 (made-up records, not secrets)
        today = datetime.date.today()
        first = scale.first_year(today)
        if only:
            self._reviews_only(rng, first, today)
            return
        if factor is None or password is None:
            raise CommandError("--factor and --password are required (unless --only).")
        if factor <= 0 or (partnerships is not None and partnerships < 1):
            raise CommandError("--factor and --partnerships must be more than 0.")
        if Partnership.objects.exists():
            raise CommandError("The database already holds partnerships: generate into a new, "
                               "migrated database (createdb, then manage.py migrate).")
        plan = scale.Plan.of(factor, partnerships)
        self.stdout.write(f"Factor {factor:g}: {plan}")
        timer = scale.Timer(self.stdout)
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
                lambda: scale_reviews.add([p for p, _ in layout], rng, first, today),
            ):
                counts = make()
                timer.step(", ".join(f"{n} {what}" for what, n in counts.items()))
        self._analyze(timer)
        self.stdout.write(self.style.SUCCESS("Done. The benchmark's people (password as given):"))
        for persona, email in scale.PERSONAS.items():
            self.stdout.write(f"  {persona:<14} {email}")

    def _reviews_only(self, rng, first, today):
        made = scale_reviews.made_partnerships()
        if not made:
            raise CommandError("No partnership of a previous generate_scale run here: run "
                               "it with --factor first.")
        timer = scale.Timer(self.stdout)
        counts = scale_reviews.add(made, rng, first, today)
        timer.step(", ".join(f"{n} {what}" for what, n in counts.items())
                   or "nothing to add: every partnership has them already")
        if counts:
            self._analyze(timer)

    def _analyze(self, timer):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            timer.step("ANALYZE")
