"""Stock held when the buyer goes to payment (15 minutes), taken when the payment succeeds, released by the
beat task when the reservation lapses; a payment after the stock went is refunded, never oversold."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from marketplace.orders.models import Order, OrderStatus, StockReservation
from marketplace.orders.tasks import reservations_release
from marketplace.payments.models import Refund
from tests.marketplace.orders.conftest import Buyer

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_buyer(celery_eager, django_capture_on_commit_callbacks):
    return Buyer(Client(), django_capture_on_commit_callbacks)


def _expire(buyer):
    StockReservation.objects.filter(checkout=buyer.current()).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )


def test_going_to_payment_holds_the_stock_for_15_minutes(buyer, basket):
    # given a listing with 5 in stock, a buyer who wants 2
    buyer.add(basket, quantity=2)
    buyer.checkout()
    # when they go to payment
    started = timezone.now()
    buyer.pay()
    finished = timezone.now()
    # then 2 are held until 15 minutes from now, and the stock itself is unchanged until payment
    reservation = StockReservation.objects.get()
    assert (reservation.quantity, reservation.state) == (2, StockReservation.State.ACTIVE)
    assert started + timedelta(minutes=15) <= reservation.expires_at <= finished + timedelta(minutes=15)
    basket.refresh_from_db()
    assert basket.stock == 5


def test_what_others_hold_cannot_be_bought_until_their_reservation_lapses(buyer, second_buyer, basket):
    # given the first buyer holding all 5
    buyer.add(basket, quantity=5)
    buyer.checkout()
    buyer.pay()
    # when a second buyer tries to pay for 1, then they are told none are left, and nothing is charged
    second_buyer.add(basket, quantity=1)
    second_buyer.checkout()
    refused = second_buyer.pay()
    assert refused.status_code == 302 and refused.url == "/checkout/review/"
    page = second_buyer.client.get("/checkout/review/").content.decode()
    assert "sold out" in page
    # when the first reservation lapses and the beat task runs
    _expire(buyer)
    assert reservations_release.apply().get() == 1
    # then it is released and the second buyer can pay
    assert StockReservation.objects.get(checkout=buyer.current()).state == StockReservation.State.RELEASED
    assert "/payments/test/" in second_buyer.pay().url


def test_a_payment_after_the_reservation_lapsed_and_the_stock_went_is_refunded_in_full(
    buyer, second_buyer, basket
):
    # given a listing with 1 left; the first buyer went to payment, then let the reservation lapse
    basket.stock = 1
    basket.save()
    buyer.add(basket)
    buyer.checkout()
    gateway = buyer.pay().url
    _expire(buyer)
    # and meanwhile a second buyer bought the last one
    second_buyer.add(basket)
    second_buyer.checkout()
    second_buyer.card(second_buyer.pay().url)
    # when the first buyer pays after all
    mail.outbox.clear()
    buyer.card(gateway)
    # then their order is a stock shortfall, refunded in full automatically, and the stock never went below 0
    late = Order.objects.get(checkout=buyer.current())
    assert (late.status, late.stock_shortfall) == (OrderStatus.REFUNDED, True)
    refund = Refund.objects.get(order_reference=late.reference)
    assert refund.amount == late.due_at_checkout and refund.status == Refund.Status.SUCCEEDED
    assert late.shipment_id is None
    basket.refresh_from_db()
    assert basket.stock == 0
    # and both sides were told
    subjects = sorted(m.subject for m in mail.outbox)
    assert f"Order {late.reference} was refunded: out of stock" in subjects
    assert f"Your order {late.reference} could not be filled: refunded in full" in subjects
    assert Order.objects.get(checkout=second_buyer.current()).status == OrderStatus.PAID


def test_a_payment_after_the_reservation_lapsed_still_ships_when_the_stock_is_there(buyer, basket):
    # given a lapsed reservation, and nobody else bought meanwhile
    buyer.add(basket)
    buyer.checkout()
    gateway = buyer.pay().url
    _expire(buyer)
    # when the buyer pays, then the order is paid and the stock taken
    buyer.card(gateway)
    assert Order.objects.get().status == OrderStatus.PAID
    basket.refresh_from_db()
    assert basket.stock == 4
