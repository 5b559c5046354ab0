"""Settings shared by every environment. Values come from the environment; see .env.example."""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from kombu import Queue

from ewtp.settings.money import *  # noqa: F403  (the ledger, reconciliation and payouts)
from ewtp.settings.money import MONEY_BEAT_SCHEDULE

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

# No defaults here: ewtp.settings.dev lends a development key and a local SITE_URL, with DEBUG on only.
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (see .env.example).")
# Where the platform is reached from outside: e-mails and partner-facing links are built on it.
SITE_URL = env.str("SITE_URL", default="").rstrip("/")
if not SITE_URL:
    raise ImproperlyConfigured(
        "SITE_URL must be set when DEBUG is off: e-mails link to it (see .env.example)."
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "ewtp.fx",
    "ewtp.api",
    "ewtp.outbox",
    "marketplace.accounts",
    "marketplace.sellers",
    "marketplace.listings",
    "marketplace.storefront",
    "marketplace.orders",
    "marketplace.payments",
    "marketplace.ledger",
    "marketplace.reconciliation",
    "marketplace.payouts",
    "logistics.customs",
    "logistics.partners",
    "logistics.dispatch",
    "logistics.tracking",
    "logistics.api",
]

MIDDLEWARE = [
    "ewtp.structured_logging.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "ewtp.request_limits.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "marketplace.accounts.languages.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so it wraps only the view: an API POST/PUT with Idempotency-Key runs once, then is replayed.
    "ewtp.api.idempotency.IdempotencyMiddleware",
]

# Request bodies: at most 10 MB in all (a listing photo is up to 8 MB), and 1 MB of form fields besides files.
MAX_REQUEST_BYTES = env.int("MAX_REQUEST_BYTES", default=10 * 2**20)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2**20
# API bodies (JSON) at most 1 MB: a batch of 1,000 tracking events is about 300 KB.
API_MAX_REQUEST_BYTES = env.int("API_MAX_REQUEST_BYTES", default=2**20)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "storefront:catalogue"
LOGOUT_REDIRECT_URL = "storefront:catalogue"

ROOT_URLCONF = "ewtp.urls"
WSGI_APPLICATION = "ewtp.wsgi.application"

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
                "django.template.context_processors.i18n",
                "django.template.context_processors.media",
            ],
        },
    },
]

# -- database: SQLite under var/ by default, PostgreSQL (or anything dj-database-url reads) from DATABASE_URL
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'ewtp.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # web, worker and beat share the file: WAL lets readers run beside the writer, IMMEDIATE avoids
    # "database is locked" upgrades from read to write in the middle of a transaction.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE", "timeout": 20}
    )
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# -- cache: Redis when REDIS_URL is set, Django's database cache otherwise. Never per-process memory: log-in
# throttles and the worker's heartbeat are read by every web process, written by others.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "ewtp_cache"}}
# Catalogue pages in a cache of their own, so that culling them (a flood of distinct searches) never evicts
# the log-in throttles or the heartbeat kept in "default". Bounded by marketplace/storefront/catalogue_cache.
CACHES["pages"] = (
    {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "pages"}
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "ewtp_page_cache",
        "OPTIONS": {"MAX_ENTRIES": 3000},
    }
)

# Reverse proxies (addresses or networks) whose X-Forwarded-For is believed: the client address that
# throttles count is the first one, from the right, that is not one of these. Empty: REMOTE_ADDR only.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# en-gb shares the English text and brings its own formats: dates read 30/11/2026 for British buyers.
LANGUAGES = [
    ("en", "English"),
    ("en-gb", "British English"),
    ("es", "Español"),
    ("fr", "Français"),
    ("sw", "Kiswahili"),
    ("zh-hans", "简体中文"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates follow the language; times name their zone (ewtp/formats/).
FORMAT_MODULE_PATH = ["ewtp.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
# Public media (listing photos) served by Django itself: on with DEBUG (make run), off otherwise, where a web
# server or CDN serves media/. Private files are never under MEDIA_ROOT, whatever this says.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG)
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
PRIVATE_ROOT = env.path("PRIVATE_ROOT", default=VAR_DIR / "private")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Verification documents and the like: never under MEDIA_URL, served only through permission checks.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_ROOT), "base_url": None},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# -- e-mail: written as .eml files under var/mail/ unless EMAIL_URL names a server (smtp+tls://...)
vars().update(env.email_url("EMAIL_URL", default="filemail://"))
if EMAIL_BACKEND == "django.core.mail.backends.filebased.EmailBackend":  # noqa: F405 - set just above
    EMAIL_BACKEND = "ewtp.mail_files.EmlFileBackend"
    EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="EWTP <no-reply@ewtp.localhost>")

