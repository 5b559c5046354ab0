"""Bulk listing import from CSV: every row checked, then all of them written in one transaction, or none,
with a report of every problem as (row, column, error). A row whose SKU the seller already uses updates that
listing; the others create new ones.

- Cells are parsed by the listing form's own fields and checked by the listing rules (validation.py), the
  same as the web form: nothing here repeats a rule.
- A column left out of the file leaves that field of an existing listing as it is (description,
  restrictions, status are optional). The status changes only where a `status` column says so; a new listing
  without one is a draft.
- Currency: each listing keeps its own (the seller's default currency only starts new listings off). A row
  for an existing SKU whose currency differs from the listing's changes price and currency together: the row
  states both, so it is as explicit as the edit form's price and currency fields, and the old price can never
  be read in the new currency (or the new price stored in the old one). The report lists the SKUs whose
  currency changed, so the seller sees it. A new SKU takes its row's currency (an ISO 4217 code in use).
- Speed: categories, the seller's listings and each distinct HS code are read once for the file, and the
  listings are written with bulk_create/bulk_update, so a 5,000-row file is checked and written in seconds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils.translation import gettext as _

from marketplace.listings.csv_reading import ImportReport, csv_rows_read
from marketplace.listings.errors import ListingError, ListingInvalidError
from marketplace.listings.forms import ListingForm
from marketplace.listings.models import Listing
from marketplace.listings.services import listings_save_checked
from marketplace.listings.validation import ListingLookupsPreloaded, listing_values_check
from marketplace.sellers.models import Seller

# CSV column -> listing field, where they differ.
FIELD = {"price": "price_amount", "currency": "price_currency"}
COLUMN = {v: k for k, v in FIELD.items()}
# Cells the rules read as text (a slug, a code); the form's own fields for these would query or word
# the error for a drop-down list.
AS_TEXT = ("category", "currency", "status")
PROGRESS_EVERY = 250

Progress = Callable[[int, int], None]  # (rows checked, rows in all)


def _row_values(row: dict[str, str], number: int, report: ImportReport) -> tuple[dict, set[str]]:
    """The row's cells parsed by the listing form's fields, and the columns whose cell did not parse (they
    are reported here)."""
    values, failed = {}, set()
    for column, cell in row.items():
        name = FIELD.get(column, column)
        if column in AS_TEXT:
            values[name] = cell
            continue
        raw = [r.strip() for r in cell.split(";") if r.strip()] if column == "restrictions" else cell
        try:
            values[name] = ListingForm.base_fields[name].clean(raw)
        except ValidationError as exc:
            failed.add(column)
            for message in exc.messages:
                report.error(number, column, message)
    return values, failed


def _row_check(
    row: dict[str, str],
    number: int,
    *,
    seller: Seller,
    existing: Listing | None,
    lookups: ListingLookupsPreloaded,
    report: ImportReport,
) -> dict | None:
    values, failed = _row_values(row, number, report)
    if not values.get("language", "x"):
        values.pop("language")  # an empty cell leaves the listing's language as it is (English when new)
    status = values.pop("status", "").lower()
    if status:
        values["status"] = status
    elif existing is None:
        values["status"] = Listing.Status.DRAFT
    try:
        return listing_values_check(seller=seller, values=values, listing=existing, lookups=lookups)
    except ListingInvalidError as exc:
        for name, message in exc.details.items():
            column = COLUMN.get(name, name)
            if column not in failed:
                report.error(number, column, message)
        return None


@dataclass
class CheckedFile:
    """A file checked row by row: its report, and (when the report is clean) what to write."""

    report: ImportReport
    new: list[dict] = field(default_factory=list)  # values of each listing to create
    changes: dict[int, dict] = field(default_factory=dict)  # values to set, by listing id


def listings_csv_check(*, seller: Seller, text: str, progress: Progress | None = None) -> CheckedFile:
    """Read and check every row of `text` (a CSV file) without writing anything.
    `progress(checked, total)` is called every PROGRESS_EVERY rows."""
    checked_file = CheckedFile(ImportReport())
    report = checked_file.report
    parsed = csv_rows_read(text, report)
    if parsed is None:
        return checked_file
    report.rows = total = len(parsed.rows)
    lookups = ListingLookupsPreloaded(seller=seller)
    seen: dict[str, int] = {}
    for checked, (number, row) in enumerate(parsed.rows, start=1):
        sku = row["sku"]
        if sku in seen:
            report.error(number, "sku", _("Same SKU as row %(row)s.") % {"row": seen[sku]})
        seen.setdefault(sku, number)
        existing = lookups.listings.get(sku)
        values = _row_check(row, number, seller=seller, existing=existing, lookups=lookups, report=report)
        if values is not None and report.ok:
            if existing is None:
                checked_file.new.append(values)
            else:
                checked_file.changes[existing.pk] = values
                if values["price_currency"] != existing.price_currency:
                    report.currency_changed.append(existing.sku)
        if progress and (checked % PROGRESS_EVERY == 0 or checked == total):
            progress(checked, total)
    if not report.ok:
        report.currency_changed = []
        checked_file.new, checked_file.changes = [], {}
    return checked_file


def listings_import_csv(*, seller: Seller, text: str, progress: Progress | None = None) -> ImportReport:
    """Check every row of `text` (a CSV file), then import all of them in one transaction, or none.
    `progress(checked, total)` is called every PROGRESS_EVERY rows while checking, outside any transaction."""
    checked = listings_csv_check(seller=seller, text=text, progress=progress)
    report = checked.report
    if not report.ok:
        return report
    try:
        report.created, report.updated = listings_save_checked(
            seller=seller, new=checked.new, changes=checked.changes
        )
    except IntegrityError:
        # Another import or edit created one of these SKUs between the check and the write.
        report.error(0, "file", _("Your listings changed while the file was being checked; upload it again."))
    except ListingError as exc:
        report.error(0, "file", exc.message)
    return report
