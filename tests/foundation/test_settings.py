"""Settings: production refuses unsafe defaults; the embedded default needs nothing installed."""

import os
import secrets
import subprocess
import sys

from django.conf import settings

PRODUCTION = {"DJANGO_SETTINGS_MODULE": "sid.settings.production"}
SERVICE_VARIABLES = {
    "DJANGO_SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "CELERY_BROKER_URL",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def run_python(args, env):
    """Run our interpreter in a clean environment (the variables under test removed).

    The database is an empty in-memory one unless a test says otherwise: a developer's own
    ``db.sqlite3`` (filled with demo content by ``make run``) must never decide a test.
    """
    clean = {k: v for k, v in os.environ.items() if k not in SERVICE_VARIABLES}
    clean["DATABASE_URL"] = "sqlite://:memory:"
    clean.update(env)
    return subprocess.run(  # noqa: S603 (fixed argv: our own interpreter)
        [sys.executable, *args], cwd=settings.BASE_DIR, env=clean, capture_output=True, text=True, timeout=120
    )


def settings_values(env, *names):
    code = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'sid.settings.dev'); django.setup();"
        "from django.conf import settings as s;"
        f"print(*[eval('s.' + n) for n in {list(names)!r}])"
    )
    result = run_python(["-c", code], env)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_production_refuses_to_start_without_a_secret_key():
    result = run_python(["manage.py", "check"], {**PRODUCTION, "ALLOWED_HOSTS": "sid.example"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_short_secret_key():
    env = {**PRODUCTION, "ALLOWED_HOSTS": "sid.example", "DJANGO_SECRET_KEY": "too-short"}
    result = run_python(["manage.py", "check"], env)
    assert result.returncode != 0
    assert "at least 50 characters" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_python(["manage.py", "check"], {**PRODUCTION, "DJANGO_SECRET_KEY": secrets.token_urlsafe(64)})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_deploy_check_is_clean():
    env = {**PRODUCTION, "ALLOWED_HOSTS": "sid.example", "DJANGO_SECRET_KEY": secrets.token_urlsafe(64)}
    result = run_python(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_embedded_default_is_sqlite_locmem_and_eager_without_a_broker():
    values = settings_values(
        {}, "DATABASES['default']['ENGINE']", "CACHES['default']['BACKEND']", "CELERY_TASK_ALWAYS_EAGER"
    )
    assert values == ["django.db.backends.sqlite3", "django.core.cache.backends.locmem.LocMemCache", "True"]


def test_redis_url_makes_redis_the_cache_and_the_broker():
    values = settings_values(
        {"REDIS_URL": "redis://127.0.0.1:6379/9"},
        "CACHES['default']['BACKEND']",
        "CELERY_BROKER_URL",
        "CELERY_TASK_ALWAYS_EAGER",
    )
    assert values == ["sid.cache.ResilientRedisCache", "redis://127.0.0.1:6379/9", "False"]