# -- Celery: a broker that needs no server by default (kombu's filesystem transport under var/)
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
BROKER_FOLDER = VAR_DIR / "broker"
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "data_folder_in": str(BROKER_FOLDER / "out"),
        "data_folder_out": str(BROKER_FOLDER / "out"),
        "processed_folder": str(BROKER_FOLDER / "processed"),
        "control_folder": str(BROKER_FOLDER / "control"),
        "store_processed": False,
    }
    if CELERY_BROKER_URL.startswith("filesystem")
    else {"visibility_timeout": 3600}
)
CELERY_RESULT_BACKEND = env.str(
    "CELERY_RESULT_BACKEND", default=REDIS_URL or f"file://{VAR_DIR / 'celery-results'}"
)
CELERY_RESULT_EXPIRES = 3600
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = "UTC"
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_ACKS_LATE = True
# A task whose worker dies mid-run goes back to the queue instead of being lost.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_QUEUE_NAMES = ("default", "tracking", "documents", "webhooks", "reconciliation")
CELERY_TASK_QUEUES = [Queue(name, routing_key=name) for name in CELERY_QUEUE_NAMES]
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    # The ECB publishes around 16:00 CET on TARGET days; fetch after that, every weekday.
    "fx-rates-refresh": {
        "task": "fx.rates_refresh",
        "schedule": crontab(minute=30, hour=15, day_of_week="mon-fri"),
        "options": {"queue": "default"},
    },
    # /healthz?worker=1 reads the heartbeat's age: a worker that stops shows within 90 s.
    "heartbeat": {
        "task": "ewtp.heartbeat",
        "schedule": 30.0,
        "options": {"queue": "default", "expires": 30},
    },
    # Sends what the after-commit try left in the outbox because the broker was down.
    "outbox-relay": {
        "task": "outbox.relay",
        "schedule": 10.0,
        "options": {"queue": "default", "expires": 10},
    },
    # Offers a partner left unanswered past DISPATCH_OFFER_TIMEOUT_MINUTES go to the next partner.
    "dispatch-offers-expire": {
        "task": "dispatch.offers_expire",
        "schedule": 60.0,
        "options": {"queue": "default", "expires": 60},
    },
    "api-idempotency-keys-purge": {
        "task": "api.idempotency_keys_purge",
        "schedule": crontab(minute=17),
        "options": {"queue": "default"},
    },
    # Stock held for checkouts that never paid goes back on sale (reservations last 15 minutes).
    "orders-reservations-release": {
        "task": "orders.reservations_release",
        "schedule": 60.0,
        "options": {"queue": "default", "expires": 60},
    },
    # Delivered orders whose return window has passed are completed.
    "orders-deliveries-complete": {
        "task": "orders.deliveries_complete",
        "schedule": 3600.0,
        "options": {"queue": "default", "expires": 3600},
    },
    # Partners with a tracking URL are polled (one task per partner, within its request rate).
    "tracking-poll": {
        "task": "tracking.poll",
        "schedule": timedelta(seconds=env.int("TRACKING_POLL_INTERVAL_SECONDS", default=300)),
        "options": {"queue": "tracking", "expires": 60},
    },
    # Shipments with no event for TRACKING_STALE_AFTER_DAYS are flagged for operators.
    "tracking-stale-flag": {
        "task": "tracking.stale_flag",
        "schedule": 3600.0,
        "options": {"queue": "tracking", "expires": 3600},
    },
    # A stored batch still pending after 10 minutes lost its message somewhere: queue it again.
    "tracking-batches-resume": {
        "task": "tracking.batches_resume",
        "schedule": 300.0,
        "options": {"queue": "tracking", "expires": 300},
    },
}

CELERY_BEAT_SCHEDULE |= MONEY_BEAT_SCHEDULE

