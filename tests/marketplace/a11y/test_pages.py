"""Pages that screen readers and phones can use: a skip link, one <h1> on the catalogue and on a search (with
its own title), the seller's text marked with its language, photos named from the listing's title and
offered in two renditions (lazy below the fold, sized so nothing moves), the listings table on a phone, and
input borders that can be seen."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.core.cache import caches

from marketplace.listings.services import listing_photo_add
from tests.marketplace.a11y.markup import elements, find
from tests.marketplace.listings.factories import ListingFactory
from tests.marketplace.listings.images import png_upload

pytestmark = pytest.mark.django_db

SITE_CSS = Path(__file__).resolve().parents[3] / "static" / "css" / "site.css"


@pytest.fixture(autouse=True)
def _today(rates, monkeypatch, settings, tmp_path):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2026, 10, 30))
    settings.MEDIA_ROOT = tmp_path
    caches["pages"].clear()


def _text(element) -> str:
    return " ".join(element.text.split())


def test_every_page_starts_with_a_skip_link_to_main(client):
    html = client.get("/").content.decode()
    first_link = find(html, "a")[0]
    assert (first_link.attrs["href"], first_link.attrs["class"]) == ("#main", "skip-link")
    assert _text(first_link) == "Skip to main content"
    assert find(html, "main", id="main")[0].attrs["tabindex"] == "-1"


def test_the_catalogue_has_one_h1_and_a_search_its_own_h1_and_title(client):
    ListingFactory(title="Kiondo basket")
    html = client.get("/").content.decode()
    assert [_text(h) for h in find(html, "h1")] == ["Goods from small businesses worldwide"]
    html = client.get("/", {"q": "basket"}).content.decode()
    assert [_text(h) for h in find(html, "h1")] == ["Search results for “basket”"]
    assert _text(find(html, "title")[0]) == "Search results for “basket” · EWTP"


def test_seller_text_is_marked_with_the_listings_language_on_a_chinese_page(client):
    listing = ListingFactory(title="Kiondo basket", description="Woven by hand.")
    html = client.get(listing.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-Hans").content.decode()
    assert find(html, "html")[0].attrs["lang"] == "zh-hans"
    assert find(html, "h1")[0].attrs["lang"] == "en"
    assert find(html, "div", class_="description")[0].attrs["lang"] == "en"
    seller_name = [e for e in find(html, "span", lang="en") if listing.seller.display_name in e.text]
    assert seller_name
    catalogue = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-Hans").content.decode()
    assert [_text(e) for e in find(catalogue, "span", class_="title", lang="en")] == ["Kiondo basket"]


def test_a_listing_in_french_is_marked_french(client):
    listing = ListingFactory(title="Panier en sisal", language="fr")
    html = client.get(listing.get_absolute_url()).content.decode()
    assert find(html, "h1")[0].attrs["lang"] == "fr"


def test_photos_are_named_from_the_title_with_renditions_lazy_below_the_fold(client):
    listing = ListingFactory(title="Kiondo basket")
    for _ in range(3):
        listing_photo_add(listing=listing, upload=png_upload(size=(800, 600)))
    html = client.get(listing.get_absolute_url()).content.decode()
    photos = [e for e in elements(html) if e.tag == "img" and "srcset" in e.attrs]
    assert [p.attrs["alt"] for p in photos] == [
        "Kiondo basket, photo 1 of 3", "Kiondo basket, photo 2 of 3", "Kiondo basket, photo 3 of 3",
    ]  # fmt: skip
    first = photos[0]
    small, thumb = first.attrs["srcset"].split(", ")
    assert small.endswith(" 240w") and "/listings/small/" in small and thumb.endswith(" 480w")
    assert first.attrs["sizes"] == "(min-width: 40rem) 9rem, 45vw"
    assert (first.attrs["width"], first.attrs["height"]) == ("480", "480")  # square, as CSS crops them
    # the first row on a phone (two photos) loads at once: it is what the page paints first
    assert [p.attrs.get("loading") for p in photos] == [None, None, "lazy"]


def test_catalogue_cards_offer_two_renditions_and_load_lazily_after_the_first_row(client):
    listings = [ListingFactory(title=f"Basket {n}") for n in range(6)]
    for listing in listings:
        listing_photo_add(listing=listing, upload=png_upload(size=(640, 480)))
    html = client.get("/").content.decode()
    images = [e for e in elements(html) if e.tag == "img"]
    assert len(images) == 6
    assert all(
        re.fullmatch(r"\S+/listings/small/\S+ 240w, \S+/listings/thumbs/\S+ 480w", i.attrs["srcset"])
        for i in images
    )
    assert images[0].attrs["sizes"] == "(min-width: 64rem) 17rem, (min-width: 40rem) 31vw, 46vw"
    assert [i.attrs.get("loading") for i in images] == [None, None, None, None, "lazy", "lazy"]
    assert [i.attrs.get("fetchpriority") for i in images[:3]] == ["high", "high", None]
    assert all((i.attrs["width"], i.attrs["height"]) == ("240", "240") for i in images)


def test_the_listings_table_scrolls_in_its_own_focusable_region_and_names_its_action_column(client):
    listing = ListingFactory()
    client.force_login(listing.seller.user)
    html = client.get("/sell/listings/").content.decode()
    region = find(html, "div", class_="table-scroll")[0]
    assert (region.attrs["role"], region.attrs["tabindex"]) == ("region", "0")
    assert [_text(th) for th in find(html, "th", scope="col")] == [
        "Title",
        "Price",
        "Stock",
        "Status",
        "Action",
    ]


def _contrast(colour: str, background: str) -> float:
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(colour), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_input_borders_have_3_to_1_against_white_and_the_page():
    css = SITE_CSS.read_text()
    rule = re.search(r"^input, select, textarea \{[^}]*border: 1px solid (#[0-9a-f]{6})", css, re.M)
    border = rule.group(1)
    # #6e7785: linear R 0.1557, G 0.1845, B 0.2346 -> luminance 0.2126 x 0.1557 + 0.7152 x 0.1845 + 0.0722 x
    # 0.2346 = 0.1820; on white (1 + 0.05) / (0.1820 + 0.05) = 4.53 (the old #b8c0cc: 1.83)
    assert _contrast(border, "#ffffff") >= 3
    assert _contrast(border, "#f6f7f9") >= 3  # the page's background


def test_cards_do_not_clip_their_focus_ring():
    css = SITE_CSS.read_text()
    card_rule = re.search(r"^\.card \{([^}]*)\}", css, re.M).group(1)
    assert "overflow" not in card_rule
    assert re.search(r"^:focus-visible \{ outline: 3px solid", css, re.M)


def test_the_stylesheet_is_inlined_so_a_phone_paints_without_another_round_trip(client):
    html = client.get("/").content.decode()
    assert not [e for e in find(html, "link") if e.attrs.get("rel") == "stylesheet"]
    style = find(html, "style")[0].text
    assert style.strip() == SITE_CSS.read_text().strip()


def test_the_carts_lines_mark_the_sellers_titles_with_their_language(client):
    listing = ListingFactory(title="Panier en sisal", language="fr")
    client.post("/cart/add/", {"listing": listing.pk})
    html = client.get("/cart/", HTTP_ACCEPT_LANGUAGE="zh-Hans").content.decode()
    assert [e.attrs.get("lang") for e in find(html, "a") if "Panier en sisal" in e.text] == ["fr"]
