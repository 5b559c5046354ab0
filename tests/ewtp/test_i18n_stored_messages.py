"""Messages the platform stores (a held payout's reason, written by a worker that speaks English) are kept
in English and translated where they are shown, so each reader gets their own language."""

# ruff: noqa: RUF001, RUF003 - Chinese text uses full-width punctuation on purpose.

from datetime import date

import pytest
from django.test import Client
from django.utils import translation

from ewtp.fx.templatetags.money import money
from ewtp.money import Money
from ewtp.stored_messages import Message, MessageCatalogue
from logistics.dispatch.statuses import ShipmentStatus
from marketplace.orders import shipment_events
from marketplace.orders.history_reasons import (
    history_reason_shown,
    reason_partial_refund,
    reason_return_window_closed,
    reason_shipment,
)
from marketplace.orders.links import order_token
from marketplace.orders.models import Order, OrderEvent
from marketplace.payouts.hold_reasons import hold_reason_shown, hold_reason_stripe_restricted
from marketplace.payouts.models import Payout
from marketplace.payouts.outcomes import payout_hold
from marketplace.payouts.tasks import run
from tests.marketplace.conftest import rates  # noqa: F401 - shared fixture: the exchange rates of 2026-10-30
from tests.marketplace.payouts.conftest import order_delivered
from tests.marketplace.sellers.factories import PASSWORD, SellerFactory

pytestmark = pytest.mark.django_db

REASON = "Payouts are not set up: connect a Stripe account on the payouts page."
# The committed catalogues' words for REASON.
REASON_IN = {
    "zh-hans": "尚未设置收款：请在收款页面关联 Stripe 账户。",
    "es": "Los cobros no están configurados: conecte una cuenta de Stripe en la página de cobros.",
}


@pytest.fixture(autouse=True)
def _english_afterwards():
    """LocaleMiddleware leaves the last request's language active in this thread: reset it for later tests."""
    yield
    translation.deactivate()


@pytest.fixture
def held(settings):
    """A Kenyan seller's payout held for want of a Stripe account, its reason stored as payouts stores it."""
    settings.STRIPE_SECRET_KEY = ""
    seller = SellerFactory(verified=True, country="KE", default_currency="KES")
    return Payout.objects.create(
        reference="PO-I18N-0001", seller=seller, method=Payout.Method.STRIPE,
        source_currency="EUR", source_amount="95.00", currency="KES", amount="13708.50",
        fx_rate="144.30", fx_rate_date=date(2026, 10, 30), fx_source="Central Bank of Kenya",
        platform_fee_amount="5.00", status=Payout.Status.HELD, hold_reason=REASON,
    )  # fmt: skip


