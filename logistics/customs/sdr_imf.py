"""Reading the IMF's published SDR rates: 1 SDR in US dollars per day, from the exports imf.org offers.

Two shapes are accepted, tab-separated as the IMF sends them (its ".xls" downloads are TSV) or as CSV:

- **SDR valuation** (https://www.imf.org/external/np/fin/data/rms_sdrv.aspx, "TSV" link): a title, then a
  `Report date  Currency Unit  Currency amount  Exchange rate  U.S. dollar equivalent  Percent change ...`
  header, one block per day whose first row carries the date (`02-Jan-2026`, `January 02, 2026`), each block
  ending with the rows `U.S.$1.00 = SDR  0.730761` and `SDR1 = US$  1.368440` (label and value in whatever
  columns that version of the export uses). The `SDR1 = US$` value is taken.
- **Exchange rate archives, "SDRs per Currency unit and Currency units per SDR"** (rms_five.aspx, the last
  five days; rms_mth.aspx, a month): two sections, each a `Currency  <date>  <date> ...` header then a row
  per currency. The `U.S. dollar` row of the **Currency units per SDR** section is 1 SDR in USD for each
  date; an empty cell or `NA` is a day the IMF published no rate.

Nothing is guessed: a value that is not a positive decimal of at most 6 places, a date that does not parse, a
`SDR1 = US$` row with no date before it, or one day given two different values is an SdrImportError naming
the line and the field. A file with no SDR rate at all is refused too.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from logistics.customs.errors import CustomsSeedError

DATE_FORMATS = ("%d-%b-%Y", "%d-%b-%y", "%B %d, %Y", "%Y-%m-%d", "%A, %B %d, %Y")
NO_VALUE = {"", "na", "n.a.", "n/a", "--", "..."}
MAX_PLACES = 6  # SdrRate.usd_per_sdr keeps 6 decimal places: more would be rounded silently
SDR_IN_USD_LABEL = "sdr1=us$"
PER_SDR_SECTION = "currency units per sdr"
PER_CURRENCY_SECTION = "sdrs per currency unit"


class SdrImportError(CustomsSeedError):
    """An IMF SDR file that cannot be imported; `details` names the line and the field."""


@dataclass(frozen=True, slots=True)
class SdrReading:
    """1 SDR = `usd_per_sdr` USD on `day`, read on `line` of the file."""

    day: date
    usd_per_sdr: Decimal
    line: int


def _compact(cell: str) -> str:
    return re.sub(r"\s+", "", cell).lower()


def _date(cell: str) -> date | None:
    text = re.sub(r"\s+", " ", cell.strip())
    for layout in DATE_FORMATS:
        try:
            return datetime.strptime(text, layout).date()
        except ValueError:
            continue
    return None


def _refuse(line: int, field: str, problem: str) -> SdrImportError:
    where = f"line {line}"
    return SdrImportError(f"Line {line}, {field}: {problem}", details={where: {field: problem}})


def _value(cell: str, *, line: int, field: str) -> Decimal:
    text = cell.strip().replace(",", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise _refuse(line, field, f"{cell.strip()!r} is not a number.") from None
    if not value.is_finite() or value <= 0:
        raise _refuse(line, field, f"{cell.strip()!r} is not a positive number.")
    if -value.as_tuple().exponent > MAX_PLACES:
        raise _refuse(line, field, f"{cell.strip()!r} has more than {MAX_PLACES} decimal places.")
    return value


def _looks_like_a_date(cell: str) -> bool:
    """A first cell meant as a report date: digits, and not one of the export's labels or headers."""
    compact = _compact(cell)
    return bool(re.search(r"\d", compact)) and "sdr" not in compact and not compact.startswith("(")


