"""Customs work for the `documents` queue."""

from celery import shared_task
from django.db import OperationalError

from logistics.customs.documents import customs_documents_issue


@shared_task(
    name="customs.documents_generate",
    queue="documents",
    acks_late=True,
    # Lock timeouts and dropped connections are worth retrying; an incomplete shipment is not.
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
)
def documents_generate(*, shipment_id: int) -> list[dict]:
    """Issue (or, on a rerun, return) the shipment's documents; idempotent."""
    documents = customs_documents_issue(shipment_id=shipment_id)
    return [
        {"kind": d.kind, "number": d.number, "version": d.version, "pdf": d.pdf.name, "json": d.json.name}
        for d in documents
    ]
