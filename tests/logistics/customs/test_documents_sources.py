"""What a customs document names as the source of its SDR rate: the IMF, with its address; never a file of
ours, whichever way the rate was loaded (the seeds or the IMF's own export)."""

import io
import json
import re
from datetime import date
from pathlib import Path

import pypdf
import pytest

from logistics.customs.documents import customs_documents_issue
from logistics.customs.sdr import IMF_SDR_URL, sdr_rates_import
from tests.logistics.customs.postal_lanes import lane_card

ON = date(2026, 10, 30)
IMF_EXPORT = Path(__file__).resolve().parent / "imf" / "rms_five.tsv"
# What must never reach a document: file names and paths of the data behind it.
INTERNAL = re.compile(
    r"\.(csv|tsv|zip|xml|xlsx?)\b|seeds/|eurofxref|rms_five|rms_sdrv\.aspx\?", re.IGNORECASE
)


def _texts(document) -> tuple[str, str]:
    with document.pdf.storage.open(document.pdf.name) as stored:
        pdf = pypdf.PdfReader(io.BytesIO(stored.read()))
    return " ".join(page.extract_text() for page in pdf.pages), json.dumps(document.content)


@pytest.fixture
def documents(customs_rules, documents_dir, make_shipment):
    lane_card()  # a letter-post lane: the small shipment takes a CN22, the SDR figures on it

    def issue(on: date = ON):
        return customs_documents_issue(shipment_id=make_shipment().pk, on=on)

    return issue


def test_a_declaration_from_the_seeds_names_the_imf_and_says_estimate(documents):
    # given the seeds' SDR rate of 2026-01-02 (an estimate)
    invoice, declaration, packing = documents()
    # then
    pdf, _ = _texts(declaration)
    assert "1 SDR = 1.360000 USD on 2026-01-02, IMF, estimate" in " ".join(pdf.split())
    assert declaration.content["value_in_sdr"] == {
        "value": "73.53",
        "usd_per_sdr": "1.360000",
        "sdr_rate_date": "2026-01-02",
        "sdr_rate_source": "International Monetary Fund, SDR valuation",
        "sdr_rate_source_url": IMF_SDR_URL,
        "sdr_rate_estimate": True,
    }
    for document in (invoice, declaration, packing):
        for text in _texts(document):
            assert not INTERNAL.search(text.replace(IMF_SDR_URL, "")), text


def test_a_declaration_from_an_imported_imf_rate_names_the_imf_and_no_file(documents):
    # given the IMF's export of 15-20 October 2025 imported: on 2025-10-20, 1 SDR = 1.36568 USD, verified
    sdr_rates_import(data=IMF_EXPORT.read_bytes())
    # when a declaration is issued that day
    declaration = documents(on=date(2025, 10, 20))[1]
    # then
    pdf, content = _texts(declaration)
    assert "1 SDR = 1.365680 USD on 2025-10-20, IMF)" in " ".join(pdf.split())
    assert declaration.content["value_in_sdr"]["sdr_rate_estimate"] is False
    assert not INTERNAL.search(pdf) and not INTERNAL.search(content.replace(IMF_SDR_URL, ""))
