"""Spanish, French and Swahili beside English and Chinese: chosen from Accept-Language and offered in the
switcher; and what every language reads the same way: dates, times with their zone, country names in the
reader's order, lists joined as the language joins them, restriction labels, the rate's source, and the
sentence a buyer in the seller's own country gets instead of a delivered price."""

# Chinese text uses full-width punctuation on purpose.

from datetime import UTC, date, datetime

import pytest
from django.conf import settings
from django.utils import formats, translation

from ewtp.collation import collated
from ewtp.countries import country_choices
from ewtp.fx.sources import rate_source_label
from ewtp.lists import list_join
from marketplace.listings.forms import ListingForm
from tests.marketplace.conftest import rates  # noqa: F401 - shared fixture: the exchange rates of 2026-10-30
from tests.marketplace.listings.factories import ListingFactory

# What the catalogue says in each language (the page's heading and a filter), from the committed catalogues.
CATALOGUE = {
    "es": ["Productos de pequeñas empresas de todo el mundo", "Todas las categorías", "Enviar a"],
    "fr": ["Des produits de petites entreprises du monde entier", "Toutes les catégories", "Livrer vers"],
    "sw": ["Bidhaa za biashara ndogo kutoka kote duniani", "Aina zote", "Tuma hadi"],
}


@pytest.fixture(autouse=True)
def _english_afterwards():
    """LocaleMiddleware leaves the last request's language active in this thread: reset it for later tests."""
    yield
    translation.deactivate()


@pytest.fixture
def listing(rates):  # noqa: F811 - the imported fixture, requested
    return ListingFactory(title="Kiondo", restrictions=["liquids", "magnets", "fragrance"])


def _page(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


# --- choosing the language -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "code"),
    [("es-PE,es;q=0.9,en;q=0.5", "es"), ("fr-FR,fr;q=0.9", "fr"), ("sw-KE,sw;q=0.9,en;q=0.3", "sw")],
)
def test_the_browsers_language_chooses_the_catalogue_language(client, listing, accept, code):
    # when a browser that prefers Spanish (Peru), French or Swahili (Kenya) opens the catalogue
    page = _page(client.get("/", headers={"accept-language": accept}))
    # then the interface is in that language, the seller's title as written
    assert f'<html lang="{code}">' in page
    assert "Kiondo" in page
    for text in CATALOGUE[code]:
        assert text in page
    assert "All categories" not in page


def test_the_switcher_offers_the_five_languages_each_in_its_own_name(client, listing):
    page = _page(client.get("/"))
    for code, name in [
        ("en", "English"),
        ("es", "español"),
        ("fr", "français"),
        ("sw", "Kiswahili"),
        ("zh-hans", "简体中文"),
    ]:
        assert f'<option value="{code}"' in page
        assert name.lower() in page.lower()


@pytest.mark.parametrize("code", ["es", "fr", "sw"])
def test_the_switcher_turns_the_site_into_the_chosen_language_and_remembers_it(client, listing, code):
    # given an English page; when the buyer picks the language in the switcher
    response = client.post("/i18n/setlang/", {"language": code, "next": "/"})
    assert response.status_code == 302 and response.url == "/"
    # then the next pages are in it, whatever the browser says, and the switcher shows it selected
    page = _page(client.get("/", headers={"accept-language": "en"}))
    assert f'<html lang="{code}">' in page
    assert f'<option value="{code}" selected>' in page
    for text in CATALOGUE[code]:
        assert text in page


# --- what the listing page says ---------------------------------------------------------------------------


def test_restrictions_read_as_labels_joined_as_the_language_joins_lists(client, listing):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    page = _page(client.get(listing.get_absolute_url()))
    # the codes (liquids, magnets, fragrance) as the Chinese catalogue words them, joined with 、 and 和
    assert "液体、磁性物品和香水或含酒精制品" in page
    assert "liquids, magnets" not in page


def test_restrictions_in_spanish(client, listing):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    page = _page(client.get(listing.get_absolute_url()))
    assert "Líquidos, Imanes y Perfume o a base de alcohol" in page


def test_a_buyer_in_the_sellers_country_is_told_domestic_sales_are_not_offered(client, listing):
    # given a Kenyan seller's listing; when a buyer shipping to Kenya, paying in KES, opens it
    page = _page(client.get(listing.get_absolute_url() + "?ship_to=KE&currency=KES"))
    # then one clear sentence, and no delivered price nor an "identity" exchange rate
    assert "Domestic sales are not offered yet: this seller is in Kenya" in page
    assert "identity" not in page
    assert 'id="delivered"' not in page


def test_the_domestic_sentence_in_swahili(client, listing):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sw"
    page = _page(client.get(listing.get_absolute_url() + "?ship_to=KE&currency=KES"))
    assert "Mauzo ya ndani ya nchi bado hayapatikani: muuzaji huyu yuko Kenya" in page


