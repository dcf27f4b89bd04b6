"""
Settings for the Outlook CMS.

Everything that differs between machines comes from environment variables (listed in the
README). Development works with no variables at all; production (DJANGO_ENV=production)
refuses to start without the secrets it needs.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from outlook.settings_env import (
    env_bool,
    env_choice,
    env_list,
    media_sources,
    redis_cache,
    required_in_production,
)

BASE_DIR = Path(__file__).resolve().parent.parent

ENVIRONMENT = env_choice("DJANGO_ENV", ("development", "production"), "development")
PRODUCTION = ENVIRONMENT == "production"

DEBUG = env_bool("DJANGO_DEBUG", default=False)
if PRODUCTION and DEBUG:
    # Debug pages show settings and source code to anyone who triggers an error.
    raise ImproperlyConfigured("DJANGO_DEBUG must be off when DJANGO_ENV=production.")

SECRET_KEY = required_in_production(
    "DJANGO_SECRET_KEY",
    production=PRODUCTION,
    development="development-only-insecure-key-never-use-in-production",
)

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set when DJANGO_ENV=production.")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Whitenoise serves static files in development too, so runserver matches production.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "markdownx",
    "axes",
    "reversion",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "outlook.taskqueue",
    "accounts",
    "professions",
    "outlook",
]

MIDDLEWARE = [
    # First, so every response (even an error) carries the request id and is logged once.
    "outlook.web.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "outlook.web.security_headers.SecurityHeadersMiddleware",
    "outlook.web.content_security.SitePolicyCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything reads the request: NUL characters, oversized public bodies get a 4xx.
    "outlook.web.request_guards.RequestGuardMiddleware",
    # Compresses what the next one marks public, whether or not the page cache served it.
    "outlook.web.compression.CompressionMiddleware",
    # Outside the page cache: a page's shared-cache lifetime is computed on every answer.
    "outlook.web.shared_cache.SharedCacheHeadersMiddleware",
    # Before the session middleware: a cached page is served without touching the session,
    # and the security and CSP headers above are still added to it on the way out.
    "outlook.web.middleware.PublicPageCacheMiddleware",
    # Inside the page cache, so a stored page keeps the keys it was rendered with.
    "outlook.web.response_keys.ResponseKeysMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its 429 response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Checks the failed-login lock before any password is tried.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "outlook.urls"
WSGI_APPLICATION = "outlook.wsgi.application"
ASGI_APPLICATION = "outlook.asgi.application"

TEMPLATES = [
    # Readers' pages render with Jinja2 (README, Performance); it is asked first, so a name
    # under templates/jinja2/ is a public page. The admin, the emails and Django's form
    # widgets stay in the Django template language below.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "outlook.reading.jinja.environment",
            # The backend adds the request and the CSRF token; readers' pages read no user
            # and no messages, so they need no other context processor.
            "context_processors": [],
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that does not answer must fail a request (and /readyz) quickly, not hang it.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(
        os.environ.get("DATABASE_CONNECT_TIMEOUT", "5")
    )
    # Queries seen five times stay prepared (README, Performance); off behind a pooler that
    # cannot carry prepared statements (PgBouncer before 1.21 in transaction mode).
    if env_bool("DATABASE_PREPARED_STATEMENTS", default=True):
        DATABASES["default"]["OPTIONS"] |= {"server_side_binding": True, "prepare_threshold": 5}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL for concurrent readers; writers take the lock up front and wait instead of failing.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"


# Two caches that never share memory: pages (evicted when memory runs out) and the signup
# limiter's counters (never evicted, or an attacker could clear their own count by filling it).
REDIS_URL = os.environ.get("REDIS_URL", "")
RATELIMIT_REDIS_URL = os.environ.get("RATELIMIT_REDIS_URL", "")
if PRODUCTION and REDIS_URL and not RATELIMIT_REDIS_URL:
    raise ImproperlyConfigured(
        "RATELIMIT_REDIS_URL must be set with REDIS_URL when DJANGO_ENV=production: a Redis "
        "that never evicts (maxmemory-policy noeviction), apart from the page cache's."
    )
CACHES = {
    # Bounded: locally by entries; on Redis by its maxmemory with LRU eviction (README).
    "default": redis_cache(REDIS_URL, "outlook")
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 300},
    },
    "ratelimit": redis_cache(RATELIMIT_REDIS_URL, "outlook-rate")
    if RATELIMIT_REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "ratelimit",
        # One entry per address and email in a window; far more than one process sees.
        "OPTIONS": {"MAX_ENTRIES": 1_000_000},
    },
}
# The longest an anonymous page stays cached: edits invalidate at once, so this bounds memory.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "3600"))

# Shared caches in front (Varnish, a CDN): who purges them by key (outlook/web/purge.py).
PURGE_BACKENDS = ("varnish", "fastly", "cloudflare", "http")
PURGE_BACKEND = env_choice("PURGE_BACKEND", ("", *PURGE_BACKENDS), "")
# Without a purge backend a shared cache could not hear of edits: by default it keeps nothing.
SHARED_CACHE_SECONDS = int(
    os.environ.get("SHARED_CACHE_SECONDS", "86400" if PURGE_BACKEND else "0")
)
# Varnish or plain HTTP caches the app sends PURGE requests to, e.g. http://127.0.0.1:6081
PURGE_URLS = env_list("PURGE_URLS")
PURGE_TIMEOUT = float(os.environ.get("PURGE_TIMEOUT", "5"))
FASTLY_API_URL = os.environ.get("FASTLY_API_URL", "https://api.fastly.com")
FASTLY_API_TOKEN = os.environ.get("FASTLY_API_TOKEN", "")
FASTLY_SERVICE_ID = os.environ.get("FASTLY_SERVICE_ID", "")
CLOUDFLARE_API_URL = os.environ.get("CLOUDFLARE_API_URL", "https://api.cloudflare.com/client/v4")
CLOUDFLARE_API_TOKEN = os.environ.get("CLOUDFLARE_API_TOKEN", "")
CLOUDFLARE_ZONE_ID = os.environ.get("CLOUDFLARE_ZONE_ID", "")
_purge_needs = {
    "varnish": ["PURGE_URLS"],
    "http": ["PURGE_URLS"],
    "fastly": ["FASTLY_API_TOKEN", "FASTLY_SERVICE_ID"],
    "cloudflare": ["CLOUDFLARE_API_TOKEN", "CLOUDFLARE_ZONE_ID"],
}
if _missing := [name for name in _purge_needs.get(PURGE_BACKEND, []) if not globals()[name]]:
    # A purge backend that cannot purge would leave readers on stale pages for a day.
    raise ImproperlyConfigured(f"PURGE_BACKEND={PURGE_BACKEND} needs {', '.join(_missing)}.")
# Slow work runs as tasks (README, Production): "database" queues them for `run_task_worker`,
# "immediate" runs them in the process that enqueued them, so the demo needs no worker.
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS_BACKEND = env_choice(
    "TASKS_BACKEND", tuple(TASK_BACKENDS), "database" if PRODUCTION else "immediate"
)
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASKS_BACKEND]}}
# A worker's heartbeat, and the silence after which its tasks are recovered (taskqueue/).
TASK_WORKER_HEARTBEAT_SECONDS = int(os.environ.get("TASK_WORKER_HEARTBEAT_SECONDS", "10"))
TASK_WORKER_STALE_SECONDS = int(os.environ.get("TASK_WORKER_STALE_SECONDS", "60"))
# Finished task results are deleted after this many days (failed ones kept as long).
TASK_RESULTS_KEEP_DAYS = int(os.environ.get("TASK_RESULTS_KEEP_DAYS", "14"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Staff sign-in throttle (django-axes): repeated failures from one address lock a username.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Reverse proxies appending to X-Forwarded-For, where login and signup limits read the client's
# address (0: ignored, any client can send it). SIGNUP_TRUSTED_PROXY_COUNT: its earlier name.
TRUSTED_PROXY_COUNT = int(
    os.environ.get("TRUSTED_PROXY_COUNT", os.environ.get("SIGNUP_TRUSTED_PROXY_COUNT", "0"))
)
AXES_CLIENT_IP_CALLABLE = "accounts.ratelimit.login_client_address"
# Keep the start-up banner out of every management command's output (and the JSON logs).
AXES_VERBOSE = False
AXES_RESET_ON_SUCCESS = True

LANGUAGE_CODE = "en-us"
# The publication's own time zone: dates and times are entered and shown in it.
TIME_ZONE = os.environ.get("PUBLICATION_TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = os.environ.get("DJANGO_MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# Uploads go to an S3-compatible bucket when named (boto3 reads the AWS_* credentials).
MEDIA_S3_BUCKET = os.environ.get("MEDIA_S3_BUCKET", "")
if MEDIA_S3_BUCKET:
    MEDIA_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("MEDIA_S3_REGION") or None,
            "custom_domain": os.environ.get("MEDIA_S3_CUSTOM_DOMAIN") or None,
            "location": os.environ.get("MEDIA_S3_PREFIX", ""),
            # Every upload gets a random name (outlook/media/images.py): never overwrite or sign.
            "file_overwrite": False,
            "querystring_auth": False,
            "default_acl": None,
        },
    }
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {
        # Hashed, compressed names need collectstatic; development serves from the finders.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

if PRODUCTION:
    # The load balancer or proxy in front ends TLS and says so in this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    # Load balancers probe over plain HTTP; a redirect would read as "down".
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
# Scripts never read the CSRF cookie: forms (and markdownx) carry the token in a field.
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Images served from another host (a bucket or a CDN) must be allowed by the CSP.
MEDIA_SOURCES = media_sources(MEDIA_URL, MEDIA_S3_BUCKET)
# Nothing inline: our templates, the admin and markdownx load scripts and styles from files
# (tests/browser/test_admin_csp_browser.py checks the admin's editor in Chromium).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # Admin pages alone add 'unsafe-inline' (outlook/web/security_headers.py).
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *MEDIA_SOURCES],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Editors' markdown: previews go through the same sanitising renderer readers get.
MARKDOWNX_MARKDOWNIFY_FUNCTION = "outlook.media.markdown.render_markdown"
MARKDOWNX_URLS_PATH = "/markdownx/markdownify/"
MARKDOWNX_UPLOAD_URLS_PATH = "/markdownx/upload/"
MARKDOWNX_MEDIA_PATH = "markdownx/"
MARKDOWNX_UPLOAD_MAX_SIZE = 5 * 1024 * 1024
# SVG can carry scripts, so only raster formats are accepted.
MARKDOWNX_UPLOAD_CONTENT_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp")
IMAGE_MAX_PIXELS = 40_000_000
# How long a shared preview link works for someone without an account.
PREVIEW_LINK_MAX_AGE = timedelta(days=int(os.environ.get("PREVIEW_LINK_DAYS", "7")))

# One JSON object per line on stdout, each with its request's id (README, Operations).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "outlook.web.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "outlook.web.logs.JsonFormatter"},
        "plain": {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": os.environ.get("DJANGO_LOG_FORMAT", "json"),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Our request log replaces Django's own lines for 4xx/5xx and runserver's access log.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
    },
}

# --- Signups and email (accounts app): the report form, double opt-in, reports. ---

# The public address emails link back to; requests are not always at hand when mail is sent.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
# Without an SMTP host, mail is printed to the console so development never sends real email.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=False)
if EMAIL_USE_SSL:
    # Django refuses both at once; implicit TLS (port 465) wins when asked for explicitly.
    EMAIL_USE_TLS = False
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Will AI Replace Me <reports@localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Client addresses are stored only as an HMAC under this key, never in the clear.
SIGNUP_IP_HASH_KEY = required_in_production(
    "SIGNUP_IP_HASH_KEY", production=PRODUCTION, development="development-only-ip-hash-key"
)
# Who controls readers' data (name, postal address), named by the privacy notice; required.
DATA_CONTROLLER = required_in_production(
    "DATA_CONTROLLER",
    production=PRODUCTION,
    development="the Outlook editorial team (development server)",
)
# Submissions allowed per window, per client address and per email; a load test raises them.
SIGNUP_RATE_LIMIT_PER_IP = int(os.environ.get("SIGNUP_RATE_LIMIT_PER_IP", "20"))
SIGNUP_RATE_LIMIT_PER_EMAIL = int(os.environ.get("SIGNUP_RATE_LIMIT_PER_EMAIL", "5"))
SIGNUP_RATE_LIMIT_WINDOW = int(os.environ.get("SIGNUP_RATE_LIMIT_WINDOW", "3600"))
# How long the links in emails stay valid, in seconds.
SIGNUP_CONFIRM_MAX_AGE = int(os.environ.get("SIGNUP_CONFIRM_MAX_AGE", str(3 * 24 * 3600)))
SIGNUP_UNSUBSCRIBE_MAX_AGE = int(os.environ.get("SIGNUP_UNSUBSCRIBE_MAX_AGE", str(365 * 24 * 3600)))
