"""Celery tasks of the seller domain."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from ewtp.mail import MAIL_TASK_OPTIONS
from marketplace.sellers.models import SellerStatusEvent
from marketplace.sellers.notifications import TEMPLATES


# A mail server that is down or refuses for a while is worth retrying; a template error is not.
@shared_task(name="sellers.status_email_deliver", **MAIL_TASK_OPTIONS)
def status_email_deliver(event_id: int) -> bool:
    """Send the e-mail for one status change; False when it had already been sent."""
    with transaction.atomic():
        event = SellerStatusEvent.objects.select_for_update().select_related("seller__user").get(pk=event_id)
        if event.email_sent_at is not None:
            return False
        seller = event.seller
        template = TEMPLATES[event.to_status]
        # The reason is the one given with this decision, even if the seller has moved on since.
        context = {"seller": seller, "reason": event.reason, "site_url": settings.SITE_URL}
        subject = "".join(render_to_string(f"{template}_subject.txt", context).splitlines())
        body = render_to_string(f"{template}.txt", context)
        send_mail(subject, body, None, [seller.user.email], fail_silently=False)
        event.email_sent_at = timezone.now()
        event.save(update_fields=["email_sent_at"])
    return True
