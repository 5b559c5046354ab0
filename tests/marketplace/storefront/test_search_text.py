"""The catalogue's free-text search: control characters (a NUL byte above all, which PostgreSQL refuses in
any string) are stripped, never a 500."""

from datetime import date

import pytest

from marketplace.storefront.filters import catalogue_filters_clean, free_text_clean
from tests.marketplace.listings.factories import ListingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(rates, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2026, 10, 30))


def _titles(response) -> list[str]:
    assert response.status_code == 200
    return [card.title for card in response.context["cards"]]


def test_a_search_for_a_nul_byte_alone_shows_the_whole_catalogue(client):
    # given two listings
    ListingFactory(title="Sisal basket")
    ListingFactory(title="Kente stole")
    # when a buyer (or a scanner) searches for a NUL byte: /?q=%00
    response = client.get("/?q=%00")
    # then the search is empty once the NUL is stripped: both cards, no server error
    assert sorted(_titles(response)) == ["Kente stole", "Sisal basket"]


def test_control_characters_inside_a_word_are_stripped_before_searching(client):
    # given
    ListingFactory(title="Sisal basket")
    ListingFactory(title="Kente stole")
    # when the query has a NUL, an ESC and a DEL inside "sisal"
    response = client.get("/?q=si%00s%1Ba%7Fl")
    # then it searches for "sisal", and the search box shows the cleaned words
    assert _titles(response) == ["Sisal basket"]
    assert 'name="q" id="id_q" maxlength="100" value="sisal"' in response.content.decode()


def test_the_filters_keep_words_apart_and_drop_control_characters():
    # given a query with a tab, a newline, a NUL between words and a bell inside one
    params = {"q": "  kiondo\tbasket\n\x00 si\x07sal ", "category": "crafts\x00"}
    # when
    values = catalogue_filters_clean(params, category_slugs={"crafts"}, seller_countries=set())
    # then whitespace separates words, the other control characters are gone, and the category with a NUL
    # in it is not a known category
    assert values == {"q": "kiondo basket sisal"}


def test_free_text_is_cut_to_its_maximum_length_after_cleaning():
    # given "ab" + NUL + "cdef": six characters once the NUL is stripped
    # when / then
    assert free_text_clean("ab\x00cdef", max_length=4) == "abcd"
    assert free_text_clean("\x00\x01\x1f", max_length=4) == ""
