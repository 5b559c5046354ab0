"""The order state machine: every move recorded with time, actor and reason; illegal moves raise and change
nothing; what the order recorded at checkout cannot be written again."""

import pytest
from django_fsm import TransitionNotAllowed

from marketplace.orders.errors import IllegalTransitionError, OrderImmutableError
from marketplace.orders.models import Order, OrderStatus
from marketplace.orders.status import order_transition

pytestmark = pytest.mark.django_db


@pytest.fixture
def order(buyer, basket):
    """A pending order (the buyer went to payment and has not paid yet)."""
    buyer.add(basket)
    buyer.checkout()
    buyer.pay()
    return Order.objects.get()


def test_an_order_goes_from_pending_payment_to_completed_and_each_move_is_recorded(order, django_user_model):
    # given a seller's user acting on the order
    seller_user = order.seller.user
    # when it is paid, dispatched, carried, delivered and completed
    order_transition(order=order, action="pay", actor_label="payments", reason="Payment succeeded.")
    order_transition(
        order=order, action="dispatch", actor=seller_user, actor_label="seller", reason="Handed over."
    )
    for action in ("transit", "deliver", "complete"):
        order_transition(order=order, action=action, actor_label="logistics", reason=f"Tracking: {action}.")
    # then it is completed and its history reads the whole way, with who and why
    assert order.status == OrderStatus.COMPLETED
    events = list(order.events.values_list("action", "from_status", "to_status", "actor_label"))
    assert events == [
        ("place", "pending_payment", "pending_payment", "buyer"),
        ("pay", "pending_payment", "paid", "payments"),
        ("dispatch", "paid", "dispatched", "seller"),
        ("transit", "dispatched", "in_transit", "logistics"),
        ("deliver", "in_transit", "delivered", "logistics"),
        ("complete", "delivered", "completed", "logistics"),
    ]
    assert order.events.get(action="dispatch").actor == seller_user
    assert all(event.at for event in order.events.all())


@pytest.mark.parametrize(
    ("steps", "illegal"),
    [
        ([], "dispatch"),  # not paid yet
        ([], "refund"),  # nothing paid to refund (a shortfall has its own move)
        (["pay"], "pay"),  # paid twice
        (["pay"], "cancel"),  # a paid order is refunded, not cancelled
        (["pay", "dispatch"], "complete"),  # not delivered yet
        (["cancel"], "pay"),  # cancelled is final
        (["pay", "refund"], "dispute"),  # refunded is final
    ],
)
def test_illegal_transitions_raise_and_change_nothing(order, steps, illegal):
    # given an order moved through `steps`
    for step in steps:
        order_transition(order=order, action=step, actor_label="test")
    before = (order.status, order.events.count())
    # when the illegal move is tried, then it raises a clear conflict
    with pytest.raises(IllegalTransitionError) as caught:
        order_transition(order=order, action=illegal, actor_label="test")
    assert caught.value.status == 409 and order.reference in caught.value.message
    # and nothing moved, nothing was recorded
    order.refresh_from_db()
    assert (order.status, order.events.count()) == before


def test_the_status_field_cannot_be_set_directly(order):
    # when code tries to skip the state machine, then django-fsm-2 refuses
    with pytest.raises(AttributeError):
        order.status = OrderStatus.COMPLETED
    with pytest.raises(TransitionNotAllowed):
        order.dispatch()


def test_what_the_order_recorded_at_checkout_cannot_be_changed(order):
    # when the total is rewritten, then the save is refused
    order.total_amount = 1
    with pytest.raises(OrderImmutableError):
        order.save()
    with pytest.raises(OrderImmutableError):
        order.save(update_fields=["total_amount"])
    line = order.lines.get()
    line.quantity = 99
    with pytest.raises(OrderImmutableError):
        line.save()
