"""Commercial-invoice PDFs per second on one process, against WeasyPrint rendering a bare one-page document.

The invoice content (a shipment of three lines, two parcels) is built once from the dev database inside a
transaction that is rolled back; then, best of REPEATS interleaved rounds of N renders each: the baseline
renders `<p>Hello</p>` with WeasyPrint; the measured side renders the commercial-invoice template to PDF
(`customs_document_pdf_render`, what the `documents` worker spends its time on). Target: at least 0.5x
the baseline's rate.

The baseline is rendered the same way as the documents: with the process's shared FontConfiguration
(`documents_font_config`), warmed up first, so neither side pays the per-render system font scan.

Two context rows bound what any layout of this invoice can reach: its text alone (tags stripped, no
stylesheet) rendered by WeasyPrint as one preformatted block, and as one wrapped paragraph. WeasyPrint's
cost grows with the lines it lays out, so these are ceilings for a document that carries the same words.
"""

import logging
import re
from datetime import date
from decimal import Decimal

import weasyprint
from django.db import transaction
from django.template.loader import render_to_string
from weasyprint.text import ffi

from bench.timing import best_of_interleaved
from logistics.customs.documents import customs_document_pdf_render, documents_font_config
from logistics.customs.documents_content import commercial_invoice_content
from logistics.dispatch.services import shipment_create

N = 10
REPEATS = 5
TARGET_RATE = 0.5
BARE_PAGE = "<p>Hello</p>"
PARTY = {"street": "1 Main St", "postcode": "1000", "phone": "+1 555 0100", "email": "x@example.com"}


BOX = {"gross_weight_kg": Decimal("1.1"), "length_cm": 30, "width_cm": 20, "height_cm": 9}


class _Rollback(Exception):
    pass


def _content() -> dict:
    content: dict = {}
    try:
        with transaction.atomic():
            shipment = shipment_create(
                seller_id=1, reference="BENCH-CI-1", category="sale_of_goods", currency="USD",
                sender=PARTY | {"name": "Wang Fang", "city": "Hangzhou", "country": "CN", "eori": "CN12345"},
                receiver=PARTY | {"name": "Anna Becker", "city": "Berlin", "country": "DE"},
                lines=[
                    {"description": f"Item {i}", "quantity": i, "unit_value": Decimal("12.50"),
                     "hs_code": "610910", "origin_country": "CN", "net_weight_kg": Decimal("0.2")}
                    for i in (1, 2, 3)
                ],
                parcels=[BOX, BOX],
                freight=Decimal("9.90"),
            )  # fmt: skip
            content = commercial_invoice_content(
                shipment=shipment, number="CI-2026-000001", version=1, issued_on=date(2026, 10, 30)
            )
            raise _Rollback
    except _Rollback:
        pass
    return content


def _invoice_text(content: dict) -> str:
    html = render_to_string("customs/commercial_invoice.html", {"doc": content})
    return re.sub(r"<[^>]+>", "", html.split("<body", 1)[1].split(">", 1)[1]).strip()


def run() -> dict:
    logging.getLogger("weasyprint").setLevel(logging.WARNING)  # its per-step INFO lines would flood the table
    content = _content()
    font_config = documents_font_config()
    text = _invoice_text(content)
    pre_page = f"<pre>{text}</pre>"
    paragraph_page = f"<p>{' '.join(text.split())}</p>"

    def render(page: str):
        return lambda: [weasyprint.HTML(string=page).write_pdf(font_config=font_config) for _ in range(N)]

    def measured():
        for _ in range(N):
            customs_document_pdf_render(content=content)

    sides = [render(BARE_PAGE), measured, render(pre_page), render(paragraph_page)]
    for side in sides:  # warm up fonts and template loading on every side alike
        side()
    base, ours, pre, paragraph = best_of_interleaved(*sides, repeats=REPEATS)
    base_rate = N / base
    subsetter = "HarfBuzz" if ffi.harfbuzz_subset is not None else "fontTools (libharfbuzz-subset0 missing)"
    baseline = f"{base_rate:,.1f}/s bare one-page WeasyPrint, shared font config, {subsetter} subsetting"
    lines = text.count("\n") + 1

    def row(measure: str, seconds: float, meets_target: bool | None) -> dict:
        rate = N / seconds
        return {
            "benchmark": "customs_documents",
            "measure": measure,
            "value": f"{rate:,.1f}/s",
            "baseline": baseline,
            "ratio": f"{rate / base_rate:.2f}x the rate",
            "target": f">= {TARGET_RATE}x" if meets_target is not None else "- (ceiling)",
            "meets_target": meets_target,
        }

    return {
        "n": N,
        "baseline_seconds": base,
        "measured_seconds": ours,
        "invoice_text_lines": lines,
        "invoice_text_words": len(text.split()),
        "rows": [
            row("commercial-invoice PDFs, one process", ours, N / ours / base_rate >= TARGET_RATE),
            row(f"the invoice's text alone, one <pre> block of {lines} lines, no stylesheet", pre, None),
            row(
                f"the invoice's text alone, one wrapped paragraph of {len(text.split())} words",
                paragraph,
                None,
            ),
        ],
    }
