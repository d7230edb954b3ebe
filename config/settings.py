"""Settings for the Hội Khuyến học Hải Phòng portal.

Everything comes from the environment (or a `.env` file beside manage.py). The defaults run
on a laptop: SQLite, DEBUG on, mail printed to the console. With DEBUG off the portal is in
production mode and refuses to start unless the settings it cannot guess are given. Demo
mode (PORTAL_DEMO, what `python3 dev.py run` starts) is a laptop too, but shows the portal's
own error pages, never Django's debug pages.
"""

import datetime
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=True)
PRODUCTION = not DEBUG

# Demo mode loads the sample campaign and one account per role. It is for laptops and
# training sessions only, never for the public portal.
DEMO_MODE = env.bool("PORTAL_DEMO", default=False)

_missing = []
if PRODUCTION:
    for name in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "MAILER_URL", "PORTAL_BASE_URL"):
        if not env.str(name, default=""):
            _missing.append(name)
    if _missing:
        raise ImproperlyConfigured(
            "Production mode (DEBUG=False) needs these settings in the environment: "
            + ", ".join(_missing)
            + ". See docs/operations.md."
        )
    if DEMO_MODE:
        raise ImproperlyConfigured(
            "PORTAL_DEMO=True is refused in production mode (DEBUG=False): demo accounts "
            "have published passwords."
        )

if DEMO_MODE:
    # The demo is shown to people, in training rooms often to the whole network: what they
    # see of a missing page or a bug is the portal's own page, as in production, never
    # Django's debug pages (every URL pattern, tracebacks, settings). The rest stays the
    # laptop's: SQLite, mail on the console, static files straight from the source folders
    # (WhiteNoise, below), which production mode alone changes.
    DEBUG = False

SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-only-for-a-laptop-never-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "organizations.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "import_export",
    # The shared tools, then the base app: the three domain apps depend on them, never the
    # reverse (docs/architecture.md).
    "common",
    "organizations.apps.OrganizationsConfig",
    "campaigns",
    "learning_models",
    "scholarships",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.PortalLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "organizations.context_processors.portal",
                "common.context_processors.officers_area",
            ],
        },
    },
]

