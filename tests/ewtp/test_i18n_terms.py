"""The Chinese words a cross-border buyer or seller expects (issue 14), read from the compiled catalogue
as the pages get them: import VAT is 进口增值税 (never 消费税, China's excise tax), the delivered total
is 含税到手价, pausing is 下架, a suspended seller is 已冻结, a sole trader is 个体工商户; and ambiguous
words told apart by their context ("Active" listing vs payouts, "Sell" in the menu vs on sign-up)."""

import gettext as gnu
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, pgettext


@pytest.fixture(autouse=True)
def _chinese():
    with translation.override("zh-hans"):
        yield


def _zh_catalogue() -> dict[str, str]:
    """English message -> Chinese translation (plural forms: the first), contexts dropped."""
    mo = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.mo"
    with mo.open("rb") as file:
        raw = gnu.GNUTranslations(file)._catalog
    return {
        (key[0] if isinstance(key, tuple) else key).split("\x04", 1)[-1]: value
        for key, value in raw.items()
        if key and (not isinstance(key, tuple) or key[1] == 0)
    }


def test_import_vat_is_import_value_added_tax():
    assert gettext("Import VAT / GST") == "进口增值税 / 商品及服务税"


def test_no_vat_or_gst_message_says_excise_tax():
    # 消费税 is China's excise tax: right for excise duty, wrong for VAT or GST
    wrong = {
        msgid: text
        for msgid, text in _zh_catalogue().items()
        if ("VAT" in msgid or "GST" in msgid) and "xcise" not in msgid and "消费税" in text
    }
    assert wrong == {}


def test_every_delivered_price_is_the_tax_inclusive_landed_price():
    messages = {msgid: text for msgid, text in _zh_catalogue().items() if "delivered price" in msgid}
    assert messages  # the listing page's sentences about it are in the catalogue
    assert {msgid for msgid, text in messages.items() if "含税到手价" not in text} == set()


def test_pausing_a_listing_is_taking_it_off_the_shelf():
    assert gettext("Pause") == "下架"
    assert pgettext("listing status", "Paused") == "已下架"


def test_a_suspended_seller_is_frozen_and_a_sole_trader_is_an_individual_business():
    assert pgettext("seller status", "Suspended") == "已冻结"
    assert gettext("Sole trader") == "个体工商户"


def test_active_payouts_are_not_listed_goods():
    # one English word, two meanings: a listing on sale, a seller's payouts switched on
    assert pgettext("listing status", "Active") == "已上架"
    assert pgettext("payout status", "Active") == "已开通"


def test_sell_in_the_menu_is_the_seller_centre_and_on_sign_up_the_choice_to_sell():
    assert pgettext("menu", "Sell") == "卖家中心"
    assert pgettext("sign-up choice", "Sell") == "销售"
