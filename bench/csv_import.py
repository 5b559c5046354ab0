"""CSV listing import, in-process, 5,000 rows (the documented maximum per file): rows per second.

Runs on the database the settings name (`DATABASE_URL`; PostgreSQL for the figure that counts) inside a
transaction that is rolled back: it loads the HS 2022 nomenclature from seeds/ when the database has none,
six categories and one verified Kenyan seller. The file has every column (description, restrictions,
status), 40 distinct HS codes and all six categories. Measured, best of REPEATS interleaved rounds:

- baseline: reading and checking the 5,000 rows without writing (listings_csv_check, the import's first
  half: what the rows cost before the database writes anything);
- create: importing the file as 5,000 new listings (each round in a savepoint rolled back);
- update: importing it again over the 5,000 listings it created (new prices, same columns).

Target: at least 500 rows/s for create and for update (5,000 rows in under 10 s; they took ~60 s with a
query and a save per row).
"""

from __future__ import annotations

from pathlib import Path

from django.db import connection, transaction

from bench.timing import best_of_interleaved
from logistics.customs.hs import hs_nomenclature_load
from logistics.customs.hs_models import HsCode

ROWS = 5000
REPEATS = 3
TARGET_ROWS_PER_SECOND = 500
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
CATEGORIES = ("textiles", "home", "food", "crafts", "jewellery", "beauty")
HEADER = (
    "sku,title,category,price,currency,stock,hs_code,origin_country,net_weight_kg,length_cm,width_cm,"
    "height_cm,description,restrictions,status"
)


class _Rollback(Exception):
    pass


def _csv(hs_codes: list[str], *, sku: str, price: str) -> str:
    lines = [HEADER]
    for n in range(ROWS):
        code = hs_codes[n % len(hs_codes)]
        lines.append(
            f"{sku}-{n:05d},Hand-woven sisal basket no. {n},{CATEGORIES[n % len(CATEGORIES)]},{price},KES,"
            f"{1 + n % 40},{code[:4]}.{code[4:]},KE,0.5,35,35,30,"
            f'"Woven by hand in Machakos from sisal and leather, basket {n}. Each one differs a little.",'
            f"{'liquids;magnets' if n % 7 == 0 else ''},active"
        )
    return "\n".join(lines) + "\n"


def _setup():
    from django.contrib.auth import get_user_model

    from marketplace.listings.models import Category
    from marketplace.sellers.models import Seller

    if not HsCode.objects.filter(level=HsCode.Level.SUBHEADING).exists():
        hs_nomenclature_load(path=SEEDS / "hs2022" / "harmonized-system.csv")
    for position, slug in enumerate(CATEGORIES):
        Category.objects.get_or_create(slug=slug, defaults={"name": slug.title(), "position": position})
    # Basketry (46) and knitted clothing (61): 40 distinct subheadings, each checked once per file.
    subheadings = HsCode.objects.filter(level=HsCode.Level.SUBHEADING).order_by("code")
    codes = [c for c in subheadings.values_list("code", flat=True) if c[:2] in ("46", "61")][:40]
    user = get_user_model().objects.create_user(email="bench-csv-import@example.com", password=None)
    seller = Seller.objects.create(
        user=user,
        trading_name="Bench baskets",
        country="KE",
        default_currency="KES",
        status=Seller.Status.VERIFIED,
    )
    return seller, codes


def _measure() -> dict:
    from marketplace.listings.csv_import import listings_csv_check, listings_import_csv

    seller, codes = _setup()
    new_file = _csv(codes, sku="NEW", price="3200")
    existing_file, update_file = _csv(codes, sku="OLD", price="3200"), _csv(codes, sku="OLD", price="3350.50")

    def created_and_rolled_back():
        try:
            with transaction.atomic():
                report = listings_import_csv(seller=seller, text=new_file)
                assert report.ok and report.created == ROWS, report.errors[:3]
                raise _Rollback
        except _Rollback:
            pass

    # The listings the update rounds update.
    first = listings_import_csv(seller=seller, text=existing_file)
    assert first.ok and first.created == ROWS, first.errors[:3]

    def baseline():
        checked = listings_csv_check(seller=seller, text=update_file)
        assert checked.report.ok and len(checked.changes) == ROWS

    def update():
        report = listings_import_csv(seller=seller, text=update_file)
        assert report.ok and report.updated == ROWS, report.errors[:3]

    base, create, updated = best_of_interleaved(baseline, created_and_rolled_back, update, repeats=REPEATS)
    return {"baseline": base, "create": create, "update": updated, "hs_codes": len(codes)}


def run() -> dict:
    result: dict = {}
    try:
        with transaction.atomic():
            result = _measure()
            raise _Rollback
    except _Rollback:
        pass
    per_second = {name: ROWS / result[name] for name in ("baseline", "create", "update")}
    baseline = f"{per_second['baseline']:,.0f} rows/s reading and checking only"
    rows = [
        {
            "benchmark": "csv_import",
            "measure": f"CSV import, {ROWS:,} new listings ({connection.vendor})",
            "value": f"{per_second['create']:,.0f} rows/s",
            "baseline": baseline,
            "ratio": f"{result['create'] / result['baseline']:.2f}x the time",
            "target": f">= {TARGET_ROWS_PER_SECOND} rows/s",
            "meets_target": per_second["create"] >= TARGET_ROWS_PER_SECOND,
        },
        {
            "benchmark": "csv_import",
            "measure": f"CSV import, {ROWS:,} listings updated ({connection.vendor})",
            "value": f"{per_second['update']:,.0f} rows/s",
            "baseline": baseline,
            "ratio": f"{result['update'] / result['baseline']:.2f}x the time",
            "target": f">= {TARGET_ROWS_PER_SECOND} rows/s",
            "meets_target": per_second["update"] >= TARGET_ROWS_PER_SECOND,
        },
    ]
    return {
        "rows_per_file": ROWS,
        "distinct_hs_codes": result["hs_codes"],
        "database": connection.vendor,
        "baseline_seconds": result["baseline"],
        "create_seconds": result["create"],
        "update_seconds": result["update"],
        "rows": rows,
    }
