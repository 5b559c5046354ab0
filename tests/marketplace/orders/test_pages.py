"""The buyer's and the seller's order pages: who sees what (a guest through the signed link only), the
seller's refunds before dispatch and their customs documents."""

from decimal import Decimal

import pytest

from ewtp.outbox.models import OutboxMessage
from marketplace.orders.links import order_token
from marketplace.orders.models import Order, OrderStatus
from marketplace.payments.models import Refund
from tests.marketplace.listings.factories import ListingFactory
from tests.marketplace.sellers.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid(buyer, basket):
    """A paid order of EUR 44.24 placed by a guest (see test_checkout_flow.py for the figures)."""
    buyer.add(basket)
    buyer.checkout()
    buyer.card(buyer.pay().url)
    return Order.objects.get()


def test_a_guest_reaches_the_order_page_only_through_its_signed_link(client, paid):
    # given the link of the confirmation e-mail, then it opens the page
    assert client.get(f"/orders/{paid.reference}/?t={order_token(paid.reference)}").status_code == 200
    # and without it, with a forged one, or with another order's, the order does not exist
    for token in ("", "forged", order_token("EW-0000-0000-0000-0000"), order_token(paid.reference) + "x"):
        assert client.get(f"/orders/{paid.reference}/", {"t": token}).status_code == 404


def test_a_logged_in_buyer_sees_their_orders_and_nobody_elses(
    client, celery_eager, django_capture_on_commit_callbacks, basket
):
    # given a buyer with an account who bought the basket
    from tests.marketplace.orders.conftest import ADDRESS_DE, Buyer

    account = UserFactory(email="anna@example.com")
    client.login(email=account.email, password=PASSWORD)
    buyer = Buyer(client, django_capture_on_commit_callbacks)
    buyer.add(basket)
    buyer.checkout(address={k: v for k, v in ADDRESS_DE.items() if k != "email"})
    buyer.card(buyer.pay().url)
    order = Order.objects.get()
    # then /orders/ lists it and its page opens without a token
    listing = client.get("/orders/")
    assert order.reference in listing.content.decode() and order.buyer == account
    assert client.get(f"/orders/{order.reference}/").status_code == 200
    # and another logged-in buyer gets a 404 for it
    other = UserFactory()
    client.login(email=other.email, password=PASSWORD)
    assert client.get(f"/orders/{order.reference}/").status_code == 404
    assert order.reference not in client.get("/orders/").content.decode()


def test_the_seller_sees_the_order_and_refunds_part_then_the_rest_before_dispatch(client, paid):
    # given the seller logged in
    seller_user = paid.seller.user
    seller_user.set_password(PASSWORD)
    seller_user.save()
    client.login(email=seller_user.email, password=PASSWORD)
    # then /sell/orders/ lists the order at the seller's own price (KES 3,200)
    assert paid.reference in client.get("/sell/orders/").content.decode()
    page = client.get(f"/sell/orders/{paid.reference}/")
    assert page.status_code == 200 and "documents-pending" in page.content.decode()
    # when they refund EUR 10.00 of the EUR 44.24 paid
    response = client.post(
        f"/sell/orders/{paid.reference}/refund/",
        {"amount": "10.00", "reason": "Scratched", "refunded_before": "0"},
    )
    # then it is refunded in part and the order stays paid
    assert response.status_code == 302
    paid.refresh_from_db()
    assert (paid.status, paid.refunded_amount) == (OrderStatus.PAID, Decimal("10.0000"))
    # and the same form sent again is refused (it showed 0 refunded): nothing is refunded twice
    again = client.post(
        f"/sell/orders/{paid.reference}/refund/",
        {"amount": "10.00", "reason": "Scratched", "refunded_before": "0"},
    )
    assert again.status_code == 422 and "changed since the page was shown" in again.content.decode()
    # when they refund the rest (44.24 - 10.00 = 34.24), then the order is refunded
    client.post(
        f"/sell/orders/{paid.reference}/refund/",
        {"amount": "", "reason": "Sold out", "refunded_before": "10"},
    )
    paid.refresh_from_db()
    assert paid.status == OrderStatus.REFUNDED
    amounts = sorted(r.amount.amount for r in Refund.objects.filter(order_reference=paid.reference))
    assert amounts == [Decimal("10.00"), Decimal("34.24")]
    # and the buyer is e-mailed about each refund (queued in the refund's own transaction)
    queued = OutboxMessage.objects.filter(task_name="orders.email_deliver", kwargs__kind="buyer_refund")
    assert queued.count() == 2


