"""Fixtures shared by the whole suite."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def seeds_dir() -> Path:
    return ROOT / "seeds"


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
