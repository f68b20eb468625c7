"""The one settings module. Every value comes from the environment.

With no environment at all the portal runs on the embedded default: a SQLite file, Celery
tasks run in process, e-mail printed to the console and uploaded files in ./media.
`PRODUCTION=True` switches on the hardened profile and makes SECRET_KEY, DATABASE_URL,
REDIS_URL and ALLOWED_HOSTS required. README.md lists every variable.
"""

from datetime import date, timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from kombu import Queue

from partnership import sso, storage
from partnership.observability import logs

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

PRODUCTION = env.bool("PRODUCTION", default=False)


def required(name):
    value = env.str(name, default="")
    if PRODUCTION and not value:
        raise ImproperlyConfigured(f"{name} must be set when PRODUCTION=True")
    return value


SECRET_KEY = required("SECRET_KEY") or "embedded-default-insecure-key-do-not-use-in-production"
# Former keys, still accepted for what they signed or encrypted (sessions, reset links, second
# factors' secrets) while SECRET_KEY is changed.
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])
DEBUG = env.bool("DEBUG", default=not PRODUCTION)
ALLOWED_HOSTS = [h.strip() for h in required("ALLOWED_HOSTS").split(",")] if PRODUCTION else env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

SERVICE_NAME = "Safeguarding Partnership Portal"
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "axes",
    "auditlog",
    "csp",
    "django_guid",
    "django_prometheus",
    # Sign-in: second factors, single sign-on and per-person sessions (django-allauth); the
    # portal's own pages drive them (partnership/adapters.py, partnership/views/accounts.py).
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.usersessions",
    "partnership",
    "governance",
    "agencies",
    "reviews",
    "funding",
    "scrutiny",
    "arrangements",
    "portfolio",
]

MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "partnership.observability.middleware.request_id",
    "django_guid.middleware.guid_middleware",
    "partnership.observability.metrics.query_count",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "partnership.services.sessions.SessionActivityMiddleware",
    "partnership.observability.middleware.user_id",
    "partnership.middleware.AccessSyncMiddleware",
    "partnership.middleware.UnavailableMiddleware",
    "partnership.middleware.AbsoluteTimeoutMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "partnership.second_factor.SecondFactorMiddleware",
    "partnership.input.InputMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "partnership.middleware.NoStoreMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "partnership.urls"
WSGI_APPLICATION = "partnership.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "partnership.context_processors.portal",
                "governance.context_processors.governance",
                "funding.context_processors.funding",
                "reviews.context_processors.reviews",
                "agencies.context_processors.section11",
                "scrutiny.context_processors.scrutiny",
            ],
        },
    }
]

FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# Database: SQLite file by default; DATABASE_URL (postgres://...) uses psycopg 3 with
# Django's connection pool unless DATABASE_POOL=False.
DATABASE_URL = required("DATABASE_URL")
DATABASES = {
    "default": environ.Env.db_url_config(DATABASE_URL)
    if DATABASE_URL
    else {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    if env.bool("DATABASE_POOL", default=True):
        DATABASES["default"]["OPTIONS"] = {"pool": {"min_size": 1, "max_size": 10, "timeout": 10}}
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # A list's query joins its rows' tables and the person's grants: some 10 tables, whose
    # every join order PostgreSQL weighs only up to these limits (8 by default). At 8 it
    # hashed every Section 11 return in England to find a national agency's ten (150 ms;
    # 20 ms at 10); at 12 planning alone took 100 ms. docs/benchmarks.md.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        "-c from_collapse_limit=10 -c join_collapse_limit=10")
else:
    # Concurrent users of the embedded default wait for each other instead of failing with
    # "database is locked": every transaction takes the write lock when it begins
    # (IMMEDIATE, so two readers never deadlock upgrading to writers), readers don't block
    # the writer (WAL), and a writer waits up to `timeout` seconds for the lock.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = required("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Identity and sign-in
AUTH_USER_MODEL = "partnership.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "signed-out"
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=60 * 60)
# Children's Wellbeing and Schools Act 2026, s2: the day designated childcare and education
# agencies become mandatory participants (set by commencement regulations under s78);
# empty until this deployment sets it.
def _date(name):
    value = env.str(name, default="")
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a date as YYYY-MM-DD, not {value!r}") from None


CWSA_EDUCATION_COMMENCEMENT = _date("CWSA_EDUCATION_COMMENCEMENT")
INVITATION_TIMEOUT = env.int("INVITATION_TIMEOUT", default=60 * 60 * 72)

# django-allauth: the portal's sign-in page checks the password (partnership/views/accounts.py)
# and hands over to allauth's login stages (the second factor). No self sign-up: people are
# invited (partnership/adapters.py). django-axes locks accounts after wrong passwords;
# allauth limits only wrong second-factor codes (ACCOUNT_RATE_LIMITS, below the axes block).
ACCOUNT_ADAPTER = "partnership.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "partnership.adapters.SocialAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "none"  # an invitation is accepted from the address it went to
# Confirming who you are before adding or removing a factor: your password (its own page at
# accounts/reauthenticate/) or a second factor; never a code by e-mail.
ACCOUNT_REAUTHENTICATION_METHODS = ("password", "mfa")
ACCOUNT_FORMS = {"reauthenticate": "partnership.forms.mfa.PasswordReauthenticateForm"}
ACCOUNT_LOGOUT_REDIRECT_URL = "signed-out"

# Second factors: authenticator apps (TOTP), passkeys and security keys (WebAuthn), and
# single-use recovery codes (stored hashed). Who must have one: partnership.permissions.
MFA_ADAPTER = "partnership.adapters.MFAAdapter"  # secrets kept encrypted
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_TOTP_ISSUER = SERVICE_NAME
MFA_RECOVERY_CODE_COUNT = 10
MFA_PASSKEY_LOGIN_ENABLED = False  # a passkey is a second factor after the password
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not PRODUCTION  # http://localhost in development
MFA_TRUST_ENABLED = False
# The pages' wording (GOV.UK): partnership/forms/mfa.py.
MFA_FORMS = {name: f"partnership.forms.mfa.{form}" for name, form in (
    ("authenticate", "AuthenticateForm"), ("reauthenticate", "ReauthenticateForm"),
    ("authenticate_webauthn", "AuthenticateWebAuthnForm"), ("activate_totp", "ActivateTOTPForm"),
    ("add_webauthn", "AddWebAuthnForm"), ("edit_webauthn", "EditWebAuthnForm"))}
# Whether people who must have a second factor (partnership.permissions.mfa_required) are held
# to it: sent to set one up, or to sign in again with it (partnership/second_factor.py).
MFA_ENFORCED = env.bool("MFA_ENFORCED", default=True)
# Whether a provider's own multi-factor sign-in (its `amr` claim) counts as the second
# factor: per provider in SSO_PROVIDERS ("mfa_from_amr").

# Single sign-on by OpenID Connect (Microsoft Entra ID or any issuer). Only people already
# invited may sign in this way, with a verified e-mail address. SOCIALACCOUNT_PROVIDERS is
# built from SSO_PROVIDERS (README: "Single sign-on"; partnership/sso.py); none configured,
# no single sign-on anywhere.
SSO_PROVIDERS = sso.providers_from_env(env)
SOCIALACCOUNT_PROVIDERS = sso.allauth_providers(SSO_PROVIDERS)
# The invited person's account is found and connected by partnership/adapters.py, not by
# allauth's e-mail authentication, which would also wipe the person's password (it guards
# against self sign-up with someone else's address; here every address was invited).
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False

# Each person's sessions: device, address, last seen ("Your sessions"). The address is the
# client's behind NUM_PROXIES reverse proxies, as for the rate limits.
USERSESSIONS_TRACK_ACTIVITY = True
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("NUM_PROXIES", default=0)

# API tokens (django-rest-knox): hashed, shown once, and end after this many days.
API_TOKEN_DAYS = env.int("API_TOKEN_DAYS", default=7)
# partnership.ApiToken is knox's token with a name and when it was last used. A token is never
# extended by use (a script asks for a new one, with the second factor's code). Ten live
# tokens a person at most: enough for a few scripts with a week's overlap, and knox reads all
# of a person's tokens on every request it authenticates.
KNOX_TOKEN_MODEL = "partnership.ApiToken"  # noqa: S105 - a model name, not a secret
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=API_TOKEN_DAYS),
    "AUTO_REFRESH": False,
    "TOKEN_LIMIT_PER_USER": 10,
    "AUTH_HEADER_PREFIX": "Token",  # Authorization: Token <token>, as before knox
}

