"""nonprolif settings: one module, every knob from the environment.

Environment variables
---------------------
NONPROLIF_DATA_DIR  where the embedded database and the generated secret key live
                    (default: ./data under the current directory)
DATABASE_URL        e.g. postgres://user:pass@host:5432/db (default: SQLite in the data dir)
SECRET_KEY          the secret key; or SECRET_KEY_FILE, a file holding it. When neither is
                    set, one is generated once and kept in DATA_DIR/secret_key.
ALLOWED_HOSTS       comma separated (default: localhost,127.0.0.1)
CSRF_TRUSTED_ORIGINS comma separated origins, for deployments behind a proxy
DEBUG               "1"/"true" to enable (default off)
TIME_ZONE           default America/Mexico_City
LANGUAGE_CODE       default es-mx
EMAIL_URL-style knobs: EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER,
                    EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, DEFAULT_FROM_EMAIL
SECURE_SSL_REDIRECT, SECURE_HSTS_SECONDS, SECURE_PROXY_SSL_HEADER
                    HTTPS hardening where TLS reaches the application (default off)
SESSION_COOKIE_SECURE, CSRF_COOKIE_SECURE
                    secure cookies (default on unless DEBUG)
TASKS_BACKEND       the Django Tasks backend: django_tasks_db.DatabaseBackend (the default:
                    tasks kept in the database) or django_tasks_rq.RQBackend (tasks on Redis,
                    at REDIS_URL); `nonprolif worker --workers N` runs the workers of either
TASKS_QUEUES        comma separated names of task queues besides "default" (where the
                    reminders go), for workers of their own (`nonprolif worker --queue NAME`)
REDIS_URL           the Redis database of the RQ task backend (default
                    redis://127.0.0.1:6379/0)
MEDIA_ROOT          where uploaded files (speakers' photos) go (default DATA_DIR/media)
SITE_URL            the public address, for links in emails sent outside a request (default
                    http://localhost:8000); within a request, links use the request's host
NONPROLIF_TODAY     a fixed date (YYYY-MM-DD) for every date rule, with a banner on every page
                    (the demo sets one inside its 2009 program; default: the real clock)
SPEAKER_INVITATION_DAYS, SPEAKER_REMINDER_DAYS, ACTION_ITEM_REMINDER_DAYS
                    validity of a speaker's invitation link (30), days between reminders (7)
REPORT_SIGNATURE    the signature of status reports (default: the generating user's surname)
ROLES_NEEDING_APPROVAL comma separated roles whose grant waits for a second administrator's
                    approval (default coordinator,auditor,administrator: the roles that read the
                    whole office, and the one that manages accounts, so that one administrator
                    cannot make a second administrator to approve his own grants)
API_TOKEN_DAYS      days an API token stays valid after it is issued (default 90)
SQLITE_TIMEOUT      seconds a SQLite writer waits for the lock before "database is locked"
                    (default 20)
AXES_FAILURE_LIMIT  failed sign-ins before a lockout, counted per username and, separately,
                    per client address (default 5)
AXES_COOLOFF_MINUTES how long a lockout lasts (default 15); an administrator can lift it sooner
                    (Security → Lockouts, or `nonprolif unlock`)
CLIENT_ADDRESS_PROXY_COUNT number of reverse proxies in front of the application, each appending
                    to X-Forwarded-For (default 0: the client address is REMOTE_ADDR); lockouts
                    per address and audit entries use it
OTP_REQUIRED_ROLES  comma separated roles that must sign in with a second factor (TOTP or a
                    recovery code) (default coordinator,auditor,administrator)
OTP_TOTP_ISSUER     the issuer shown by authenticator apps (default nonprolif)
SESSION_IDLE_TIMEOUT, SESSION_ABSOLUTE_TIMEOUT
                    minutes without a request, and minutes since sign-in, after which a session
                    ends (defaults 30 and 720)
UPLOAD_MAX_BYTES    the largest file an upload takes (default 5242880, 5 MB); larger ones are
                    refused before they are read, naming the file field
UPLOAD_MAX_UNCOMPRESSED_BYTES, UPLOAD_MAX_COMPRESSION_RATIO
                    an XLSX (a zip) whose members decompress to more than this (default 50 MB)
                    or more than this many times their compressed size (default 100) is refused
                    before it is opened
SCREENING_BATCH_MAX_ROWS, SCREENING_CHUNK_SIZE
                    the most rows a screening batch file may have (default 50000), and the rows
                    one screening task takes (default 2000: a batch is shared among the workers
                    in chunks of that many)
"""

