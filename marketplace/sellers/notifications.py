"""E-mails to sellers about operators' decisions: queued once the decision commits, sent by a worker that
retries a mail server that is down, and sent once per decision."""

from __future__ import annotations

from marketplace.sellers.models import Seller

TEMPLATES = {
    Seller.Status.VERIFIED: "sellers/emails/verified",
    Seller.Status.REJECTED: "sellers/emails/rejected",
    Seller.Status.SUSPENDED: "sellers/emails/suspended",
}


def seller_status_email_send(*, seller: Seller) -> None:
    """Queue the e-mail about the seller's latest status change, after the transaction commits, so no
    e-mail announces a decision that was rolled back."""
    event = seller.status_events.order_by("-at", "-id").first()
    if event is None or event.to_status not in TEMPLATES:
        return
    from marketplace.sellers.tasks import status_email_deliver

    status_email_deliver.delay_on_commit(event.pk)
