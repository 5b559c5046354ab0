"""Fixtures shared by the whole suite."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def seeds_dir() -> Path:
    return ROOT / "seeds"
