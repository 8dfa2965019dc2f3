"""Cercles settings: one module, read from the environment (see .env.example)."""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)


def _local_secret_key() -> str:
    """A key made once for this installation and kept in var/ (mode 0600).

    Enough for one machine (`make demo`); several app servers must share SECRET_KEY.
    """
    import os
    import secrets

    path = BASE_DIR / "var" / "secret_key"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # Created private from the start; if several workers race, the first one wins.
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w") as key_file:
            key_file.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = env.str("SECRET_KEY", default="") or _local_secret_key()
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Organisation branding
CERCLES_ORG_NAME = env.str("CERCLES_ORG_NAME", default="Cercles")
CERCLES_ORG_LOGO_URL = env.str("CERCLES_ORG_LOGO_URL", default="")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "template_partials",
    "axes",
    "mozilla_django_oidc",
    "channels",
    "cercles.core",
    "cercles.accounts",
    "cercles.organisation",
    "cercles.ideas",
    "cercles.meetings",
    "cercles.decisions",
    "cercles.elections",
    "cercles.opinions",
    "cercles.polls",
    "cercles.knowledge",
    "cercles.people",
    "cercles.competencies",
    "cercles.coaching",
    "cercles.missions",
    "cercles.trainings",
    "cercles.onboarding",
    "cercles.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cercles.urls"
WSGI_APPLICATION = None
ASGI_APPLICATION = "cercles.asgi.application"

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
                "cercles.core.context_processors.branding",
                "cercles.core.context_processors.notifications",
            ],
        },
    },
]

# Database: SQLite by default, DATABASE_URL (postgres://…) in production.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    # WAL and a busy timeout let the ASGI server's threads share the file.
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.Person"
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
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "organisation:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Failed-login throttling (django-axes): lock a user+IP pair after N failures.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)

# OpenID Connect (ProConnect-compatible), off unless OIDC_ENABLED=true.
OIDC_ENABLED = env.bool("OIDC_ENABLED", default=False)
OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env.str("OIDC_RP_CLIENT_SECRET", default="")
OIDC_RP_SIGN_ALGO = env.str("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env.str("OIDC_RP_SCOPES", default="openid email given_name usual_name")
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env.str("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_OP_LOGOUT_ENDPOINT = env.str("OIDC_OP_LOGOUT_ENDPOINT", default="")
# Accounts are created at first sign-in only when asked, and only for these domains
# (ProConnect lets in agents of every administration).
OIDC_CREATE_USER = env.bool("OIDC_CREATE_USER", default=False)
OIDC_ALLOWED_DOMAINS = env.list("OIDC_ALLOWED_DOMAINS", default=[])
# mozilla-django-oidc wants a path here, not a URL name.
LOGIN_REDIRECT_URL_FAILURE = "/accounts/login/"
OIDC_AUTH_REQUEST_EXTRA_PARAMS = {"acr_values": env.str("OIDC_ACR_VALUES", default="eidas1")}
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("cercles.accounts.oidc.PersonOIDCBackend")

# Internationalisation: French first, English available.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Paris"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Third-party assets come from the npm registry (`npm ci`), never a CDN.
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/htmx-ext-ws", BASE_DIR / "node_modules" / "htmx-ext-ws" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}
# WhiteNoise serves static files straight from the finders (npm packages included) so
# `make demo` needs no collectstatic; production runs collectstatic and may turn it off.
WHITENOISE_USE_FINDERS = env.bool("WHITENOISE_USE_FINDERS", default=True)
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
MEDIA_URL = "/media/"

# Cache, Celery and Channels: Redis when REDIS_URL is set, in-process otherwise.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            # redis-py's 5 s socket timeout would drop the idle websockets' receive loop.
            "CONFIG": {"hosts": [{"address": REDIS_URL, "socket_timeout": 15}]},
        }
    }
    CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
    CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CELERY_BROKER_URL = "memory://"
    CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
