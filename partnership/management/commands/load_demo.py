import secrets

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string

from partnership import demo, demo_education, demo_organisations, permissions, registry, roles
from partnership.errors import Invalid
from partnership.services import mfa, notifications


class Command(BaseCommand):
    help = ("Load the demo partnerships (North Yorkshire, City of York, Surrey) and demo "
            "people. Safe to run again; it resets the demo people's passwords.")

    def add_arguments(self, parser):
        parser.add_argument("--password", help="Password for every demo person "
                                                "(a random one is made and printed if omitted).")
        parser.add_argument("--totp-secret", metavar="BASE32",
                            help="Give every demo person an authenticator app (TOTP) with this "
                                 "base32 secret, so that any TOTP tool signs them in.")

    def handle(self, *args, password=None, totp_secret=None, **options):
        password = password or secrets.token_urlsafe(12)
        if totp_secret is not None:
            try:
                totp_secret = mfa.totp_secret_clean(totp_secret)
            except Invalid:
                raise CommandError(f"--totp-secret must be {mfa.TOTP_KEY_FORMAT}.") from None
        with transaction.atomic(), notifications.unmailed():
            people = demo.load(password, stdout=self.stdout, totp_secret=totp_secret)
            demo_education.load(self.stdout)
            for loader in registry.demo_loaders():
                loader(self.stdout)
            demo_organisations.apply(self.stdout)
            # Last: the published arrangements are built from the records as they now stand.
            import_string("arrangements.demo.load")(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Sign in at "
                                             "http://127.0.0.1:8000 with:"))
        needs_second_factor = False
        for user, role, slug in people:
            marked = not totp_secret and permissions.mfa_required(user)
            needs_second_factor |= marked
            self.stdout.write(f"  {user.email:<38} {roles.get(role).label} ({slug})"
                              + (" *" if marked else ""))
        self.stdout.write(f"Password for all of them: {password}")
        self._second_factor_note(totp_secret, needs_second_factor)

    def _second_factor_note(self, totp_secret, needs_second_factor):
        if totp_secret:
            self.stdout.write("Second factor: each of them has an authenticator app with the "
                              "secret you gave; enter its current 6-digit code after the "
                              "password.")
        elif needs_second_factor:
            self.stdout.write(
                "* Their role needs a second factor: they set up an authenticator app or a "
                "passkey at their first sign-in"
                + ("" if settings.MFA_ENFORCED else " (not here: MFA_ENFORCED is off)")
                + ". To skip that, load the demo with --totp-secret BASE32 (for example "
                "--totp-secret JBSWY3DPEHPK3PXP) and add that secret to any TOTP tool.")
