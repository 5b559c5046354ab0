"""Reading a listings CSV file into rows: its size, encoding, columns and records, with the report every
problem goes into. Nothing here knows what makes a good listing (validation.py does); a file that cannot be
read is a problem of the file, reported with the row where reading stopped, never a server error."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _

from marketplace.listings.errors import ListingImportFileError

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
REQUIRED_COLUMNS = (
    "sku",
    "title",
    "category",
    "price",
    "currency",
    "stock",
    "hs_code",
    "origin_country",
    "net_weight_kg",
    "length_cm",
    "width_cm",
    "height_cm",
)
# A column left out of the file leaves that field of an existing listing as it is.
OPTIONAL_COLUMNS = ("description", "restrictions", "status", "language")


@dataclass(frozen=True)
class RowError:
    row: int  # as a spreadsheet numbers it: the header is row 1; 0 for the file as a whole
    field: str
    message: str


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    # SKUs of existing listings the file gave a new currency (with the price in it).
    currency_changed: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.append(RowError(row, column, message))

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> ImportReport:
        data = dict(data or {})
        errors = [RowError(**error) for error in data.pop("errors", [])]
        return cls(**data, errors=errors)


@dataclass(frozen=True)
class CsvRows:
    columns: tuple[str, ...]
    rows: list[tuple[int, dict[str, str]]]  # (row number, {column: stripped cell})


def csv_text_read(upload) -> str:
    """The uploaded file's text; raises ListingImportFileError when it is too large or not UTF-8."""
    size = getattr(upload, "size", 0) or 0
    if size > MAX_BYTES:
        message = _("The file is larger than 2 MB; split it into several files.")
        raise ListingImportFileError(message, details={"file": message})
    upload.seek(0)
    try:
        return upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        message = _("The file is not UTF-8 text; save it as 'CSV UTF-8'.")
        raise ListingImportFileError(message, details={"file": message}) from None


def _records(text: str, report: ImportReport):
    """(row number, record) for each record; a record csv cannot read ends the file with a file error."""
    reader = csv.reader(io.StringIO(text, newline=""))
    number = 0
    while True:
        number += 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if "field limit" in str(exc):
                message = _(
                    "Row %(row)s has a value longer than %(limit)s characters; no column takes that much."
                ) % {"row": number, "limit": f"{csv.field_size_limit():,}"}
            else:
                message = _(
                    "Row %(row)s cannot be read as CSV (%(problem)s); save the file as 'CSV UTF-8'."
                ) % {"row": number, "problem": exc}
            report.error(number, "file", message)
            return
        if any("\x00" in cell for cell in record):
            # The csv module reads NUL characters, but no text column can store them.
            report.error(
                number,
                "file",
                _("Row %(row)s contains a NUL character; save the file as 'CSV UTF-8'.") % {"row": number},
            )
            return
        yield number, record


def csv_rows_read(text: str, report: ImportReport) -> CsvRows | None:
    """The header's columns and every non-empty row, or None with the problems in `report`."""
    records = _records(text, report)
    header = next(records, None)
    if header is None:
        if report.ok:
            report.error(0, "file", _("The file has no rows of listings."))
        return None
    columns = tuple(c.strip() for c in header[1])
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    unknown = [c for c in columns if c not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    repeated = sorted({c for c in columns if columns.count(c) > 1})
    for column in missing:
        report.error(1, column, _("Missing column."))
    for column in unknown:
        report.error(1, column or _("(empty)"), _("Unknown column."))
    for column in repeated:
        report.error(1, column, _("The column appears more than once."))
    if not report.ok:
        return None
    rows = []
    for number, record in records:
        if not any(cell.strip() for cell in record):
            continue  # a blank line between rows
        if len(record) > len(columns):
            report.error(number, "(row)", _("More values than columns."))
            continue
        cells = [cell.strip() for cell in record] + [""] * (len(columns) - len(record))
        rows.append((number, dict(zip(columns, cells, strict=True))))
        if len(rows) > MAX_ROWS:
            report.error(0, "file", _("More than 5,000 rows; split the file."))
            return None
    if not rows and report.ok:
        report.error(0, "file", _("The file has no rows of listings."))
    return CsvRows(columns, rows) if report.ok else None
