"""payment_start, payment_get and refund_request: idempotency, amounts the provider can take exactly, and
refunds that never exceed what was paid."""

import pytest

from ewtp.money import Money
from marketplace.payments.errors import (
    PaymentAmountInvalidError,
    PaymentExpiredError,
    PaymentGatewayUnavailableError,
    PaymentIdempotencyConflictError,
    PaymentNotFoundError,
    PaymentNotRefundableError,
    RefundExceedsRemainingError,
)
from marketplace.payments.gateways import gateway_get
from marketplace.payments.models import Payment, Refund
from marketplace.payments.services import (
    payment_amount_validate,
    payment_get,
    payment_refundable_remaining,
    payment_start,
    refund_request,
)
from tests.marketplace.payments.conftest import start

pytestmark = pytest.mark.django_db


def test_a_payment_starts_on_the_test_gateway_without_stripe_keys():
    # given no STRIPE_SECRET_KEY (conftest)
    # when
    payment = start(amount="25.00", currency="EUR")
    # then: EUR 25.00 is 2500 cents, and the buyer goes to our own hosted page
    assert (payment.gateway, payment.status) == (Payment.Gateway.TEST, Payment.Status.CREATED)
    assert (payment.amount_minor, payment.currency, payment.amount) == (2500, "EUR", Money("25.00", "EUR"))
    assert payment.checkout_url == f"http://testserver/payments/test/{payment.reference}/"
    assert payment.reference.startswith("pay_") and len(payment.reference) > 20


def test_the_pay_button_pressed_twice_gives_the_same_payment_and_page():
    # given
    first = start(key="checkout-7-pay")
    # when
    second, url = payment_start(
        purpose_reference="chk_1",
        amount=Money("25.00", "EUR"),
        customer_email="li.wei@example.com",
        description="Kiondo basket",
        success_url="https://shop.test/done/",
        cancel_url="https://shop.test/review/",
        transfer_group="chk_1",
        idempotency_key="checkout-7-pay",
    )
    # then
    assert (second.pk, url) == (first.pk, first.checkout_url)
    assert Payment.objects.count() == 1


def test_a_key_used_again_for_another_amount_is_a_conflict():
    start(amount="25.00", key="checkout-7-pay")
    with pytest.raises(PaymentIdempotencyConflictError):
        start(amount="26.00", key="checkout-7-pay")
    assert Payment.objects.count() == 1


def test_an_expired_payment_is_not_handed_out_again():
    payment = start(key="checkout-7-pay")
    Payment.objects.filter(pk=payment.pk).update(status=Payment.Status.EXPIRED)
    with pytest.raises(PaymentExpiredError):
        start(key="checkout-7-pay")


@pytest.mark.parametrize(
    ("amount", "currency"),
    [
        ("12.345", "EUR"),  # EUR has 2 decimals: not rounded
        ("1234.5", "JPY"),  # JPY has none
        ("12.345", "KWD"),  # 12345 fils: Stripe takes three-decimal currencies in tens only
        ("0.00", "EUR"),
        ("-5.00", "EUR"),
    ],
)
def test_an_amount_the_provider_cannot_take_exactly_is_refused_naming_amount(amount, currency):
    with pytest.raises(PaymentAmountInvalidError) as raised:
        start(amount=amount, currency=currency)
    assert set(raised.value.details) == {"amount"}
    assert Payment.objects.count() == 0


def test_zero_and_three_decimal_currencies_are_stored_in_their_own_minor_units():
    # ¥1,234 is 1234 yen; KWD 12.340 is 12340 fils
    assert start(amount="1234", currency="JPY", key="a").amount_minor == 1234
    assert start(amount="12.340", currency="KWD", key="b").amount_minor == 12340
    payment_amount_validate(amount=Money("12.340", "KWD"))  # no error


def test_payment_get_finds_by_reference_or_says_not_found():
    payment = start()
    assert payment_get(reference=payment.reference) == payment
    with pytest.raises(PaymentNotFoundError):
        payment_get(reference="pay_nope")


def test_without_stripe_or_a_test_gateway_secret_no_payment_can_start(settings):
    settings.TEST_GATEWAY_WEBHOOK_SECRET = ""
    with pytest.raises(PaymentGatewayUnavailableError):
        start()


def test_the_gateway_is_stripe_once_a_secret_key_is_set(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_x"
    assert gateway_get().name == Payment.Gateway.STRIPE
    settings.STRIPE_SECRET_KEY = ""
    assert gateway_get().name == Payment.Gateway.TEST


def _paid(amount="100.00", currency="EUR", refunded=0) -> Payment:
    payment = start(amount=amount, currency=currency)
    status = Payment.Status.PARTIALLY_REFUNDED if refunded else Payment.Status.SUCCEEDED
    Payment.objects.filter(pk=payment.pk).update(status=status, amount_refunded_minor=refunded)
    payment.refresh_from_db()
    return payment


def _refund(payment, amount, key="refund-1"):
    return refund_request(
        payment=payment,
        amount=Money(amount, payment.currency),
        reason="Damaged in transit",
        order_reference="ord_1",
        idempotency_key=key,
    )


def test_a_refund_is_recorded_pending_and_its_submission_queued_in_the_outbox():
    from ewtp.outbox.models import OutboxMessage

    # given
    payment = _paid()
    # when
    refund = _refund(payment, "40.00")
    # then
    assert (refund.status, refund.amount_minor, refund.currency) == (Refund.Status.PENDING, 4000, "EUR")
    [message] = OutboxMessage.objects.all()
    assert (message.task_name, message.kwargs) == ("payments.refund_submit", {"refund_id": refund.pk})


def test_a_refund_over_what_is_left_is_refused_naming_amount():
    # given EUR 100.00 paid, EUR 30.00 refunded by the provider, EUR 50.00 being refunded
    payment = _paid(refunded=3000)
    _refund(payment, "50.00", key="r1")
    # when 100.00 - 30.00 - 50.00 = 20.00 is left, and 20.01 is asked for
    with pytest.raises(RefundExceedsRemainingError) as raised:
        _refund(payment, "20.01", key="r2")
    # then
    assert "amount" in raised.value.details
    assert payment_refundable_remaining(payment=payment) == Money("20.00", "EUR")
    assert _refund(payment, "20.00", key="r3").amount == Money("20.00", "EUR")


def test_a_failed_refund_gives_its_amount_back():
    payment = _paid()
    refund = _refund(payment, "100.00")
    Refund.objects.filter(pk=refund.pk).update(status=Refund.Status.FAILED)
    assert payment_refundable_remaining(payment=payment) == Money("100.00", "EUR")


def test_the_same_refund_key_gives_the_same_refund_and_nothing_twice():
    payment = _paid()
    first = _refund(payment, "40.00")
    assert _refund(payment, "40.00") == first
    with pytest.raises(PaymentIdempotencyConflictError):
        _refund(payment, "41.00")
    assert Refund.objects.count() == 1


@pytest.mark.parametrize("status", [Payment.Status.CREATED, Payment.Status.FAILED, Payment.Status.DISPUTED])
def test_only_a_paid_undisputed_payment_can_be_refunded(status):
    payment = start()
    Payment.objects.filter(pk=payment.pk).update(status=status)
    with pytest.raises(PaymentNotRefundableError):
        _refund(payment, "1.00")


def test_a_refund_in_another_currency_is_refused_naming_amount():
    payment = _paid()
    with pytest.raises(PaymentAmountInvalidError) as raised:
        refund_request(
            payment=payment,
            amount=Money("10.00", "USD"),
            reason="x",
            order_reference="",
            idempotency_key="k",
        )
    assert "amount" in raised.value.details
