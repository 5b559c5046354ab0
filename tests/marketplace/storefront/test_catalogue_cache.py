"""Catalogue pages in Django's shared cache: keyed on the whole normalised query, bounded, rendered by
templates (the cached body is the template's output, served unescaped and unchanged)."""

from datetime import date

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.listings.models import Listing
from marketplace.storefront import catalogue_cache
from tests.marketplace.listings.factories import ListingFactory
from tests.marketplace.sellers.factories import SellerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _caching_on(rates, settings, monkeypatch):
    """As deployed: pages cached for 30 s (the test settings turn caching off); an empty page cache."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2026, 10, 30))
    settings.REFERENCE_CACHE_SECONDS = 30
    caches["pages"].clear()
    yield
    caches["pages"].clear()


def _expire_cached_pages() -> None:
    """What REFERENCE_CACHE_SECONDS passing does to the page cache."""
    caches["pages"].clear()


def _main(response) -> str:
    """The page's <main>: the header around it carries a CSRF token that differs on every response."""
    page = response.content.decode()
    return page[page.index("<main") : page.index("</main>")]


def _titles(response) -> list[str]:
    page = response.content.decode()
    return [title for title in ("First", "Second", "Alpaca scarf", "Sisal basket") if title in page]


def test_a_repeated_page_is_served_from_the_cache_without_reading_listings(client):
    # given a page asked for once
    ListingFactory(title="First")
    client.get("/", {"currency": "JPY"})
    # when the same page is asked for again
    with CaptureQueriesContext(connection) as repeat:
        response = client.get("/", {"currency": "JPY"})
    # then it comes from the page cache: no query but the cache's own (none at all with Redis)
    assert [q["sql"] for q in repeat.captured_queries if "ewtp_page_cache" not in q["sql"]] == []
    # and a listing published meanwhile shows once the cached page has expired
    ListingFactory(title="Second")
    assert _titles(client.get("/", {"currency": "JPY"})) == ["First"]
    _expire_cached_pages()
    assert _titles(client.get("/", {"currency": "JPY"})) == ["First", "Second"]
    assert _titles(response) == ["First"]


def test_the_cached_body_is_the_templates_html_not_escaped_again(client):
    # given a listing whose title needs escaping, on a cached page
    ListingFactory(title="Bowl <b>&</b> cup")
    first = _main(client.get("/", {"currency": "EUR"}))
    # when the page is served from the cache
    again = _main(client.get("/", {"currency": "EUR"}))
    # then it is the same HTML: the markup intact, the title escaped once
    assert again == first
    assert '<ul class="cards">' in again and "Bowl &lt;b&gt;&amp;&lt;/b&gt; cup" in again


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ({"q": "sisal"}, {"q": "alpaca"}, "Alpaca scarf"),
        ({"seller_country": "KE"}, {"seller_country": "PE"}, "Alpaca scarf"),
        ({"ship_to": "KE"}, {"ship_to": "PE"}, "shipping to Peru"),
    ],
    ids=["q", "seller_country", "ship_to"],
)
def test_each_part_of_the_query_has_its_own_page(client, first, then, expected):
    # given a Kenyan basket and a Peruvian scarf, and one query's page cached
    ListingFactory(title="Sisal basket")
    ListingFactory(title="Alpaca scarf", seller=SellerFactory(verified=True, country="PE"))
    client.get("/", first)
    # when a query that differs in one part is asked for
    page = client.get("/", then).content.decode()
    # then it is its own page, not the cached one
    assert expected in page


def test_currency_language_and_destination_have_their_own_pages_also_when_not_in_the_address(client):
    # given a Kenyan basket at KES 3,200, its page cached for a buyer in Germany browsing in euros, in
    # English, all three from cookies (nothing in the address)
    ListingFactory(title="Sisal basket")
    client.cookies.load({"ewtp_currency": "EUR", "ewtp_ship_to": "DE"})
    assert "≈ €22.18" in client.get("/").content.decode()  # 3200 / 144.30 = 22.176 -> EUR 22.18
    # when the buyer switches, in turn, to yen, to Chinese and to Japan, still through cookies
    client.cookies.load({"ewtp_currency": "JPY"})
    yen = client.get("/").content.decode()
    client.cookies.load({"ewtp_currency": "EUR", django_settings.LANGUAGE_COOKIE_NAME: "zh-hans"})
    chinese = client.get("/").content.decode()
    client.cookies.load({"ewtp_ship_to": "JP", django_settings.LANGUAGE_COOKIE_NAME: "en"})
    japan = client.get("/").content.decode()
    # then each is its own page: 3200 x 175.68 / 144.30 = 3,895.88 -> ¥3,896; the filters in Chinese;
    # shipping to Japan
    assert "≈ ¥3,896" in yen and "€22.18" not in yen
    assert "全部类目" in chinese and "All categories" not in chinese
    assert "shipping to Japan" in japan and "shipping to Germany" not in japan


