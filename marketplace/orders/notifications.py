"""E-mails about orders: to the buyer (confirmed, refunded, out of stock) and to the seller (a new order,
an order refunded for lack of stock). Queued through the outbox by the services that decide them; sent
once each by orders.tasks.email_deliver."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from marketplace.accounts.languages import user_language
from marketplace.orders.addresses import address_lines
from marketplace.orders.links import order_url
from marketplace.orders.models import Order, OrderEmail

K = OrderEmail.Kind
TO_SELLER = {K.SELLER_NEW_ORDER, K.SELLER_SHORTFALL}


@transaction.atomic
def order_email_deliver(*, order_id: int, kind: str, key: str = "") -> bool:
    """Send the `kind` e-mail about an order (once per `key`); False when it had already been sent."""
    email, _ = OrderEmail.objects.get_or_create(order_id=order_id, kind=kind, key=key)
    email = OrderEmail.objects.select_for_update().get(pk=email.pk)
    if email.sent_at is not None:
        return False
    order = (
        Order.objects.select_related("seller__user", "checkout").prefetch_related("lines").get(pk=order_id)
    )
    context = {
        "order": order,
        "lines": list(order.lines.all()),
        "address": address_lines(order.address),
        "order_url": order_url(order.reference),
        "seller_url": settings.SITE_URL + reverse("seller_orders:detail", args=[order.reference]),
        "key": key,
    }
    template = f"orders/emails/{kind}"
    # The buyer's e-mails in the language they paid in; the seller's in the one they last used the site in.
    if kind in TO_SELLER:
        language = user_language(order.seller.user)
    else:
        language = order.checkout.language or settings.LANGUAGE_CODE
    with translation.override(language):
        subject = "".join(render_to_string(f"{template}_subject.txt", context).splitlines())
        body = render_to_string(f"{template}.txt", context)
    recipient = order.seller.user.email if kind in TO_SELLER else order.email
    send_mail(subject, body, None, [recipient], fail_silently=False)
    email.sent_at = timezone.now()
    email.save(update_fields=["sent_at"])
    return True
