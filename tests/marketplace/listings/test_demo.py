"""seed_demo's marketplace: 200 listings that read like a shop (different titles, no colour tacked on) with
photos that show their kind of goods, the same on every run."""

import io
import random
import re

import pytest
from PIL import Image, ImageChops

from logistics.partners.demo import SELLER_COUNTRIES
from marketplace.listings.demo import BASE_LISTINGS, demo_seed
from marketplace.listings.demo_data import CATEGORIES, SELLERS
from marketplace.listings.demo_photos import DRAWINGS, demo_photo, demo_photo_draw, photo_kind
from marketplace.listings.models import Listing

# The suffixes the demo world used to pad titles with ("Kente stole, forest green").
COLOUR_SUFFIX = re.compile(r", (indigo|saffron|forest green|terracotta|natural|charcoal|rose|ocean)$")


@pytest.fixture
def seeded(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    demo_seed(stdout=io.StringIO())
    return list(Listing.objects.order_by("id").values_list("title", "thumbnail"))


def _silhouette(image: Image.Image) -> bytes:
    """Which pixels are not the background (the corner's colour): the shape, whatever its colours."""
    background = Image.new("RGB", image.size, image.getpixel((0, 0)))
    difference = ImageChops.difference(image, background).convert("L")
    return difference.point(lambda v: 255 if v > 12 else 0).resize((100, 100)).tobytes()


def test_two_hundred_listings_with_two_hundred_titles_and_no_colour_suffix_seeded_once(seeded):
    # given the demo world seeded
    titles = [title for title, _ in seeded]
    # then every listing has its own title, none padded with a colour, each with a photo
    assert len(titles) == BASE_LISTINGS == 200
    assert len(set(titles)) == 200
    assert [t for t in titles if COLOUR_SUFFIX.search(t)] == []
    assert all(thumbnail for _, thumbnail in seeded)
    # when it is seeded again
    demo_seed(stdout=io.StringIO())
    # then it is the same world
    assert list(Listing.objects.order_by("id").values_list("title", "thumbnail")) == seeded


def test_bulk_listings_for_benchmarks_share_their_products_photos(seeded):
    # given the 200 listings, whose photos cover every product but not every product's every title
    # when 60 more are added in bulk (listings 201-260: 57 products, so some take a title no listing had yet)
    demo_seed(stdout=io.StringIO(), extra_listings=60)
    # then each has a photo of its own product
    bulk = Listing.objects.order_by("id")[200:]
    assert len(bulk) == 60
    assert [listing.title for listing in bulk if not listing.thumbnail] == []


def test_every_kind_of_goods_has_its_own_shape_and_every_category_its_own_kind():
    # given / when each drawing is made with the same colours
    shapes = {kind: _silhouette(demo_photo_draw(kind, random.Random(7))) for kind in DRAWINGS}
    # then fifteen kinds, fifteen shapes
    assert len(DRAWINGS) == 15 and len(set(shapes.values())) == 15
    # and a title that names no kind is drawn as its category's kind, a different one for each category
    defaults = {slug: photo_kind("Gift", slug) for slug, *_ in CATEGORIES}
    assert defaults == {
        "textiles": "cloth", "home": "bowl", "food": "pouch",
        "crafts": "basket", "jewellery": "jewel", "beauty": "bottle",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("title", "category", "kind"),
    [
        ("Sisal kiondo basket", "crafts", "basket"),
        ("Baby alpaca sweater", "textiles", "shirt"),
        ("Leather messenger bag", "jewellery", "bag"),
        ("Celadon porcelain tea cups, set of 4", "home", "mug"),
        ("Mezcal espadín 700 ml", "food", "bottle"),
        ("Olive oil soap, set of 3", "beauty", "box"),  # soap, not oil
        ("Alpaca wool wrap, herringbone", "textiles", "cloth"),  # herringbone is not a ring
        ("Hand-woven cotton bedspread", "home", "cloth"),
    ],
)
def test_a_title_decides_what_its_photo_shows(title, category, kind):
    assert photo_kind(title, category) == kind


def test_the_demo_photos_show_many_kinds_of_goods_and_are_the_same_on_every_run():
    # given every title of the demo world
    products = [(titles, category) for *_, products in SELLERS for titles, category, *_ in products]
    kinds = {photo_kind(title, category) for titles, category in products for title in titles}
    # then they are drawn as all fifteen kinds of goods
    assert kinds == set(DRAWINGS)
    # and one generator seed draws the same photo twice
    first = demo_photo(random.Random(2017), title="Sisal kiondo basket", category="crafts").read()
    again = demo_photo(random.Random(2017), title="Sisal kiondo basket", category="crafts").read()
    assert first == again


def test_the_demo_partners_ship_from_every_demo_sellers_country():
    # given the demo sellers' countries (Thailand's Lanna Celadon among them)
    countries = {country for _, _, _, country, *_ in SELLERS}
    # then the demo partners have lanes from each: no demo listing is hidden for want of a route
    assert "TH" in countries
    assert countries <= set(SELLER_COUNTRIES)
