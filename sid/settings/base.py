"""Settings shared by every environment.

Every variable the platform reads from the environment is read here, once, with its type
and default (django-environ). ``production`` removes the defaults that are unsafe there.
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A local .env file is convenient for development; the real environment always wins.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# --- Environment ------------------------------------------------------------------------
DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=0)
# A persistent connection killed under us (database restart, failover) is noticed before
# the request uses it, and a database that does not answer is given up on quickly: the
# visitor then gets the translated 503 page (sid.unavailable), never a hanging request.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", env.int("DB_CONNECT_TIMEOUT", default=3))
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
SITE_BASE_URL = env.str("SITE_BASE_URL", default="http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Safer Internet Day <no-reply@localhost>")
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
SID_THEME = env.str("SID_THEME", default="default")
# Serve MEDIA_URL from Django (development, tests). Production serves public media from
# shared storage / the web server, never from a web process's disk.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=False)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
# load_demo_content creates accounts with a published password: only where this is on.
SID_ALLOW_DEMO_CONTENT = env.bool("SID_ALLOW_DEMO_CONTENT", default=False)

vars().update(EMAIL_CONFIG)

# --- Applications -----------------------------------------------------------------------
INSTALLED_APPS = [
    # translations/ is listed first so that its ``migrate`` command (which extends
    # wagtail-modeltranslation's) is the one Django runs.
    "translations",
    # wagtail-modeltranslation must come before the project's apps; its makemigrations/migrate overrides keep
    # Django from writing migrations into Wagtail's own package.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "modeltranslation",
    # The platform
    "themes",
    "sitecontent",
    "campaign.moderation",
    "campaign.editions",
    "campaign.events",
    "campaign.packs",
    "campaign.stories",
    "campaign.helplines",
    "campaign.reach",
    "campaign.certificates",
    "outbox",
    # The open read API and the embeds for national sites
    "syndication",
    "corsheaders",
    # Sign-in throttling (sid.accounts)
    "axes",
    # Content-Security-Policy (sid.security_headers)
    "csp",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_countries",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy on every response (sid.security_headers).
    "sid.security_headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The one caching gate (sid.httpcache): outside sessions, CSRF and locale, so it sees
    # their cookies and Vary headers before it decides what a shared cache may keep.
    "sid.httpcache.CacheGateMiddleware",
    # The one framing gate (sid.framing): embed views get frame-ancestors * and no cookies
    # (everything else keeps DENY). Outside sessions and CSRF, so it sees every cookie.
    "sid.framing.FramingGateMiddleware",
    # CORS for the read API only (CORS_URLS_REGEX), GET only.
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before CommonMiddleware (see docs/stack-notes.md): picks the language from
    # the URL prefix and redirects unprefixed URLs by Accept-Language.
    "django.middleware.locale.LocaleMiddleware",
    # Oversized bodies are refused from CONTENT_LENGTH, before anything reads them (413).
    "sid.bodylimit.BodySizeLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # One gate for every admin URL naming a page, image or document (sitecontent.policy).
    "sitecontent.admin_gate.AdminObjectGateMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # X-Frame-Options: DENY on everything except @embeddable views (sid.framing).
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # A read whose database connection died is retried once on a new one.
    "sid.unavailable.DatabaseRetryMiddleware",
    # Locked-out sign-ins get sid.accounts.lockout (django-axes; keep it last).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sid.urls"
WSGI_APPLICATION = "sid.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # themes/templates holds themes/<theme>/...; see themes.loader for the fallback.
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "themes.context_processors.theme",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts: sign-in and password-reset throttling (sid.accounts) ----------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_VERBOSE = False  # no start-up banner on every management command
SID_LOGIN_FAILURE_LIMIT = env.int("SID_LOGIN_FAILURE_LIMIT", default=5)
SID_LOGIN_COOLOFF_MINUTES = env.int("SID_LOGIN_COOLOFF_MINUTES", default=15)
AXES_FAILURE_LIMIT = SID_LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = SID_LOGIN_COOLOFF_MINUTES / 60  # hours
# One account from one address: a typo elsewhere never locks a coordinator out.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "sid.clientip.client_ip"
AXES_LOCKOUT_CALLABLE = "sid.accounts.lockout"
AXES_USERNAME_FORM_FIELD = "username"
SID_PASSWORD_RESET_RATE = env.str("SID_PASSWORD_RESET_RATE", default="5/h")
SID_PASSWORD_RESET_EMAIL_RATE = env.str("SID_PASSWORD_RESET_EMAIL_RATE", default="3/h")

# --- Content-Security-Policy and Permissions-Policy (sid.security_headers, django-csp) ----
from csp.constants import NONE, SELF  # noqa: E402

# Media served from another origin (a CDN in front of shared storage), e.g. https://media.example
SID_CSP_MEDIA_ORIGINS = env.list("SID_CSP_MEDIA_ORIGINS", default=[])
# Public pages: the site's own files only; no inline script; the one inline style (brand
# colours) is allowed by hash; nothing may frame them (an embed view relaxes this for its
# own URLs with @csp_update).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, *SID_CSP_MEDIA_ORIGINS],
        "media-src": [SELF, *SID_CSP_MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "frame-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The Wagtail admin writes inline scripts and styles of its own (wagtail/wagtail#1288): it
# gets them, still from this origin only; its page preview frames the admin itself.
SID_ADMIN_PATH_PREFIX = "/admin/"
SID_ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, "'unsafe-inline'"],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:", *SID_CSP_MEDIA_ORIGINS],
        "media-src": [SELF, "blob:", *SID_CSP_MEDIA_ORIGINS],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "frame-src": [SELF],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}
# Every powerful browser feature the site never uses is denied to it and to any frame.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
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
        "browsing-topics",
    )
}

# --- Languages --------------------------------------------------------------------------
# The list itself lives in translations.core.languages so code and settings share it.
from translations.core.languages import FALLBACK_LANGUAGES, LANGUAGES  # noqa: E402

LANGUAGE_CODE = "en"
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
# Our catalogues first; then Wagtail's own messages its catalogues lack for our languages
# (translations.core.interface.wagtail_locale_dir), ahead of every app's catalogue.
LOCALE_PATHS = [BASE_DIR / "translations" / "locale", BASE_DIR / "translations" / "wagtail_locale"]
LANGUAGE_COOKIE_NAME = "sid_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
MODELTRANSLATION_FALLBACK_LANGUAGES = FALLBACK_LANGUAGES
# One module per capability, all inside translations/.
MODELTRANSLATION_TRANSLATION_FILES = (
    "translations.registrations.sitecontent",
    "translations.registrations.editions",
    "translations.registrations.events",
    "translations.registrations.packs",
    "translations.registrations.stories",
    "translations.registrations.helplines",
)
# Keep Wagtail's own i18n off: with it on, page.url under other languages pointed at the
# English URL (docs/stack-notes.md). Languages are modeltranslation columns on one page tree.
WAGTAIL_I18N_ENABLED = False
WAGTAILMODELTRANSLATION_LOCALE_PICKER = True
# The picker opens on the page's source language and the editor's own language
# (translations/static/translations/js/language_picker.js), and keeps what the editor opened
# across saves and validation errors.
WAGTAILMODELTRANSLATION_LOCALE_PICKER_DEFAULT = ()
WAGTAILMODELTRANSLATION_LOCALE_PICKER_RESTORE = True

# --- Static and media -------------------------------------------------------------------
STATIC_URL = "/static/"
MEDIA_URL = "/media/"
# One storage alias per kind of file (sid.storage): local folders by default, each replaced
# from the environment by a JSON {"BACKEND": ..., "OPTIONS": {...}}, e.g. S3-compatible
# object storage shared by every app server and worker (README, "Configuration").
STORAGES = {
    "default": env.json("SID_STORAGE_MEDIA", default={"BACKEND": "django.core.files.storage.FileSystemStorage"}),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    "packs": env.json(
        "SID_STORAGE_PACKS",
        default={
            "BACKEND": "sid.storage.FolderStorage",
            "OPTIONS": {"setting": "SID_PACKS_ROOT", "subfolder": "packs"},
        },
    ),
    "certificates": env.json(
        "SID_STORAGE_CERTIFICATES",
        default={
            "BACKEND": "sid.storage.FolderStorage",
            "OPTIONS": {"setting": "SID_CERTIFICATES_ROOT", "subfolder": "certificates"},
        },
    ),
    "story_pictures": env.json(
        "SID_STORAGE_STORY_PICTURES",
        default={"BACKEND": "sid.storage.FolderStorage", "OPTIONS": {"setting": "STORIES_PRIVATE_ROOT"}},
    ),
}
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
# Uploaded files are never executable content; keep Django's upload limits explicit.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# --- Cache (sid.cache: an accelerator, never a dependency) --------------------------------
# Redis down, slow or flushed: every cache call is answered from local memory instead of
# raising (timeouts in seconds, set explicitly; Redis is retried after CACHE_RETRY_AFTER).
CACHE_SOCKET_TIMEOUT = env.float("CACHE_SOCKET_TIMEOUT", default=0.3)
CACHE_RETRY_AFTER = env.float("CACHE_RETRY_AFTER", default=5.0)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "sid.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="sid"),
            "OPTIONS": {
                "socket_connect_timeout": CACHE_SOCKET_TIMEOUT,
                "socket_timeout": CACHE_SOCKET_TIMEOUT,
                "RETRY_AFTER": CACHE_RETRY_AFTER,
                # Entries written locally during an outage live a minute at most, except
                # django-ratelimit's counters ("rl:" keys): each process keeps those for the
                # whole window, a per-process limit rather than no limit.
                "LOCAL_FALLBACK_MAX_SECONDS": 60,
                "LOCAL_FULL_TIMEOUT_PREFIXES": ("rl:",),
            },
        }
    }
    # django-ratelimit only knows backends by name; ours is Django's RedisCache underneath
    # (atomic INCR, shared across processes).
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # django-ratelimit warns that a local-memory cache is per process. The embedded
    # default is one process, so its limits hold there; production uses Redis.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

RATELIMIT_USE_CACHE = "default"
RATELIMIT_VIEW = "sid.views.ratelimited"
# Proxies we run in front of the site (load balancer, nginx): rate limits then key on the
# address the outermost one saw, not on the proxy's own (sid.clientip).
SID_TRUSTED_PROXY_COUNT = env.int("SID_TRUSTED_PROXY_COUNT", default=0)
RATELIMIT_IP_META_KEY = "sid.clientip.client_ip"
# One visitor: an IPv4 address, an IPv6 /64 (rate limits and report counting: sid.clientip.address_key).
RATELIMIT_IPV4_MASK = 32
RATELIMIT_IPV6_MASK = 64

# --- Celery (the project's own background work) ----------------------------------------
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=REDIS_URL or None)
CELERY_TASK_ACKS_LATE = True  # a task killed mid-run is delivered again
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# The longest task (a pack build) must finish within SID_TASK_TIME_LIMIT seconds (it is
# stopped, recorded as failed and tried again otherwise). With acks_late, Redis redelivers
# a task whose worker died once the visibility timeout passes (kombu's default is an
# hour): sized to the longest task plus a margin, so a task still allowed to run is never
# delivered twice. The outbox presumes a claimed task lost after the same time.
SID_TASK_TIME_LIMIT = env.int("SID_TASK_TIME_LIMIT", default=600)
CELERY_TASK_TIME_LIMIT = SID_TASK_TIME_LIMIT
CELERY_TASK_SOFT_TIME_LIMIT = max(SID_TASK_TIME_LIMIT - 30, SID_TASK_TIME_LIMIT // 2)
SID_VISIBILITY_TIMEOUT = env.int("CELERY_VISIBILITY_TIMEOUT", default=SID_TASK_TIME_LIMIT + 60)
SID_TASK_LEASE_SECONDS = SID_VISIBILITY_TIMEOUT
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": SID_VISIBILITY_TIMEOUT,
    # A dead or blocked broker costs a request at most this long (then the outbox waits).
    "socket_connect_timeout": env.float("BROKER_SOCKET_TIMEOUT", default=2.0),
    "socket_timeout": env.float("BROKER_SOCKET_TIMEOUT", default=2.0) + 1,
}
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("BROKER_SOCKET_TIMEOUT", default=2.0)
# Workers keep reconnecting through a broker outage of any length.
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Nothing reads task results except the services tests' ping: Redis down must not break
# a worker that finished its work.
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE: dict = {}  # capabilities add their periodic tasks in their apps

# --- Background work (outbox: every enqueue of the project) ----------------------------
# Work is written to the outbox table in the request's transaction and sent after commit;
# the sweep (beat) sends again whatever a broker outage or a lost worker left.
SID_OUTBOX_SWEEP_SECONDS = env.float("SID_OUTBOX_SWEEP_SECONDS", default=30.0)
# A message sent but not started after this long was lost by the broker (Redis restarted
# without persistence): sent again (a duplicate is harmless, see outbox.tasks.deliver).
SID_OUTBOX_REQUEUE_AFTER = env.int("SID_OUTBOX_REQUEUE_AFTER", default=300)
SID_OUTBOX_MAX_ATTEMPTS = env.int("SID_OUTBOX_MAX_ATTEMPTS", default=8)
SID_OUTBOX_RETRY_SECONDS = env.int("SID_OUTBOX_RETRY_SECONDS", default=30)
# enqueue() outside transaction.atomic: logged (and still recorded) in production; raised
# when set (the test settings), so every path the tests walk commits a record with its work.
SID_OUTBOX_REQUIRE_TRANSACTION = env.bool("SID_OUTBOX_REQUIRE_TRANSACTION", default=False)
# After a refused publish, a web process sends nothing for this long (no request waits).
SID_BROKER_RETRY_AFTER = env.float("SID_BROKER_RETRY_AFTER", default=5.0)
CELERY_BEAT_SCHEDULE["outbox-sweep"] = {
    "task": "outbox.sweep",
    "schedule": SID_OUTBOX_SWEEP_SECONDS,
    "options": {"expires": SID_OUTBOX_SWEEP_SECONDS},
}

# --- Resource library and teacher packs (sitecontent library, campaign.packs) ---
SID_LIBRARY_PAGE_SIZE = env.int("SID_LIBRARY_PAGE_SIZE", default=20)
# Finished pack ZIPs: the "packs" storage (sid.storage), by default this folder (empty:
# MEDIA_ROOT/packs); on several machines a shared folder or SID_STORAGE_PACKS.
SID_PACKS_ROOT = env.str("SID_PACKS_ROOT", default="")
# Where a worker writes a ZIP while building it, before storing it: local scratch space.
SID_PACK_SCRATCH_DIR = env.str("SID_PACK_SCRATCH_DIR", default="")
# Certificates' PDFs (campaign.certificates): the "certificates" storage, like packs.
SID_CERTIFICATES_ROOT = env.str("SID_CERTIFICATES_ROOT", default="")
SID_PACK_MAX_BYTES = env.int("SID_PACK_MAX_BYTES", default=250 * 1024 * 1024)
SID_PACK_MAX_ITEMS = env.int("SID_PACK_MAX_ITEMS", default=60)
# Pack requests per visitor (IP) and hour: each new selection costs a build.
SID_PACK_REQUESTS_PER_HOUR = env.int("SID_PACK_REQUESTS_PER_HOUR", default=60)
# Site-wide build budget (campaign.packs.selection.over_build_budget): new builds waiting or
# running at once, and new builds per hour; beyond them a teacher is asked to try again in a
# few minutes (503, Retry-After, selection kept), so a flood cannot fill the workers or the disk.
SID_PACK_MAX_BUILDS_IN_PROGRESS = env.int("SID_PACK_MAX_BUILDS_IN_PROGRESS", default=8)
SID_PACK_MAX_BUILDS_PER_HOUR = env.int("SID_PACK_MAX_BUILDS_PER_HOUR", default=200)
# Total size of the built ZIPs kept on disk (SID_PACKS_ROOT): once a finished build takes
# them over it, the least recently used builds (last download, else when built) are deleted
# until they fit (campaign.packs.tasks.evict_over_disk_cap); asking again rebuilds them.
SID_PACK_MAX_TOTAL_BYTES = env.int("SID_PACK_MAX_TOTAL_BYTES", default=10 * 1024 * 1024 * 1024)
# Builds nobody has downloaded for this long are deleted by the periodic cleanup.
SID_PACK_KEEP_HOURS = env.int("SID_PACK_KEEP_HOURS", default=24 * 30)
# A build not finished within this time is taken over (worker lost) and requeued.
SID_PACK_BUILD_LEASE_SECONDS = env.int("SID_PACK_BUILD_LEASE_SECONDS", default=SID_TASK_LEASE_SECONDS)
CELERY_BEAT_SCHEDULE["packs-cleanup"] = {"task": "campaign.packs.tasks.cleanup_pack_builds", "schedule": 3600.0}

# Wagtail's own background work (search index, references, purges) stays on django-tasks'
# immediate backend: routing it to Celery ran tasks before commit (docs/stack-notes.md).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- Translation workflow (translations/: coverage, export, import) -------------------
# An uploaded translation file is read in memory: bound its size and number of texts. 25 MB
# holds the largest file the unit limit allows (20,000 units of XLIFF 2.0 at ~1.2 KB each).
TRANSLATIONS_IMPORT_MAX_BYTES = env.int("TRANSLATIONS_IMPORT_MAX_BYTES", default=25 * 1024 * 1024)
TRANSLATIONS_IMPORT_MAX_UNITS = env.int("TRANSLATIONS_IMPORT_MAX_UNITS", default=20_000)

# --- Events (campaign.events) ------------------------------------------------------------
# A calendar feed holds events from EVENTS_FEED_PAST_DAYS ago onwards, at most EVENTS_FEED_MAX_EVENTS.
EVENTS_FEED_MAX_EVENTS = env.int("EVENTS_FEED_MAX_EVENTS", default=1000)
# A feed body is cached until an event in it changes, and at most this long (the window moves).
EVENTS_FEED_CACHE_SECONDS = env.int("EVENTS_FEED_CACHE_SECONDS", default=3600)
EVENTS_FEED_PAST_DAYS = env.int("EVENTS_FEED_PAST_DAYS", default=30)
EVENTS_FEED_REFRESH_HOURS = env.int("EVENTS_FEED_REFRESH_HOURS", default=6)
# Partner submissions per IP address: enough for a school behind one address to send a few.
# A bulk upload of more rows than this is checked in the background (outbox task), with a status page.
EVENTS_UPLOAD_BACKGROUND_ROWS = env.int("EVENTS_UPLOAD_BACKGROUND_ROWS", default=200)
EVENTS_SUBMISSION_RATE = env.str("EVENTS_SUBMISSION_RATE", default="8/h")
EVENTS_SUBMISSION_MAX_YEARS_AHEAD = env.int("EVENTS_SUBMISSION_MAX_YEARS_AHEAD", default=2)

# --- HTTP caching and purging (sid.httpcache, sid.purging; README "Caching in front") ----
# Anonymous public pages: browsers revalidate (max-age), shared caches keep them s-maxage
# seconds (every change purges them, so this bounds only what a lost purge can cost).
SID_CACHE_BROWSER_MAX_AGE = env.int("SID_CACHE_BROWSER_MAX_AGE", default=0)
SID_CACHE_SHARED_MAX_AGE = env.int("SID_CACHE_SHARED_MAX_AGE", default=3600)
SID_CACHE_STALE_WHILE_REVALIDATE = env.int("SID_CACHE_STALE_WHILE_REVALIDATE", default=30)
SID_CACHE_STALE_IF_ERROR = env.int("SID_CACHE_STALE_IF_ERROR", default=86400)
# Requests carrying one of these cookies (besides the session) are never answered from or
# into a shared cache: their answer may be personal. Django's flash messages use "messages".
SID_CACHE_PERSONAL_COOKIES = env.list("SID_CACHE_PERSONAL_COOKIES", default=["messages"])
SID_CACHE_PRIVATE_PREFIXES = ["/admin/", "/documents/", "/i18n/", "/healthz", "/readyz"]
# Where to purge. Each is optional; several may be set at once.
#   SID_PURGE_VARNISH_URL  the Varnish (or any HTTP cache answering PURGE) in front, e.g. http://127.0.0.1:6081
#   CLOUDFLARE_ZONE_ID + CLOUDFLARE_API_TOKEN  Cloudflare (token with "Cache Purge" permission)
#   CLOUDFRONT_DISTRIBUTION_ID (+ the usual AWS_* credentials)  CloudFront (needs boto3)
SID_PURGE_TIMEOUT = env.float("SID_PURGE_TIMEOUT", default=2.0)
SID_PURGE_VARNISH_URL = env.str("SID_PURGE_VARNISH_URL", default="")
SID_PURGE_HOSTNAMES = env.list("SID_PURGE_HOSTNAMES", default=["*"])
WAGTAILFRONTENDCACHE = {}
if SID_PURGE_VARNISH_URL:
    WAGTAILFRONTENDCACHE["varnish"] = {
        "BACKEND": "sid.purging.HTTPBackend",
        "LOCATION": SID_PURGE_VARNISH_URL,
        "HOSTNAMES": SID_PURGE_HOSTNAMES,
    }
if env.str("CLOUDFLARE_ZONE_ID", default=""):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": env.str("CLOUDFLARE_ZONE_ID"),
        "BEARER_TOKEN": env.str("CLOUDFLARE_API_TOKEN", default=""),
        "HOSTNAMES": SID_PURGE_HOSTNAMES,
    }
if env.str("CLOUDFRONT_DISTRIBUTION_ID", default=""):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env.str("CLOUDFRONT_DISTRIBUTION_ID"),
        "HOSTNAMES": SID_PURGE_HOSTNAMES,
    }
# sid.purging lists every language URL itself (slugs are translated, so swapping the
# language prefix, which WAGTAILFRONTENDCACHE_LANGUAGES does, would miss them).
WAGTAILFRONTENDCACHE_LANGUAGES: list[str] = []

# --- Read API and embeds (syndication) ---------------------------------------------------
# Requests per address to the read API (django-ratelimit, keyed on sid.clientip); cached
# answers from Varnish/the CDN do not count.
SID_API_RATE = env.str("SID_API_RATE", default="300/m")
WAGTAILAPI_LIMIT_MAX = env.int("WAGTAILAPI_LIMIT_MAX", default=100)
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_CREDENTIALS = False
X_FRAME_OPTIONS = "DENY"
# ?format= is a filter of the API (the library's format), not DRF's renderer override.
REST_FRAMEWORK = {"URL_FORMAT_OVERRIDE": None}

# --- Sitemap (sitecontent.sitemap): pages per section of the index, by blocks of page ids.
SID_SITEMAP_SECTION_PAGES = env.int("SID_SITEMAP_SECTION_PAGES", default=500)

# --- Wagtail ----------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Safer Internet Day"
# Document titles are asked for in words, in the coordinator's content language, never left
# as the file name (sitecontent.documents).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "sitecontent.documents.DocumentForm"
WAGTAILADMIN_BASE_URL = SITE_BASE_URL
# Search (Wagtail's search API; the library searches sitecontent.LibraryDocument through it).
# The database backend follows DATABASE_URL: SQLite FTS5 on the embedded default, PostgreSQL
# full text in production. Library text arrives analysed per language (stemmed, folded:
# sitecontent.library.analysis), so PostgreSQL's configuration is "simple": no second
# stemming, no English stop words taken out of other languages' text.
# sid.search_backend is Wagtail's database backend, with FTS5 relevance weighted by field.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "sid.search_backend", "SEARCH_CONFIG": "simple"}}
# Very large deployments: OpenSearch or Elasticsearch instead (README, "Search").
SEARCH_URL = env.str("SEARCH_URL", default="")
if SEARCH_URL:
    WAGTAILSEARCH_BACKENDS["default"] = {
        "BACKEND": env.str("SEARCH_BACKEND", default="wagtail.search.backends.opensearch2"),
        "URLS": [SEARCH_URL],
        "INDEX": env.str("SEARCH_INDEX", default="sid"),
        "TIMEOUT": env.int("SEARCH_TIMEOUT", default=5),
    }
#: The backend (a key of WAGTAILSEARCH_BACKENDS) the resource library searches.
SID_LIBRARY_SEARCH_BACKEND = "default"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "pptx", "odp", "txt", "zip", "mp4", "png", "jpg"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = env.int("WAGTAILDOCS_MAX_UPLOAD_SIZE", default=50 * 1024 * 1024)
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env.int("WAGTAILIMAGES_MAX_UPLOAD_SIZE", default=10 * 1024 * 1024)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env.int("WAGTAILIMAGES_MAX_IMAGE_PIXELS", default=40_000_000)
# Documents are served through Django so that privacy (collections, drafts) is enforced.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
# Approval is the only way a page in moderation goes live (sitecontent.policy).
WAGTAIL_FINISH_WORKFLOW_ACTION = "campaign.moderation.finish.publish_approved"
WAGTAIL_USAGE_COUNT_ENABLED = False
# No avatars from gravatar.com: the admin must load nothing from another origin, and an
# editor's email hash should not leave the site.
WAGTAIL_GRAVATAR_PROVIDER_URL = None


# --- Helplines (campaign.helplines) ------------------------------------------------------
# The visitor's chosen country is kept in a strictly-necessary preference cookie that holds
# only the country code (no identifier), so the help page is right without JavaScript.
HELPLINES_COUNTRY_COOKIE = "sid_help_country"
HELPLINES_COUNTRY_COOKIE_AGE = env.int("HELPLINES_COUNTRY_COOKIE_AGE", default=365 * 24 * 60 * 60)
# Where "Quick exit" goes: a neutral page on another site (no referrer is sent).
HELPLINES_QUICK_EXIT_URL = env.str("HELPLINES_QUICK_EXIT_URL", default="https://www.wikipedia.org/")
# International fallbacks (campaign.helplines.international); verify before launch.
HELPLINES_CHI_DIRECTORY_URL = env.str(
    "HELPLINES_CHI_DIRECTORY_URL", default="https://childhelplineinternational.org/helplines/"
)
HELPLINES_INHOPE_REPORT_URL = env.str(
    "HELPLINES_INHOPE_REPORT_URL", default="https://www.inhope.org/what-we-do/how-to-report"
)
HELPLINES_VGT_REPORT_URL = env.str(
    "HELPLINES_VGT_REPORT_URL", default="https://www.virtualglobaltaskforce.com/report-abuse/"
)

# --- Youth stories (campaign.stories) ---------------------------------------------------
# Submitted pictures live in private storage outside MEDIA_ROOT until a moderator approves
# the story; only re-encoded renditions are ever written to public media.
STORIES_PRIVATE_ROOT = env.path("STORIES_PRIVATE_ROOT", default=BASE_DIR / "private" / "stories")
STORIES_MAX_UPLOAD_BYTES = env.int("STORIES_MAX_UPLOAD_BYTES", default=8 * 1024 * 1024)
# Far below Pillow's own 89 MP warning: a phone photo is 12 MP; anything larger is refused
# from its header, before a single pixel is decoded.
# --- Request bodies (sid.bodylimit): the largest legitimate upload and room for the form.
SID_MAX_PUBLIC_BODY_BYTES = env.int("SID_MAX_PUBLIC_BODY_BYTES", default=STORIES_MAX_UPLOAD_BYTES + 1024 * 1024)
SID_MAX_ADMIN_BODY_BYTES = env.int(
    "SID_MAX_ADMIN_BODY_BYTES",
    default=max(WAGTAILDOCS_MAX_UPLOAD_SIZE, WAGTAILIMAGES_MAX_UPLOAD_SIZE, TRANSLATIONS_IMPORT_MAX_BYTES)
    + 1024 * 1024,
)
STORIES_MAX_PIXELS = env.int("STORIES_MAX_PIXELS", default=16_000_000)
STORIES_PICTURE_MAX_EDGE = env.int("STORIES_PICTURE_MAX_EDGE", default=1600)
# Per address: a class of 30 behind one school address must still get through.
# Accepted stories per address (only accepted ones count) ...
STORIES_RATE_LIMIT = env.str("STORIES_RATE_LIMIT", default="60/h")
# ... and every attempt, mistakes included: a ceiling against floods of picture uploads.
STORIES_ATTEMPT_RATE_LIMIT = env.str("STORIES_ATTEMPT_RATE_LIMIT", default="300/h")
# Failed short-code lookups per address (a code is 8 characters of 31: see stories.tokens).
STORIES_CODE_LOOKUP_RATE = env.str("STORIES_CODE_LOOKUP_RATE", default="20/h")
STORIES_REPORT_HIDE_THRESHOLD = env.int("STORIES_REPORT_HIDE_THRESHOLD", default=3)
STORIES_REMINDER_AFTER_HOURS = env.int("STORIES_REMINDER_AFTER_HOURS", default=24)
STORIES_STUCK_AFTER_MINUTES = env.int("STORIES_STUCK_AFTER_MINUTES", default=10)
STORIES_REJECTED_RETENTION_DAYS = env.int("STORIES_REJECTED_RETENTION_DAYS", default=30)
STORIES_WITHDRAWN_RETENTION_DAYS = env.int("STORIES_WITHDRAWN_RETENTION_DAYS", default=7)
STORIES_CONSENT_RETENTION_DAYS = env.int("STORIES_CONSENT_RETENTION_DAYS", default=14)
# Moderators who receive the queue of a region that has no moderators of its own.
STORIES_GLOBAL_TEAM_GROUP = env.str("STORIES_GLOBAL_TEAM_GROUP", default="global moderators")
CELERY_BEAT_SCHEDULE.update(
    {
        "stories-requeue-stuck": {"task": "campaign.stories.tasks.requeue_stuck_submissions", "schedule": 300.0},
        "stories-remind-moderators": {"task": "campaign.stories.tasks.remind_moderators", "schedule": 3600.0},
        "stories-purge-expired": {"task": "campaign.stories.tasks.purge_expired", "schedule": 6 * 3600.0},
    }
)


# --- Campaign reach: the world map and the impact dashboard (campaign.reach) -----------
# Any figure counting fewer than this (and more than none) is shown as "fewer than N" in
# the dashboard, its charts and its exports, so no child or small school can be singled out.
SID_REACH_MIN_CELL = env.int("SID_REACH_MIN_CELL", default=5)
# Exports over more aggregate rows than this are built by a worker, with progress shown.
SID_REACH_EXPORT_SYNC_ROWS = env.int("SID_REACH_EXPORT_SYNC_ROWS", default=20_000)
# Daily aggregates and counters are refreshed by this beat task (through the outbox).
SID_REACH_REFRESH_SECONDS = env.float("SID_REACH_REFRESH_SECONDS", default=3600.0)
CELERY_BEAT_SCHEDULE["reach-refresh"] = {
    "task": "campaign.reach.tasks.queue_refresh",
    "schedule": SID_REACH_REFRESH_SECONDS,
}


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Wagtail's inline tasks and audit log announce every step; keep the console useful.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