# -- payments (used from the payments issue on)
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env.str("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
# The built-in test gateway (used without STRIPE_SECRET_KEY) signs its events with this when
# STRIPE_WEBHOOK_SECRET is unset. No default: only dev (DEBUG on) and test lend one, so a production without
# Stripe keys takes no payment at all rather than accepting the test cards.
TEST_GATEWAY_WEBHOOK_SECRET = env.str("TEST_GATEWAY_WEBHOOK_SECRET", default="")

# The platform's IOSS number (IM + 10 digits): declared on the shipments of EU orders whose import VAT it
# collected at sale as the deemed supplier. Empty until the platform is registered.
PLATFORM_IOSS_NUMBER = env.str("PLATFORM_IOSS_NUMBER", default="")

# -- tracking and orders that follow their shipments
# A partner with a tracking URL is polled every TRACKING_POLL_INTERVAL_SECONDS (the beat entry above), at
# most TRACKING_POLL_BATCH shipments a run and TRACKING_POLL_REQUESTS_PER_MINUTE requests to that partner.
TRACKING_POLL_INTERVAL_SECONDS = env.int("TRACKING_POLL_INTERVAL_SECONDS", default=300)
TRACKING_POLL_REQUESTS_PER_MINUTE = env.int("TRACKING_POLL_REQUESTS_PER_MINUTE", default=60)
TRACKING_POLL_BATCH = env.int("TRACKING_POLL_BATCH", default=200)
TRACKING_POLL_TIMEOUT_SECONDS = env.int("TRACKING_POLL_TIMEOUT_SECONDS", default=10)
# A shipment on its way with no event for this many days is flagged stale (admin: Tracking).
TRACKING_STALE_AFTER_DAYS = env.int("TRACKING_STALE_AFTER_DAYS", default=5)
# A delivered order is completed this many days after delivery (the buyer's return window).
ORDERS_RETURN_WINDOW_DAYS = env.int("ORDERS_RETURN_WINDOW_DAYS", default=14)

# -- exchange rates
FX_REFRESH_URL = env.str(
    "FX_REFRESH_URL", default="https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml"
)
FX_FETCH_TIMEOUT_SECONDS = env.int("FX_FETCH_TIMEOUT_SECONDS", default=20)
FX_FETCH_MAX_BYTES = env.int("FX_FETCH_MAX_BYTES", default=20 * 1024 * 1024)
# A rate older than this many days (counted from the date it is used for) is shown and flagged as stale.
# Five covers a weekend plus a TARGET holiday.
FX_STALE_AFTER_DAYS = env.int("FX_STALE_AFTER_DAYS", default=5)

# Reference data read on every catalogue page (categories, shipping lanes, the day's rates) is kept this
# many seconds in each process, and catalogue result pages as long in the shared "pages" cache; a change
# shows up at most this late. 0 turns both off.
REFERENCE_CACHE_SECONDS = env.int("REFERENCE_CACHE_SECONDS", default=30)


# -- the partner REST API: ewtp/settings/api.py
from ewtp.settings.api import *  # noqa: E402, F403

# -- dispatch: offering shipments to partners, and the webhooks that tell them
# A partner that has not accepted (or rejected) an offer after this long loses it to the next partner.
DISPATCH_OFFER_TIMEOUT_MINUTES = env.int("DISPATCH_OFFER_TIMEOUT_MINUTES", default=240)
PARTNER_WEBHOOK_TIMEOUT_SECONDS = env.float("PARTNER_WEBHOOK_TIMEOUT_SECONDS", default=10.0)
# One delivery is tried at most this many times, waiting BACKOFF x 2^(n-1) seconds (capped, with jitter).
PARTNER_WEBHOOK_MAX_ATTEMPTS = env.int("PARTNER_WEBHOOK_MAX_ATTEMPTS", default=8)
PARTNER_WEBHOOK_BACKOFF_SECONDS = env.int("PARTNER_WEBHOOK_BACKOFF_SECONDS", default=30)
PARTNER_WEBHOOK_BACKOFF_MAX_SECONDS = env.int("PARTNER_WEBHOOK_BACKOFF_MAX_SECONDS", default=3600)
# After this many failed attempts in a row (any deliveries) the partner's endpoint is disabled and operators
# are e-mailed; an operator enables it again in the admin.
PARTNER_WEBHOOK_DISABLE_AFTER = env.int("PARTNER_WEBHOOK_DISABLE_AFTER", default=8)
# Operators told about dispatch trouble (a disabled endpoint, a shipment no partner takes).
ADMINS = [("Operators", address) for address in env.list("OPERATOR_EMAILS", default=[])]


# -- logging: one JSON line per event, with the request (or task) id
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "ewtp.structured_logging.JsonFormatter"}},
    "filters": {"request_id": {"()": "ewtp.structured_logging.RequestIdFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.server": {"level": "WARNING"},
        "django.request": {"level": "ERROR"},
        "celery": {"level": "INFO"},
        # "No hostname was supplied" for the filesystem broker on every connection: not news.
        "kombu.connection": {"level": "ERROR"},
        # WeasyPrint logs every layout step at INFO: one line per step per document is noise, not events.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
