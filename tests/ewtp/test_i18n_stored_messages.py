"""Messages the platform stores (a held payout's reason, written by a worker that speaks English) are kept
in English and translated where they are shown, so each reader gets their own language."""

# ruff: noqa: RUF001 - Chinese text uses full-width punctuation on purpose.

from datetime import date

import pytest
from django.utils import translation

from marketplace.payouts.models import Payout
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
