"""Orders: one per seller per checkout, recording immutably what the buyer accepted, and their states.

    pending_payment ──pay──> paid ──dispatch──> dispatched ──transit──> in_transit ──deliver──> delivered
          │                   │                                                          │
          ├─cancel─> cancelled │                                                   complete
          └─refund_shortfall─┐ └──────refund / dispute (also from later states)──> refunded | disputed
                             v                                                           v
                          refunded                                                   completed

The transitions are django-fsm-2 methods on the status field, which is protected: it changes only through
them, and only marketplace.orders.status calls them (it locks the row and records an OrderEvent each time).
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from ewtp.money import Money
from marketplace.listings.models import Listing
from marketplace.orders.checkout_models import Checkout
from marketplace.orders.errors import OrderImmutableError
from marketplace.orders.history_reasons import history_reason_shown
from marketplace.sellers.models import Seller


class OrderStatus(models.TextChoices):
    PENDING_PAYMENT = "pending_payment", _("Pending payment")
    PAID = "paid", _("Paid")
    DISPATCHED = "dispatched", _("Dispatched")
    IN_TRANSIT = "in_transit", _("In transit")
    DELIVERED = "delivered", _("Delivered")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")
    REFUNDED = "refunded", _("Refunded")
    DISPUTED = "disputed", _("Disputed")


S = OrderStatus
# Paid for and not (fully) given back: what a refund or a dispute can start from.
PAID_STATES = [S.PAID, S.DISPATCHED, S.IN_TRANSIT, S.DELIVERED, S.COMPLETED]


class Order(FSMModelMixin, models.Model):
    # Written once, when the order is placed; a later save may only touch MUTABLE_FIELDS.
    MUTABLE_FIELDS = frozenset({"status", "refunded_amount", "stock_shortfall", "shipment_id", "paid_at"})

    reference = models.CharField(max_length=40, unique=True)  # unguessable; also the shipment's reference
    checkout = models.ForeignKey(Checkout, on_delete=models.PROTECT, related_name="orders")
    review_version = models.PositiveIntegerField()
    seller = models.ForeignKey(Seller, on_delete=models.PROTECT, related_name="orders")
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="orders"
    )
    email = models.EmailField()
    status = FSMField(default=S.PENDING_PAYMENT, choices=S.choices, protected=True, db_index=True)
    # The buyer's (presentment) currency and every amount they were shown, rounded to it.
    currency = models.CharField(max_length=3)
    items_amount = models.DecimalField(max_digits=16, decimal_places=4)
    shipping_amount = models.DecimalField(max_digits=16, decimal_places=4)
    duties_amount = models.DecimalField(max_digits=16, decimal_places=4)
    taxes_amount = models.DecimalField(max_digits=16, decimal_places=4)
    fees_amount = models.DecimalField(max_digits=16, decimal_places=4)
    total_amount = models.DecimalField(max_digits=16, decimal_places=4)
    due_at_checkout_amount = models.DecimalField(max_digits=16, decimal_places=4)
    due_on_delivery_amount = models.DecimalField(max_digits=16, decimal_places=4)
    # The seller's side: their currency, the goods at their own prices, freight at the quote's rate.
    seller_currency = models.CharField(max_length=3)
    seller_items_amount = models.DecimalField(max_digits=16, decimal_places=4)
    incoterm = models.CharField(max_length=3)
    import_rule = models.CharField(max_length=30, blank=True)
    # The platform collected import VAT/GST at sale as the deemed supplier (EU IOSS, UK, AU, NO VOEC, SG).
    tax_collected_at_sale = models.BooleanField(default=False)
    ship_to = models.CharField(max_length=2)
    address = models.JSONField()
    shipping_option = models.JSONField()
    landed_quote = models.JSONField(null=True, blank=True)  # None within the seller's own country
    fx_rates = models.JSONField()
    snapshot = models.JSONField(help_text="The whole seller order as the buyer accepted it on the review.")
    # Bookkeeping that follows the order's life.
    refunded_amount = models.DecimalField(max_digits=16, decimal_places=4, default=Decimal(0))
    stock_shortfall = models.BooleanField(default=False)
    shipment_id = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["checkout", "review_version"], name="order_by_checkout")]

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        if not self._state.adding:
            update_fields = kwargs.get("update_fields")
            if update_fields is None or not set(update_fields) <= self.MUTABLE_FIELDS:
                raise OrderImmutableError(
                    "What an order recorded at checkout cannot be changed.",
                    details={"fields": sorted(set(update_fields or ["*"]) - self.MUTABLE_FIELDS)},
                )
        super().save(*args, **kwargs)

    def money(self, field: str) -> Money:
        return Money(getattr(self, f"{field}_amount"), self.currency)

    @property
    def due_at_checkout(self) -> Money:
        return self.money("due_at_checkout")

    @property
    def refundable(self) -> Money:
        return self.due_at_checkout - Money(self.refunded_amount, self.currency)

    # -- transitions (called only by marketplace.orders.status) ----------------------------------------

    @transition(field=status, source=S.PENDING_PAYMENT, target=S.PAID)
    def pay(self):
        pass

    @transition(field=status, source=S.PENDING_PAYMENT, target=S.CANCELLED)
    def cancel(self):
        pass

    @transition(field=status, source=S.PENDING_PAYMENT, target=S.REFUNDED)
    def refund_shortfall(self):
        """Paid after its stock was gone: refunded without ever being paid for goods."""

    @transition(field=status, source=S.PAID, target=S.DISPATCHED)
    def dispatch(self):
        pass

    @transition(field=status, source=S.DISPATCHED, target=S.IN_TRANSIT)
    def transit(self):
        pass

    @transition(field=status, source=[S.DISPATCHED, S.IN_TRANSIT], target=S.DELIVERED)
    def deliver(self):
        pass

    @transition(field=status, source=S.DELIVERED, target=S.COMPLETED)
    def complete(self):
        pass

    @transition(field=status, source=[*PAID_STATES, S.DISPUTED], target=S.REFUNDED)
    def refund(self):
        pass

    @transition(field=status, source=PAID_STATES, target=S.DISPUTED)
    def dispute(self):
        pass


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    listing = models.ForeignKey(Listing, on_delete=models.SET_NULL, null=True, related_name="+")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=140)
    sku = models.CharField(max_length=64)
    quantity = models.PositiveIntegerField()
    unit_price = models.DecimalField(max_digits=16, decimal_places=4, help_text="In the seller's currency.")
    unit_price_buyer = models.DecimalField(max_digits=16, decimal_places=4)
    line_total_buyer = models.DecimalField(max_digits=16, decimal_places=4)
    fx_rate = models.DecimalField(max_digits=24, decimal_places=12)
    fx_rate_date = models.DateField()
    fx_source = models.CharField(max_length=120)
    hs_code = models.CharField(max_length=10)
    origin_country = models.CharField(max_length=2)
    net_weight_kg = models.DecimalField(max_digits=8, decimal_places=3)

    class Meta:
        ordering = ["order", "position"]
        constraints = [models.UniqueConstraint(fields=["order", "position"], name="order_line_position")]

    def __str__(self):
        return f"{self.quantity} x {self.title}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise OrderImmutableError("An order line cannot be changed.", details={"line": self.pk})
        super().save(*args, **kwargs)


class OrderEvent(models.Model):
    """One transition of an order: from, to, when, who (a user, or the system part that acted) and why."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=30)
    from_status = models.CharField(max_length=20, choices=S.choices)
    to_status = models.CharField(max_length=20, choices=S.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(max_length=60, help_text="'buyer', 'seller', 'operator' or 'payments'.")
    reason = models.TextField(blank=True)
    # A reason with a value inside: its message code and values (history_reasons.py), so each reader gets
    # the sentence in their language; empty for reasons translated as stored, and for older rows.
    reason_params = models.JSONField(default=dict, blank=True)
    # What the event is about where it came from outside (a payment or refund reference): a replayed
    # signal finds it and records nothing twice.
    external_reference = models.CharField(max_length=80, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.order}: {self.from_status} -> {self.to_status}"

    @property
    def reason_shown(self) -> str:
        """The reason in the active language, its values shown for that language."""
        return history_reason_shown(reason=self.reason, params=self.reason_params)


class OrderEmail(models.Model):
    """An e-mail about an order, sent once: a redelivered task finds `sent_at` set and sends nothing."""

    class Kind(models.TextChoices):
        BUYER_CONFIRMATION = "buyer_confirmation", "Buyer: order confirmed"
        SELLER_NEW_ORDER = "seller_new_order", "Seller: new order"
        BUYER_SHORTFALL = "buyer_shortfall", "Buyer: out of stock, refunded"
        SELLER_SHORTFALL = "seller_shortfall", "Seller: order refunded for lack of stock"
        BUYER_REFUND = "buyer_refund", "Buyer: refund"

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="emails")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    key = models.CharField(max_length=80, default="", blank=True)  # the refund reference, for refunds
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["order", "kind", "key"], name="order_email_once"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.order}"
