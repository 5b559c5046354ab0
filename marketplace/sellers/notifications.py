"""E-mails to sellers about operators' decisions: written to the outbox with the decision, sent by a worker
that retries a mail server that is down, and sent once per decision."""

from __future__ import annotations

from ewtp.outbox.services import outbox_enqueue
from marketplace.sellers.models import Seller

TEMPLATES = {
    Seller.Status.VERIFIED: "sellers/emails/verified",
    Seller.Status.REJECTED: "sellers/emails/rejected",
    Seller.Status.SUSPENDED: "sellers/emails/suspended",
}


def seller_status_email_send(*, seller: Seller) -> None:
    """Queue the e-mail about the seller's latest status change in the decision's own transaction (the
    outbox): no e-mail announces a decision that was rolled back, and none is lost when the broker is down."""
    event = seller.status_events.order_by("-at", "-id").first()
    if event is None or event.to_status not in TEMPLATES:
        return
    from marketplace.sellers.tasks import status_email_deliver

    outbox_enqueue(status_email_deliver, event_id=event.pk)