import datetime
import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from nonprolif.core import clock as _clock

BASE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DATA_DIR = Path(os.environ.get("NONPROLIF_DATA_DIR", Path.cwd() / "data")).resolve()


def _secret_key() -> str:
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    if os.environ.get("SECRET_KEY_FILE"):
        return Path(os.environ["SECRET_KEY_FILE"]).read_text().strip()
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",
    "csp",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "nonprolif.core",
    "nonprolif.program",
    "nonprolif.events",
    "nonprolif.training",
    "nonprolif.reports",
    "nonprolif.intel",
    "nonprolif.screening",
    "nonprolif.preparedness",
    "nonprolif.outreach",
]

MIDDLEWARE = [
    "nonprolif.core.audit_reads.RequestContextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise: every answer but the static files'.
    "csp.middleware.CSPMiddleware",
    "nonprolif.core.middleware.SecurityHeadersMiddleware",
    "nonprolif.core.middleware.RefuseNullCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "nonprolif.core.middleware.SessionTimeoutMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "nonprolif.core.middleware.UserLanguageMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "nonprolif.core.middleware.SecondFactorMiddleware",
    "axes.middleware.AxesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "nonprolif.core.audit_reads.ReadAuditMiddleware",  # last: closest to the view
]

ROOT_URLCONF = "nonprolif.urls"
WSGI_APPLICATION = "nonprolif.wsgi.application"
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

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
                "nonprolif.core.context_processors.roles",
                "nonprolif.core.context_processors.clock",
            ],
        },
    }
]

# Database: SQLite (WAL) in the data directory unless DATABASE_URL says otherwise.
_default_db = f"sqlite:///{DATA_DIR / 'nonprolif.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL", _default_db))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        # Writers queue for the lock (every read writes an audit entry) instead of failing
        # at once with "database is locked".
        "timeout": float(os.environ.get("SQLITE_TIMEOUT", "20")),
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "60"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out sign-ins
    "rules.permissions.ObjectPermissionBackend",
    "nonprolif.core.backends.NoSuperuserModelBackend",
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

LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "es-mx")
LANGUAGES = [("es-mx", _("Spanish (Mexico)")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("TIME_ZONE", "America/Mexico_City")

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", DATA_DIR / "static"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Static files are served by WhiteNoise from the collected STATIC_ROOT (`nonprolif serve`
# collects them) and, when not collected, straight from the package.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "nonprolif@localhost")

# Background work through the Django Tasks API. By default tasks are stored in the database and
# run by `nonprolif worker` (db_worker processes); with TASKS_BACKEND=django_tasks_rq.RQBackend
# they go to Redis at REDIS_URL, every queue on the same connection, and `nonprolif worker`
# runs an RQ worker pool. TASKS_BACKEND may name another backend (e.g.
# django_tasks.backends.immediate.ImmediateBackend to run them at once, without a worker).
TASKS_QUEUES = ["default", *(name for name in env_list("TASKS_QUEUES", "") if name != "default")]
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": TASKS_QUEUES,
    }
}
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
# django-rq's queues (read by the RQ backend and its workers only). A job may run for an hour
# (a national office's reminders send one e-mail each).
RQ_QUEUES = {name: {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 3600} for name in TASKS_QUEUES}
if TASKS["default"]["BACKEND"] == "django_tasks_rq.RQBackend":
    # The RQ backend requires the app (its system check says so); it is left out otherwise.
    INSTALLED_APPS.append("django_rq")