# Dormant accounts: deactivated by the nightly job after this many days unused, with a
# warning e-mail this many days before.
DORMANT_ACCOUNT_DAYS = env.int("DORMANT_ACCOUNT_DAYS", default=90)
DORMANT_WARNING_DAYS = env.int("DORMANT_WARNING_DAYS", default=14)

# Lock out by username only: NHS trusts and police forces sit behind shared addresses.
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_USERNAME_FORM_FIELD = "username"
# Count failures per account whatever the letter case of the e-mail address typed (sign-in
# ignores case): the pages, the API token endpoint and the platform admin alike.
AXES_USERNAME_CALLABLE = "partnership.forms.accounts.axes_username"
AXES_VERBOSE = False
# axes warns when the IP address is not part of the lockout key; leaving it out is the
# point (a shared NHS or police address must never lock out a whole organisation).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# django-allauth's rate limits (its own default limits by address are off).
# Only the limit on wrong second-factor codes is on ("login_failed", which allauth keys by
# person for codes: AXES_FAILURE_LIMIT wrong codes in AXES_COOLOFF_MINUTES), and that on
# confirming a password or a code again ("reauthenticate", per person); no limit by address,
# as NHS trusts and police forces sit behind shared addresses.
ACCOUNT_RATE_LIMITS = {
    **dict.fromkeys(("change_password", "change_phone", "manage_email", "reset_password",
                     "reset_password_from_key", "signup", "login", "request_login_code",
                     "confirm_email", "verify_phone")),
    "login_failed": f"{AXES_FAILURE_LIMIT}/{int(AXES_COOLOFF_TIME.total_seconds())}s/key",
    "reauthenticate": "10/m/user",
}

# Object permissions: no anonymous user object, no global-permission fallback.
ANONYMOUS_USER_NAME = None
GUARDIAN_MONKEY_PATCH_USER = False
GUARDIAN_MONKEY_PATCH_GROUP = False

# Sessions: idle timeout (default 30 minutes), refreshed on every request.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_ABSOLUTE_TIMEOUT = env.int("SESSION_ABSOLUTE_TIMEOUT", default=12 * 60 * 60)
# "Last seen" on "Your sessions" is written at most this often per session (three queries).
SESSION_SEEN_EVERY_SECONDS = 60
# Every HTML list shows at most this many rows a page (partnership/lists.py).
LIST_PAGE_SIZE = env.int("LIST_PAGE_SIZE", default=50)
# The timeout warning (static/js/timeout-warning.js) opens this many seconds before the
# session times out.
SESSION_TIMEOUT_WARNING = env.int("SESSION_TIMEOUT_WARNING", default=2 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Hardened transport and cookies in production.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]  # probes speak plain HTTP
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if env.bool("TRUST_X_FORWARDED_PROTO", default=False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy: own origin only, no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF, *sso.origins(SSO_PROVIDERS)],  # SSO: on to the provider
        "frame-ancestors": [NONE],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
if not PRODUCTION:
    STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise expects it; collectstatic fills it in production
