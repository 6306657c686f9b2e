"""Settings shared by every environment. What differs between machines comes from the environment."""

from __future__ import annotations

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# Writable runtime files of the embedded default (SQLite database, broker, beat schedule) live here.
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")  # optional; a missing file is fine

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
# The public address of the site, used in emails, the QR codes of posters and calendar files.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# Shown in the header, the emails and the privacy notice.
MUNICIPALITY_NAME = env("MUNICIPALITY_NAME", default="Gentofte Kommune")

# A mandate's, a call's and an implementation action's public pages belong to the top floor (portal); the
# models below it link to them through get_absolute_url() made here, never naming a page above their floor.
ABSOLUTE_URL_OVERRIDES = {
    "mandates.mandate": lambda mandate: _portal_link("committee_url", mandate),
    "recruitment.call": lambda call: _portal_link("call_url", call),
    "deliberation.implementationaction": lambda action: _portal_link("progress_url", action),
}


def _portal_link(name: str, obj) -> str:
    from portal import links

    return getattr(links, name)(obj)


INSTALLED_APPS = [
    "config.apps.SamskabAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    # Officials' single sign-on (accounts/sso/): installed always, active only when SSO_* below are set.
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "csp",
    # Ours, in the order of their dependencies (DESIGN.md §3).
    "accounts",
    "audit",
    "notifications",
    "core",
    "mandates",
    "committees",
    "recruitment",
    "deliberation",
    "consultations",  # public consultations and dialogue meetings; reads deliberation's draft sections
    "case_documents",  # documents for the agenda system, composed from mandates, committees and deliberation
    "portal",  # the composite public pages (home, the committee page, the call page), on top of them all
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files for the API's documentation page, served from static
    "corsheaders",
    "api",  # the read-only public API and open-data packages (floor 5), from the apps' selectors
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "accounts.middleware.SlidingSessionMiddleware",  # idle sessions end; written at most once a minute
    "core.middleware.ChosenLanguageMiddleware",
    "corsheaders.middleware.CorsMiddleware",  # /api/ only (CORS_URLS_REGEX), GET from any origin
    "api.middleware.StoredAnswerMiddleware",  # /api/: the rate limit, then stored answers (api/caching.py)
    "django.middleware.common.CommonMiddleware",
    "core.limits.RequestBodyLimitMiddleware",  # measures the body before CSRF's check reads it
    "django.middleware.csrf.CsrfViewMiddleware",
    "core.cache.PublicPageCacheMiddleware",  # anonymous visitors' public pages; after CSRF, before the rest
    "accounts.identity.KeptAuthenticationMiddleware",  # Django's, the signed-in person kept till a write
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.SessionActivityMiddleware",  # allauth's UserSessionsMiddleware, at most every 5 min
    "accounts.middleware.OfficialsNeedSecondFactorMiddleware",
    "accounts.middleware.NoStoreForSignedInMiddleware",
    # Below CSP's middleware, so it sees this one's answer: the sign-in pages may post on to the provider.
    "accounts.sso.middleware.SignOnFormActionMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
            ],
            # `datetime_attr` (whole seconds) for <time datetime>, in every template without {% load %}.
            "builtins": ["core.templatetags.machine_time"],
        },
    },
]

