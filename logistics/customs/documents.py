"""Issuing customs documents for a shipment: commercial invoice, CN22 or CN23, packing list (PDF + JSON).

CN22 or CN23 is the UPU's rule (documents_declaration.py): a CN22 only for a letter-post small packet of up to
2 kg valued under 300 SDR, a CN23 for every parcel and from 300 SDR.

Each document is numbered per seller, per form and per year ("CI-2026-000042"), stored through Django's
storage API, and immutable: asking again returns what was issued; a correction is a new version under the
same number, and the old version stays.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import weasyprint
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.template.loader import get_template, render_to_string
from django.utils import timezone
from weasyprint.text.fonts import FontConfiguration

from ewtp.fx.conversion import fx_rate_table
from ewtp.money import Money
from logistics.customs.documents_content import (
    commercial_invoice_content,
    customs_declaration_content,
    packing_list_content,
    shipment_figures,
)
from logistics.customs.documents_declaration import (
    PostalItem,
    declaration_kind,
    shipment_gross_weight,
    shipment_service_kind,
)
from logistics.customs.documents_models import CustomsDocument, DocumentForm, DocumentSequence
from logistics.customs.errors import DocumentNothingToCorrectError, DocumentRequestInvalidError
from logistics.customs.sdr import IMF_SDR_SOURCE, IMF_SDR_URL, sdr_value
from logistics.dispatch.checks import shipment_check
from logistics.dispatch.models import Shipment

logger = logging.getLogger(__name__)

PREFIXES = {
    DocumentForm.COMMERCIAL_INVOICE: "CI",
    DocumentForm.CUSTOMS_DECLARATION: "CN",
    DocumentForm.PACKING_LIST: "PL",
}
FORMS = list(PREFIXES)


@functools.cache
def documents_font_config() -> FontConfiguration:
    """The process's one font configuration, shared by every render: building one costs ~6 ms a PDF."""
    return FontConfiguration()


@functools.cache
def _stylesheets() -> tuple[weasyprint.CSS, ...]:
    # Parsed once per process rather than from a <style> in every document.
    css = get_template("customs/documents.css").template.source
    return (weasyprint.CSS(string=css, font_config=documents_font_config()),)


def customs_document_pdf_render(*, content: dict) -> bytes:
    """The PDF of a document's content (templates/customs/<kind>.html styled by customs/documents.css)."""
    html = render_to_string(f"customs/{content['kind']}.html", {"doc": content})
    return weasyprint.HTML(string=html).write_pdf(
        stylesheets=_stylesheets(), font_config=documents_font_config()
    )


def _number_take(*, seller_id: int, year: int, form: str) -> str:
    sequence, _ = DocumentSequence.objects.select_for_update().get_or_create(
        seller_id=seller_id, year=year, form=form
    )
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return f"{PREFIXES[form]}-{year}-{sequence.last_number:06d}"


def _latest(shipment: Shipment) -> dict[str, CustomsDocument]:
    latest: dict[str, CustomsDocument] = {}
    for document in CustomsDocument.objects.filter(shipment=shipment).order_by("form", "version"):
        latest[document.form] = document
    return latest


def _content(shipment: Shipment, *, form: str, number: str, version: int, on: date, ci_number: str) -> dict:
    if form == DocumentForm.COMMERCIAL_INVOICE:
        return commercial_invoice_content(shipment=shipment, number=number, version=version, issued_on=on)
    if form == DocumentForm.PACKING_LIST:
        return packing_list_content(shipment=shipment, number=number, version=version, issued_on=on)
    figures = shipment_figures(shipment)
    goods: Money = figures["goods"]
    value, sdr = sdr_value(money=goods, on=on, rates=fx_rate_table(on=on))
    item = PostalItem(
        service_kind=shipment_service_kind(shipment),
        gross_weight_kg=shipment_gross_weight(figures["parcels"]),
        value_in_sdr=value,
    )
    sdr_record = {
        "value": f"{value.quantize(Decimal('0.01')):f}",
        "usd_per_sdr": f"{sdr.usd_per_sdr:f}",
        "sdr_rate_date": sdr.day.isoformat(),
        # The authority that publishes the SDR, never where the row was loaded from.
        "sdr_rate_source": IMF_SDR_SOURCE,
        "sdr_rate_source_url": IMF_SDR_URL,
        "sdr_rate_estimate": sdr.estimate,
    }
    content = customs_declaration_content(
        shipment=shipment, kind=declaration_kind(item), number=number, version=version, issued_on=on,
        sdr=sdr_record, commercial_invoice_number=ci_number or shipment.invoice_number,
    )  # fmt: skip
    weight = item.gross_weight_kg
    return content | {
        "postal_item": {
            "service_kind": item.service_kind,
            "gross_weight_kg": None if weight is None else f"{weight.quantize(Decimal('0.001')):f}",
        }
    }


