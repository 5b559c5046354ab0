"""Duties assessed at customs that differ from the checkout's estimate post the difference, in the tracking
events' own transaction: to the buyer where the carrier collected it, to the platform where it guaranteed it.
"""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from ewtp.money import Money
from logistics.dispatch.models import Shipment
from logistics.partners.models import Partner
from logistics.tracking.applying import shipment_events_apply
from logistics.tracking.models import TrackingBatch, TrackingEvent
from marketplace.ledger.balances import balance
from marketplace.ledger.models import AccountKind as K
from marketplace.ledger.models import Transaction
from tests.marketplace.ledger.test_refunds import paid
from tests.marketplace.ledger.test_sales import ORDER_A, legs_of
from tests.marketplace.ledger.world import Sale

pytestmark = pytest.mark.django_db

# Shipped to the United States DDP, in USD: duty 7.20 and no tax, both collected at checkout (no IOSS-like
# scheme, so not "collected at sale"); nothing is due on delivery.
ORDER_US_DDP = Sale(
    items="100.00", shipping="20.00", duties="7.20", duties_at_checkout=True, incoterm="DDP",
    import_rule="full_duty", tax_collected_at_sale=False, landed_currency="USD",
)  # fmt: skip
START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def customs_assess(order, amount: str, currency: str, *, hours: int = 0, status: str = "customs_hold"):
    """The partner reports customs' figure with a tracking event; the `tracking` worker applies it."""
    shipment = Shipment.objects.get(pk=order.shipment_id)
    partner, _ = Partner.objects.get_or_create(slug="swift", defaults={"name": "Swift Parcel"})
    batch = TrackingBatch.objects.create(
        partner=partner, source="push", received_at=timezone.now(), events_stored=1, duplicates=0
    )
    TrackingEvent.objects.create(
        batch=batch, shipment=shipment, partner=partner, partner_event_id=f"ev-{status}-{hours}",
        status=status, occurred_at=START + timedelta(hours=hours), received_at=timezone.now(),
        duties_assessed_amount=Decimal(amount), duties_assessed_currency=currency, raw={},
    )  # fmt: skip
    shipment_events_apply(shipment_id=shipment.pk)


def differences(order) -> list[Transaction]:
    return list(Transaction.objects.filter(kind="duties_difference", reference=order.reference))


def test_more_assessed_than_estimated_is_owed_by_the_buyer_where_the_carrier_collects(gateway):
    # given order A: EUR 3.00 duty left to the carrier on delivery (DAP)
    _, (a,) = paid(ORDER_A)
    assert Shipment.objects.get(pk=a.shipment_id).duties_estimated_amount == Decimal("3.00")
    # when customs assesses EUR 4.50: 4.50 - 3.00 = 1.50 more
    customs_assess(a, "4.50", "EUR")
    # then the buyer owes 1.50 more and customs is owed it
    [more] = differences(a)
    assert more.event_key == f"duties-difference:{a.reference}"
    assert legs_of(more) == {("duties_receivable", "DE:duty", "1.5"), ("duties_payable", "DE:duty", "-1.5")}
    # when customs reassesses at EUR 2.50: the difference is now 2.50 - 3.00 = -0.50, a change of -2.00
    customs_assess(a, "2.50", "EUR", hours=2, status="in_transit")
    # then only the change is posted, the other way round, and the two add up to -0.50
    _, change = differences(a)
    assert change.event_key == f"duties-difference:{a.reference}:2"
    assert legs_of(change) == {("duties_receivable", "DE:duty", "-2"), ("duties_payable", "DE:duty", "2")}
    assert balance(K.DUTIES_RECEIVABLE, "EUR", "DE:duty") == Money("-0.50", "EUR")


def test_a_status_without_a_new_figure_posts_nothing_again(gateway):
    _, (a,) = paid(ORDER_A)
    customs_assess(a, "4.50", "EUR")
    # when the parcel moves on with the same figure (delivered, carrying customs' 4.50 again)
    customs_assess(a, "4.50", "EUR", hours=5, status="delivered")
    # then the difference was posted once
    assert len(differences(a)) == 1


def test_the_same_figure_as_estimated_posts_nothing(gateway):
    _, (a,) = paid(ORDER_A)
    customs_assess(a, "3.00", "EUR")
    assert differences(a) == []


def test_a_guaranteed_ddp_figure_is_borne_by_the_platform_both_ways(gateway):
    # given a DDP order whose USD 7.20 duty was collected at checkout
    _, (us,) = paid_in(ORDER_US_DDP, currency="USD", ship_to="US")
    # when customs assesses USD 9.00: 9.00 - 7.20 = 1.80 more, which the platform bears
    customs_assess(us, "9.00", "USD")
    [more] = differences(us)
    assert legs_of(more) == {("duties_guaranteed", "US:duty", "1.8"), ("duties_payable", "US:duty", "-1.8")}
    # when customs corrects it to USD 6.00: 6.00 - 7.20 = -1.20, a change of -3.00 back to the platform
    customs_assess(us, "6.00", "USD", hours=1, status="in_transit")
    _, less = differences(us)
    assert legs_of(less) == {("duties_guaranteed", "US:duty", "-3"), ("duties_payable", "US:duty", "3")}
    assert balance(K.DUTIES_GUARANTEED, "USD", "US:duty") == Money("-1.20", "USD")  # the platform gains


def test_collected_at_sale_with_nothing_due_on_delivery_is_guaranteed_by_the_platform(gateway):
    # given a UK order under GBP 135: VAT 20 % of (40.00 + 8.00) = 9.60 collected at sale, nothing on delivery
    uk = Sale(items="40.00", shipping="8.00", taxes="9.60", taxes_at_checkout=True, landed_currency="GBP")
    _, (order,) = paid_in(uk, currency="GBP", ship_to="GB")
    # when customs charges GBP 2.40 anyway (estimate 0): the platform answers for it
    customs_assess(order, "2.40", "GBP")
    [charged] = differences(order)
    assert legs_of(charged) == {
        ("duties_guaranteed", "GB:duty", "2.4"),
        ("duties_payable", "GB:duty", "-2.4"),
    }


def paid_in(sale: Sale, *, currency: str, ship_to: str):
    from tests.marketplace.ledger.world import checkout_placed, deliver, session_completed

    payment, orders = checkout_placed(sale, currency=currency, ship_to=ship_to)
    deliver("checkout.session.completed", session_completed(payment))
    for order in orders:
        order.refresh_from_db()
    return payment, orders
