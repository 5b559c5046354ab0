"""A charge the provider settled and the platform matched must have its orders' sales in the ledger
(posting 1, "payment:<payment ref>:<order ref>"): one missing is a not_posted case. Figures worked by hand."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from marketplace.ledger.models import Transaction
from marketplace.ledger.sales import order_sale_post
from marketplace.orders.models import Checkout, Order
from marketplace.reconciliation.models import CaseKind, ReconciliationCase
from marketplace.reconciliation.runs import reconciliation_run
from tests.marketplace.reconciliation.conftest import NOW, paid
from tests.marketplace.reconciliation.stripe_pages import CREATED, charge_txn
from tests.marketplace.sellers.factories import SellerFactory

pytestmark = pytest.mark.django_db


def cases() -> list[tuple[str, str]]:
    return sorted(ReconciliationCase.objects.values_list("kind", "subject"))


def order_paid(payment, *, reference: str, paid_by: str | None = None, items="100.00", shipping="10.00"):
    """An order of `payment`'s checkout, paid at CREATED: EUR `items` + `shipping` due at checkout. The
    checkout names `paid_by` (the payment itself unless said) as the payment that paid it."""
    checkout, _ = Checkout.objects.get_or_create(
        reference=payment.purpose_reference,
        defaults={
            "currency": "EUR",
            "status": Checkout.Status.COMPLETED,
            "paid_payment_reference": paid_by or payment.reference,
        },
    )
    items_, shipping_ = Decimal(items), Decimal(shipping)
    return Order.objects.create(
        reference=reference, checkout=checkout, review_version=1,
        seller=SellerFactory(verified=True, country="KE", default_currency="KES"), email="anna@example.com",
        currency="EUR", items_amount=items_, shipping_amount=shipping_, duties_amount=0, taxes_amount=0,
        fees_amount=0, total_amount=items_ + shipping_, due_at_checkout_amount=items_ + shipping_,
        due_on_delivery_amount=0, seller_currency="KES", seller_items_amount=items_ * Decimal("144.30"),
        incoterm="DAP", ship_to="DE", address={}, shipping_option={"partner_slug": "swift"}, fx_rates=[],
        snapshot={}, status="paid", paid_at=datetime.fromtimestamp(CREATED, UTC),
    )  # fmt: skip


def charge_of(payment, amount=11000):
    return charge_txn("txn_1", charge_id="ch_1", intent_id="pi_1", amount=amount, currency="eur", fee=345)


def test_a_settled_payment_whose_orders_sales_are_posted_opens_no_case(stripe_pages):
    # given EUR 110.00 paid for one order (items 100.00 + shipping 10.00), its sale posted
    payment = paid(11000, "EUR", charge="ch_1", intent="pi_1")
    order_sale_post(order=order_paid(payment, reference="EW-SALE-0001"), payment_reference=payment.reference)
    stripe_pages(balance_transactions=[charge_of(payment)])
    # when
    reconciliation_run(provider="stripe", now=NOW)
    # then
    assert cases() == []


def test_a_settled_payment_whose_sale_was_never_posted_is_not_posted(stripe_pages):
    # given EUR 110.00 paid for two orders of one checkout (each 50.00 + 5.00 = 55.00), one posted
    payment = paid(11000, "EUR", charge="ch_1", intent="pi_1")
    first = order_paid(payment, reference="EW-SALE-0001", items="50.00", shipping="5.00")
    order_paid(payment, reference="EW-SALE-0002", items="50.00", shipping="5.00")
    order_sale_post(order=first, payment_reference=payment.reference)
    stripe_pages(balance_transactions=[charge_of(payment)])
    # when
    reconciliation_run(provider="stripe", now=NOW)
    # then one case on the provider's record, naming the second order's posting only
    assert cases() == [(CaseKind.NOT_POSTED, "txn_1")]
    case = ReconciliationCase.objects.get()
    assert case.payment == payment
    assert case.platform_amount == "110.00 EUR"
    assert f"payment:{payment.reference}:EW-SALE-0002" in case.description
    assert "EW-SALE-0001" not in case.description
    # and the provider's own posting (posting 7) is still made: the money did arrive
    assert Transaction.objects.filter(event_key="provider-txn:txn_1").exists()


def test_a_second_run_does_not_open_the_case_again(stripe_pages):
    # given a settled payment whose only order's sale is missing, reconciled once
    payment = paid(11000, "EUR", charge="ch_1", intent="pi_1")
    order_paid(payment, reference="EW-SALE-0001")
    stripe_pages(balance_transactions=[charge_of(payment)])
    window = (CREATED - 1, CREATED + 1)
    reconciliation_run(provider="stripe", window=window, now=NOW)
    # when the window is read again
    again = reconciliation_run(provider="stripe", window=window, now=NOW)
    # then
    assert again.cases_opened == 0
    assert cases() == [(CaseKind.NOT_POSTED, "txn_1")]


def test_a_payment_its_checkout_does_not_name_as_paid_expects_no_sale(stripe_pages):
    # given a duplicate payment: its checkout was paid by another payment (this one is refunded whole)
    payment = paid(11000, "EUR", charge="ch_1", intent="pi_1")
    order_paid(payment, reference="EW-SALE-0001", paid_by="pay_the_other_one")
    stripe_pages(balance_transactions=[charge_of(payment)])
    # when
    reconciliation_run(provider="stripe", now=NOW)
    # then no not_posted case for it: no order was paid by it
    assert cases() == []


def test_an_order_never_paid_expects_no_sale(stripe_pages):
    # given the checkout paid by the payment, but its order refunded for lack of stock (never paid)
    payment = paid(11000, "EUR", charge="ch_1", intent="pi_1")
    order = order_paid(payment, reference="EW-SALE-0001")
    Order.objects.filter(pk=order.pk).update(paid_at=None, status="refunded")
    stripe_pages(balance_transactions=[charge_of(payment)])
    # when
    reconciliation_run(provider="stripe", now=NOW)
    # then
    assert cases() == []