@contextlib.contextmanager
def _files_kept_only_on_success() -> Iterator[list[FieldFile]]:
    """Collects the files stored in the block; if it raises, deletes them (their rows roll back).

    The caller, the `documents` task, runs at the top level: inside an outer transaction that rolled back
    after the block succeeded, the files would stay.
    """
    stored: list[FieldFile] = []
    try:
        yield stored
    except BaseException:
        for file in stored:
            try:
                file.storage.delete(file.name)
            except Exception:  # the error that rolled the issue back is the one to raise
                logger.exception("customs.document_file_orphaned", extra={"file": file.name})
        raise


def _issue(shipment: Shipment, *, form: str, number: str, version: int, on: date, stored: list[FieldFile],
           ci_number: str = "", reason: str = "") -> CustomsDocument:  # fmt: skip
    content = _content(shipment, form=form, number=number, version=version, on=on, ci_number=ci_number)
    pdf = customs_document_pdf_render(content=content)
    document = CustomsDocument(
        shipment=shipment, seller_id=shipment.seller_id, form=form, kind=content["kind"], number=number,
        version=version, content=content, sha256=hashlib.sha256(pdf).hexdigest(), correction_reason=reason,
    )  # fmt: skip
    stem = f"{shipment.seller_id}/{number[-11:-7]}/{number}-v{version}"
    document.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
    stored.append(document.pdf)
    document.json.save(f"{stem}.json", ContentFile(json.dumps(content, indent=2).encode()), save=False)
    stored.append(document.json)
    document.save()
    return document


def _locked_checked_shipment(shipment_id: int) -> Shipment:
    # The row lock makes two workers handed the same shipment issue one set of documents, not two.
    shipment = Shipment.objects.select_for_update().select_related("sender", "receiver").get(pk=shipment_id)
    shipment_check(
        shipment=shipment, sender=shipment.sender, receiver=shipment.receiver,
        lines=list(shipment.lines.all()), parcels=list(shipment.parcels.all()),
    )  # fmt: skip
    return shipment


def customs_documents_issue(*, shipment_id: int, on: date | None = None) -> list[CustomsDocument]:
    """The shipment's commercial invoice, CN22/CN23 and packing list: issued now if missing, else as stored.

    Raises ShipmentInvalidError (nothing issued) when a line lacks what the forms require. When issuing
    fails part-way, the files already stored are deleted with the rows that roll back.
    """
    on = on or timezone.localdate()
    with _files_kept_only_on_success() as stored, transaction.atomic():
        shipment = Shipment.objects.select_for_update().get(pk=shipment_id)
        latest = _latest(shipment)
        if all(form in latest for form in FORMS):
            return [latest[form] for form in FORMS]
        shipment = _locked_checked_shipment(shipment_id)
        for form in FORMS:
            if form not in latest:
                number = _number_take(seller_id=shipment.seller_id, year=on.year, form=form)
                ci = latest.get(DocumentForm.COMMERCIAL_INVOICE)
                latest[form] = _issue(shipment, form=form, number=number, version=1, on=on, stored=stored,
                                      ci_number=ci.number if ci else "")  # fmt: skip
        return [latest[form] for form in FORMS]


def customs_document_correct(
    *, shipment_id: int, form: str, reason: str, on: date | None = None
) -> CustomsDocument:
    """A new version of an issued document from the shipment as it is now; the old version stays."""
    if form not in FORMS:
        raise DocumentRequestInvalidError(f"Unknown document form {form!r}.", details={"form": form})
    if not reason.strip():
        raise DocumentRequestInvalidError("A correction needs a reason.", details={"reason": "Required."})
    with _files_kept_only_on_success() as stored, transaction.atomic():
        shipment = _locked_checked_shipment(shipment_id)
        latest = _latest(shipment)
        previous = latest.get(form)
        if previous is None:
            raise DocumentNothingToCorrectError(
                "Nothing to correct: issue the documents first.", details={"form": form}
            )
        ci = latest.get(DocumentForm.COMMERCIAL_INVOICE)
        return _issue(
            shipment, form=form, number=previous.number, version=previous.version + 1, stored=stored,
            on=on or timezone.localdate(), ci_number=ci.number if ci else "", reason=reason,
        )  # fmt: skip
