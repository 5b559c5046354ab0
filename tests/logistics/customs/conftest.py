from pathlib import Path

import pytest

from logistics.customs.hs import hs_nomenclature_load

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


@pytest.fixture
def hs_nomenclature(db):
    """The real HS 2022 nomenclature from seeds/."""
    return hs_nomenclature_load(path=SEEDS / "hs2022" / "harmonized-system.csv")