def _rows(text: str) -> list[list[str]]:
    delimiter = "\t" if "\t" in text else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _valuation(rows: list[list[str]]) -> list[SdrReading]:
    """The SDR valuation export: the `SDR1 = US$` row of each day's block."""
    readings: list[SdrReading] = []
    day: date | None = None
    for number, row in enumerate(rows, start=1):
        cells = [cell.strip() for cell in row]
        first = cells[0] if cells else ""
        found = _date(first) if first else None
        if found is not None:
            day = found
        elif _looks_like_a_date(first) and any(cells[1:]):
            raise _refuse(number, "Report date", f"{first!r} is not a date.")
        labels = [i for i, cell in enumerate(cells) if _compact(cell) == SDR_IN_USD_LABEL]
        if not labels:
            continue
        if day is None:
            raise _refuse(number, "Report date", "SDR1 = US$ comes before any report date.")
        values = [cell for cell in cells[labels[0] + 1 :] if cell]
        if not values:
            raise _refuse(number, "SDR1 = US$", "no value.")
        readings.append(SdrReading(day, _value(values[0], line=number, field="SDR1 = US$"), number))
    return readings


def _per_sdr(rows: list[list[str]]) -> list[SdrReading]:
    """The archives' "Currency units per SDR" section: the U.S. dollar row, one value per date column."""
    readings: list[SdrReading] = []
    section = ""
    dates: list[date | None] = []
    for number, row in enumerate(rows, start=1):
        cells = [cell.strip() for cell in row]
        first = cells[0].lower() if cells else ""
        if first.startswith(PER_SDR_SECTION):
            section, dates = PER_SDR_SECTION, []
        elif first.startswith(PER_CURRENCY_SECTION):
            section, dates = PER_CURRENCY_SECTION, []
        elif first == "currency" and section == PER_SDR_SECTION:
            dates = []
            for column, cell in enumerate(cells[1:], start=2):
                found = _date(cell)
                if cell and found is None:
                    raise _refuse(number, f"column {column}", f"{cell!r} is not a date.")
                dates.append(found)
        elif first == "u.s. dollar" and section == PER_SDR_SECTION:
            if not dates:
                raise _refuse(number, "Currency", "U.S. dollar comes before the row of dates.")
            extra = [i for i, cell in enumerate(cells[1:], start=2) if cell and i - 2 >= len(dates)]
            if extra:
                raise _refuse(
                    number, f"column {extra[0]}", "a value beyond the last date (a comma in a number?)."
                )
            for day, cell in zip(dates, cells[1:], strict=False):
                if day is None or cell.lower() in NO_VALUE:
                    continue
                field = f"U.S. dollar on {day.isoformat()}"
                readings.append(SdrReading(day, _value(cell, line=number, field=field), number))
    return readings


def sdr_rates_read(data: bytes) -> list[SdrReading]:
    """The dated SDR rates of an IMF export (either shape), oldest first, one per day.

    Raises SdrImportError naming the line and field of the first bad row."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")  # older IMF downloads are Windows-1252; the figures are ASCII
    rows = _rows(text)
    archive = any(row and row[0].strip().lower().startswith(PER_SDR_SECTION) for row in rows)
    readings = _per_sdr(rows) if archive else _valuation(rows)
    if not readings:
        raise SdrImportError(
            "No SDR rate found: expected the IMF's SDR valuation (a 'SDR1 = US$' row per day) or its "
            "'Currency units per SDR' table with a 'U.S. dollar' row.",
            details={"file": "No SDR1 = US$ or U.S. dollar per SDR rows."},
        )
    by_day: dict[date, SdrReading] = {}
    for reading in readings:
        seen = by_day.get(reading.day)
        if seen is not None and seen.usd_per_sdr != reading.usd_per_sdr:
            raise _refuse(
                reading.line, reading.day.isoformat(),
                f"{reading.usd_per_sdr} differs from {seen.usd_per_sdr} (line {seen.line}) for the same day.",
            )  # fmt: skip
        by_day.setdefault(reading.day, reading)
    return sorted(by_day.values(), key=lambda r: r.day)
