"""System checks: log-in throttles need a cache every web process shares."""

from django.conf import settings
from django.core import checks

PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@checks.register(checks.Tags.security)
def shared_cache_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Warn when the default cache lives in one process: each gunicorn worker would count log-in failures
    on its own, so an attacker gets five tries per process."""
    if settings.CACHES["default"]["BACKEND"] not in PER_PROCESS_CACHES:
        return []
    return [
        checks.Warning(
            "The default cache is per-process memory: log-in throttles and the worker heartbeat are not "
            "shared between processes.",
            hint="Set REDIS_URL, or leave it unset for Django's database cache (manage.py createcachetable).",
            id="accounts.W001",
        )
    ]