# Task modules outside the apps' `tasks.py`, and the periodic tasks run by `celery beat`.
CELERY_IMPORTS = ["cercles.ideas.deadlines"]
CELERY_BEAT_SCHEDULE = {
    # Decisions: close the consultations whose date has come (adopted or to a meeting).
    "close-consultations": {
        "task": "cercles.decisions.tasks.close_consultations",
        "schedule": 3600,
    },
    "send-notification-digests": {
        "task": "cercles.core.tasks.send_notification_digests",
        "schedule": 24 * 3600,
    },
    "remind-overdue-ideas": {
        "task": "cercles.ideas.deadlines.remind_overdue_ideas",
        "schedule": 24 * 3600,
    },
    # Elected roles: tell the circle's facilitator and lead link before a term ends.
    "remind-term-ends": {
        "task": "cercles.elections.tasks.remind_term_ends",
        "schedule": 24 * 3600,
    },
    # Polls: close them at their deadline, remind who has not voted (idempotent).
    "poll-deadlines": {
        "task": "cercles.polls.tasks.poll_deadlines",
        "schedule": 5 * 60,
    },
    # Trainings: remind the people registered to tomorrow's sessions (once per session).
    "remind-tomorrow-training-sessions": {
        "task": "cercles.trainings.tasks.remind_tomorrow_sessions",
        "schedule": 3600,
    },
    # Onboarding: remind the assignees of tasks due today or late (once a task a day).
    "remind-onboarding-tasks": {
        "task": "cercles.onboarding.tasks.remind_onboarding_tasks",
        "schedule": 24 * 3600,
    },
}
# Ideas: days to answer an idea posted outside any campaign; the site's address, for
# the links in e-mails.
CERCLES_IDEA_ANSWER_DAYS = env.int("CERCLES_IDEA_ANSWER_DAYS", default=30)
CERCLES_BASE_URL = env.str("CERCLES_BASE_URL", default="")
# Meetings: the TrueType face of the minutes' PDF (DejaVu Sans from Debian's
# fonts-dejavu-core by default; Helvetica when the file is missing).
CERCLES_PDF_FONT = env.str(
    "CERCLES_PDF_FONT", default="/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
)
# Elections: days before a term's end when the circle is reminded of the election to hold.
CERCLES_TERM_REMINDER_DAYS = env.int("CERCLES_TERM_REMINDER_DAYS", default=30)
# Missions: may the lead link of a selected applicant refuse his move (True), or only be
# informed and discuss it (False, the default: the person's mobility is his own)?
CERCLES_MISSIONS_LEAD_LINK_VETO = env.bool("CERCLES_MISSIONS_LEAD_LINK_VETO", default=False)
# Self-assessment results: the smallest group whose aggregate HR may read (never below 5).
CERCLES_COMPETENCIES_MIN_GROUP = env.int("CERCLES_COMPETENCIES_MIN_GROUP", default=5)
# Similar ideas: an optional sentence-transformers model in a local folder (docs/similarity.md).
SIMILARITY_LOCAL_MODEL_PATH = env.str("SIMILARITY_LOCAL_MODEL_PATH", default="")

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="cercles@localhost")
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))

SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
BEHIND_PROXY = env.bool("BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Throttle by the client's address, not the proxy's.
    AXES_IPWARE_PROXY_COUNT = env.int("PROXY_COUNT", default=1)
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
if SESSION_COOKIE_SECURE:
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)

REST_FRAMEWORK = {
    # Token first, so an anonymous call gets 401 with `WWW-Authenticate: Token`.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "cercles.accounts.tokens.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["cercles.api.permissions.AbilitiesPermission"],
    "DEFAULT_SCHEMA_CLASS": "cercles.api.schema.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "cercles.api.pagination.Pagination",
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "PAGE_SIZE": 50,
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.NamespaceVersioning",
    "ALLOWED_VERSIONS": ["v1"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Cercles API",
    "DESCRIPTION": "Organisation, circles, roles, people and governance history.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI and ReDoc served from the PyPI sidecar package, not a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "IdeaStatusEnum": "cercles.ideas.models.IdeaStatus",
        "ProjectStatusEnum": "cercles.ideas.models.ProjectStatus",
        "CircleKindEnum": "cercles.organisation.models.CircleKind",
        "MeetingKindEnum": "cercles.meetings.models.MeetingKind",
        "MeetingStatusEnum": "cercles.meetings.models.MeetingStatus",
        "MeetingVoiceEnum": "cercles.meetings.models.Voice",
        "ElectionStatusEnum": "cercles.elections.models.ElectionStatus",
        "ElectionProposalStatusEnum": "cercles.elections.models.ProposalStatus",
        "PageKindEnum": "cercles.knowledge.models.PageKind",
        "TimeEaterCategoryEnum": "cercles.knowledge.models.TimeEaterCategory",
        "PollKindEnum": "cercles.polls.models.PollKind",
        "PollStatusEnum": "cercles.polls.models.PollStatus",
        "PollResultsVisibilityEnum": "cercles.polls.models.ResultsVisibility",
        "ConsultationResultsVisibilityEnum": "cercles.opinions.models.ResultsVisibility",
        "OpinionVoteEnum": "cercles.opinions.models.VoteChoice",
        "ProposalKindEnum": "cercles.decisions.models.ProposalKind",
        "DecisionProcessEnum": "cercles.decisions.models.Process",
        "ProposalStatusEnum": "cercles.decisions.models.ProposalStatus",
        "ProposalStepEnum": "cercles.decisions.models.Step",
        "DecisionOutcomeEnum": "cercles.decisions.models.DecisionOutcome",
        "DecisionObjectionStatusEnum": "cercles.decisions.models.ObjectionStatus",
        "GovernanceChangeKindEnum": "cercles.decisions.models.ChangeKind",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