# No RQ dashboard in the admin: its pages would show and change jobs outside the audit trail
# (`nonprolif manage rqstats` shows the queues).
RQ_SHOW_ADMIN_LINK = False

# Uploaded files (speakers' photos). They are never served from MEDIA_URL directly: views
# check who may see them first.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
MEDIA_URL = "media/"

# Speaker invitations: days a personal link stays valid, and days between reminders to
# speakers who have not answered yet.
# SITE_URL: the address people reach the application at, for links in emails sent outside a
# request (speakers' invitations and their reminders).
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000")
# NONPROLIF_TODAY: a fixed "today" for every date rule (core.clock); unset: the real clock.
NONPROLIF_TODAY = _clock.parse_today(os.environ.get("NONPROLIF_TODAY"))
SPEAKER_INVITATION_DAYS = int(os.environ.get("SPEAKER_INVITATION_DAYS", "30"))
SPEAKER_REMINDER_DAYS = int(os.environ.get("SPEAKER_REMINDER_DAYS", "7"))
ACTION_ITEM_REMINDER_DAYS = int(os.environ.get("ACTION_ITEM_REMINDER_DAYS", "7"))
# The status report's signature (the chief of mission's surname); empty: the generating user's.
REPORT_SIGNATURE = os.environ.get("REPORT_SIGNATURE", "")

# Accounts and API tokens (issue 9). A grant of one of ROLES_NEEDING_APPROVAL takes effect only
# when an administrator other than the requester and the grantee approves it; API tokens expire
# API_TOKEN_DAYS after they are issued.
ROLES_NEEDING_APPROVAL = env_list("ROLES_NEEDING_APPROVAL", "coordinator,auditor,administrator")
API_TOKEN_DAYS = int(os.environ.get("API_TOKEN_DAYS", "90"))