def test_each_page_of_a_query_has_its_own_entry(client):
    # given 25 listings, the oldest alone on page 2, and page 1 cached
    ListingFactory(title="Oldest")
    ListingFactory.create_batch(24)
    client.get("/")
    # when page 2 is asked for
    page = client.get("/", {"page": "2"}).content.decode()
    # then it is page 2, not the cached page 1
    assert "Oldest" in page and 'rel="prev"' in page


def test_stray_parameters_neither_split_the_cache_nor_reach_another_buyers_links(client):
    # given 30 listings (two pages), and a first visitor whose address carries extra parameters
    ListingFactory.create_batch(30)
    client.get("/", {"currency": "JPY", "utm_source": "evil", "category": "nope", "page": "1"})
    # when another buyer asks for the plain page
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/", {"currency": "JPY"}).content.decode()
    # then they are served the page cached for the first (the same normalised query), whose pager links
    # carry the cleaned query only
    assert [q["sql"] for q in queries.captured_queries if "listings_listing" in q["sql"]] == []
    assert 'href="?currency=JPY&amp;page=2"' in page
    assert "evil" not in page and "nope" not in page


def test_pages_past_the_first_few_are_not_cached(client, monkeypatch):
    # given only the first page of a query is cached, and 25 listings: a second page holding one
    monkeypatch.setattr(catalogue_cache, "CACHED_PAGES", 1)
    ListingFactory.create_batch(25)
    client.get("/", {"page": "1"})
    client.get("/", {"page": "2"})
    # when both pages are asked for again
    with CaptureQueriesContext(connection) as first:
        client.get("/", {"page": "1"})
    with CaptureQueriesContext(connection) as second:
        client.get("/", {"page": "2"})
    # then the first comes from the cache, the second reads the listings again
    assert not any("listings_listing" in q["sql"] for q in first.captured_queries)
    assert any("listings_listing" in q["sql"] for q in second.captured_queries)


def test_at_most_a_set_number_of_pages_are_stored_per_window(client, monkeypatch):
    # given room for two stored pages per window
    monkeypatch.setattr(catalogue_cache, "STORED_PER_WINDOW", 2)
    ListingFactory(title="First")
    for q in ("first", "sisal", "basket"):
        client.get("/", {"q": q})
    # when a listing both later searches find is published, and they are asked for again
    ListingFactory(title="Sisal basket")
    # then the second is still the cached page; the third, over the bound, was never stored
    assert "Sisal basket" not in client.get("/", {"q": "sisal"}).content.decode()
    assert "Sisal basket" in client.get("/", {"q": "basket"}).content.decode()


def test_with_caching_off_nothing_is_stored(client, settings):
    settings.REFERENCE_CACHE_SECONDS = 0
    ListingFactory(title="First")
    client.get("/")
    ListingFactory(title="Second")
    assert _titles(client.get("/")) == ["First", "Second"]


def test_pages_have_a_shared_cache_of_their_own():
    # Shared by every web process (never per-process memory), and apart from the throttles' "default".
    pages, default = django_settings.CACHES["pages"], django_settings.CACHES["default"]
    assert pages["BACKEND"].rsplit(".", 1)[-1] in ("DatabaseCache", "RedisCache")
    assert (pages.get("LOCATION"), pages.get("KEY_PREFIX", "")) != (
        default.get("LOCATION"),
        default.get("KEY_PREFIX", ""),
    )


def test_the_country_options_are_cached_per_language_and_selection(client, monkeypatch):
    # given the country list rendered once for an English buyer shipping to Germany
    ListingFactory()
    client.get("/", {"ship_to": "DE"})
    assert caches["pages"].get(make_template_fragment_key("storefront-country-options", ["en", "DE"]))
    # when the list the pages would render changes, and other pages need it: another search, the listing's
    # page, another destination, another language
    nowhere = [("XX", "Nowhere")]
    monkeypatch.setattr("marketplace.storefront.views.country_choices", lambda locale: nowhere)
    search = client.get("/", {"ship_to": "DE", "q": "basket"}).content.decode()
    listing = client.get(Listing.objects.get().get_absolute_url(), {"ship_to": "DE"}).content.decode()
    japan = client.get("/", {"ship_to": "JP"}).content.decode()
    chinese = client.get("/", {"ship_to": "DE"}, headers={"accept-language": "zh-Hans"}).content.decode()
    # then the same language and selection are served the cached list; the others render their own
    assert '<option value="DE" selected>Germany</option>' in search and "Nowhere" not in search
    assert '<option value="DE" selected>Germany</option>' in listing and "Nowhere" not in listing
    assert '<option value="XX">Nowhere</option>' in japan and "Germany" not in japan
    assert '<option value="XX">Nowhere</option>' in chinese
