"""Operators see runs and cases, resolve cases with a note (asked on an intermediate page) and download
cases as CSV."""

import csv
import io

import pytest

from marketplace.reconciliation.cases import case_resolve
from marketplace.reconciliation.errors import CaseAlreadyResolvedError, ResolutionNoteMissingError
from marketplace.reconciliation.models import ReconciliationCase
from marketplace.reconciliation.runs import reconciliation_run
from tests.marketplace.reconciliation.conftest import NOW, paid
from tests.marketplace.reconciliation.stripe_pages import charge_txn

pytestmark = pytest.mark.django_db
CASES = "/admin/reconciliation/reconciliationcase/"


@pytest.fixture
def two_cases(stripe_pages) -> list[ReconciliationCase]:
    # an unknown charge (missing on the platform), and EUR 90.00 at Stripe for a EUR 100.00 payment
    paid(10000, charge="ch_1", intent="pi_1")
    stripe_pages(
        balance_transactions=[
            charge_txn("txn_9", charge_id="ch_9", intent_id="pi_9", amount=5000, currency="eur"),
            charge_txn("txn_1", charge_id="ch_1", intent_id="pi_1", amount=9000, currency="eur"),
        ]
    )
    reconciliation_run(provider="stripe", now=NOW)
    return list(ReconciliationCase.objects.order_by("subject"))


def test_the_runs_and_cases_pages_list_them(admin_client, two_cases):
    assert admin_client.get("/admin/reconciliation/reconciliationrun/").status_code == 200
    page = admin_client.get(CASES)
    assert page.status_code == 200
    assert b"txn_9" in page.content and b"txn_1" in page.content


def test_resolving_asks_for_a_note_then_closes_the_cases_with_it(admin_client, admin_user, two_cases):
    selected = {"action": "resolve_selected", "_selected_action": [c.pk for c in two_cases]}
    # when the operator picks the action: a page asks for the note, nothing is resolved yet
    asking = admin_client.post(CASES, selected)
    assert asking.status_code == 200 and b"Resolution note" in asking.content
    assert ReconciliationCase.objects.filter(status="open").count() == 2
    # when the note is given
    note = "Charged twice by the bank; Stripe support ticket 4711."
    done = admin_client.post(CASES, selected | {"confirm": "yes", "note": note}, follow=True)
    # then both are closed with the note, and the operator is told so in a sentence of its own plural
    assert "2 cases resolved." in [str(m) for m in done.context["messages"]]
    for case in ReconciliationCase.objects.all():
        assert (case.status, case.resolution_note, case.resolved_by) == ("resolved", note, admin_user)
        assert case.resolved_at is not None


def test_a_case_is_not_resolved_without_a_note_nor_twice(admin_user, two_cases):
    with pytest.raises(ResolutionNoteMissingError):
        case_resolve(case_id=two_cases[0].pk, note="  ", user=admin_user)
    case_resolve(case_id=two_cases[0].pk, note="Known", user=admin_user)
    with pytest.raises(CaseAlreadyResolvedError):
        case_resolve(case_id=two_cases[0].pk, note="Again", user=admin_user)


def test_cases_download_as_csv(admin_client, two_cases):
    response = admin_client.post(
        CASES, {"action": "download_csv", "_selected_action": [c.pk for c in two_cases]}
    )
    assert response["Content-Type"] == "text/csv"
    assert response["Content-Disposition"].startswith('attachment; filename="reconciliation-cases-')
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert sorted((r["kind"], r["subject"], r["provider_amount"], r["platform_amount"]) for r in rows) == [
        ("amount_differs", "txn_1", "90.00 EUR", "100.00 EUR"),
        ("missing_on_platform", "txn_9", "50.00 EUR", ""),
    ]
