"""On PostgreSQL, the payment row lock serialises refunds: two operators refunding EUR 60.00 each of a
EUR 100.00 payment at the same moment get one refund and one clear refusal, never EUR 120.00."""

from functools import partial

import pytest
from django.conf import settings

from ewtp.money import Money
from marketplace.payments.errors import RefundExceedsRemainingError
from marketplace.payments.models import Payment, Refund
from marketplace.payments.services import payment_start, refund_request
from tests.threads import at_once

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
        reason="needs PostgreSQL: SQLite has no row locks (select_for_update)",
    ),
]


def _start(key="chk-1"):
    return payment_start(
        purpose_reference="chk_1",
        amount=Money("100.00", "EUR"),
        customer_email="li.wei@example.com",
        description="Baskets",
        success_url="https://shop.test/done/",
        cancel_url="https://shop.test/review/",
        transfer_group="chk_1",
        idempotency_key=key,
    )


def test_two_refunds_at_once_never_exceed_what_was_paid():
    # given EUR 100.00 paid
    payment, _ = _start()
    Payment.objects.filter(pk=payment.pk).update(status=Payment.Status.SUCCEEDED)

    # when two refunds of EUR 60.00 race (60 + 60 = 120 > 100)
    def refund(i):
        return refund_request(
            payment=payment,
            amount=Money("60.00", "EUR"),
            reason="race",
            order_reference=f"ord_{i}",
            idempotency_key=f"race-{i}",
        )

    results = at_once([partial(refund, i) for i in range(2)])
    # then one refund, one refusal naming the amount
    assert sorted(type(r).__name__ for r in results) == ["Refund", "RefundExceedsRemainingError"]
    refusal = next(r for r in results if isinstance(r, RefundExceedsRemainingError))
    assert "amount" in refusal.details
    assert Refund.objects.count() == 1


def test_the_pay_button_pressed_five_times_at_once_makes_one_payment():
    results = at_once([lambda: _start(key="chk-7")] * 5)
    assert not [r for r in results if isinstance(r, Exception)]
    assert len({payment.pk for payment, _ in results}) == 1
    assert len({url for _, url in results}) == 1
    assert Payment.objects.count() == 1
