"""E-mails to sellers about operators' decisions, sent once the decision is committed."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string

from marketplace.sellers.models import Seller

TEMPLATES = {
    Seller.Status.VERIFIED: "sellers/emails/verified",
    Seller.Status.REJECTED: "sellers/emails/rejected",
    Seller.Status.SUSPENDED: "sellers/emails/suspended",
}


def seller_status_email_send(*, seller: Seller) -> None:
    """E-mail the seller their new status (verified, rejected with the reason, suspended with the reason)
    after the transaction commits, so no e-mail announces a decision that was rolled back."""
    template = TEMPLATES.get(seller.status)
    if template is None:
        return
    context = {"seller": seller, "site_url": getattr(settings, "SITE_URL", "")}
    subject = "".join(render_to_string(f"{template}_subject.txt", context).splitlines())
    body = render_to_string(f"{template}.txt", context)
    recipient = seller.user.email
    transaction.on_commit(lambda: send_mail(subject, body, None, [recipient], fail_silently=False))