# SQLite file by default so `make run` needs no server; production sets DATABASE_URL to PostgreSQL.
DATABASE_URL = env("DATABASE_URL", default="") or f"sqlite:///{VAR_DIR / 'samskab.sqlite3'}"
DATABASES = {"default": env.db_url_config(DATABASE_URL)}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Keep connections for a minute instead of opening one per request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web, the worker and the beat all write to one file. A deferred transaction that read first is
    # refused at once ("database is locked") when another process holds the write lock; an IMMEDIATE one
    # takes the lock when it begins and waits up to `timeout` seconds for it.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": env.int("SQLITE_BUSY_TIMEOUT_SECONDS", default=20)}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# When set, Redis is the Celery broker and the cache (also for allauth's rate limits).
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    # A Redis outage makes the cache act empty instead of failing every page (config/cache.py).
    CACHES = {"default": {"BACKEND": "config.cache.ForgivingRedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
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

# --- django-allauth: email only, verified by code; citizens sign in by a code and need no password.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
# password1 stays a (non-required) signup field so the login form keeps its password box for
# officials; the citizens' sign-up form below leaves it out, so citizens never set a password.
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupDetailsForm"
ACCOUNT_FORMS = {"signup": "accounts.forms.PasswordlessSignupForm"}
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# allauth's rate limits are on by default; named here so nobody switches them off by accident.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "login": "30/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    # Our own: sending the application form (allauth's limiter, same cache); a person needs a handful.
    "apply": "20/10m/user,60/10m/ip",
    "apply_anonymous": "60/10m/ip",  # the form sent before signing in (kept as a draft)
    # Contributions to a consultation and registrations for a dialogue meeting: a person sends a few.
    "participate": "30/10m/user,60/10m/ip",
    "participate_anonymous": "60/10m/ip",  # sent before signing in (kept as a draft)
    # The public API (api/throttling.py): requests per client address; a 429 says when to come back.
    "api": env("API_RATE_LIMIT", default="300/m/ip"),
}
# The visitor's address behind our reverse proxy, which allauth's per-IP rate limits and ours (the application
# form goes through allauth's limiter) read through allauth's get_client_ip. Set the number of proxies of ours
# that add to X-Forwarded-For (1 behind the Caddy of docker-compose.yml), or the header one of them sets to
# the client's address. Left at 0, everyone behind the proxy shares its address and one set of limits.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("ALLAUTH_TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env("ALLAUTH_TRUSTED_CLIENT_IP_HEADER", default="") or None
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = MUNICIPALITY_NAME
# A code typed in the last seconds of its 30 s window still counts in the next (RFC 6238 §5.2 allows one
# step of delay); allauth refuses a code used once already.
MFA_TOTP_TOLERANCE = 1
# People can see and end their sessions; the last-seen time is updated at most every 5 minutes.
USERSESSIONS_TRACK_ACTIVITY = True

# --- Single sign-on for officials through the municipality's identity provider, over OpenID Connect
# (accounts/sso/, docs/single-sign-on.md). Off, with no button and no page, until the first three are set.
SSO_SERVER_URL = env("SSO_SERVER_URL", default="")  # the issuer, exactly as its tokens' `iss` says
SSO_CLIENT_ID = env("SSO_CLIENT_ID", default="")
SSO_CLIENT_SECRET = env("SSO_CLIENT_SECRET", default="")
SSO_SCOPES = env.list("SSO_SCOPES", default=[]) or ["openid", "profile", "email"]
SSO_NAME = env("SSO_NAME", default="") or MUNICIPALITY_NAME  # on the button: "Officials: sign in with …"
# Sent as acr_values, e.g. the NSIS level a NemLog-in broker should ask for; empty sends none.
SSO_ACR_VALUES = env("SSO_ACR_VALUES", default="")
# The claims whose values are groups or roles (a dotted name reaches into an object: realm_access.roles).
SSO_ROLE_CLAIMS = env.list("SSO_ROLE_CLAIMS", default=["groups", "roles"])
# Groups that give an official role besides the admin's list: "politician=<group>;council-staff=<group>".
SSO_ROLE_MAP = env("SSO_ROLE_MAP", default="")
# The boolean claim that says the provider verified the address (Microsoft Entra ID: xms_edov).
SSO_EMAIL_VERIFIED_CLAIM = env("SSO_EMAIL_VERIFIED_CLAIM", default="email_verified")
# A token whose `amr` holds one of these, or whose `acr` is one of SSO_MFA_ACR, stands for our own TOTP.
SSO_MFA_AMR = env.list("SSO_MFA_AMR", default=["mfa", "otp", "hwk"])
SSO_MFA_ACR = env.list("SSO_MFA_ACR", default=[])
SOCIALACCOUNT_ADAPTER = "accounts.sso.adapters.SignOnAdapter"
ACCOUNT_ADAPTER = "accounts.sso.adapters.AccountAdapter"  # leaves out our TOTP after a multi-factor sign-on
# An existing account is linked by an address the provider verified (the adapter decides which are).
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_LOGIN_ON_GET = False  # the button posts; a bare link shows a page to confirm first
SOCIALACCOUNT_STORE_TOKENS = False

# Sessions end after 30 idle minutes: officials see personal data, and library computers are shared.
# The end slides with each request, written at most once a minute (accounts.middleware).
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Every signed-in request reads its session: from Redis when there is one (a round trip to the database
# less on every page), written through to PostgreSQL, which stays the record (a Redis outage only costs
# the database read). Without Redis the cache is per process and would miss a sign-out made in another.
SESSION_ENGINE = "django.contrib.sessions.backends." + ("cached_db" if REDIS_URL else "db")

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", default="Europe/Copenhagen")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Mail: EMAIL_URL like smtp+tls://user:password@smtp.example.dk:587 (django-environ syntax).
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default=f"{MUNICIPALITY_NAME} <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = 20

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Content-Security-Policy: only our own origin; no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- Celery: JSON only, tasks acknowledged after they ran, so a killed worker's task runs again.
# Redis when REDIS_URL is set; CELERY_BROKER_URL names another broker; else an SQLite file (no server).
CELERY_BROKER_URL = (
    env("CELERY_BROKER_URL", default="") or REDIS_URL or f"sqla+sqlite:///{VAR_DIR / 'celery-broker.sqlite3'}"
)
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A tick must never run for ever: soft limit raises inside the task, hard limit kills it.
CELERY_TASK_SOFT_TIME_LIMIT = 120
CELERY_TASK_TIME_LIMIT = 150
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
if CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    # How long a task taken but not acknowledged waits before Redis hands it to another worker.
    # (Redis only: the SQLAlchemy transport passes its options to create_engine and would crash.)
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 600}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# --- The outbox (notifications app).
# One dispatch run sends until nothing is due, this many were tried, or this many seconds passed
# (below the task's soft time limit); the next kick or tick carries on.
OUTBOX_BATCH_SIZE = env.int("OUTBOX_BATCH_SIZE", default=5000)
OUTBOX_TICK_SECONDS = env.int("OUTBOX_TICK_SECONDS", default=90)
# After this many temporary failures a message is marked failed for staff to look at.
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=8)
# Seconds a claimed message is held before another tick may send it again (its worker died); > EMAIL_TIMEOUT.
OUTBOX_LEASE_SECONDS = env.int("OUTBOX_LEASE_SECONDS", default=300)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},  # a line per step of every PDF otherwise
    },
}
# After a message is scheduled, ask a worker to send it at once instead of at the next tick.
OUTBOX_KICK_ON_COMMIT = env.bool("OUTBOX_KICK_ON_COMMIT", default=True)

