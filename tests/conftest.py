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
