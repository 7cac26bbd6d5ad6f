"""Settings for the WPM platform, read from the environment.

Production is the default: DEBUG is off and every secret must be given. Development
(``WPM_ENV=development``, set by ``make run``) and the test suite turn things on explicitly.
"""

import logging
import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default):
    """Read a yes/no value; anything other than a clear answer is a configuration error."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), not {value!r}.")


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_float(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return float(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, not {value!r}.") from None


def env_list(name, default=()):
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


WPM_ENV = env("WPM_ENV", "production")
if WPM_ENV not in {"production", "development", "test"}:
    raise ImproperlyConfigured(f"WPM_ENV must be production, development or test, not {WPM_ENV!r}.")
DEVELOPMENT = WPM_ENV == "development"

DEBUG = env_bool("DEBUG", DEVELOPMENT)

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if WPM_ENV == "production":
        raise ImproperlyConfigured("SECRET_KEY must be set in production.")
    SECRET_KEY = "insecure-key-for-development-and-tests-only"  # noqa: S105

LOCAL_HOSTS = ["127.0.0.1", "localhost"]
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", LOCAL_HOSTS if WPM_ENV != "production" else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "wpm",
    "wpm.outbox",
    "mediators",
    "processes",
    "appointments",
    "api",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django.forms",  # the form templates, for FORM_RENDERER
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "django_filters",
    "django_countries",
    "simple_history",
    "django_tasks_db",
    "ninja",  # the API's interactive documentation, served from our static files
]
# Fictional demo data and its seed_demo command: never installed in production.
if WPM_ENV != "production":
    INSTALLED_APPS += ["demo"]

CSRF_FAILURE_VIEW = "wpm.views.csrf_failure"

MIDDLEWARE = [
    # First, before the host is refused: a probe by the server's own address is answered.
    "wpm.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses what every middleware below has finished (static files are WhiteNoise's own,
    # served compressed above). Safe with pages that hold a CSRF token: Django masks the token
    # anew in each response, so a BREACH attacker finds no repeated secret.
    "wpm.middleware.TextGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After the language is known: its 400 page is in the visitor's language.
    "wpm.middleware.UnreadableAddressMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "wpm.middleware.StaffSecurityMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "wpm.middleware.DatabaseOutageMiddleware",
]

ROOT_URLCONF = "wpm.urls"
WSGI_APPLICATION = "wpm.wsgi.application"
ASGI_APPLICATION = "wpm.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wpm.context_processors.site",
            ],
        },
    },
]

# Forms render with the site's templates, so their labels can say which fields are required.
FORM_RENDERER = "wpm.forms.FormRenderer"

# Databases: SQLite in a git-ignored folder unless DATABASE_URL names another database.
DATA_DIR = Path(env("WPM_DATA_DIR", BASE_DIR / "var"))
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'wpm.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    # Persistent connections buy nothing on SQLite and hold file locks across requests.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Readers never wait for the writer (WAL), and a writing transaction takes the lock when it
    # begins: upgrading a read to a write could fail at once under concurrent requests.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A page's queries are small: parallel workers cost more to start than they save (the
    # roster's filtered counts took 12 ms with two, 5 without). DB_PARALLEL_WORKERS allows them;
    # empty leaves the server's own setting (behind PgBouncer, set it on the role instead).
    CONNECTION_SETTINGS = []
    PARALLEL_WORKERS = env("DB_PARALLEL_WORKERS", "0")
    if PARALLEL_WORKERS:
        CONNECTION_SETTINGS.append(
            f"max_parallel_workers_per_gather={env_int('DB_PARALLEL_WORKERS', 0)}"
        )
    # The site's data fits in memory, where a page read at random costs about as much as the
    # next one: PostgreSQL's default (4, for spinning disks) had it scan every process and test
    # its search document rather than use the index (5 ms against 1 ms in site search).
    # DB_RANDOM_PAGE_COST sets it for the site's connections; empty leaves the server's own.
    RANDOM_PAGE_COST = env("DB_RANDOM_PAGE_COST", "1.1")
    if RANDOM_PAGE_COST:
        CONNECTION_SETTINGS.append(f"random_page_cost={env_float('DB_RANDOM_PAGE_COST', 1.1)}")
    if CONNECTION_SETTINGS:
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = " ".join(
            f"-c {setting}" for setting in CONNECTION_SETTINGS
        )
    # Behind a pooler in transaction mode (PgBouncer), a cursor held across transactions may
    # find itself on another server connection ("cursor does not exist"): the daily jobs read
    # their rows with iterator(), which opens such a cursor unless told not to.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env_bool("DB_TRANSACTION_POOLING", False)

# An index's INCLUDE columns serve PostgreSQL's index-only scans; SQLite, in development,
# builds the index without them.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# One shared cache for every application server (rate limits, sessions' helpers) when Redis is
# configured; a per-process memory cache otherwise, which suits a single server.
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    # A lost Redis must cost speed, not the site: each process serves from its own memory until
    # Redis answers again, and tries it once every CACHE_RETRY_SECONDS (wpm.cache).
    CACHES = {"default": {"BACKEND": "wpm.cache.ResilientRedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CACHE_RETRY_SECONDS = env_int("CACHE_RETRY_SECONDS", 15)

# Anonymous visitors' pages are cached this many seconds (0: never); any change to published
# content makes the next request render afresh (wpm.pagecache). The limit bounds how late a page
# notices time passing, such as an event moving from upcoming to past.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
# Browsers and shared caches may show such a page this many seconds before they ask again, and a
# page that has not changed then answers with a 304. A change, a profile withdrawn from public view
# included, can take this long to reach someone who already has the page; 0: they always ask.
PAGE_MAX_AGE_SECONDS = env_int("PAGE_MAX_AGE_SECONDS", 60)
# Small queries of a fixed shape keep the SQL Django wrote for them (wpm.shapes). Checked, each
# call also writes its query afresh and fails if it differs from the kept one: on in the tests.
SHAPES_CHECKED = env_bool("SHAPES_CHECKED", WPM_ENV == "test")

AUTH_USER_MODEL = "wpm.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# Accounts: the email address is the login; it must be verified before the first sign-in.
ACCOUNT_ADAPTER = "wpm.adapters.AccountAdapter"
ACCOUNT_FORMS = {"signup": "wpm.forms.SignupForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[WPM] "
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
# Adding, removing or choosing her address asks for her password again (after five minutes):
# whoever holds a session she left open could otherwise put their own address on her account,
# and then reset her password through it.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
# How many proxies in front of the application append to X-Forwarded-For (nginx with
# `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for`): 1 behind one, 2 behind a
# balancer and nginx. With 0 every visitor is the address the request came from, which behind
# a proxy is the proxy's: all visitors would share each rate limit.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)  # allauth's limits too (wpm.adapters)
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/h/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
USERSESSIONS_TRACK_ACTIVITY = True
# Staff hold the keys to members' data: shorter sessions, and two-factor authentication first.
STAFF_SESSION_AGE = env_int("STAFF_SESSION_AGE", 60 * 60 * 8)
STAFF_REQUIRE_MFA = env_bool("STAFF_REQUIRE_MFA", True)
# Contact messages are relayed by email at once; the copy kept here is purged after this.
CONTACT_RETENTION_DAYS = env_int("CONTACT_RETENTION_DAYS", 180)
# A closed request's personal data (who asked, who was proposed, what was released, who looked)
# is purged after this by purge_requests; its nameless figures stay for the public numbers.
REQUEST_RETENTION_DAYS = env_int("REQUEST_RETENTION_DAYS", 730)

# Saved searches: a digest of their new matches goes out once a week at most (send_search_alerts),
# with links to this site's address; a user keeps at most this many.
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SAVED_SEARCHES_PER_USER = env_int("SAVED_SEARCHES_PER_USER", 20)
MFA_TOTP_ISSUER = "WPM"
# One period either side forgives a phone clock that runs a little fast or slow.
MFA_TOTP_TOLERANCE = 1

# Sessions live in the database so that any number of application servers can serve a visitor.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 24 * 14)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Messages ("Signed in as ...", "Your message was sent") wait in the session: Django's default
# keeps them in a cookie of their own, readable by anyone with the browser, her name included,
# and the privacy policy promises only the session's and the CSRF cookie.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
CSRF_COOKIE_SAMESITE = "Lax"

# Internationalisation: every page lives under /en/ or /de/.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("de", _("German"))]
# Country names in English as people write them, where the ISO short names django-countries
# ships read otherwise ("Naoero", "Bahamas (The)"); the German names are ours too.
COUNTRIES_OVERRIDE = {
    "BS": _("Bahamas"),
    "FK": _("Falkland Islands"),
    "MF": _("Saint Martin"),
    "NR": _("Nauru"),
    "SX": _("Sint Maarten"),
    "VG": _("British Virgin Islands"),
    "VI": _("United States Virgin Islands"),
}

# Ours first; then django-allauth's pages, forms and emails in the register the site speaks in
# German (Sie, where the library's own catalogue says Du).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "allauth"]
USE_I18N = True
TIME_ZONE = "Europe/Berlin"
USE_TZ = True

# Static and media files.
STATIC_URL = "/static/"
# Only production collects static files; elsewhere WhiteNoise serves them from their sources.
STATIC_ROOT = (
    Path(env("STATIC_ROOT", BASE_DIR / "var" / "static")) if WPM_ENV == "production" else None
)
WHITENOISE_USE_FINDERS = WPM_ENV != "production"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", DATA_DIR / "media"))
# Files only the application may hand out (mediators' photos): never serve this folder directly.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", DATA_DIR / "private"))
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "mediators.storage.PrivateStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if WPM_ENV == "production"
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ORIGIN = None  # where public media come from when not from this site

# Uploads go to S3-compatible object storage (AWS, MinIO, Ceph, Scaleway, ...) when S3_BUCKET is
# set. Without keys, boto3 finds credentials itself (AWS_* variables, an instance role, ...).
S3_BUCKET = env("S3_BUCKET")
if S3_BUCKET:
    from botocore.config import Config

    S3_OPTIONS = {
        "access_key": env("S3_ACCESS_KEY_ID") or None,
        "secret_key": env("S3_SECRET_ACCESS_KEY") or None,
        "endpoint_url": env("S3_ENDPOINT_URL") or None,
        "region_name": env("S3_REGION") or None,
        # botocore waits 60 s to connect and 60 s for each read, and tries again: a bucket that
        # does not answer would hold a member's upload (and a worker) for minutes. An answering
        # bucket connects in milliseconds: 3 s to connect, 5 s for a read and one retry fail a
        # request within seconds instead.
        "client_config": Config(
            connect_timeout=3, read_timeout=5, retries={"max_attempts": 1, "mode": "standard"}
        ),
    }
    if (S3_OPTIONS["access_key"] is None) != (S3_OPTIONS["secret_key"] is None):
        raise ImproperlyConfigured("Set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY or neither.")
    S3_CUSTOM_DOMAIN = env("S3_CUSTOM_DOMAIN") or None
    # Public media set no ACL: nothing is public unless the bucket's policy says so. Behind a CDN
    # at S3_CUSTOM_DOMAIN (which reads the bucket) their links are plain; without one they are
    # signed, and stay valid an hour longer than a cached page that holds them.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **S3_OPTIONS,
            "bucket_name": S3_BUCKET,
            "location": "media",
            "file_overwrite": False,
            "default_acl": None,
            "custom_domain": S3_CUSTOM_DOMAIN,
            "querystring_auth": S3_CUSTOM_DOMAIN is None,
            "querystring_expire": PAGE_CACHE_SECONDS + 60 * 60,
        },
    }
    # Public images then come from the CDN or the bucket: the security policy admits that origin.
    if S3_CUSTOM_DOMAIN:
        MEDIA_ORIGIN = f"https://{S3_CUSTOM_DOMAIN}"
    elif S3_OPTIONS["endpoint_url"]:
        MEDIA_ORIGIN = "/".join(S3_OPTIONS["endpoint_url"].split("/")[:3])
    else:
        MEDIA_ORIGIN = f"https://{S3_BUCKET}.s3.amazonaws.com"
    # Mediators' photos: private objects that only the application reads, and streams after the
    # photo view's permission check. No public domain; any link to one would be signed.
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **S3_OPTIONS,
            "bucket_name": env("S3_PRIVATE_BUCKET") or S3_BUCKET,
            "location": "private",
            "file_overwrite": False,
            # No ACL: S3 objects are private unless a bucket policy opens them, and buckets with
            # ACLs turned off (AWS's default) refuse any request that sets one.
            "default_acl": None,
            "querystring_auth": True,
            "custom_domain": None,
        },
    }
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365 if WPM_ENV == "production" else 0
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024

# Email. Every message is queued in the database (wpm.outbox) with the action that sends it,
# and a task delivers it through the "outbound" mailer: SMTP from the environment in
# production, the console in development.
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "WPM Network <noreply@wpm.example.org>")
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
MAILERS: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "wpm.outbox.backends.QueuedEmailBackend"},
    "outbound": {"BACKEND": "django.core.mail.backends.console.EmailBackend"},
}
if WPM_ENV == "production":
    MAILERS["outbound"] = {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": env("SMTP_HOST", "localhost"),
            "port": env_int("SMTP_PORT", 587),
            "username": env("SMTP_USER", ""),
            "password": env("SMTP_PASSWORD", ""),
            "use_tls": env_bool("SMTP_USE_TLS", True),
            "timeout": 10,
        },
    }
# A failed delivery is tried again after 1, 2, 4, ... minutes, at most an hour apart; after the
# last attempt the mail is marked failed for staff to send again (admin: Outgoing mail).
MAIL_RETRY_SECONDS = env_int("MAIL_RETRY_SECONDS", 60)
MAIL_RETRY_MAX_SECONDS = env_int("MAIL_RETRY_MAX_SECONDS", 60 * 60)
MAIL_MAX_ATTEMPTS = env_int("MAIL_MAX_ATTEMPTS", 12)
# A sent mail's subject, recipients and time are kept this long (its message goes once sent).
MAIL_RETENTION_DAYS = env_int("MAIL_RETENTION_DAYS", 30)
# /healthz reports the mail queue as delayed when a mail has waited longer than this.
MAIL_DELAY_ALERT_SECONDS = env_int("MAIL_DELAY_ALERT_SECONDS", 15 * 60)

# Background tasks (mail delivery). Production keeps them in the database, where a worker
# beside gunicorn runs them (`manage.py db_worker`); development and tests run each at once,
# so mail shows in the console with no process to start.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if env_bool("TASKS_IN_DATABASE", WPM_ENV == "production")
        else "django.tasks.backends.immediate.ImmediateBackend"
    }
}

# Security headers, on everywhere; HTTPS-only settings in production.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *([MEDIA_ORIGIN] if MEDIA_ORIGIN else [])],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
HTTPS = env_bool("HTTPS", WPM_ENV == "production")
if HTTPS:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Requests a minute each client of the open-data API may make (api.v1).
API_RATE_LIMIT = env("API_RATE_LIMIT", "120/m")

# The PA-X peace agreements file that `manage.py import_pax` reads; it lives outside the repository.
PAX_CSV_PATH = Path(
    env(
        "WPM_PAX_CSV",
        BASE_DIR.parent
        / "shared"
        / "data"
        / "peace-agreements"
        / "pax_data_2257_agreements_v10.csv",
    )
)

LOG_LEVEL = env("LOG_LEVEL", "INFO").upper()
if LOG_LEVEL not in logging.getLevelNamesMapping():
    raise ImproperlyConfigured(
        f"LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL, not {LOG_LEVEL!r}."
    )
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # The PDF engine reports each step of every document it lays out (and of its own style
    # sheets at start) at INFO: noise that buries the site's own lines. Its warnings stay.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}
