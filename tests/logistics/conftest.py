"""Fixtures shared by the logistics tests: real ECB rates of the few days a test needs."""

import zipfile
from pathlib import Path

import pytest

from ewtp.fx.services import fx_rates_import

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="session")
def ecb_history_lines() -> list[str]:
    with zipfile.ZipFile(SEEDS / "fx" / "eurofxref-hist.zip") as archive:
        return archive.read("eurofxref-hist.csv").decode().splitlines(keepends=True)


@pytest.fixture
def fx_days(db, ecb_history_lines):
    """Import the real ECB rates of the given ISO days only (the whole history takes ~15 s)."""

    def load(*days: str) -> None:
        rows = [line for line in ecb_history_lines[1:] if line.split(",", 1)[0] in days]
        assert len(rows) == len(days), f"no ECB rates for some of {days}"
        fx_rates_import(data="".join([ecb_history_lines[0], *rows]).encode(), origin="test")

    return load
