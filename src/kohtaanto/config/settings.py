"""Django settings. Every value comes from the environment through `kohtaanto.config.env`.

Modes (``KOHTAANTO_ENV``):
- ``development`` (default): embedded SQLite in the data folder, a secret key generated once
  into the data folder, console e-mail.
- ``production``: every required variable must be set, or the process refuses to start with a
  message naming the variable; secure cookies, HSTS and HTTPS redirects are on.
``KOHTAANTO_DEMO=1`` additionally allows the shared demo password (see `core.checks`).
"""

from __future__ import annotations

import secrets
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from kohtaanto.config.env import (
    ImproperlyConfiguredError,
    env_bool,
    env_database_url,
    env_int,
    env_list,
    env_rate,
    env_secret,
    env_str,
)

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def _web_area_dirs(kind: str) -> list[Path]:
    """`web/<area>/<kind>/` folders: pages keep their templates and static files by their views."""
    return sorted(p for p in (PACKAGE_DIR / "web").glob(f"*/{kind}") if p.is_dir())


ENVIRONMENT = env_str("KOHTAANTO_ENV", "development")
if ENVIRONMENT not in {"development", "production"}:
    raise ImproperlyConfiguredError(
        "The environment variable KOHTAANTO_ENV must be 'development' or 'production'."
    )
PRODUCTION = ENVIRONMENT == "production"
DEMO = env_bool("KOHTAANTO_DEMO", False)
if PRODUCTION and DEMO:
    # The demo password is published: a production site never accepts it.
    raise ImproperlyConfiguredError(
        "KOHTAANTO_DEMO=1 is refused when KOHTAANTO_ENV=production (the demo password is public)."
    )
DEBUG = env_bool("KOHTAANTO_DEBUG", False)

DATA_DIR = Path(env_str("KOHTAANTO_DATA_DIR", str(Path.cwd() / "var"))).resolve()


def _development_secret_key() -> str:
    """Generate a key once into the data folder; it is never committed."""
    key_file = DATA_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text(encoding="utf-8").strip()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key, encoding="utf-8")
    key_file.chmod(0o600)
    return key


if PRODUCTION:
    SECRET_KEY = env_secret("KOHTAANTO_SECRET_KEY")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfiguredError("The environment variable ALLOWED_HOSTS must be set.")
    DATABASES = {"default": env_database_url("DATABASE_URL", conn_max_age=60)}
else:
    SECRET_KEY = env_secret("KOHTAANTO_SECRET_KEY", "") or _development_secret_key()
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
    DATABASES = {
        "default": env_database_url(
            "DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'kohtaanto.sqlite3'}"
        )
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that does not answer fails a request within seconds (a 503 page, see
    # kohtaanto.web.outage) instead of holding a server worker for minutes.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env_int("KOHTAANTO_DB_CONNECT_TIMEOUT", 5, minimum=1)
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded database: pages keep reading while a long write (a big import) runs (WAL),
    # and a write waits up to 20 s for another one instead of failing at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
# Open Badges (kohtaanto.achievements): the key-encryption key (KEK) that seals each
# organisation's signing key at rest, base64 of 32 random bytes, optionally "id:" before it
# (`manage.py badge_keys --new-kek` prints a new one). KOHTAANTO_BADGE_OLD_KEKS: earlier ones,
# "id:base64" separated by commas, kept until `manage.py badge_keys --reseal` has moved every
# key to the current KEK. Both also as *_FILE. Outside production, without one, a KEK is
# generated once into DATA_DIR/badge_kek (like the secret key above): never committed.
BADGE_KEK = env_secret("KOHTAANTO_BADGE_KEK", "")
BADGE_OLD_KEKS = env_secret("KOHTAANTO_BADGE_OLD_KEKS", "")
BADGE_KEK_GENERATED_FILE = None if (PRODUCTION or BADGE_KEK) else DATA_DIR / "badge_kek"
# Error reports (debug page, e-mails) hide the KEKs too (Django hides only *KEY*, *SECRET*, …).
DEFAULT_EXCEPTION_REPORTER_FILTER = "kohtaanto.achievements.reporting.ReporterFilter"
# The address of this site in the URLs a credential names (achievement, status list, issuer)
# when the organisation has no domain of its own.
SITE_URL = env_str("KOHTAANTO_SITE_URL", "http://localhost:8000").rstrip("/")

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# A folder under the data folder, so that every server process on the machine sees the same
# entries. No personal data is put in it. (Background work keeps its state in the database.)
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache" / "django"),
    },
    # The API's request counts (kohtaanto.api.throttling): user ids and hashed addresses only.
    "api_throttle": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache" / "api-throttle"),
    },
}