MEDIA_URL = "media/"  # never served: uploads are downloaded through permission-checked views
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
# The longest text one form field or JSON string may carry (partnership/input.py).
INPUT_MAX_CHARS = env.int("INPUT_MAX_CHARS", default=50_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    # Local files under MEDIA_ROOT, or S3-compatible object storage when STORAGE_BUCKET is set
    # (STORAGE_* variables: partnership/storage.py).
    "default": storage.default_storage(env),
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

EMAIL_CONFIG = environ.Env.email_url_config(required("EMAIL_URL") or "consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="portal@safeguarding-portal.example")
# Notifications' e-mails through GOV.UK Notify instead of EMAIL_URL when a key is set: the
# template (GOVUK_NOTIFY_TEMPLATE_ID) has the subject ((subject)) and the body ((body)).
GOVUK_NOTIFY_API_KEY = env.str("GOVUK_NOTIFY_API_KEY", default="")
GOVUK_NOTIFY_TEMPLATE_ID = env.str("GOVUK_NOTIFY_TEMPLATE_ID", default="")
if GOVUK_NOTIFY_API_KEY and not GOVUK_NOTIFY_TEMPLATE_ID:
    raise ImproperlyConfigured("GOVUK_NOTIFY_API_KEY is set: set GOVUK_NOTIFY_TEMPLATE_ID too")

# Celery: eager (in process) unless a Redis broker is configured.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# No task runs for ever: each is stopped (SoftTimeLimitExceeded, then killed) past these
# limits unless it sets its own (the yearly report's render: scrutiny/tasks.py).
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=300)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=360)
# Two queues: "celery" for everything, "pdf" for rendering PDFs (WeasyPrint: slow, memory-hungry),
# so a render never holds up an e-mail. A worker started without -Q consumes both.
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_QUEUES = (Queue("celery", routing_key="celery"), Queue("pdf", routing_key="pdf"))
CELERY_TASK_ROUTES = {"scrutiny.tasks.report_render": {"queue": "pdf"},
                      "governance.tasks.pack_render": {"queue": "pdf", "routing_key": "pdf"}}
# Each worker writes a heartbeat per queue it consumes to the cache this often (partnership/
# health.py); /readyz fails while a queue has had none for four times as long.
WORKER_HEARTBEAT_SECONDS = env.int("WORKER_HEARTBEAT_SECONDS", default=15)
# /readyz: how long each check (database, cache, broker, worker, storage) may take.
READYZ_TIMEOUT_SECONDS = env.float("READYZ_TIMEOUT_SECONDS", default=3.0)
CELERY_BEAT_SCHEDULE = {
    "yearly-report-sweep": {
        "task": "scrutiny.tasks.report_render_sweep",
        "schedule": 60.0,
    },
    "agenda-pack-sweep": {
        "task": "governance.tasks.pack_render_sweep",
        "schedule": 300.0,
    },
    "sync-memberships-and-designations": {
        "task": "partnership.tasks.access_sync_due",
        "schedule": crontab(hour=0, minute=5),
    },
    "review-deadline-reminders": {
        "task": "reviews.tasks.review_reminders_send",
        "schedule": crontab(hour=7, minute=0),
    },
    "section-11-reminders": {
        "task": "agencies.tasks.s11_reminders_send",
        "schedule": crontab(hour=7, minute=15),
    },
    "retention-prune": {
        "task": "partnership.tasks.retention_prune",
        "schedule": crontab(hour=2, minute=30),
    },
    "notification-digest": {
        "task": "partnership.tasks.notification_digest_send",
        "schedule": crontab(hour=7, minute=30),
    },
    "action-reminders": {
        "task": "governance.tasks.action_reminders_send",
        "schedule": crontab(hour=7, minute=5),
    },
    "dormant-accounts": {
        "task": "partnership.tasks.dormancy_sweep",
        "schedule": crontab(hour=3, minute=0),
    },
}

