"""What a shipment must carry before customs documents can be issued for it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ewtp.countries import COUNTRY_CODES
from ewtp.currencies import UnknownCurrencyError, currency_validate
from logistics.dispatch.errors import ShipmentInvalidError
from logistics.dispatch.models import (
    COMMERCIAL_CATEGORIES,
    Parcel,
    Party,
    Shipment,
    ShipmentCategory,
    ShipmentLine,
)

PARTY_REQUIRED = ("name", "street", "city", "country")


def _parties_check(sender: Party, receiver: Party, problems: dict[str, str]) -> None:
    for role, party in (("sender", sender), ("receiver", receiver)):
        for name in PARTY_REQUIRED:
            if not getattr(party, name):
                problems[f"{role}.{name}"] = "Required."
        if party.country and party.country not in COUNTRY_CODES:
            problems[f"{role}.country"] = "Not an ISO 3166 country code."


def _shipment_fields_check(shipment: Shipment, problems: dict[str, str]) -> None:
    try:
        currency_validate(shipment.currency)
    except UnknownCurrencyError:
        problems["currency"] = "Not an ISO 4217 currency code."
    if shipment.category not in ShipmentCategory.values:
        problems["category"] = "Unknown category."
    if shipment.category == ShipmentCategory.OTHER and not shipment.category_explanation:
        problems["category_explanation"] = "Explain what 'Other' is."


def _line_check(line: ShipmentLine, *, where: str, commercial: bool, problems: dict[str, str]) -> None:
    """Commercial items (sold, samples, returned) also need the HS code and origin customs assess them by."""
    if not line.description:
        problems[f"{where}.description"] = "Required."
    if not line.quantity or line.quantity < 1:
        problems[f"{where}.quantity"] = "At least 1."
    if line.unit_value is None or line.unit_value <= 0:
        problems[f"{where}.unit_value"] = "A value above zero."
    if line.net_weight_kg is None or line.net_weight_kg <= 0:
        problems[f"{where}.net_weight_kg"] = "The net weight is required."
    if line.hs_code and not re.fullmatch(r"\d{6,10}", line.hs_code):
        problems[f"{where}.hs_code"] = "6 to 10 digits."
    elif commercial and not line.hs_code:
        problems[f"{where}.hs_code"] = "Commercial items need an HS code."
    if line.origin_country and line.origin_country not in COUNTRY_CODES:
        problems[f"{where}.origin_country"] = "Not an ISO 3166 country code."
    elif commercial and not line.origin_country:
        problems[f"{where}.origin_country"] = "Commercial items need a country of origin."


def _parcels_check(parcels: Sequence[Parcel], problems: dict[str, str]) -> None:
    if not parcels:
        problems["parcels"] = "At least one parcel."
    for i, parcel in enumerate(parcels):
        if parcel.gross_weight_kg is None or parcel.gross_weight_kg <= 0:
            problems[f"parcels[{i}].gross_weight_kg"] = "The gross weight is required."
        for name in ("length_cm", "width_cm", "height_cm"):
            if getattr(parcel, name) is None or getattr(parcel, name) <= 0:
                problems[f"parcels[{i}].{name}"] = "Above zero."


def shipment_check(
    *,
    shipment: Shipment,
    sender: Party,
    receiver: Party,
    lines: Sequence[ShipmentLine],
    parcels: Sequence[Parcel],
) -> None:
    """Raise ShipmentInvalidError listing every problem, each under its field (e.g. 'lines[2].hs_code')."""
    problems: dict[str, str] = {}
    _parties_check(sender, receiver, problems)
    _shipment_fields_check(shipment, problems)
    if not lines:
        problems["lines"] = "At least one line."
    commercial = shipment.category in COMMERCIAL_CATEGORIES
    for i, line in enumerate(lines):
        _line_check(line, where=f"lines[{i}]", commercial=commercial, problems=problems)
    _parcels_check(parcels, problems)
    if problems:
        first = next(iter(problems))
        raise ShipmentInvalidError(
            f"The shipment is incomplete: {first}: {problems[first]}"
            + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""),
            details=problems,
        )
