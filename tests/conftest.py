"""Fixtures shared by the whole suite."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEAD_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1


@pytest.fixture
def seeds_dir() -> Path:
    return ROOT / "seeds"


@pytest.fixture(autouse=True)
def _no_language_left_active():
    """Each test starts and ends in the default language: LocaleMiddleware leaves a request's language
    active in the thread, and the suite's order is not fixed, so one page asked for in Chinese or French
    would turn later English assertions (the ECB's name, an error body, a CSV error) into that language."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_process_caches():
    """Tests that turn the per-process reference cache on must not leak what they cached."""
    from ewtp.process_cache import process_caches_clear

    yield
    process_caches_clear()


@pytest.fixture
def celery_eager():
    """Celery tasks run in-process, their errors raised (the worker tests use a real worker instead)."""
    from ewtp.celery import app

    previous = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.update(task_always_eager=True, task_eager_propagates=True)
    yield
    app.conf.update(task_always_eager=previous[0], task_eager_propagates=previous[1])


@pytest.fixture
def dead_broker(monkeypatch):
    """The broker is down: every connection to it is refused. `dead_broker.revive()` brings it back.

    Celery reads CELERY_BROKER_URL from the environment before its own setting, so both change.
    """
    from ewtp.celery import app

    previous_env, previous_conf = app.conf.broker_url, app.conf.get("broker_url")

    class Broker:
        @staticmethod
        def revive():
            monkeypatch.setenv("CELERY_BROKER_URL", previous_env)
            app.conf.broker_url = previous_conf

    monkeypatch.setenv("CELERY_BROKER_URL", DEAD_BROKER_URL)
    app.conf.broker_url = DEAD_BROKER_URL
    yield Broker
    app.conf.broker_url = previous_conf