@pytest.mark.parametrize(("language", "words"), REASON_IN.items())
@pytest.mark.parametrize("path", ["/sell/payouts/", "/sell/"])
def test_a_held_payouts_reason_reads_in_the_sellers_language(client, held, language, words, path):
    # given the seller, in their language
    client.login(username=held.seller.user.email, password=PASSWORD)
    # when they open their payouts or their dashboard
    page = client.get(path, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    # then the reason is in that language, not in English
    assert words in page
    assert REASON not in page


def test_a_payout_held_while_another_language_is_active_stores_its_reason_in_english(settings, rates):  # noqa: F811
    # given a seller without a Stripe account whose delivered order's return window has passed
    settings.STRIPE_SECRET_KEY = "sk_test_no_call"  # held before any call: the seller has no account
    settings.PAYOUT_HOLD_DAYS = 14
    settings.PLATFORM_FEE_BASIS_POINTS = 500
    seller = SellerFactory(verified=True, country="KE", default_currency="KES")
    order_delivered(seller, days_ago=15)
    # when the payouts run while Chinese is active
    with translation.override("zh-hans"):
        run()
    # then the held payout's reason is stored as the English message, for each page to translate
    payout = Payout.objects.get()
    assert (payout.status, payout.hold_reason) == (Payout.Status.HELD, REASON)


# Messages with a value inside: the English sentence stored as before, with its code and values beside it, and
# worded again in the reader's language where shown (ewtp/stored_messages.py).

STRIPE_REASON = "requirements.past_due"  # Stripe's own words: they stay as Stripe gives them
RESTRICTED = f"Your Stripe account cannot receive payouts now (Stripe says: {STRIPE_REASON})."
# The committed catalogues' words for RESTRICTED (its msgid has been in them since it was first translated).
RESTRICTED_IN = {
    "zh-hans": f"您的 Stripe 账户目前无法收款（Stripe 提示：{STRIPE_REASON}）。",
    "fr": "Votre compte Stripe ne peut pas recevoir de versements pour le moment",
}


@pytest.fixture
def restricted(held):
    """`held`, held again for a restriction Stripe reports, while Chinese is active (as a worker might be)."""
    with translation.override("zh-hans"):
        payout_hold(payout=held, reason=hold_reason_stripe_restricted(stripe_reason=STRIPE_REASON))
    return held


def test_a_restricted_payouts_reason_is_stored_in_english_with_stripes_words_beside_it(restricted):
    # given a payout held for a restriction Stripe reports, while Chinese was active
    restricted.refresh_from_db()
    # then the English sentence is stored as before, for operators, and its code with Stripe's words
    assert restricted.hold_reason == RESTRICTED
    assert restricted.hold_reason_params == {"code": "stripe_restricted", "stripe_reason": STRIPE_REASON}


@pytest.mark.parametrize(("language", "words"), RESTRICTED_IN.items())
@pytest.mark.parametrize("path", ["/sell/payouts/", "/sell/"])
def test_a_restricted_payouts_reason_reads_in_the_sellers_language_with_stripes_words(
    client, restricted, language, words, path
):
    # given the seller, in their language
    client.login(username=restricted.seller.user.email, password=PASSWORD)
    # when they open their payouts or their dashboard
    page = client.get(path, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    # then the sentence is in that language, Stripe's reason inside it as Stripe gave it
    assert words in page
    assert STRIPE_REASON in page
    assert RESTRICTED not in page


@pytest.mark.parametrize("path", ["/sell/payouts/", "/sell/"])
def test_a_restricted_payouts_reason_reads_in_english_as_before(client, restricted, path):
    client.login(username=restricted.seller.user.email, password=PASSWORD)
    page = client.get(path, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert RESTRICTED in page


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "European Central Bank"), ("fr", "Banque centrale européenne"), ("zh-hans", "欧洲中央银行")],
)
def test_a_payouts_rate_source_is_named_in_the_sellers_words(client, held, language, words):
    # given a payout converted at the ECB's rate (stored as "ECB", as the rates are)
    Payout.objects.filter(pk=held.pk).update(fx_source="ECB")
    client.login(username=held.seller.user.email, password=PASSWORD)
    # when the seller opens their payouts
    page = client.get("/sell/payouts/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    # then the source is the bank's name in their language, not the stored abbreviation
    assert f"({words}, " in page
    assert "(ECB, " not in page


def test_order_history_reasons_are_stored_in_english_whatever_language_is_active():
    # when the reasons are written while Chinese is active
    with translation.override("zh-hans"):
        shipment = reason_shipment(status=ShipmentStatus.IN_TRANSIT)
        window = reason_return_window_closed(days=14)
        refund = reason_partial_refund(amount=Money("10.00", "EUR"), reason="One handle frayed")
    # then each is today's English sentence, with its code and values beside it
    assert (shipment.text, shipment.params) == (
        "Shipment: In transit.",
        {"code": "shipment", "status": "in_transit"},
    )
    assert (window.text, window.params) == (
        "Delivered more than 14 days ago: the return window has closed.",
        {"code": "return_window_closed", "days": 14},
    )
    assert (refund.text, refund.params) == (
        "€10.00 refunded: One handle frayed",
        {"code": "partial_refund", "amount": "10.00", "currency": "EUR", "reason": "One handle frayed"},
    )


def _shown(stored) -> str:
    return history_reason_shown(reason=stored.text, params=stored.params)


def test_order_history_reasons_read_in_english_as_before():
    with translation.override("en"):
        assert _shown(reason_shipment(status=ShipmentStatus.CUSTOMS_HOLD)) == "Shipment: Held in customs."
        assert _shown(reason_return_window_closed(days=14)) == (
            "Delivered more than 14 days ago: the return window has closed."
        )
        assert _shown(reason_partial_refund(amount=Money("10.00", "EUR"), reason="Frayed")) == (
            "€10.00 refunded: Frayed"
        )


def test_order_history_reasons_are_worded_from_their_msgid_with_the_readers_values():
    # given the committed Chinese catalogue, which has the history's sentences (3e3e1c4)
    # when a Chinese reader's page shows them
    with translation.override("zh-hans"):
        shipment = _shown(reason_shipment(status=ShipmentStatus.IN_TRANSIT))
        window = _shown(reason_return_window_closed(days=14))
        refund = _shown(reason_partial_refund(amount=Money("10.00", "EUR"), reason="One handle frayed"))
    # then each sentence is the catalogue's ("货件：%(status)s。", "已签收超过 %(days)s 天：退货期已结束。",
    # "已退款 %(amount)s：%(reason)s"), the status's label from it too ("In transit": 运输中), the amount as
    # Chinese shows money and the refunder's words as written
    assert shipment == "货件：运输中。"
    assert window == "已签收超过 14 天：退货期已结束。"
    assert refund == "已退款 €10.00：One handle frayed"


def test_order_history_reasons_read_in_french_with_frances_money():
    # the French catalogue: "Envoi : %(status)s.", "Livré il y a plus de %(days)s jours : ...",
    # "%(amount)s remboursé : %(reason)s"; French writes EUR 10 as "10,00 €" (a no-break space before €)
    with translation.override("fr"):
        window = _shown(reason_return_window_closed(days=14))
        refund = _shown(reason_partial_refund(amount=Money("10.00", "EUR"), reason="Anse effilochée"))
    assert window == "Livré il y a plus de 14 jours : le délai de retour est écoulé."
    assert refund == "10,00\u00a0€ remboursé : Anse effilochée"


def test_a_stored_message_is_translated_by_the_committed_catalogue_with_its_values_in_the_readers_locale():
    # given a catalogue whose message is a msgid the committed catalogues already translate
    refundable = Message(
        "At most %(amount)s can be refunded.",
        lambda params: {"amount": money(Money(params["amount"], "EUR"))},
    )
    catalogue = MessageCatalogue({"refundable": refundable})
    # when it is written while Chinese is active
    with translation.override("zh-hans"):
        stored = catalogue.write("refundable", amount="10.00")
    # then it is stored in English, and shown in French and Chinese with the amount as each writes money
    assert stored.text == "At most €10.00 can be refunded."
    with translation.override("fr"):
        french = catalogue.shown(text=stored.text, params=stored.params)
    with translation.override("zh-hans"):
        chinese = catalogue.shown(text=stored.text, params=stored.params)
    assert french == "Vous pouvez rembourser au plus 10,00\u00a0€."
    assert chinese == "最多可退款 €10.00。"


def test_reasons_without_a_code_are_translated_as_stored():
    # given an older row's sentence with its value baked in, and a reason stored as its msgid
    with translation.override("zh-hans"):
        # then the older row reads as it was stored, and the msgid in the reader's language
        assert history_reason_shown(reason="Shipment: In transit.", params={}) == "Shipment: In transit."
        assert history_reason_shown(reason="Handed to the carrier.", params={}) == "已交给承运商。"
        assert hold_reason_shown(reason=REASON, params={}) == REASON_IN["zh-hans"]


@pytest.mark.usefixtures("rates")
def test_an_order_completed_after_its_return_window_keeps_the_reasons_code_for_the_buyers_page(
    settings, monkeypatch
):
    # given a delivered order whose shipment was delivered more than the 14-day return window ago
    settings.ORDERS_RETURN_WINDOW_DAYS = 14
    order = order_delivered(SellerFactory(verified=True, country="KE", default_currency="KES"), days_ago=15)
    Order.objects.filter(pk=order.pk).update(shipment_id=7001)
    monkeypatch.setattr(shipment_events, "shipments_delivered_before", lambda *, moment: [7001])
    # when the hourly task completes it while French is active
    with translation.override("fr"):
        assert shipment_events.orders_delivered_complete() == 1
    # then the history has the English sentence and its code with the days
    event = OrderEvent.objects.get(order=order, action="complete")
    assert event.reason == "Delivered more than 14 days ago: the return window has closed."
    assert event.reason_params == {"code": "return_window_closed", "days": 14}
    # and the buyer's order page shows it in the reader's language, worded from the code
    url = f"/orders/{order.reference}/?t={order_token(order.reference)}"
    page = Client().get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "(Delivered more than 14 days ago: the return window has closed.)" in page
    page = Client().get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "已签收超过 14 天：退货期已结束。" in page
    assert "Delivered more than 14 days ago" not in page


def test_a_row_whose_values_no_longer_read_shows_its_english_sentence_and_is_logged(caplog):
    # given a stored reason whose values lack the days its message reads (a row written by older code)
    with translation.override("zh-hans"), caplog.at_level("WARNING", logger="ewtp.stored_messages"):
        shown = history_reason_shown(reason="Delivered long ago.", params={"code": "return_window_closed"})
    # then the reader gets the sentence as stored, and the log names the code and what failed
    assert shown == "Delivered long ago."
    (record,) = [r for r in caplog.records if r.getMessage() == "stored_messages.unreadable_params"]
    assert (record.code, record.error) == ("return_window_closed", "KeyError: 'days'")