def test_the_member_since_date_is_the_languages_year_and_month(client, listing):
    listing.seller.created_at = datetime(2026, 11, 30, 14, 5, tzinfo=UTC)
    listing.seller.save(update_fields=["created_at"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    page = _page(client.get(listing.get_absolute_url()))
    assert "2026年11月 加入" in page
    assert "十一月" not in page


# --- formats, names and order -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "short_date", "year_month"),
    [
        ("en-gb", "30/11/2026", "November 2026"),
        ("zh-hans", "2026年11月30日", "2026年11月"),
        ("es", "30/11/2026", "noviembre de 2026"),
        ("fr", "30/11/2026", "novembre 2026"),
        ("sw", "30/11/2026", "Novemba 2026"),
    ],
)
def test_dates_follow_the_language(code, short_date, year_month):
    with translation.override(code):
        assert formats.date_format(date(2026, 11, 30), "SHORT_DATE_FORMAT") == short_date
        assert formats.date_format(date(2026, 11, 30), "YEAR_MONTH_FORMAT") == year_month


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en-gb", "30/11/2026 14:05 UTC"),
        ("zh-hans", "2026年11月30日 14:05 UTC"),
        ("es", "30/11/2026 14:05 UTC"),
        ("fr", "30/11/2026 14:05 UTC"),
        ("sw", "30/11/2026 14:05 UTC"),
    ],
)
def test_times_name_their_time_zone(code, expected):
    at = datetime(2026, 11, 30, 14, 5, tzinfo=UTC)
    with translation.override(code):
        assert formats.date_format(at, "SHORT_DATETIME_FORMAT") == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en-gb", "30 Nov 2026, 14:05 UTC"),
        ("zh-hans", "2026年11月30日 14:05 UTC"),
        ("es", "30 de noviembre de 2026 a las 14:05 UTC"),
        ("fr", "30 novembre 2026 14:05 UTC"),
        ("sw", "30 Novemba 2026, 14:05 UTC"),
    ],
)
def test_long_times_name_their_time_zone_too(code, expected):
    # the order page's "Placed" and its history use the long format
    at = datetime(2026, 11, 30, 14, 5, tzinfo=UTC)
    with translation.override(code):
        assert formats.date_format(at, "DATETIME_FORMAT") == expected


def test_chinese_country_names_are_in_pinyin_order():
    names = [name for _code, name in country_choices("zh_Hans")]
    # 阿富汗 a-fu-han < 安哥拉 an-ge-la < 巴西 ba-xi < 德国 de-guo < 中国 zhong-guo
    positions = [names.index(name) for name in ["阿富汗", "安哥拉", "巴西", "德国", "中国"]]
    assert positions == sorted(positions)
    assert names[0] == "阿尔巴尼亚"  # a-er-ba-ni-ya: the first in pinyin (a, then er before fu)


def test_french_country_names_sort_accents_with_their_letter():
    names = [name for _code, name in country_choices("fr")]
    # É sorts as E: Égypte, Émirats arabes unis, Équateur before Érythrée and Espagne, all before Fidji
    assert names.index("Égypte") < names.index("Émirats arabes unis") < names.index("Espagne")
    assert names.index("Espagne") < names.index("Fidji")


def test_spanish_keeps_enye_after_n():
    assert collated(["Ñandú", "Noruega", "Nigeria", "Omán"], locale="es") == [
        "Nigeria",
        "Noruega",
        "Ñandú",
        "Omán",
    ]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", "liquids, magnets, and powders"),
        ("zh-hans", "liquids、magnets和powders"),
        ("es", "liquids, magnets y powders"),
        ("fr", "liquids, magnets et powders"),
        ("sw", "liquids, magnets na powders"),
    ],
)
def test_lists_are_joined_as_the_language_joins_them(code, expected):
    with translation.override(code):
        assert list_join(["liquids", "magnets", "powders"]) == expected


def test_the_listing_forms_countries_are_in_the_readers_language(db):
    seller = ListingFactory.build().seller
    with translation.override("fr"):
        choices = dict(ListingForm(seller=seller).fields["origin_country"].choices)
    assert choices["DE"] == "Allemagne"
    assert choices["KE"] == "Kenya"


@pytest.mark.parametrize(
    ("code", "source", "expected"),
    [
        ("en", "identity", "no conversion needed"),
        ("zh-hans", "ECB", "欧洲中央银行"),
        ("fr", "ECB + Central Bank of Kenya", "Banque centrale européenne + Central Bank of Kenya"),
        ("es", "demo exchange rate", "tipo de cambio de demostración"),
        (
            "sw",
            "Demo rate (approximate, seed_demo; not for real trade)",
            "kiwango cha ubadilishaji cha majaribio",
        ),
    ],
)
def test_a_rates_source_is_worded_in_the_readers_language(code, source, expected):
    with translation.override(code):
        assert rate_source_label(source) == expected