def test_a_seller_cannot_refund_after_dispatch_nor_see_another_sellers_order(client, paid):
    # given the order dispatched by its seller
    seller_user = paid.seller.user
    seller_user.set_password(PASSWORD)
    seller_user.save()
    client.login(email=seller_user.email, password=PASSWORD)
    client.post(f"/sell/orders/{paid.reference}/dispatched/")
    paid.refresh_from_db()
    assert paid.status == OrderStatus.DISPATCHED
    # when they try to refund, then they are told why not
    refused = client.post(f"/sell/orders/{paid.reference}/refund/", {"reason": "x", "refunded_before": "0"})
    assert refused.status_code == 422 and "only before it is dispatched" in refused.content.decode()
    # and another seller gets a 404 for the order
    other = ListingFactory().seller.user
    other.set_password(PASSWORD)
    other.save()
    client.login(email=other.email, password=PASSWORD)
    assert client.get(f"/sell/orders/{paid.reference}/").status_code == 404


def test_an_operator_refunds_from_the_admin(admin_client, paid):
    # when an operator refunds the order in full with the admin action
    response = admin_client.post(
        "/admin/orders/order/",
        {
            "action": "refund_action",
            "_selected_action": [paid.pk],
            "apply": "1",
            "amount": "",
            "reason": "Lost",
        },
    )
    # then it is refunded through the gateway
    assert response.status_code == 302
    paid.refresh_from_db()
    assert paid.status == OrderStatus.REFUNDED and paid.events.last().actor_label == "operator"
    assert Refund.objects.get(order_reference=paid.reference).amount.amount == Decimal("44.24")


def test_a_wholly_refunded_order_withdraws_its_shipment_and_tells_the_partner(client, paid):
    """The parcel of an order refunded in full before pickup is not sent: the partner's offer is withdrawn."""
    from logistics.dispatch.models import DispatchOffer, Shipment
    from logistics.dispatch.statuses import OfferStatus, ShipmentStatus

    # given the order's shipment, offered to the lane's partner on payment
    shipment = Shipment.objects.get(pk=paid.shipment_id)
    assert shipment.status == ShipmentStatus.OFFERED
    assert DispatchOffer.objects.get().status == OfferStatus.OFFERED
    seller_user = paid.seller.user
    seller_user.set_password(PASSWORD)
    seller_user.save()
    client.login(email=seller_user.email, password=PASSWORD)
    # when the seller refunds all of it (EUR 44.24)
    client.post(
        f"/sell/orders/{paid.reference}/refund/", {"amount": "", "reason": "Sold out", "refunded_before": "0"}
    )
    # then the order is refunded and its shipment cancelled, the offer withdrawn
    paid.refresh_from_db()
    shipment.refresh_from_db()
    assert paid.status == OrderStatus.REFUNDED
    assert shipment.status == ShipmentStatus.CANCELLED and "Sold out" in shipment.status_reason
    assert DispatchOffer.objects.get().status == OfferStatus.WITHDRAWN


def test_a_refund_that_fails_half_way_leaves_the_order_as_it_was(paid, monkeypatch):
    """order_refund is one transaction: a failure after the refund is requested (here, queueing the buyer's
    e-mail) rolls back the refund, the order's move and its event together."""
    from marketplace.orders import refunds
    from marketplace.orders.refunds import order_refund, refunded_marker

    # given the buyer's e-mail cannot be queued
    def broken(*args, **kwargs):
        raise RuntimeError("outbox down")

    monkeypatch.setattr(refunds, "order_email_queue", broken)
    events = paid.events.count()
    # when the operator refunds the whole order
    with pytest.raises(RuntimeError):
        order_refund(order=paid, amount=None, reason="Damaged", refunded_before=refunded_marker(paid),
                     by=None, as_operator=True)  # fmt: skip
    # then nothing of it is left: the order still paid, no refund, no new event
    paid.refresh_from_db()
    assert paid.status == OrderStatus.PAID and paid.refunded_amount == 0
    assert not Refund.objects.filter(order_reference=paid.reference).exists()
    assert paid.events.count() == events
