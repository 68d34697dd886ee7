"""Settings for every mode, configured by environment variables (see README)."""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_choice, env_int, env_rate, env_redis_url, redis_database

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

# django-environ reads the URLs, paths and lists; booleans and numbers go through config.env,
# which refuses anything but a documented value.
env = environ.Env()

DEBUG = env_bool("DJANGO_DEBUG", default=False)

# Production never runs on a key that is known to anyone: no default outside DEBUG.
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random value, "
            "or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "dev-only-insecure-key-never-used-in-production"

# Only the names the operator lists: a Host header of "localhost" or of an attacker's name would
# otherwise end up in password-reset links. Without the variable, DEBUG answers on localhost,
# 127.0.0.1 and [::1] (Django's own default) and production answers no host at all.
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])

# HTTPS hardening is on in production; DJANGO_HTTPS=0 serves plain http (tests, local runs).
HTTPS = env_bool("DJANGO_HTTPS", default=not DEBUG)

# Form widgets render through the project's templates, so one override of a list
# (templates/django/forms/widgets/select.html: "Kies …" for the empty choice, the options
# written in place) serves every form.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

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
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_celery_beat",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "django_htmx",
    "proeftuin",
    "learning",
    "backlog",
    "charter",
    "workshops",
    "notifications",
    "integrations",
]

MIDDLEWARE = [
    # Outermost: the request id is on every log line, and the latency counts all the layers.
    "proeftuin.web.request_id.RequestIdMiddleware",
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Pages compressed in the app, with or without a proxy in front (README, "Compression"):
    # Django's GZip pads each response with random bytes against BREACH, and CSRF tokens are
    # masked anew per response. Before every layer that writes the body.
    "django.middleware.gzip.GZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "proeftuin.web.middleware.SlidingSessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "proeftuin.web.middleware.OversizedIdMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Instead of LocaleMiddleware: the account's or the device's choice, else Dutch.
    "proeftuin.accounts.language.PreferredLanguageMiddleware",
    # django_otp's, with the session's device read by a query compiled once.
    "proeftuin.web.middleware.OTPMiddleware",
    "proeftuin.web.middleware.TwoFactorMiddleware",
    "proeftuin.web.middleware.NoStoreForSignedInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # request.htmx: a small answer (RSVP, mark read) may come back as its part of the page.
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    # A domain error a page did not show on its form (a bad query parameter): 400, not 500.
    "proeftuin.errors.DomainErrorMiddleware",
    # Innermost: it reads the resolved view, so latency is recorded per view name.
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]
# make bench counts the SQL queries of every request (X-Query-Count header); never in production.
if env_bool("BENCH_COUNT_QUERIES", default=False):
    MIDDLEWARE.insert(0, "bench.middleware.QueryCountMiddleware")

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
                "proeftuin.web.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file, not memory, so a test's Celery worker process can open the same test database.
    DATABASES["default"]["TEST"] = {"NAME": f"{DATABASES['default']['NAME']}.test"}
    # `make run` has three processes writing (web, worker, beat). IMMEDIATE takes the write lock
    # at the start of a transaction, so two writers queue (up to `timeout` seconds) instead of
    # one failing with "database is locked"; WAL lets readers go on while one writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    # PostgreSQL compiles a query to machine code (JIT) when its estimated cost is high, as it is
    # for the sweep's and the inbox's queries over many pilots; that compiling took longer than
    # the query (0.75 s of the coaches' inbox count's 1.1 s at 1,000 organisations, see
    # bench/README.md). This application runs short queries only, so its connections do without.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = " ".join(filter(None, [options.get("options"), "-c jit=off"]))
# 0 is meaningful here: close the connection after each request.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DJANGO_CONN_MAX_AGE", default=60, minimum=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "proeftuin.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Logging in with the work account; the provider is the organisation's (integrations/).
    "integrations.work_account_auth.WorkAccountBackend",
]
OIDC_AUTHENTICATION_CALLBACK_URL = "integrations:work-account-callback"
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "proeftuin:home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", default=14)

