"""Simplified Chinese, Spanish, French and Swahili: the pages switch language (cookie, Accept-Language, the
switcher), and each committed catalogue is complete, keeps its placeholders and is compiled from its .po."""

# Chinese text uses full-width punctuation (colon, comma, question mark) on purpose.
# ruff: noqa: RUF001

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from tests.marketplace.conftest import rates  # noqa: F401 - shared fixture: the exchange rates of 2026-10-30
from tests.marketplace.listings.factories import ListingFactory
from tests.marketplace.sellers.factories import PASSWORD, SellerFactory

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
# Each catalogue's language and its plural forms (CLDR's, as Django writes them for the language).
CATALOGUES = {
    "zh_Hans": "nplurals=1; plural=0;",
    "es": "nplurals=3; plural=n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;",
    "fr": "nplurals=2; plural=(n > 1);",
    "sw": "nplurals=2; plural=(n != 1);",
}
# %(name)s, %d and str.format's {name}: a translation must keep what the message fills in.
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sd]|\{\w+\}")

CATALOGUE_EN = ["Goods from small businesses worldwide", "All categories", "Ship to", "Exchange rates:"]
CATALOGUE_ZH = ["来自全球小企业的好物", "全部类目", "运往", "汇率：采用欧洲中央银行参考汇率"]


@pytest.fixture(autouse=True)
def _english_afterwards():
    """LocaleMiddleware leaves the last request's language active in this thread: reset it for later tests."""
    yield
    translation.deactivate()


@pytest.fixture
def catalogue_with_a_listing(rates):  # noqa: F811 - the imported fixture, requested
    return ListingFactory(title="Kiondo")


