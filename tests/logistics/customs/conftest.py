from pathlib import Path

import pytest
from django.core.files.storage import storages

from logistics.customs.hs import hs_nomenclature_load
from logistics.customs.rules_seeds import customs_rules_load

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


@pytest.fixture
def hs_nomenclature(db):
    """The real HS 2022 nomenclature from seeds/."""
    return hs_nomenclature_load(path=SEEDS / "hs2022" / "harmonized-system.csv")


@pytest.fixture
def customs_rules(db):
    """The real landed-cost rules from seeds/customs/."""
    return customs_rules_load(directory=SEEDS / "customs")


@pytest.fixture
def quote_rates(fx_days):
    """Real ECB rates of every day the landed-cost tests quote on."""
    fx_days("2025-08-14", "2025-08-15", "2025-08-28", "2025-08-29", "2026-06-30", "2026-07-01", "2026-10-30")


@pytest.fixture
def media(settings, tmp_path):
    """A fresh, empty MEDIA_ROOT: public media, where customs documents must never land."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture
def documents_dir(media, tmp_path, monkeypatch):
    """Customs documents go to a fresh directory through the private storage (the directory returned)."""
    location = tmp_path / "private"
    # The private storage only: were documents stored anywhere else, they would not land here.
    monkeypatch.setattr(storages["private"], "location", str(location))
    return location
