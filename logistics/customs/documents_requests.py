"""Asking for a shipment's customs documents: the request goes through the outbox, in the caller's
transaction, so a broker that is down delays the documents and never loses them."""

from ewtp.outbox.services import outbox_enqueue
from logistics.customs.tasks import documents_generate


def customs_documents_request(*, shipment_id: int) -> None:
    """Have a worker on the `documents` queue issue the shipment's documents once this transaction commits."""
    outbox_enqueue(documents_generate, shipment_id=shipment_id)