# Anonymous visitors get the public pages from the cache (core/cache.py) for at most this long; any
# change to what they show empties it at once, so this only bounds what changes with the clock alone.
# Only with Redis: a per-process cache would not hear of a change made by another process (a worker).
PUBLIC_PAGE_CACHE_SECONDS = env.int("PUBLIC_PAGE_CACHE_SECONDS", default=60 if REDIS_URL else 0)
# Seconds a signed-in person's copy of a page they work in is kept (core/signed_in_pages.py): any committed
# write to the database makes every copy old at once, so this too bounds only what changes with the clock.
SIGNED_IN_PAGE_CACHE_SECONDS = env.int("SIGNED_IN_PAGE_CACHE_SECONDS", default=60 if REDIS_URL else 0)

# Largest PDF staff may attach to a mandate (and facilitators to a meeting record).
MANDATE_DOCUMENT_MAX_BYTES = env.int("MANDATE_DOCUMENT_MAX_BYTES", default=10_000_000)
# How long a made case document or mandate (PDF, DOCX) is kept in the cache. Any change to what it shows
# makes a new one at once (its key is a fingerprint of its content); this only bounds the cache's size.
CASE_DOCUMENT_CACHE_SECONDS = env.int("CASE_DOCUMENT_CACHE_SECONDS", default=7 * 24 * 3600)
# Request bodies (core/limits.py refuses larger ones by their length, before anything reads them): a form
# without files takes up to DATA_UPLOAD_MAX_MEMORY_SIZE, far more than a whole deliverable's text; a page
# that takes PDFs, up to the largest PDF plus the form around it, and only from someone signed in.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("FORM_MAX_BYTES", default=1_000_000)
REQUEST_UPLOAD_MAX_BYTES = MANDATE_DOCUMENT_MAX_BYTES + 1_000_000
# An upload (within those limits) larger than this is written to a temporary file instead of held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 1_000_000

