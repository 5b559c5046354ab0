"""Loading the landed-cost rules from seeds/customs/*.csv: each file replaces its table in one transaction."""

from __future__ import annotations

import csv
import re
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models, transaction

from logistics.customs.errors import CustomsSeedError
from logistics.customs.rules_models import (
    DutyRate,
    ImportRule,
    OriginDuty,
    ReliefExclusion,
    SdrRate,
    VatRate,
)

FILES: dict[str, type[models.Model]] = {
    "vat_rates.csv": VatRate,
    "import_rules.csv": ImportRule,
    "duty_rates.csv": DutyRate,
    "relief_exclusions.csv": ReliefExclusion,
    "origin_duties.csv": OriginDuty,
    "sdr.csv": SdrRate,
}


def _value(field: models.Field, raw: str, where: str):
    raw = raw.strip()
    try:
        if isinstance(field, models.BooleanField):
            if raw not in ("true", "false"):
                raise ValueError
            return raw == "true"
        if raw == "" and field.null:
            return None
        if isinstance(field, models.DecimalField):
            return Decimal(raw)
        if isinstance(field, models.DateField):
            return date.fromisoformat(raw)
        return raw
    except (ValueError, InvalidOperation):
        raise CustomsSeedError(
            f"{where}: {raw!r} is not a valid {field.name}.", details={where: raw}
        ) from None


def _rows(path: Path, model: type[models.Model]) -> list[models.Model]:
    fields = {
        f.name: f for f in model._meta.get_fields() if isinstance(f, models.Field) and not f.primary_key
    }
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        unknown = set(reader.fieldnames or []) - set(fields)
        if unknown:
            raise CustomsSeedError(
                f"{path.name}: unknown columns {sorted(unknown)}.", details={path.name: "columns"}
            )
        return [
            _row(model, fields, row, where=f"{path.name}:{line}") for line, row in enumerate(reader, start=2)
        ]


# A source is shown to buyers: it names the law or the authority, never a file of ours.
INTERNAL_NAME = re.compile(r"\.(csv|tsv|zip|xml|xlsx?|py|md)\b|seeds/|eurofxref", re.IGNORECASE)


def _source_check(instance: models.Model, *, where: str) -> None:
    source, url = getattr(instance, "source", ""), getattr(instance, "source_url", "")
    if not source or INTERNAL_NAME.search(source):
        raise CustomsSeedError(
            f"{where}.source: {source!r} must name the law or the authority, not a file.",
            details={f"{where}.source": source},
        )
    if url and not re.match(r"https?://[^\s/]+\.[^\s]+$", url):
        raise CustomsSeedError(
            f"{where}.source_url: {url!r} is not a web address.", details={f"{where}.source_url": url}
        )


def _row(
    model: type[models.Model], fields: dict[str, models.Field], row: dict, *, where: str
) -> models.Model:
    if None in row:  # csv.DictReader files cells beyond the header under None
        raise CustomsSeedError(
            f"{where}: more cells than columns (a comma in a value that is not quoted?).",
            details={where: "Too many cells."},
        )
    instance = model(**{name: _value(fields[name], raw, f"{where}.{name}") for name, raw in row.items()})
    try:
        instance.validate_constraints()  # the database's checks, as an error naming the row
    except ValidationError as exc:
        raise CustomsSeedError(f"{where}: {' '.join(exc.messages)}", details={where: exc.messages}) from None
    _source_check(instance, where=where)
    return instance


@transaction.atomic
def customs_rules_load(*, directory: Path) -> dict[str, int]:
    """Replace each table of FILES with its file in `directory`; the number of rows loaded per file."""
    counts = {}
    for name, model in FILES.items():
        rows = _rows(directory / name, model)
        if model is SdrRate:
            rows = _sdr_rows_keeping_verified(rows)
        else:
            model.objects.all().delete()
        model.objects.bulk_create(rows)
        counts[name] = len(rows)
    return counts


def _sdr_rows_keeping_verified(rows: list[SdrRate]) -> list[SdrRate]:
    """SDR rates imported from the IMF (`import_sdr_rates`, verified) outlive a reload of the seeds: only
    the estimates are replaced, and a seed row for a day the IMF's figure already covers is left out."""
    SdrRate.objects.filter(estimate=True).delete()
    verified_days = set(SdrRate.objects.values_list("day", flat=True))
    return [row for row in rows if row.day not in verified_days]
