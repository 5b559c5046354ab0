"""Bulk listing import from CSV: every row checked with the listing form's own rules; one bad row and
nothing is imported, with a report of every problem as (row, field, error). Rows with a SKU the seller
already uses update that listing; the others create new ones."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from ewtp.currencies import EXPONENTS
from marketplace.listings.forms import ListingForm
from marketplace.listings.models import Listing
from marketplace.listings.services import listing_create, listing_status_set, listing_update
from marketplace.sellers.models import Seller

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
OPTIONAL_COLUMNS = ("description", "restrictions", "status")
# CSV column -> listing form field, where they differ.
FORM_FIELD = {"price": "price_amount"}
CSV_COLUMN = {v: k for k, v in FORM_FIELD.items()}


@dataclass(frozen=True)
class RowError:
    row: int  # as a spreadsheet numbers it: the header is row 1
    field: str
    message: str


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _file_error(report: ImportReport, message: str, column: str = "file", row: int = 0) -> ImportReport:
    report.errors.append(RowError(row, column, message))
    return report


def _read_rows(upload, report: ImportReport) -> list[dict[str, str]] | None:
    size = getattr(upload, "size", 0) or 0
    if size > MAX_BYTES:
        _file_error(report, _("The file is larger than 2 MB; split it into several files."))
        return None
    upload.seek(0)
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        _file_error(report, _("The file is not UTF-8 text; save it as 'CSV UTF-8'."))
        return None
    reader = csv.DictReader(io.StringIO(text))
    columns = [c.strip() for c in reader.fieldnames or []]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    unknown = [c for c in columns if c not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    for column in missing:
        _file_error(report, _("Missing column."), column=column, row=1)
    for column in unknown:
        _file_error(report, _("Unknown column."), column=column or "(empty)", row=1)
    if missing or unknown:
        return None
    rows = []
    for row in reader:
        if None in row:
            _file_error(report, _("More values than columns."), column="(row)", row=reader.line_num)
            continue
        rows.append({k.strip(): (v or "").strip() for k, v in row.items()})
        if len(rows) > MAX_ROWS:
            _file_error(report, _("More than 5,000 rows; split the file."))
            return None
    if not rows and report.ok:
        _file_error(report, _("The file has no rows of listings."))
    return rows if report.ok else None


def _row_form(row: dict[str, str], *, seller: Seller, existing: Listing | None) -> ListingForm:
    data = {
        FORM_FIELD.get(k, k): v for k, v in row.items() if k not in ("currency", "status", "restrictions")
    }
    data["restrictions"] = [r.strip() for r in row.get("restrictions", "").split(";") if r.strip()]
    return ListingForm(data=data, seller=seller, instance=existing)


def listings_import_csv(*, seller: Seller, upload) -> ImportReport:
    """Validate every row, then import all of them in one transaction, or none."""
    report = ImportReport()
    rows = _read_rows(upload, report)
    if rows is None:
        return report
    report.rows = len(rows)
    existing = {listing.sku: listing for listing in Listing.objects.filter(seller=seller)}
    seen: dict[str, int] = {}
    valid: list[tuple[ListingForm, str]] = []
    for number, row in enumerate(rows, start=2):
        currency = row["currency"].upper()
        if currency not in EXPONENTS:
            report.errors.append(
                RowError(
                    number,
                    "currency",
                    _("Unknown currency code %(code)s.") % {"code": row["currency"] or "(empty)"},
                )
            )
        elif currency != seller.default_currency:
            report.errors.append(
                RowError(
                    number,
                    "currency",
                    _("Prices must be in your currency, %(currency)s.")
                    % {"currency": seller.default_currency},
                )
            )
        status = row.get("status") or Listing.Status.DRAFT
        if status not in Listing.Status.values:
            report.errors.append(RowError(number, "status", _("Use draft, active or paused.")))
        if row["sku"] in seen:
            report.errors.append(
                RowError(number, "sku", _("Same SKU as row %(row)s.") % {"row": seen[row["sku"]]})
            )
        seen[row["sku"]] = number
        form = _row_form(row, seller=seller, existing=existing.get(row["sku"]))
        if not form.is_valid():
            for name, messages in form.errors.items():
                for message in messages:
                    report.errors.append(RowError(number, CSV_COLUMN.get(name, name), message))
        elif status == Listing.Status.ACTIVE and form.cleaned_data["stock"] == 0:
            report.errors.append(RowError(number, "stock", _("Add stock before publishing.")))
        valid.append((form, status))
    if not report.ok:
        return report
    with transaction.atomic():
        for form, status in valid:
            if form.instance.pk:
                listing = listing_update(listing=form.instance, data=form.cleaned_data)
                report.updated += 1
            else:
                listing = listing_create(seller=seller, data=dict(form.cleaned_data))
                report.created += 1
            if listing.status != status:
                listing_status_set(listing=listing, status=status)
    return report
