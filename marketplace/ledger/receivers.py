"""The journal follows the business: each receiver posts in the transaction of the change that causes it
(the order becoming paid, the provider's refund or dispute applied, the tracking events applied), so a
posting commits with its cause or not at all, and is idempotent per event (a rerun after a rollback, or a
replayed webhook, posts nothing). Connected in LedgerConfig.ready.
"""

from __future__ import annotations

from django.dispatch import receiver

from logistics.dispatch.signals import shipment_status_changed
from marketplace.ledger.duties import shipment_duties_post
from marketplace.ledger.refunds import dispute_post, refund_external_post, refund_post
from marketplace.ledger.sales import order_sale_post
from marketplace.orders.signals import order_status_changed
from marketplace.payments.signals import payment_disputed, payment_refunded


@receiver(order_status_changed, dispatch_uid="ledger.order_status_changed")
def on_order_status_changed(sender, *, order, action, external_reference="", **kwargs):
    if action == "pay":
        order_sale_post(order=order, payment_reference=external_reference)


@receiver(payment_refunded, dispatch_uid="ledger.payment_refunded")
def on_payment_refunded(sender, *, payment, amount, refund=None, **kwargs):
    if refund is None:
        refund_external_post(
            payment_reference=payment.reference,
            refunded_total_minor=payment.amount_refunded_minor,
            amount=amount,
        )
        return
    refund_post(
        payment_reference=payment.reference,
        refund_reference=refund.reference,
        order_reference=refund.order_reference,
        amount=refund.amount,
    )


@receiver(payment_disputed, dispatch_uid="ledger.payment_disputed")
def on_payment_disputed(sender, *, payment, **kwargs):
    left = payment.amount - payment.amount_refunded
    if left.amount > 0:
        dispute_post(payment_reference=payment.reference, amount=left)


@receiver(shipment_status_changed, dispatch_uid="ledger.shipment_status_changed")
def on_shipment_status_changed(sender, *, shipment, **kwargs):
    shipment_duties_post(shipment=shipment)
