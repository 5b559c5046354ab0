"""What orders tell the rest of the marketplace (the ledger receives these; orders never imports it).

Sent INSIDE the transaction that moves the order, with the order row locked, so a receiver's writes (the
ledger's postings) commit with the order's new state or not at all. A receiver that raises rolls the move
back. Receivers must be idempotent: a rolled-back payment event is processed again and moves the order again.
"""

from django.dispatch import Signal

# order=Order (as saved), previous=str (OrderStatus value), action=str (one of status.ACTIONS),
# external_reference=str (the payment or refund reference, when the move came from outside).
order_status_changed = Signal()