# Retention (partnership/services/retention.py: nightly, and `manage.py prune --dry-run`), in
# days. No statute sets these; the defaults follow the local practice in the domain
# reference (../shared/reference/domain.md §5.4), and each partnership's information
# governance lead may set its own.
# Audit entries and access events: 25 years (25 x 365 days plus up to 7 leap days), the
# longest class whose history they carry: rapid review cases and practice review records are
# reviewed 25 years after closure, and who read or changed a child's record must be known for
# as long as the record is kept. A deployment whose information governance lead sets shorter
# classes may lower these (6 years covers Section 11 returns and minutes).
RETENTION_AUDIT_DAYS = env.int("RETENTION_AUDIT_DAYS", default=9132)
RETENTION_ACCESS_LOG_DAYS = env.int("RETENTION_ACCESS_LOG_DAYS", default=9132)
# Sign-in attempts, failures and sign-ins (django-axes): 90 days, long enough to look into
# an account's suspected misuse a quarter back (the quarterly access recertification) and
# far past any lockout's cool-off; they hold e-mail addresses and IP addresses, so no longer.
RETENTION_SIGN_IN_DAYS = env.int("RETENTION_SIGN_IN_DAYS", default=90)
# Stored files no record names are deleted once this old: an upload is saved a moment
# before the record naming it is committed, and must not be taken meanwhile.
RETENTION_ORPHAN_FILE_GRACE_HOURS = env.int("RETENTION_ORPHAN_FILE_GRACE_HOURS", default=24)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "partnership.api.auth.TokenAuthentication",  # knox's, noting when a token is used
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["partnership.api.parsers.JSONParser"],  # nesting depth limited
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # Per client address, for what anyone may ask without signing in (the token endpoint,
    # the password-reset form): partnership/api/throttles.py. Axes still locks per account.
    "DEFAULT_THROTTLE_RATES": {
        "auth_token": env.str("THROTTLE_TOKEN_RATE", default="30/minute"),
        "password_reset": env.str("THROTTLE_PASSWORD_RESET_RATE", default="20/hour"),
    },
    # The client's address is REMOTE_ADDR, or the one NUM_PROXIES reverse proxies back in
    # X-Forwarded-For (never more: a client can write that header itself).
    "NUM_PROXIES": env.int("NUM_PROXIES", default=0),
    "DEFAULT_PAGINATION_CLASS": "partnership.api.common.Pagination",  # ?page=x: 400
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "partnership.api.schema.AutoSchema",  # + error responses
    "COERCE_DECIMAL_TO_STRING": True,
    "EXCEPTION_HANDLER": "partnership.api.errors.exception_handler",
    "DATE_FORMAT": "iso-8601",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Safeguarding Partnership Portal API",
    "DESCRIPTION": "Partnerships, agencies and the work of safeguarding children partnerships.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Choice sets whose field name ("status") other APIs use too get their own enum name.
    "ENUM_NAME_OVERRIDES": {"ReportRenderStatusEnum": "scrutiny.models.reports.RenderStatus",
                            "MeetingStatusEnum": "governance.models.meetings.MeetingStatus",
                            "MinutesStatusEnum": "governance.models.meetings.MinutesStatus",
                            "DisciplineEnum": "partnership.models.child_protection.Discipline"},
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

ADMIN_URL = env.str("ADMIN_URL", default="platform-admin/")

# Observability (partnership/observability/): log lines in JSON (production) or text, each
# with its request id (X-Request-ID, in and out) and user id; errors to a Sentry-compatible
# service when SENTRY_DSN is set; Prometheus metrics at /metrics for METRICS_TOKEN's bearer.
LOG_FORMAT = env.str("LOG_FORMAT", default="json" if PRODUCTION else "text")
if LOG_FORMAT not in logs.FORMATS:
    raise ImproperlyConfigured(f"LOG_FORMAT must be one of {', '.join(logs.FORMATS)}")
LOGGING = logs.logging_config(LOG_FORMAT, env.str("LOG_LEVEL", default="INFO"))
DJANGO_GUID = {"GUID_HEADER_NAME": "X-Request-ID", "VALIDATE_GUID": False, "EXPOSE_HEADER": False}
SENTRY_DSN = env.str("SENTRY_DSN", default="")
SENTRY_ENVIRONMENT = env.str("SENTRY_ENVIRONMENT", default="production" if PRODUCTION else "development")
SENTRY_RELEASE = env.str("SENTRY_RELEASE", default="")
SENTRY_TRACES_SAMPLE_RATE = env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0)
if SENTRY_DSN:
    from partnership.observability import sentry

    sentry.init(SENTRY_DSN, environment=SENTRY_ENVIRONMENT, release=SENTRY_RELEASE,
                traces_sample_rate=SENTRY_TRACES_SAMPLE_RATE)
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
PROMETHEUS_MULTIPROC_DIR = env.str("PROMETHEUS_MULTIPROC_DIR", default="")