INSTALLED_APPS = [
    "kohtaanto.core",
    "kohtaanto.people",
    "kohtaanto.vocabularies",
    "kohtaanto.profiles",
    "kohtaanto.journeys",
    "kohtaanto.opportunities",
    "kohtaanto.matches",
    "kohtaanto.mentoring",
    "kohtaanto.groups",
    "kohtaanto.qualifications",
    "kohtaanto.outreach",
    "kohtaanto.supportline",
    "kohtaanto.trials",
    "kohtaanto.insights",
    "kohtaanto.foresight",
    "kohtaanto.achievements",
    "kohtaanto.privacy",
    "kohtaanto.web",
    "kohtaanto.integrations",
    "kohtaanto.api",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "oauth2_provider",
    "axes",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    # /healthz and /readyz first: no host check, HTTPS redirect or session for a probe.
    "kohtaanto.web.health.middleware.HealthMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "kohtaanto.core.headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A database outage → 503 "try again in a moment" (outside sessions, auth and the API's).
    "kohtaanto.web.outage.DatabaseOutageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kohtaanto.web.middleware.LanguageMiddleware",
    "kohtaanto.api.middleware.ApiProblemMiddleware",  # every /api/ error is problem+json
    "kohtaanto.core.control_chars.ControlCharacterMiddleware",  # NUL & co. → 400
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "kohtaanto.core.middleware.CurrentOrganisationMiddleware",
    "axes.middleware.AxesMiddleware",
    "kohtaanto.web.outage.DatabaseOutageNoteMiddleware",  # last: notes a view's outage error
]

ROOT_URLCONF = "kohtaanto.config.urls"
WSGI_APPLICATION = "kohtaanto.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Each area's page templates live beside its views (web/<area>/templates/<area>/).
        "DIRS": _web_area_dirs("templates"),
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kohtaanto.web.context.site",
            ],
        },
    },
]

# Django's form renderer with the plainest widget templates built in Python (the same HTML).
FORM_RENDERER = "kohtaanto.web.form_renderer.FastTemplates"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "kohtaanto.core.validators.DemoPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login rate limiting (django-axes): lock a username+address pair after repeated failures.
AXES_FAILURE_LIMIT = env_int("KOHTAANTO_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("KOHTAANTO_LOGIN_COOLOFF_MINUTES", 15, minimum=1) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = ["username", "password"]

# Sessions and CSRF.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("KOHTAANTO_SESSION_SECONDS", 8 * 3600, minimum=60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("KOHTAANTO_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("KOHTAANTO_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("KOHTAANTO_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        # Preloading is a commitment for the whole domain and its sub-domains that each
        # operator must make knowingly; leaving it off is a choice, not an oversight.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# E-mail: console backend unless an SMTP host is given.
EMAIL_HOST = env_str("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1, maximum=65535)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
elif PRODUCTION:
    raise ImproperlyConfiguredError(
        "The environment variable EMAIL_HOST must be set in production (password reset mails)."
    )
else:
    # The console, with every address hidden: no one's address in the server log.
    EMAIL_BACKEND = "kohtaanto.config.mail.RedactingConsoleBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "kohtaanto@localhost")

# Languages: Finnish first.
LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Helsinki"
LANGUAGE_COOKIE_NAME = "kohtaanto_language"
LANGUAGE_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "/static/"
# Each area's page scripts and styles live beside its views (web/<area>/static/<area>/).
STATICFILES_DIRS = _web_area_dirs("static")
STATIC_ROOT = Path(env_str("KOHTAANTO_STATIC_ROOT", str(DATA_DIR / "static")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
# In development and tests, files come from the app folders through the finders and there is no
# collected STATIC_ROOT; autorefresh looks files up per request instead of scanning that folder.
WHITENOISE_AUTOREFRESH = not PRODUCTION

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "kohtaanto.api.schema.AutoSchema",
    # The bearer schemes first: the first class's challenge makes an anonymous request a 401
    # with `WWW-Authenticate: Bearer realm="api"` (the session has none: DRF would answer 403).
    # The session follows, CSRF-checked for unsafe methods as before.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "kohtaanto.api.authentication.ApiTokenAuthentication",
        "kohtaanto.api.authentication.OAuthAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "kohtaanto.api.permissions.TokenScopes",
    ],
    "DEFAULT_PAGINATION_CLASS": "kohtaanto.api.pagination.StrictLimitOffsetPagination",
    "DEFAULT_PARSER_CLASSES": [
        "kohtaanto.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "kohtaanto.api.problems.problem_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "kohtaanto.api.throttling.UserThrottle",
        "kohtaanto.api.throttling.AnonymousThrottle",
    ],
    # The reverse proxies in front (docs/deploy.md): the client's address is the last one the
    # proxy added to X-Forwarded-For. 0: REMOTE_ADDR (no proxy).
    "NUM_PROXIES": env_int("KOHTAANTO_TRUSTED_PROXIES", 1 if PRODUCTION else 0, minimum=0),
}
# API request limits (kohtaanto.api.throttling): per user or integration credential, and per
# address without credentials, as "N/second|minute|hour|day"; empty turns a limit off (the
# default outside production; the tests that test the limits turn them on).
API_RATE_USER = env_rate("KOHTAANTO_API_RATE", "600/minute" if PRODUCTION else "")
API_RATE_ANONYMOUS = env_rate("KOHTAANTO_API_ANONYMOUS_RATE", "60/minute" if PRODUCTION else "")
SPECTACULAR_SETTINGS = {
    "TITLE": "Kohtaanto API",
    "DESCRIPTION": "REST API of Kohtaanto. Errors are RFC 9457 problem+json.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
}

# Background work (docs/decisions/003-task-queue.md): django-tasks, the backport of Django 6's
# tasks framework, with django-tasks-db's database backend, on SQLite and PostgreSQL alike. The
# worker is `kohtaanto worker` (or `manage.py db_worker`). `immediate` runs each task within the
# request that starts it (no worker; big imports then keep the page waiting).
TASK_BACKEND = env_str("KOHTAANTO_TASK_BACKEND", "database")
if TASK_BACKEND not in {"database", "immediate"}:
    raise ImproperlyConfiguredError(
        "The environment variable KOHTAANTO_TASK_BACKEND must be 'database' or 'immediate'."
    )
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if TASK_BACKEND == "database"
            else "django_tasks.backends.immediate.ImmediateBackend"
        ),
        "QUEUES": ["default"],
    }
}
# A running task whose worker has given no sign of life for this long is marked failed.
TASK_STALE_SECONDS = env_int("KOHTAANTO_TASK_STALE_SECONDS", 30, minimum=1)
if TASK_STALE_SECONDS < 5:  # a running task beats every second
    raise ImproperlyConfiguredError(
        "The environment variable KOHTAANTO_TASK_STALE_SECONDS must be at least 5."
    )

