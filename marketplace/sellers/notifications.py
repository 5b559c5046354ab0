"""E-mails to sellers about operators' decisions: sent by a worker (sellers.tasks) that retries a mail server
that is down, once per decision. The decision queues it through the outbox (sellers.status)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from marketplace.accounts.languages import user_language
from marketplace.sellers.models import Seller, SellerStatusEvent

TEMPLATES = {
    Seller.Status.VERIFIED: "sellers/emails/verified",
    Seller.Status.REJECTED: "sellers/emails/rejected",
    Seller.Status.SUSPENDED: "sellers/emails/suspended",
}


def seller_status_email_due(event: SellerStatusEvent) -> bool:
    """Whether a status change is one the seller is e-mailed about (an operator's decision)."""
    return event.to_status in TEMPLATES


@transaction.atomic
def seller_status_email_deliver(*, event_id: int) -> bool:
    """Send the e-mail for one status change; False when it had already been sent."""
    event = SellerStatusEvent.objects.select_for_update().select_related("seller__user").get(pk=event_id)
    if event.email_sent_at is not None:
        return False
    seller = event.seller
    template = TEMPLATES[event.to_status]
    # The reason is the one given with this decision, even if the seller has moved on since.
    context = {"seller": seller, "reason": event.reason, "site_url": settings.SITE_URL}
    with translation.override(user_language(seller.user)):
        subject = "".join(render_to_string(f"{template}_subject.txt", context).splitlines())
        body = render_to_string(f"{template}.txt", context)
    send_mail(subject, body, None, [seller.user.email], fail_silently=False)
    event.email_sent_at = timezone.now()
    event.save(update_fields=["email_sent_at"])
    return True
