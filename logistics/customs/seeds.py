"""Reference data this app loads from seeds/ (called by manage.py load_seeds)."""

from django.conf import settings

from logistics.customs.hs import hs_nomenclature_load
from logistics.customs.rules_seeds import customs_rules_load


def seeds_load(*, stdout) -> None:
    count = hs_nomenclature_load(path=settings.BASE_DIR / "seeds" / "hs2022" / "harmonized-system.csv")
    stdout.write(f"HS 2022 nomenclature: {count:,} chapters, headings and subheadings.")
    counts = customs_rules_load(directory=settings.BASE_DIR / "seeds" / "customs")
    stdout.write("Customs rules: " + ", ".join(f"{name} {n}" for name, n in counts.items()) + ".")
