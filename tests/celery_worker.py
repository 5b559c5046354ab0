"""A real Celery worker for tests: consuming from Redis in a thread, never eager mode.

pytestmark = [*real_worker_marks()]            # skips, saying why, when no Redis broker is configured
def test_x(real_worker): ...                   # or start_real_worker(queues=[...]) as a context manager
"""

from __future__ import annotations

from contextlib import contextmanager

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from django.conf import settings

from ewtp.celery import app


def redis_broker_problem() -> str | None:
    """Why the real-worker tests cannot run here, or None (PostgreSQL and a Redis broker that answers)."""
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        return "needs PostgreSQL: a worker thread and the test cannot share SQLite's in-memory database"
    url = settings.CELERY_BROKER_URL
    if not url.startswith("redis://"):
        return f"needs a Redis broker (CELERY_BROKER_URL is {url!r}); `make test` sets one with CI=true"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        return f"Redis broker at {url} is unreachable: {exc}"
    return None


def real_worker_marks() -> list:
    problem = redis_broker_problem()
    return [
        pytest.mark.redis,
        pytest.mark.django_db(transaction=True),
        pytest.mark.skipif(problem is not None, reason=problem or ""),
    ]


@contextmanager
def start_real_worker(*, queues: list[str]):
    assert not app.conf.task_always_eager
    app.control.purge()  # messages other tests left on the shared broker are not this test's business
    with start_worker(
        app, pool="solo", perform_ping_check=False, queues=queues, loglevel="WARNING", shutdown_timeout=15
    ) as controller:
        yield controller