def _page(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def _po_entries(text: str) -> list[dict]:
    """A .po file's entries as dicts: flags (a set), msgctxt, msgid, msgid_plural, msgstr or msgstr[0]..."""
    entries = []
    for block in re.split(r"\n\s*\n", text.strip()):
        entry: dict = {"flags": set()}
        key = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                entry[key] += ast.literal_eval(line)
            else:
                key, _, value = line.partition(" ")
                entry[key] = ast.literal_eval(value)
        if "msgid" in entry:  # not a block of obsolete (#~) messages alone
            entries.append(entry)
    return entries


def _msgstrs(entry: dict) -> list[str]:
    return [value for key, value in entry.items() if key.startswith("msgstr")]


# --- the pages -------------------------------------------------------------------------------------------


def test_the_catalogue_is_in_english_by_default(client, catalogue_with_a_listing):
    # given a catalogue with a listing
    # when a buyer with no language preference opens it
    page = _page(client.get("/"))
    # then it speaks English
    assert '<html lang="en">' in page
    assert "Kiondo" in page
    for text in CATALOGUE_EN:
        assert text in page
    for text in CATALOGUE_ZH:
        assert text not in page


@pytest.mark.parametrize(
    "how",
    [
        {"headers": {"accept-language": "zh-Hans"}},
        {"headers": {"accept-language": "zh-CN,zh;q=0.9,en;q=0.5"}},
    ],
    ids=["zh-Hans", "zh-CN"],
)
def test_the_catalogue_follows_the_browsers_chinese(client, catalogue_with_a_listing, how):
    # given a catalogue with a listing
    # when a browser that prefers Chinese opens it
    page = _page(client.get("/", **how))
    # then the interface is in Simplified Chinese
    assert '<html lang="zh-hans">' in page
    assert "Kiondo" in page
    for text in CATALOGUE_ZH:
        assert text in page
    assert "All categories" not in page


def test_the_language_cookie_chooses_chinese(client, catalogue_with_a_listing):
    # given the language cookie says zh-hans, whatever the browser says
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    # when
    page = _page(client.get("/", headers={"accept-language": "en"}))
    # then
    assert '<html lang="zh-hans">' in page
    for text in CATALOGUE_ZH:
        assert text in page


def test_the_language_switcher_turns_the_site_chinese_and_back(client, catalogue_with_a_listing):
    # given an English page
    assert '<html lang="en">' in _page(client.get("/"))
    # when the buyer picks 简体中文 in the switcher
    response = client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    # then they go back to the page, now in Chinese
    assert response.status_code == 302 and response.url == "/"
    page = _page(client.get(response.url))
    assert '<html lang="zh-hans">' in page
    for text in CATALOGUE_ZH:
        assert text in page
    assert '<option value="zh-hans" selected>简体中文</option>' in page
    # and English again when they switch back
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = _page(client.get("/"))
    assert '<html lang="en">' in page and "All categories" in page


def test_the_per_process_cache_keeps_each_language_apart(client, catalogue_with_a_listing, settings):
    # given the per-process cache of filters and cards is on, and an English buyer filled it
    settings.REFERENCE_CACHE_SECONDS = 60
    assert "All categories" in _page(client.get("/"))
    # when a Chinese buyer asks for the same page
    page = _page(client.get("/", headers={"accept-language": "zh-Hans"}))
    # then they get the Chinese rendering, and the English buyer still the English one
    for text in CATALOGUE_ZH:
        assert text in page
    assert "All categories" not in page
    assert "All categories" in _page(client.get("/", headers={"accept-language": "en"}))


def test_the_listing_page_speaks_chinese(client, catalogue_with_a_listing):
    # given
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    # when
    page = _page(client.get(catalogue_with_a_listing.get_absolute_url()))
    # then
    assert "认证卖家" in page
    assert "HS 编码" in page
    assert "原产国" in page
    assert "库存 5 件" in page


def test_the_sign_up_page_speaks_chinese(client, db):
    # given
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    # when
    page = _page(client.get("/accounts/signup/"))
    # then headings, form labels and the radio choices are translated
    assert '<html lang="zh-hans">' in page
    for text in ["创建账户", "电子邮箱", "我想要", "购买", "确认密码", "已有账户？"]:
        assert text in page
    assert "Create your account" not in page
    assert "E-mail address" not in page


def test_the_seller_dashboard_speaks_chinese(client, db):
    # given a seller who has just started onboarding
    seller = SellerFactory()
    client.login(username=seller.user.email, password=PASSWORD)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    # when
    page = _page(client.get("/sell/"))
    # then the status (a model choice), the to-do list and the steps are in Chinese
    assert '<html lang="zh-hans">' in page
    for text in [
        "我的店铺",
        "状态：",
        "草稿",
        "要完成设置，您还需要：",
        "企业资料",
        "营业执照",
        "还没有证件。",
    ]:
        assert text in page
    assert "Your shop" not in page
    assert "To finish setting up" not in page


def test_the_business_profile_step_speaks_chinese(client, db):
    # given
    seller = SellerFactory()
    client.login(username=seller.user.email, password=PASSWORD)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    # when
    page = _page(client.get("/sell/onboarding/business/"))
    # then form labels, help texts and the business types are translated
    for text in ["您的企业", "企业法定名称", "企业类型", "有限公司", "个体工商户", "保存并继续", "入驻步骤"]:
        assert text in page
    assert "Limited company" not in page


# --- the catalogue files ---------------------------------------------------------------------------------


def _po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


def _placeholders(text: str) -> set[str]:
    return {match.group(0) for match in PLACEHOLDER.finditer(text)}


@pytest.mark.parametrize("language", CATALOGUES)
def test_the_po_file_declares_its_language_and_plural_forms(language):
    # given
    header = _po_entries(_po_path(language).read_text(encoding="utf-8"))[0]
    # then
    assert header["msgid"] == ""
    assert "fuzzy" not in header["flags"]
    assert f"Language: {language}\n" in header["msgstr"]
    assert f"Plural-Forms: {CATALOGUES[language]}\n" in header["msgstr"]
    assert "charset=UTF-8" in header["msgstr"]


@pytest.mark.parametrize("language", CATALOGUES)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    # given
    text = _po_path(language).read_text(encoding="utf-8")
    entries = _po_entries(text)[1:]
    nplurals = int(re.search(r"nplurals=(\d)", CATALOGUES[language]).group(1))
    # then
    assert len(entries) > 250
    assert "#, fuzzy" not in text
    untranslated = [e["msgid"] for e in entries if not all(s.strip() for s in _msgstrs(e))]
    assert untranslated == []
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert fuzzy == []
    # a plural message has exactly the language's forms: msgstr[0] alone in Chinese, three in Spanish
    plural = [e for e in entries if "msgid_plural" in e]
    assert plural
    forms = [f"msgstr[{i}]" for i in range(nplurals)]
    assert [e["msgid"] for e in plural if sorted(k for k in e if k.startswith("msgstr")) != forms] == []


@pytest.mark.parametrize("language", CATALOGUES)
def test_every_translation_keeps_the_placeholders_of_its_message(language):
    # given
    entries = _po_entries(_po_path(language).read_text(encoding="utf-8"))[1:]
    # when
    broken = []
    for entry in entries:
        if "msgid_plural" in entry:
            # the last form stands for "many" and names what the plural message names; the others (one) may
            # leave the count out ("This listing ..." for 1), but never bring a placeholder of their own
            forms = [value for key, value in sorted(entry.items()) if key.startswith("msgstr[")]
            known = _placeholders(entry["msgid"]) | _placeholders(entry["msgid_plural"])
            if _placeholders(forms[-1]) != _placeholders(entry["msgid_plural"]):
                broken.append((entry["msgid"], forms[-1]))
            broken += [(entry["msgid"], form) for form in forms if not _placeholders(form) <= known]
        elif _placeholders(entry["msgstr"]) != _placeholders(entry["msgid"]):
            broken.append((entry["msgid"], entry["msgstr"]))
    # then
    assert broken == []


@pytest.mark.parametrize("language", CATALOGUES)
def test_the_committed_mo_is_compiled_from_the_current_po(language):
    # given the .po as text and the committed .mo as Python's gettext reads it
    po_path = _po_path(language)
    entries = _po_entries(po_path.read_text(encoding="utf-8"))
    with po_path.with_suffix(".mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)._catalog
    # when the .po's messages are keyed as the .mo keys them
    expected = {}
    for entry in entries:
        msgid = entry["msgid"]
        if "msgctxt" in entry:
            msgid = f"{entry['msgctxt']}\x04{msgid}"
        if "msgid_plural" in entry:
            for key, value in entry.items():
                if key.startswith("msgstr["):
                    expected[(msgid, int(key[7:-1]))] = value
        else:
            expected[msgid] = entry["msgstr"]
    # (msgfmt leaves POT-Creation-Date out of the compiled header)
    expected[""] = "".join(
        line for line in expected[""].splitlines(True) if not line.startswith("POT-Creation-Date")
    )
    # then they are the same messages and translations (re-run compilemessages when this fails)
    assert compiled.keys() - expected.keys() == set(), "in the .mo but not in the .po"
    assert expected.keys() - compiled.keys() == set(), "in the .po but not in the .mo"
    assert {k: v for k, v in expected.items() if compiled[k] != v} == {}
