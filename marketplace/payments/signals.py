"""What payments tells the rest of the marketplace (orders receives these; payments never imports orders).

When they are sent: INSIDE the transaction that processes the provider event, after the payment row is
updated and while it is locked (select_for_update), with `Signal.send` (not send_robust). So:

- a receiver's writes (the order marked paid, stock taken, a shipment created, e-mails put in the outbox)
  commit together with the payment's new status and the event's "processed" mark, or not at all;
- a receiver that raises rolls the whole event back, and the `webhooks` task processes it again later:
  nothing is half-done and nothing is lost. Receivers must therefore be idempotent per payment (they may
  see the same payment again after such a retry) and must not call slow outside services: put that work in
  the outbox (`ewtp.outbox.services.outbox_enqueue`), which commits with the same transaction;
- each signal is sent once per change of state: a replayed or late event that changes nothing sends nothing.

Receivers may call `refund_request` (the payment is already saved in its new state, e.g. to refund a stock
shortfall automatically).
"""

from django.dispatch import Signal

# payment=Payment: the payment is paid (status succeeded). Sent once per payment.
payment_succeeded = Signal()

# payment=Payment, message=str: a payment attempt failed (a decline: the buyer may try again on the hosted
# page, so a later payment_succeeded is possible) or the hosted page expired (status expired: final).
# Sent on the change into failed or expired, not again for a second decline in a row.
payment_failed = Signal()

# payment=Payment, refund=Refund | None, amount=Money: the provider reports more refunded than before
# (payment.amount_refunded_minor went up; status partially_refunded or refunded, or still disputed). Sent
# once per Refund made through refund_request (refund=it, amount=its amount), and once more with
# refund=None for what no Refund of ours explains (a refund made at the provider's dashboard; amount is that
# part of the increase of payment.amount_refunded_minor).
payment_refunded = Signal()

# payment=Payment: the buyer's bank opened a dispute (chargeback) on the payment. Sent once per payment.
payment_disputed = Signal()
