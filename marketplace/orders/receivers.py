"""Signal receivers of the orders app, connected in OrdersConfig.ready: payments' signals (orders react to
payments; payments never imports orders) and log-in (the session's cart merged into the account's)."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from marketplace.orders import payment_events
from marketplace.orders.cart import cart_merge
from marketplace.orders.sessions import CART_SESSION_KEY
from marketplace.payments.signals import payment_disputed, payment_failed, payment_refunded, payment_succeeded


@receiver(payment_succeeded, dispatch_uid="orders.payment_succeeded")
def on_payment_succeeded(sender, *, payment, **kwargs):
    payment_events.checkout_payment_succeeded(payment=payment)


@receiver(payment_failed, dispatch_uid="orders.payment_failed")
def on_payment_failed(sender, *, payment, message="", **kwargs):
    payment_events.checkout_payment_failed(payment=payment, message=message)


@receiver(payment_refunded, dispatch_uid="orders.payment_refunded")
def on_payment_refunded(sender, *, payment, refund=None, **kwargs):
    payment_events.checkout_payment_refunded(payment=payment, refund=refund)


@receiver(payment_disputed, dispatch_uid="orders.payment_disputed")
def on_payment_disputed(sender, *, payment, **kwargs):
    payment_events.checkout_payment_disputed(payment=payment)


@receiver(user_logged_in, dispatch_uid="orders.cart_merge")
def on_user_logged_in(sender, *, request, user, **kwargs):
    token = request.session.get(CART_SESSION_KEY) if request is not None else None
    if token:
        cart_merge(session_key=token, user=user)
        request.session.pop(CART_SESSION_KEY, None)
