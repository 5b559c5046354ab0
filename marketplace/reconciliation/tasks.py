"""The beat task of reconciliation, on the `reconciliation` queue: thin, one run per configured provider.

Idempotent by construction (records, cases and postings are unique; the cursor only moves with committed
pages), so acks_late holds: a run redelivered after a worker crash resumes from the cursor. A failed run is
not retried here: the next beat resumes it.
"""

from celery import shared_task

from marketplace.reconciliation.runs import providers_configured, reconciliation_run


@shared_task(name="reconciliation.run", queue="reconciliation", acks_late=True)
def run() -> list[dict]:
    """Reconcile every configured provider; returns each run's id, provider and status (for the logs)."""
    runs = [reconciliation_run(provider=provider) for provider in providers_configured()]
    return [{"run": r.pk, "provider": r.provider, "status": r.status, "new": r.records_new} for r in runs]