# Django's database sessions, their lookup compiled once (proeftuin.precompiled).
SESSION_ENGINE = "proeftuin.accounts.sessions"
# Idle sessions end after two hours of no requests (documented in the README).
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", default=2 * 60 * 60)
# The idle timeout slides: proeftuin.web.middleware.SlidingSessionMiddleware extends it at most once
# per SESSION_REFRESH_SECONDS, instead of a session write on every request.
SESSION_REFRESH_SECONDS = env_int("SESSION_REFRESH_SECONDS", default=5 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=VAR_DIR / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Tests render pages without running collectstatic first.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# E-mail: EMAIL_URL (smtp://user:pass@host:587, consolemail://); without it, mails are written
# as files under var/mail so a developer can read them.
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
    # SMTP through notifications.smtp: the same backend, with the moment SMTP cannot close
    # marked for the reminder ledger (docs/reminders.md).
    if EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend":  # noqa: F821 (set above)
        EMAIL_BACKEND = "notifications.smtp.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Proeftuin <proeftuin@localhost>")
EMAIL_TIMEOUT = 20
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# Celery: Redis is only a trigger; the database holds the truth (see README, "Reminders").
REDIS_URL = env.str("REDIS_URL", default="redis://127.0.0.1:6380/0")
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_RESULT_EXPIRES = 60 * 60
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 5 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 4 * 60
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 60 * 60}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=False)
# The test suite gives its workers a queue of their own: test runs of two checkouts may share one
# Redis, and a worker on another run's database would take this run's tasks.
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="celery")

# The cache holds the API throttle's counters. With more than one process (gunicorn workers,
# replicas) it must be shared, or each process counts on its own and the limit is multiplied:
# CACHE_REDIS_URL names a Redis database of its own. Without it each process keeps local memory,
# which is right for `make run` and the tests. (The login lockout is in the database: axes'
# database handler, the default, holds across processes without the cache.)
CACHE_REDIS_URL = env_redis_url("CACHE_REDIS_URL")
if CACHE_REDIS_URL:
    if redis_database(CACHE_REDIS_URL) == redis_database(REDIS_URL):
        raise ImproperlyConfigured(
            "CACHE_REDIS_URL must name another Redis database than REDIS_URL (the broker), "
            "e.g. redis://redis:6379/1."
        )
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_REDIS_URL,
            "KEY_PREFIX": "proeftuin",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Timing of reminder delivery (docs/reminders.md). notifications.conf falls back to its own
# defaults when these are None; reading them here makes a bad value stop the start, not a worker.
REMINDER_CLAIM_TIMEOUT = env_int("REMINDER_CLAIM_TIMEOUT", default=None)
REMINDER_MAX_ATTEMPTS = env_int("REMINDER_MAX_ATTEMPTS", default=None)
REMINDER_RETRY_BACKOFF = env_int("REMINDER_RETRY_BACKOFF", default=None)
REMINDER_SWEEP_BATCH = env_int("REMINDER_SWEEP_BATCH", default=None)
REMINDER_HANDOFF_GRACE = env_int("REMINDER_HANDOFF_GRACE", default=None)

