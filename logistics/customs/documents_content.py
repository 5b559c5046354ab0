"""The content of each customs document, as plain JSON-ready data: the PDF is rendered from exactly this."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ewtp.money import Money
from logistics.dispatch.models import COMMERCIAL_CATEGORIES, Party, Shipment, ShipmentCategory

DECLARATION = (
    "I declare that the information given in this invoice is true and correct, and that the goods "
    "originate in the countries stated."
)
CN_CERTIFICATION = (
    "I, the undersigned, whose name and address are given on the item, certify that the particulars given "
    "in this declaration are correct and that this item does not contain any dangerous article or articles "
    "prohibited by legislation or by postal or customs regulations."
)


def _party(party: Party) -> dict:
    return {
        "name": party.name, "business": party.business, "street": party.street, "postcode": party.postcode,
        "city": party.city, "country": party.country, "phone": party.phone, "email": party.email,
        "eori": party.eori, "vat_number": party.vat_number, "ioss_number": party.ioss_number,
    }  # fmt: skip


def _kg(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.001')):f}"


def _amount(money: Money) -> str:
    return f"{money.round().amount:f}"


def shipment_figures(shipment: Shipment) -> dict:
    """Line totals and shipment totals, rounded to the currency's exponent (the document boundary)."""
    lines = list(shipment.lines.all())
    parcels = list(shipment.parcels.all())
    currency = shipment.currency
    totals = [(Money(line.unit_value, currency) * line.quantity).round() for line in lines]
    goods = Money.sum(totals, currency)
    freight = Money(shipment.freight, currency).round()
    insurance = Money(shipment.insurance, currency).round()
    return {
        "lines": lines,
        "parcels": parcels,
        "line_totals": totals,
        "goods": goods,
        "freight": freight,
        "insurance": insurance,
        "net_weight": sum((line.net_weight_kg for line in lines), Decimal(0)),
        "gross_weight": sum((parcel.gross_weight_kg for parcel in parcels), Decimal(0)),
    }


def _header(shipment: Shipment, *, title: str, kind: str, number: str, version: int, issued_on: date) -> dict:
    return {
        "title": title,
        "kind": kind,
        "number": number,
        "version": version,
        "issued_on": issued_on.isoformat(),
        "shipment_reference": shipment.reference,
        "sender": _party(shipment.sender),
        "receiver": _party(shipment.receiver),
        "currency": shipment.currency,
    }


def _items(figures: dict) -> list[dict]:
    return [
        {
            "position": line.position,
            "description": line.description,
            "quantity": line.quantity,
            "unit": line.unit,
            "unit_value": _amount(Money(line.unit_value, line_total.currency)),
            "line_total": _amount(line_total),
            "hs_code": line.hs_code,
            "origin_country": line.origin_country,
            "net_weight_kg": _kg(line.net_weight_kg),
        }
        for line, line_total in zip(figures["lines"], figures["line_totals"], strict=True)
    ]


def _packages(figures: dict) -> list[dict]:
    return [
        {
            "position": p.position,
            "kind": p.kind,
            "gross_weight_kg": _kg(p.gross_weight_kg),
            "dimensions_cm": f"{p.length_cm:f} x {p.width_cm:f} x {p.height_cm:f}",
        }
        for p in figures["parcels"]
    ]


def commercial_invoice_content(*, shipment: Shipment, number: str, version: int, issued_on: date) -> dict:
    figures = shipment_figures(shipment)
    total = figures["goods"] + figures["freight"] + figures["insurance"]
    packages = _packages(figures)
    kinds = sorted({p["kind"] for p in packages})
    return _header(
        shipment,
        title="Commercial invoice",
        kind="commercial_invoice",
        number=number,
        version=version,
        issued_on=issued_on,
    ) | {
        "invoice_date": issued_on.isoformat(),
        "sales_invoice_number": shipment.invoice_number,
        "place_of_sale": f"{shipment.sender.city}, {shipment.sender.country}",
        "date_of_sale": shipment.created_at.date().isoformat(),
        "incoterm": shipment.incoterm,
        "reason_for_export": ShipmentCategory(shipment.category).label,
        "items": _items(figures),
        "packages": packages,
        "number_and_kind_of_packages": f"{len(packages)} x {', '.join(kinds)}",
        "net_weight_kg": _kg(figures["net_weight"]),
        "gross_weight_kg": _kg(figures["gross_weight"]),
        "charges": {
            "goods": _amount(figures["goods"]),
            "freight": _amount(figures["freight"]),
            "insurance": _amount(figures["insurance"]),
            "packing": "0",
            "commissions": "0",
        },
        "total": _amount(total),
        "declaration": DECLARATION,
        "signed_by": shipment.sender.name,
    }


def customs_declaration_content(
    *, shipment: Shipment, kind: str, number: str, version: int, issued_on: date, sdr: dict,
    commercial_invoice_number: str,
) -> dict:  # fmt: skip
    """CN22 or CN23 (`kind`), with the SDR value that chose it."""
    figures = shipment_figures(shipment)
    commercial = shipment.category in COMMERCIAL_CATEGORIES
    content = _header(
        shipment,
        title="CN23 Customs declaration" if kind == "cn23" else "CN22 Customs declaration",
        kind=kind,
        number=number,
        version=version,
        issued_on=issued_on,
    ) | {
        "categories": [
            {"value": value, "label": label, "checked": value == shipment.category}
            for value, label in ShipmentCategory.choices
        ],
        "category_explanation": shipment.category_explanation,
        "commercial_items": commercial,
        "items": _items(figures),
        "total_net_weight_kg": _kg(figures["net_weight"]),
        "total_gross_weight_kg": _kg(figures["gross_weight"]),
        "total_value": _amount(figures["goods"]),
        "value_in_sdr": sdr,
        "date": issued_on.isoformat(),
        "signature": shipment.sender.name,
        "certification": CN_CERTIFICATION,
    }
    if kind == "cn23":
        content |= {
            "sender_customs_reference": shipment.sender.eori or shipment.sender.vat_number,
            "importer_reference": " / ".join(
                filter(
                    None, [shipment.receiver.vat_number, shipment.receiver.eori, shipment.sender.ioss_number]
                )
            ),
            "importer_contact": " / ".join(filter(None, [shipment.receiver.phone, shipment.receiver.email])),
            "postal_charges": _amount(figures["freight"]),
            "comments": shipment.comments,
            "licence_number": shipment.licence_number,
            "certificate_number": shipment.certificate_number,
            "invoice_number": commercial_invoice_number,
            "office_of_posting": shipment.office_of_posting,
            "date_of_posting": issued_on.isoformat(),
        }
    return content


def packing_list_content(*, shipment: Shipment, number: str, version: int, issued_on: date) -> dict:
    figures = shipment_figures(shipment)
    return _header(
        shipment,
        title="Packing list",
        kind="packing_list",
        number=number,
        version=version,
        issued_on=issued_on,
    ) | {
        "items": [
            {k: item[k] for k in ("position", "description", "quantity", "unit", "hs_code", "net_weight_kg")}
            for item in _items(figures)
        ],
        "packages": _packages(figures),
        "number_of_packages": len(figures["parcels"]),
        "total_net_weight_kg": _kg(figures["net_weight"]),
        "total_gross_weight_kg": _kg(figures["gross_weight"]),
    }