# An empty DATABASE_URL (a blank line in .env) means the laptop's SQLite, as when unset.
DATABASES = {
    "default": env.db_url_config(
        env.str("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    ),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the calendar be read while an officer saves; a busy timeout instead of
    # "database is locked" when two writes meet.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE", "timeout": 20}
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "organizations.User"
AUTHENTICATION_BACKENDS = ["organizations.backends.RoleBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:dashboard"
LOGOUT_REDIRECT_URL = "campaigns:home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language and time: Vietnamese first, English second; Hải Phòng's clock.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "portal_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Fingerprinted, compressed files in production; plain files on a laptop and in
        # tests, which then need no collectstatic run.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}
WHITENOISE_KEEP_ONLY_HASHED_FILES = False
# Outside production (laptop, tests, whose DEBUG Django turns off) WhiteNoise serves straight
# from the source folders, so no collectstatic run is needed there.
WHITENOISE_AUTOREFRESH = not PRODUCTION
WHITENOISE_USE_FINDERS = not PRODUCTION


# Mail: MAILER_URL such as smtp+tls://user:password@mail.example.vn:587. Production needs a
# real (SMTP) mailer; a laptop prints mail to the console.
def _mailer(url):
    if not url:
        return {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    config = environ.Env.email_url_config(url)
    backend = config["EMAIL_BACKEND"]
    if not backend.endswith("smtp.EmailBackend"):
        if PRODUCTION:
            raise ImproperlyConfigured(
                "Production mode (DEBUG=False) needs a real mailer: MAILER_URL must start with "
                "smtp://, smtps:// or smtp+tls://."
            )
        return {"BACKEND": backend}
    options = {
        "host": config.get("EMAIL_HOST"),
        "port": config.get("EMAIL_PORT"),
        "username": config.get("EMAIL_HOST_USER") or None,
        "password": config.get("EMAIL_HOST_PASSWORD") or None,
        "use_tls": config.get("EMAIL_USE_TLS") or None,
        "use_ssl": config.get("EMAIL_USE_SSL") or None,
        "timeout": 20,
    }
    return {"BACKEND": backend, "OPTIONS": {k: v for k, v in options.items() if v is not None}}


MAILERS = {"default": _mailer(env.str("MAILER_URL", default=""))}
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Hội Khuyến học Hải Phòng <no-reply@localhost>"
)
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
ADMINS = [("Quản trị", address) for address in env.list("ADMIN_EMAILS", default=[])]

# Security. A strict Content Security Policy everywhere, so that a page that works on a
# laptop also works in production: no inline scripts or styles, nothing from other hosts.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 8
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    # The load balancer probes /healthz over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://portal")}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# --- Sign-in limits and private pages -------------------------------------------------------
# django-axes counts failed sign-ins in the database (so every server process sees the same
# counts): five failures within 15 minutes for one user name, whatever the address, or from
# one client address, whatever the user names, pause signing in there for 15 minutes. The
# admin has no login form of its own (organizations.admin_site sends it to the portal's), so
# this covers it too. docs/operations.md says how to lift a lockout.
INSTALLED_APPS += ["organizations.apps.SignInProtectionConfig"]  # django-axes
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", *AUTHENTICATION_BACKENDS]
MIDDLEWARE += [
    # Signed-in pages are never kept by a browser or a proxy (shared ward-office computers).
    "config.middleware.PrivatePagesMiddleware",
    # Turns a locked-out sign-in into the portal's "signing in is paused" page (429).
    "axes.middleware.AxesMiddleware",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own, not the pair
AXES_RESET_ON_SUCCESS = True
# A pause ends at the time its page gives, whatever is tried meanwhile.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_HANDLER = "organizations.sign_in_limits.SignInHandler"
AXES_LOCKOUT_CALLABLE = "organizations.sign_in_limits.lockout_response"
AXES_CLIENT_IP_CALLABLE = "organizations.sign_in_limits.client_ip"
# The lockouts are shown in the portal's admin by organizations/admin/sign_in.py.
AXES_ENABLE_ADMIN = False
# Only failures are kept (and only while they count): successful sign-ins are not stored.
AXES_DISABLE_ACCESS_LOG = True
# The log names the user name and the address of a failure (never the password).
AXES_SENSITIVE_PARAMETERS = []
# How many proxies in front of the portal add to X-Forwarded-For (nginx's
# $proxy_add_x_forwarded_for). 0: the client is the connection's address (REMOTE_ADDR).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Asking for a new password by e-mail: at most this many requests an hour for one address and
# from one client (organizations.sign_in_limits), so the form cannot flood anyone's mailbox.
PASSWORD_RESET_LIMITS = {"per_address": 3, "per_client": 10, "window": datetime.timedelta(hours=1)}
# Failed sign-ins and lockouts are warnings of the "axes" logger: always on the console.
LOGGING["loggers"]["axes"] = {"level": "WARNING"}
# --- End of sign-in limits and private pages ------------------------------------------------

# --- Background tasks (django.tasks) -------------------------------------------------------
# Mails after a commit and the fund's donation imports are tasks. In production they wait in
# the database (django-tasks-db) for `manage.py db_worker`, so that a 100,000-row import
# runs beside the web workers and shows its progress; on a laptop, in demo mode and in the
# tests they run at once, in the process that queued them. TASKS_BACKEND=immediate or
# database chooses either anywhere.
INSTALLED_APPS += ["django_tasks_db"]
_TASK_BACKENDS = {
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
_tasks_backend = env.str("TASKS_BACKEND", default="database" if PRODUCTION else "immediate")
if _tasks_backend not in _TASK_BACKENDS:
    raise ImproperlyConfigured("TASKS_BACKEND must be immediate or database.")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[_tasks_backend]}}
# --- End of background tasks ----------------------------------------------------------------

# Uploads: the largest file a user may send (evidence photos, spreadsheets).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Spreadsheet imports: what an uploaded table may unpack to ------------------------------
# Checked by organizations/importing before anything is parsed, whatever the file claims; the
# number of rows is each import's own (2,000 activities, 20,000 units). An .xlsx is a zip:
# its parts together may unpack to TABLE_IMPORT_MAX_UNPACKED_BYTES, a part of
# TABLE_IMPORT_RATIO_FROM_BYTES or more may unpack to at most TABLE_IMPORT_MAX_RATIO times
# its packed size (real sheets stay far below), and it may hold TABLE_IMPORT_MAX_PARTS parts.
TABLE_IMPORT_MAX_UNPACKED_BYTES = env.int("TABLE_IMPORT_MAX_UNPACKED_BYTES", default=50 * 2**20)
TABLE_IMPORT_MAX_RATIO = env.int("TABLE_IMPORT_MAX_RATIO", default=100)
TABLE_IMPORT_RATIO_FROM_BYTES = env.int("TABLE_IMPORT_RATIO_FROM_BYTES", default=2**20)
TABLE_IMPORT_MAX_PARTS = env.int("TABLE_IMPORT_MAX_PARTS", default=1000)
TABLE_IMPORT_MAX_COLUMNS = env.int("TABLE_IMPORT_MAX_COLUMNS", default=100)
# Excel's own limit for one cell.
TABLE_IMPORT_MAX_CELL_CHARS = env.int("TABLE_IMPORT_MAX_CELL_CHARS", default=32_767)
# --- end of the spreadsheet import limits ---------------------------------------------------

IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

# The city this portal serves: its statistics-office code.
PORTAL_CITY_CODE = env.str("PORTAL_CITY_CODE", default="31")


def _public_address(value):
    """PORTAL_BASE_URL as scheme://host[:port], or a refusal that names the setting."""
    parts = urlsplit(value.strip())
    try:
        port = parts.port
    except ValueError:  # a port that is not a number from 0 to 65535
        port = -1
    if (
        port == -1
        or any(character.isspace() for character in value.strip())
        or parts.scheme not in {"http", "https"}
        or not parts.hostname
        or parts.username is not None
        or parts.path not in {"", "/"}
        or parts.query
        or parts.fragment
    ):
        raise ImproperlyConfigured(
            f"PORTAL_BASE_URL must be the portal's public address, an absolute http:// or "
            f"https:// URL without a path, such as https://khuyenhoc.haiphong.gov.vn; "
            f"got {value!r}."
        )
    return f"{parts.scheme}://{parts.netloc}"


# The portal's public address, as people reach it: every link that leaves the portal (in
# e-mails, in the calendar feed) starts with it (common.links). Production must say
# it; a laptop defaults to the quick start's address, and `dev.py run` passes the one it
# serves.
PORTAL_BASE_URL = _public_address(env.str("PORTAL_BASE_URL", default="") or "http://127.0.0.1:8000")