# --- Recruitment.
# Postal codes that count as living in the municipality (Gentofte's by default).
RECRUITMENT_POSTAL_CODES = env.list("RECRUITMENT_POSTAL_CODES", default=["2820", "2900", "2920", "2930"])
# Districts applicants may name (optional, used only for balance).
RECRUITMENT_DISTRICTS = env.list(
    "RECRUITMENT_DISTRICTS",
    default=[
        "Charlottenlund",
        "Dyssegård",
        "Gentofte",
        "Hellerup",
        "Jægersborg",
        "Klampenborg",
        "Ordrup",
        "Vangede",
    ],
)
INVITATION_ANSWER_DAYS = env.int("INVITATION_ANSWER_DAYS", default=7)
INVITATION_REMINDER_DAYS = env.int("INVITATION_REMINDER_DAYS", default=3)
# Applications of people not selected are anonymised this many days after the committee starts.
APPLICANT_RETENTION_DAYS = env.int("APPLICANT_RETENTION_DAYS", default=90)
# The members' evaluation survey closes this many days after it opens (staff may move the date until it
# has passed); its results are published only after it has closed.
EVALUATION_SURVEY_DAYS = env.int("EVALUATION_SURVEY_DAYS", default=30)

# --- Consultations and dialogue meetings.
# Personal data in hidden contributions is deleted this many days after the consultation closes or the
# contribution was hidden, whichever is later. Staff may set another period per consultation in the admin.
CONSULTATION_RETENTION_DAYS = env.int("CONSULTATION_RETENTION_DAYS", default=180)
# A seat offered from a dialogue meeting's waiting list waits this long for an answer (never past the start).
DIALOGUE_OFFER_HOURS = env.int("DIALOGUE_OFFER_HOURS", default=48)
# People's access needs for a dialogue meeting are deleted this many days after the meeting.
DIALOGUE_ACCESS_NEEDS_RETENTION_DAYS = env.int("DIALOGUE_ACCESS_NEEDS_RETENTION_DAYS", default=30)

# --- The public API and open data (api/, docs/open-data.md).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],  # public data only: nobody signs in to the API
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.StableCursorPagination",
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.ClientAddressThrottle"],
    "EXCEPTION_HANDLER": "api.problems.problem_handler",
    "DEFAULT_VERSIONING_CLASS": None,
    "COERCE_DECIMAL_TO_STRING": False,
    "DATETIME_FORMAT": "iso-8601",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Samskab open data",
    "DESCRIPTION": "The public record of the task committees: read only, the same as the public pages.",
    "VERSION": "1",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,
    # Names of the choice sets that several resources share (the schema would otherwise number them).
    "ENUM_NAME_OVERRIDES": {
        "MandateStateEnum": "mandates.models.Mandate.State",
        "DeliveryKindEnum": "mandates.models.Mandate.DeliveryKind",
    },
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "api.schema.add_problems"],
}
# Any web page may read the API from a browser; only GET/HEAD/OPTIONS, no cookies.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After", "Link"]
# Where the nightly open-data packages are written (a folder of zip files; the page lists the latest).
OPEN_DATA_DIR = env.path("OPEN_DATA_DIR", default=VAR_DIR / "open-data")
# How many packages are kept; older ones are deleted when a new one is written.
OPEN_DATA_KEEP = env.int("OPEN_DATA_KEEP", default=7)
