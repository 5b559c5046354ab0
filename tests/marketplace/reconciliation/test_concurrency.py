"""On PostgreSQL, two runs started at once for the same provider read its records once: the cursor's lease
lets one read while the other ends at once (or finds nothing left), and every record is posted once."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.db import connection

from marketplace.ledger.models import Transaction
from marketplace.payments.settlement_models import BuiltinGatewaySettlement
from marketplace.reconciliation.models import ProviderRecord, ReconciliationRun
from marketplace.reconciliation.runs import reconciliation_run
from tests.marketplace.reconciliation.conftest import paid

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
        reason="needs PostgreSQL: SQLite serialises writers, so the runs never overlap",
    ),
]
RECORDS = 12


def test_two_runs_at_once_count_every_record_once():
    # given twelve matched EUR 10.00 charges on the test gateway, pages of 2
    created = datetime(2026, 11, 1, tzinfo=UTC)
    for n in range(RECORDS):
        paid(1000, gateway="test", charge=f"ch_test_{n}", intent=f"pi_test_{n}", succeeded_at=created)
        BuiltinGatewaySettlement.objects.create(
            provider_id=f"txn_test_{n}", type="charge", amount=1000, fee=30, net=970, currency="EUR",
            presentment_amount=1000, presentment_currency="EUR", source_id=f"ch_test_{n}",
            charge_id=f"ch_test_{n}", payment_intent_id=f"pi_test_{n}",
            created=created + timedelta(seconds=n),
        )  # fmt: skip
    barrier, runs = threading.Barrier(2), []

    def run():
        try:
            barrier.wait()
            runs.append(reconciliation_run(provider="test", now=created + timedelta(days=1)))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    # then each record once, posted once, whichever run read it
    assert ProviderRecord.objects.count() == RECORDS
    assert Transaction.objects.filter(kind="provider_txn").count() == RECORDS
    assert sum(r.records_new for r in runs) == RECORDS
    assert ReconciliationRun.Status.SUCCEEDED in {r.status for r in runs}
