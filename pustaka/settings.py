"""Django settings for Pustaka, read from the environment.

Environment variables (all optional):

- ``PUSTAKA_HOME``: folder for the SQLite database, secret key, uploads and
  collected static files. Default: ``var/`` in a source checkout, else
  ``~/.pustaka``.
- ``DATABASE_URL``: e.g. ``postgres://user@host:5432/pustaka`` for the district
  hub. Default: SQLite at ``$PUSTAKA_HOME/pustaka.sqlite3``.
- ``SECRET_KEY``: default: generated once and kept in ``$PUSTAKA_HOME``.
- ``PUSTAKA_NIK_KEY``: the key NIKs are hashed with; one for the whole
  district. Default: generated once and kept in ``$PUSTAKA_HOME``.
- ``DEBUG``: ``1``/``true`` to enable; off otherwise.
- ``ALLOWED_HOSTS``: comma-separated; default ``127.0.0.1,localhost``.
- ``CSRF_TRUSTED_ORIGINS``: comma-separated origins behind a reverse proxy.
- ``PUSTAKA_BEHIND_PROXY``: ``1`` when served behind an HTTPS reverse proxy.
- ``PUSTAKA_PRIVATE_ROOT``: files only staff may download (activity documents,
  reports). Default: ``$PUSTAKA_HOME/private``.
- ``PUSTAKA_SEARCH_CACHE_MIN_HITS``: searches with at least this many hits are
  remembered and kept up to date with the catalogue's changes (default 100).
- ``PUSTAKA_SEARCH_HITLIST_MIN_HITS``: a one-word search with at least this
  many hits has every hit of the word kept, for any filters (default 5000).
- ``EMAIL_URL``-style settings: ``EMAIL_HOST``, ``EMAIL_PORT``,
  ``EMAIL_HOST_USER``, ``EMAIL_HOST_PASSWORD``, ``EMAIL_USE_TLS``,
  ``DEFAULT_FROM_EMAIL``; without ``EMAIL_HOST`` mail is printed to the console.
- ``PUSTAKA_SMS_GATEWAY``: dotted path of the class that sends SMS/WhatsApp
  notices (a ``send(address, subject, body)`` method). Default:
  ``pustaka.circulation.gateways.OutboxGateway``, which keeps them in the
  outbox table for another program to pass on.
- ``PUSTAKA_NOTICE_DUE_SOON_DAYS``: how many days before the due date members
  are reminded (default 2).
- ``PUSTAKA_DAILY_AT``: local time (``HH:MM``, Asia/Makassar) the daily
  circulation task runs (hold expiry, due-soon and overdue notices); default
  ``07:00``; ``off`` starts no scheduler with ``pustaka serve``.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
SOURCE_ROOT = PACKAGE_DIR.parent


def env_flag(name: str, default: bool = False) -> bool:
    """Read a yes/no environment variable."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    """Read a comma-separated environment variable."""
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


def default_home() -> Path:
    """``var/`` beside the package in a source checkout, ``~/.pustaka`` when installed."""
    if (SOURCE_ROOT / "pyproject.toml").exists():
        return SOURCE_ROOT / "var"
    return Path.home() / ".pustaka"


def load_secret_key(home: Path, name: str = "SECRET_KEY") -> str:
    """Return the key ``name`` from the environment, or one kept in ``home``."""
    if os.environ.get(name):
        return os.environ[name]
    key_file = home / name.lower()
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


PUSTAKA_HOME = Path(os.environ.get("PUSTAKA_HOME") or default_home()).resolve()
PUSTAKA_HOME.mkdir(parents=True, exist_ok=True)
(PUSTAKA_HOME / "static").mkdir(exist_ok=True)

SECRET_KEY = load_secret_key(PUSTAKA_HOME)
# The key NIKs are hashed with: the same on every installation of a district,
# so that the same person registered twice is found (see ``members.policies``).
PUSTAKA_NIK_KEY = load_secret_key(PUSTAKA_HOME, "PUSTAKA_NIK_KEY")
DEBUG = env_flag("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "pustaka.core",
    "pustaka.libraries",
    "pustaka.opac",
    "pustaka.catalog",
    "pustaka.inventory",
    "pustaka.members",
    "pustaka.circulation",
    "pustaka.visits",
    "pustaka.news",
    "pustaka.surveys",
    "pustaka.training",
    "pustaka.programs",
    "pustaka.monitoring",
    "pustaka.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed (static files come compressed from WhiteNoise above).
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pustaka.urls"
WSGI_APPLICATION = "pustaka.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pustaka.core.context_processors.pustaka",
            ],
        },
    },
]


def database_settings() -> dict:
    """PostgreSQL from ``DATABASE_URL``, else SQLite in WAL mode with a busy timeout,
    read through a memory map (a search reads many pages of a fresh connection)
    with its temporary tables (a search's hits) in memory. SQLite's connections
    stay open between requests (a new one reads the whole schema and costs a
    desk scan ~2 ms more), and its write transactions take turns without
    SQLite's growing sleeps (``pustaka.core.sqlite``).

    PostgreSQL binds the parameters itself, and a statement a connection runs
    a few times is prepared (psycopg's default threshold): the server plans a
    desk scan's dozen statements once per connection instead of at every scan
    (its CPU per checkout or return -40%, gunicorn's -15%)."""
    url = os.environ.get("DATABASE_URL")
    if url:
        database = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        database.setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5)
        return database
    return {
        "ENGINE": "pustaka.core.sqlite",
        "NAME": PUSTAKA_HOME / "pustaka.sqlite3",
        # Tests run in memory (Django's default for SQLite, said here so that
        # pytest-django's parallel workers keep it rather than make a file name).
        "TEST": {"NAME": ":memory:"},
        "CONN_MAX_AGE": None,
        "OPTIONS": {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            # A page cache of up to 64 MB a connection (SQLite's default is 2 MB,
            # allocated only as pages are read): a search nobody made before at a
            # million records reads fewer pages from the file, about a tenth faster.
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                "PRAGMA mmap_size=1073741824; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;"
            ),
        },
    }


DATABASES = {"default": database_settings()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

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
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "libraries:staff_home"
LOGOUT_REDIRECT_URL = "opac:home"

# Lock an account (per username and address) for 15 minutes after 5 failures.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
USE_I18N = True
TIME_ZONE = "Asia/Makassar"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = PUSTAKA_HOME / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = PUSTAKA_HOME / "media"
# Files for staff only (activity documents): outside MEDIA_ROOT, which is
# served to anyone at MEDIA_URL; back it up with the media.
PUSTAKA_PRIVATE_ROOT = Path(os.environ.get("PUSTAKA_PRIVATE_ROOT", PUSTAKA_HOME / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# ``search``: broad catalogue searches, shared by every process of the
# installation (see ``catalog.search.cache``); ``abuse``: the public forms'
# rate limits (see ``core.abuse``), shared likewise.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "search": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": PUSTAKA_HOME / "cache" / "search",
        "TIMEOUT": 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
    "abuse": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": PUSTAKA_HOME / "cache" / "abuse",
        "TIMEOUT": 3600,
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}
# From 100 hits a search run afresh costs 7-15 ms (2.1 GHz Xeon, 100,000 records),
# remembered 2-3; below, afresh ~4 ms, and a search typed once would only
# churn the cache (each new entry: a file written, the folder listed to cull).
PUSTAKA_SEARCH_CACHE_MIN_HITS = int(os.environ.get("PUSTAKA_SEARCH_CACHE_MIN_HITS", "100"))
# From 5,000 hits a one-word search's first run costs ~18 ms and more (100,000
# records); answered from the word's kept hits (catalog.search.hitlists), ~2.
PUSTAKA_SEARCH_HITLIST_MIN_HITS = int(os.environ.get("PUSTAKA_SEARCH_HITLIST_MIN_HITS", "5000"))
PUSTAKA_SEARCH_HITLISTS = PUSTAKA_HOME / "cache" / "hitlists"

BEHIND_PROXY = env_flag("PUSTAKA_BEHIND_PROXY")
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
SESSION_COOKIE_SECURE = BEHIND_PROXY
CSRF_COOKIE_SECURE = BEHIND_PROXY
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 12 * 3600
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
    },
}

if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "pustaka@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Pustaka's own settings.
PUSTAKA_CHANGE_LOG_SCHEMA_VERSION = 1
# Notices (see ``circulation.notices``) and the daily task's time.
PUSTAKA_SMS_GATEWAY = os.environ.get(
    "PUSTAKA_SMS_GATEWAY", "pustaka.circulation.gateways.OutboxGateway"
)
PUSTAKA_NOTICE_DUE_SOON_DAYS = int(os.environ.get("PUSTAKA_NOTICE_DUE_SOON_DAYS", "2"))
PUSTAKA_DAILY_AT = os.environ.get("PUSTAKA_DAILY_AT", "07:00").strip() or "07:00"
# What `pustaka demo` loads after the district, in order.
PUSTAKA_DEMO_LOADERS = [
    "pustaka.catalog.demo.demo_load",
    "pustaka.members.demo.demo_load",
    "pustaka.circulation.demo.demo_load",
    "pustaka.visits.demo.demo_load",
    "pustaka.news.demo.demo_load",
    "pustaka.programs.demo.demo_load",
    "pustaka.surveys.demo.demo_load",
    "pustaka.training.demo.demo_load",
    "pustaka.monitoring.demo.demo_load",
]
# Who can sign in to the demo: staff accounts, then the demo member (public site).
PUSTAKA_DEMO_LOGINS = ["pustaka.libraries.demo.demo_logins", "pustaka.members.demo.demo_logins"]
