"""Readers for the ECB's euro reference-rate files.

Formats, told apart by their content, not their name:

- XML: `eurofxref-daily.xml` and `eurofxref-hist.xml` (`Cube/Cube[@time]/Cube[@currency][@rate]`).
- CSV: the file inside `eurofxref.zip` (`Date, USD, JPY, ...` header, one row with `30 October 2026`) and
  inside `eurofxref-hist.zip` (one row per day, ISO dates, newest first, `N/A` where there is no rate).
- ZIP: either of the above zipped, as the ECB ships them.

Every problem is an `FxFeedError` naming the day, the currency or the line; nothing is returned half-read.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from xml.etree.ElementTree import ParseError

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from ewtp.currencies import EXPONENTS
from ewtp.fx.errors import FxFeedError

BASE_CURRENCY = "EUR"
# ISO 4217's "no currency" and "testing" codes: valid codes, never a rate.
NOT_CURRENCIES = frozenset({"XXX", "XTS"})
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
# What FxRate.rate can hold (max_digits=20, decimal_places=10).
RATE_DECIMAL_PLACES = 10
MAX_RATE = Decimal(10) ** 10


@dataclass
class RateDay:
    day: date
    rates: dict[str, Decimal] = field(default_factory=dict)


def rate_problem(rate: Decimal) -> str | None:
    """What is wrong with a rate value, or None: rates are positive and fit FxRate.rate."""
    if not rate.is_finite() or rate <= 0:
        return "must be a positive number"
    if rate >= MAX_RATE or rate.as_tuple().exponent < -RATE_DECIMAL_PLACES:
        return f"is out of range (below {MAX_RATE:,} with at most {RATE_DECIMAL_PLACES} decimal places)"
    return None


def rate_value_parse(text: str, *, day: date, currency: str, where: str) -> Decimal:
    details = {"date": day.isoformat(), "currency": currency, "value": text}
    try:
        rate = Decimal(text.strip())
    except InvalidOperation:
        raise FxFeedError(
            f"{where}: the {currency} rate on {day} is not a number: {text!r}.", details=details
        ) from None
    problem = rate_problem(rate)
    if problem:
        raise FxFeedError(
            f"{where}: the {currency} rate on {day} {problem}, not {text.strip()}.", details=details
        )
    return rate


def rate_currency_check(code: str, *, where: str) -> str:
    code = code.strip()
    if code == BASE_CURRENCY:
        raise FxFeedError(
            f"{where}: EUR is the base currency and cannot have a rate.", details={"currency": code}
        )
    if code not in EXPONENTS or code in NOT_CURRENCIES:
        raise FxFeedError(f"{where}: unknown currency code {code!r}.", details={"currency": code})
    return code


def _parse_day(text: str, *, where: str) -> date:
    text = text.strip()
    for fmt in ("%Y-%m-%d", "%d %B %Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise FxFeedError(f"{where}: {text!r} is not a date.", details={"date": text})


def _add_day(days: dict[date, RateDay], day: RateDay, *, where: str) -> None:
    existing = days.get(day.day)
    if existing is None:
        days[day.day] = day
        return
    for currency, rate in day.rates.items():
        if currency in existing.rates and existing.rates[currency] != rate:
            raise FxFeedError(
                f"{where}: {day.day} appears twice with different {currency} rates "
                f"({existing.rates[currency]} and {rate}).",
                details={"date": day.day.isoformat(), "currency": currency},
            )
        existing.rates[currency] = rate


def parse_xml(data: bytes) -> list[RateDay]:
    try:
        root = ElementTree.fromstring(data)
    except (ParseError, DefusedXmlException) as exc:
        raise FxFeedError(f"Malformed ECB XML: {exc}.", details={"format": "xml"}) from None
    days: dict[date, RateDay] = {}
    for element in root.iter():
        if not element.tag.endswith("Cube") or "time" not in element.attrib:
            continue
        where = f"XML day {element.attrib['time']}"
        day = RateDay(_parse_day(element.attrib["time"], where=where))
        for child in element:
            if not child.tag.endswith("Cube"):
                continue
            if "currency" not in child.attrib or "rate" not in child.attrib:
                raise FxFeedError(
                    f"{where}: a rate entry lacks its currency or rate attribute.",
                    details={"date": day.day.isoformat()},
                )
            currency = rate_currency_check(child.attrib["currency"], where=where)
            if currency in day.rates:
                raise FxFeedError(
                    f"{where}: {currency} is listed twice.",
                    details={"date": day.day.isoformat(), "currency": currency},
                )
            day.rates[currency] = rate_value_parse(
                child.attrib["rate"], day=day.day, currency=currency, where=where
            )
        _add_day(days, day, where=where)
    if not days:
        raise FxFeedError(
            "The XML holds no dated rates (no Cube element with a time attribute).", details={"format": "xml"}
        )
    return sorted(days.values(), key=lambda d: d.day)


def parse_csv(data: bytes) -> list[RateDay]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FxFeedError("The CSV is not UTF-8 text.", details={"format": "csv"}) from None
    rows = csv.reader(io.StringIO(text))
    header = next(rows, None)
    if not header or header[0].strip() != "Date":
        raise FxFeedError(
            "The CSV must start with a 'Date' column followed by currency codes.",
            details={"format": "csv", "line": 1},
        )
    where_header = "CSV line 1"
    # The ECB ends every line with a comma, leaving an empty last column.
    currencies = [rate_currency_check(c, where=where_header) if c.strip() else None for c in header[1:]]
    seen = [c for c in currencies if c]
    if len(seen) != len(set(seen)):
        raise FxFeedError("CSV line 1: a currency column appears twice.", details={"line": 1})
    days: dict[date, RateDay] = {}
    for line_no, row in enumerate(rows, start=2):
        if not row or not any(cell.strip() for cell in row):
            continue
        where = f"CSV line {line_no}"
        if len(row) > len(header):
            raise FxFeedError(
                f"{where}: {len(row)} columns where the header has {len(header)}.", details={"line": line_no}
            )
        day = RateDay(_parse_day(row[0], where=where))
        for currency, cell in zip(currencies, row[1:], strict=False):
            if currency is None or cell.strip() in ("", "N/A"):
                continue
            day.rates[currency] = rate_value_parse(cell, day=day.day, currency=currency, where=where)
        _add_day(days, day, where=where)
    if not days:
        raise FxFeedError("The CSV holds no rows of rates.", details={"format": "csv"})
    return sorted(days.values(), key=lambda d: d.day)


def parse_zip(data: bytes) -> list[RateDay]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise FxFeedError("The ZIP archive is damaged.", details={"format": "zip"}) from None
    members = [m for m in archive.infolist() if m.filename.lower().endswith((".csv", ".xml"))]
    if len(members) != 1:
        raise FxFeedError(
            "The ZIP must hold exactly one .csv or .xml file of rates.", details={"format": "zip"}
        )
    member = members[0]
    if member.file_size > MAX_UNZIPPED_BYTES:
        raise FxFeedError(
            "The file inside the ZIP is too large to be a rates file.", details={"format": "zip"}
        )
    with archive.open(member) as handle:
        inner = handle.read(MAX_UNZIPPED_BYTES + 1)
    if len(inner) > MAX_UNZIPPED_BYTES:
        raise FxFeedError(
            "The file inside the ZIP is too large to be a rates file.", details={"format": "zip"}
        )
    return parse_xml(inner) if member.filename.lower().endswith(".xml") else parse_csv(inner)


def parse_ecb_rates(data: bytes) -> list[RateDay]:
    """Parse any ECB reference-rate file (XML, CSV or ZIP of either) into days, oldest first."""
    if not data or not data.strip():
        raise FxFeedError("The rates file is empty.", details={"format": "unknown"})
    if data[:4] == b"PK\x03\x04":
        return parse_zip(data)
    if data.lstrip()[:1] == b"<":
        return parse_xml(data)
    return parse_csv(data)