# Security hardening. Cookies are secure unless DEBUG. The HTTPS redirect and HSTS are
# switched on by the deployment (SECURE_SSL_REDIRECT=1, SECURE_HSTS_SECONDS=31536000) where
# TLS reaches the application; where a proxy redirects, leave them to the proxy.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Headers and input limits (issue 9) -------------------------------------------------------
# Content-Security-Policy (django-csp): scripts, styles, images, fonts and connections from this
# site only; no inline script or style anywhere (the templates use classes in the static CSS,
# htmx is told not to inject its indicator styles, charts carry SVG attributes, not CSS), no
# plugins, no framing, forms post here only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Powerful browser features no page uses, denied to every page and frame (Permissions-Policy,
# by core.middleware.SecurityHeadersMiddleware, which also sends "Cache-Control: no-store" on
# every answer but the static files').
PERMISSIONS_POLICY = [
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "encrypted-media",
    "fullscreen",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "picture-in-picture",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
]
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Uploads: a file over UPLOAD_MAX_BYTES is refused naming its field, and is never read (the
# upload handler keeps none of its bytes past the limit). Request bodies other than files (form
# fields, JSON) stay within Django's DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB), well under it.
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", str(5 * 1024 * 1024)))
UPLOAD_MAX_UNCOMPRESSED_BYTES = int(
    os.environ.get("UPLOAD_MAX_UNCOMPRESSED_BYTES", str(50 * 1024 * 1024))
)
UPLOAD_MAX_COMPRESSION_RATIO = int(os.environ.get("UPLOAD_MAX_COMPRESSION_RATIO", "100"))
SCREENING_BATCH_MAX_ROWS = int(os.environ.get("SCREENING_BATCH_MAX_ROWS", "50000"))
SCREENING_CHUNK_SIZE = int(os.environ.get("SCREENING_CHUNK_SIZE", "2000"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 2621440
# API lists: at most 100 items a page (the officials list's own bound too); offsets beyond 64
# bits are refused by api.inputs.
NINJA_PAGINATION_MAX_LIMIT = 100
FILE_UPLOAD_HANDLERS = [
    "nonprolif.core.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Pages reachable without a login. Every other URL requires one (LoginRequiredMiddleware);
# tests walk the URL resolver against this list.
PUBLIC_URL_NAMES = [
    "login",
    "admin:login",
    "set_language",
    "api-1.0.0:openapi-json",
    "api-1.0.0:openapi-view",
    "training_feed",  # a calendar feed behind its revocable secret token
    "conference_feed_ics",  # a conference agenda feed behind its revocable secret token,
    "conference_feed_frab",  # as iCalendar, frab XML
    "conference_feed_json",  # and JSON
    "certificate_verify",  # the public check of a certificate's verification code: its form,
    "certificate_verify_code",  # its answer page (name, item, dates and validity only)
    "api-1.0.0:verify_certificate",  # and the same answer in the API
    "speaker_invitation",  # a speaker's answer page behind a revocable, expiring secret link
    "speaker_invitation_photo",  # that speaker's own photo, behind the same link
]

# Audit trail (core/audit_reads.py, core/domain/audit.py). Every GET or HEAD of a signed-in
# user writes one entry, and every refused write, except on these URLs, which show no scoped
# data (sign-in and sign-out, language, the API's document, the public pages, one's own
# account settings).
AUDIT_UNSCOPED_URL_NAMES = [
    *PUBLIC_URL_NAMES,
    "logout",
    "admin:logout",
    "admin:jsi18n",
    "password_change",  # one's own password form (a change is audited by its service)
    "otp_setup",  # one's own second factor (enrolment, failures and resets are audited)
    "otp_verify",
]
# Sign-in: lockout (django-axes), second factor (django-otp), session timeouts.
# A lockout follows AXES_FAILURE_LIMIT failures per username or per client address (either
# list locks), for AXES_COOLOFF_MINUTES; attempts during a lockout do not extend it. Attempts
# are kept in the database (shared by every server process). Unknown usernames are counted and
# locked like known ones, and every message reads the same for both.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# A successful sign-in does not clear failures: it would clear every failure from its address,
# other usernames' included (an attacker with one account could reset his victims' counts).
AXES_RESET_ON_SUCCESS = False
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_CALLABLE = "nonprolif.core.views.lockouts.lockout_response"
AXES_ENABLE_ADMIN = False  # lockouts are listed and lifted on the app's own page
AXES_VERBOSE = False
# The client address (lockouts per address, audit entries): REMOTE_ADDR, or behind
# CLIENT_ADDRESS_PROXY_COUNT proxies the X-Forwarded-For entry the outermost one wrote
# (core.web.client).
CLIENT_ADDRESS_PROXY_COUNT = int(os.environ.get("CLIENT_ADDRESS_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "nonprolif.core.web.client.client_address"
# The roles that sign in with a second factor; the others may enrol of their own accord (and
# are then asked for it too).
OTP_REQUIRED_ROLES = env_list("OTP_REQUIRED_ROLES", "coordinator,auditor,administrator")
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "nonprolif")
RECOVERY_CODE_COUNT = 10
# Sessions end after SESSION_IDLE_TIMEOUT minutes without a request and SESSION_ABSOLUTE_TIMEOUT
# minutes after sign-in (core.middleware.SessionTimeoutMiddleware); the cookie never outlives
# the absolute timeout.
SESSION_IDLE_TIMEOUT = datetime.timedelta(minutes=int(os.environ.get("SESSION_IDLE_TIMEOUT", "30")))
SESSION_ABSOLUTE_TIMEOUT = datetime.timedelta(
    minutes=int(os.environ.get("SESSION_ABSOLUTE_TIMEOUT", "720"))
)
SESSION_COOKIE_AGE = int(SESSION_ABSOLUTE_TIMEOUT.total_seconds())