# How many reverse proxies in front of the app append to X-Forwarded-For (README, "Behind a proxy").
TRUSTED_PROXIES = env_int("DJANGO_TRUSTED_PROXIES", default=0, minimum=0)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "integrations.authentication.PersonalTokenAuthentication",
        # Tokens an admin issued before personal tokens existed: they keep working, with the
        # person's full rights and no expiry (docs/api.md says how to replace them).
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "proeftuin.web.api_filters.Pages",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PARSER_CLASSES": [
        "proeftuin.validation.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "EXCEPTION_HANDLER": "proeftuin.errors.api_exception_handler",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_rate("API_THROTTLE_ANON", default="60/minute"),
        "user": env_rate("API_THROTTLE_USER", default="1200/minute"),
        # per xAPI integration key: a platform sending its backlog, not one person's clicks
        "xapi": env_rate("API_THROTTLE_XAPI", default="600/minute"),
        # per person trying session check-in codes (workshops.throttles)
        "check_in": "10/minute",
        # the public guest sign-up page, per client address: people sign up once, bots often
        "guest_sign_up": "10/hour",
        # per client address on the public library's pages (toolkit.views.LibraryThrottle)
        "library": env_rate("LIBRARY_THROTTLE", default="300/minute"),
    },
    # Anonymous throttling counts per client address, found as the lockout finds it (below).
    "NUM_PROXIES": TRUSTED_PROXIES,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Proeftuin API",
    "DESCRIPTION": "Learning paths, sessions and measurement of a data-skills pilot group.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # Operation ids and tags as they were before the xAPI endpoint joined the schema.
    "SCHEMA_PATH_PREFIX": r"/api/",
    # The xAPI endpoint's key (integrations/xapi_views.py): Basic, not a person's token.
    "APPEND_COMPONENTS": {"securitySchemes": {"xapiBasic": {"type": "http", "scheme": "basic"}}},
    # Several models have a `kind` or `status`; name each choice set after its model.
    "ENUM_NAME_OVERRIDES": {
        "ActivityKindEnum": "learning.models.ActivityKind",
        "LessonKindEnum": "learning.models.Lesson.Kind",
        "LessonReviewEnum": "learning.models.Lesson.Review",
        "GoalStatusEnum": "learning.models.SkillGoal.Status",
        "ExperimentStatusEnum": "learning.models.Experiment.Status",
        "SessionKindEnum": "workshops.models.Session.Kind",
        "SessionStatusEnum": "workshops.models.Session.Status",
        "RegistrationResponseEnum": "workshops.models.Registration.Response",
        "RoundKindEnum": "proeftuin.models.MeasurementRound.Kind",
        "NotificationRuleEnum": "notifications.models.Rule",
    },
}

# Brute-force protection: lock a (user name, address) pair, so nobody can lock another out.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The login form posts the e-mail address as "username"; axes would otherwise look for "email"
# (USERNAME_FIELD), find nothing and lock the address for every user.
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLED = True
# Failed logins are counted in the database, which every web process and replica shares (a cache
# handler on local memory would give each process its own count).
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# Behind a TLS proxy every request comes from the proxy's address. With DJANGO_TRUSTED_PROXIES=N
# the client is the address the outermost of those N proxies saw (N-th from the right in
# X-Forwarded-For); with the default 0 only the connecting address counts, so a forged header
# cannot give an attacker fresh tries.
AXES_CLIENT_IP_CALLABLE = "proeftuin.web.client.client_address"

# Content-Security-Policy: everything from our own origin, no inline script or style.
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
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if HTTPS:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^metrics$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# One JSON object per line in production (a log collector reads fields, not sentences), with
# request_id on the lines of a request and task_id/task_name on those of a Celery task.
LOG_FORMAT = env_choice(
    "LOG_FORMAT", choices=("json", "plain"), default="plain" if DEBUG else "json"
)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"context": {"()": "config.log.ContextFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["context"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
# The worker and beat log through the configuration above (JSON, with task ids), not Celery's own.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# /metrics (Prometheus) answers only a request with "Authorization: Bearer <METRICS_TOKEN>";
# without the variable it is switched off (404).
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
# /healthz answers 503 when no reminder sweep finished for this many seconds (beat or the
# workers are down); 0 leaves the sweep out (a web process without beat, as in make bench).
HEALTHZ_SWEEP_MAX_AGE = env_int("HEALTHZ_SWEEP_MAX_AGE", default=10 * 60, minimum=0)

DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="proeftuin-demo")

# Two-factor authentication (docs/testing.md, "Two-factor"): required for coaches, directors and
# admins. seed_demo gives the demo coach and director an authenticator key that is published on
# purpose (hex of "proeftuin-demo-2fa"), so a tester can add it to an app or a test can compute
# codes; with DEMO_2FA_HINTS (default: only when DEBUG) the code page also shows the current code
# for exactly those demo devices. Real accounts are never affected.
OTP_TOTP_ISSUER = "Proeftuin"
DEMO_TOTP_KEY = "70726f65667475696e2d64656d6f2d326661"
DEMO_2FA_HINTS = env_bool("DEMO_2FA_HINTS", default=DEBUG)