# Compiled taxonomy used by recognition in the web app (see `kohtaanto taxonomy build`).
KOHTAANTO_TAXONOMY_FILE = env_str("KOHTAANTO_TAXONOMY_FILE", "")

# Logging: never personal data. Only event names and opaque ids go to the logs.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("KOHTAANTO_LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "django.request": {"level": "ERROR"},
    },
}

# --- issue 12: invitations, SMS and consent forms
# Text messages go through a pluggable backend (kohtaanto.core.sms); no provider is built in.
KOHTAANTO_SMS_BACKEND = env_str("KOHTAANTO_SMS_BACKEND", "kohtaanto.core.sms.ConsoleBackend")
# How long an invitation link (and the code on a printed letter) works.
KOHTAANTO_INVITATION_DAYS = env_int("KOHTAANTO_INVITATION_DAYS", 14, minimum=1)
if KOHTAANTO_INVITATION_DAYS < 1:
    raise ImproperlyConfiguredError(
        "The environment variable KOHTAANTO_INVITATION_DAYS must be at least 1."
    )
# The version of the paper consent form in use; stored with every consent a coach records.
KOHTAANTO_CONSENT_FORM_VERSION = env_str("KOHTAANTO_CONSENT_FORM_VERSION", "2026-1")

# --- issue 12: limits on work and implied skills
# profiles sits below journeys, so the skills a confirmed occupation must not imply (those that
# conflict with the person's recorded limits on work, with consent) come from these functions
# (participant -> set of skill URIs), wired here.
KOHTAANTO_IMPLIED_SKILL_VETOES = ["kohtaanto.journeys.services.limits.implied_skill_veto"]

# --- issue 12: passwordless login links
# Organisations (ids) whose participants may log in with a one-time link sent by e-mail instead
# of a password. Empty: nobody (the default).
_passwordless = env_list("KOHTAANTO_PASSWORDLESS_ORGANISATIONS")
if not all(value.isdigit() for value in _passwordless):
    raise ImproperlyConfiguredError(
        "The environment variable KOHTAANTO_PASSWORDLESS_ORGANISATIONS must list organisation ids."
    )
KOHTAANTO_PASSWORDLESS_ORGANISATIONS = [int(value) for value in _passwordless]

# --- issue 18: API integrations (tokens, OAuth 2.0 client credentials, body size limit) and
# the Content-Security-Policy, Referrer-Policy, Permissions-Policy and nosniff headers
from kohtaanto.config.api import *  # noqa: E402, F403
from kohtaanto.config.security import *  # noqa: E402,F403
