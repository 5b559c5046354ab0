"""The rules a listing's values must satisfy: one place for the listing form, the services and every CSV row.

The form's fields turn text into numbers and choices; the rules here decide whether those values make a
listing: a price in whole minor units of the listing's own currency, a known HS code, a SKU the seller does
not use on another listing, text within its length, sizes above zero. A broken rule raises
ListingInvalidError naming every field that broke one.

A CSV file has thousands of rows: `ListingLookupsPreloaded` reads the seller's SKUs and the categories once
and checks each distinct HS code once, so checking a row costs no query.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from ewtp.countries import COUNTRY_CHOICES
from ewtp.currencies import ACTIVE_CURRENCIES, EXPONENTS
from ewtp.money import Money
from logistics.customs.errors import HsCodeError
from logistics.customs.hs import hs_code_validate
from marketplace.listings.errors import ListingInvalidError
from marketplace.listings.models import Category, Listing
from marketplace.sellers.models import Seller

MAX_PRICE = Decimal("1000000")
REQUIRED_TEXT = ("title", "sku")
SIZE_FIELDS = ("net_weight_kg", "length_cm", "width_cm", "height_cm")
COUNTRIES = frozenset(code for code, _name in COUNTRY_CHOICES)


class ListingLookups:
    """How the rules find categories, HS codes and the seller's SKUs: a query each (one listing at a time)."""

    def __init__(self, *, seller: Seller):
        self.seller = seller

    def category(self, slug: str) -> Category | None:
        return Category.objects.filter(slug=slug).first()

    def sku_listing_id(self, sku: str) -> int | None:
        """The id of the seller's listing with this SKU, if there is one."""
        return Listing.objects.filter(seller=self.seller, sku=sku).values_list("pk", flat=True).first()

    def hs_code(self, value: str) -> str:
        """The six-digit subheading `value` names; raises HsCodeError."""
        return hs_code_validate(value).code


class ListingLookupsPreloaded(ListingLookups):
    """The same answers for a whole file: categories and the seller's SKUs read once, each HS code checked
    once. `listings` (the seller's listings by SKU) is there for the caller too."""

    def __init__(self, *, seller: Seller):
        super().__init__(seller=seller)
        self.categories = {category.slug: category for category in Category.objects.all()}
        self.listings = {listing.sku: listing for listing in Listing.objects.filter(seller=seller)}
        self._hs_codes: dict[str, str | HsCodeError] = {}

    def category(self, slug: str) -> Category | None:
        return self.categories.get(slug)

    def sku_listing_id(self, sku: str) -> int | None:
        listing = self.listings.get(sku)
        return listing.pk if listing else None

    def hs_code(self, value: str) -> str:
        known = self._hs_codes.get(value)
        if known is None:
            try:
                known = super().hs_code(value)
            except HsCodeError as exc:
                known = exc
            self._hs_codes[value] = known
        if isinstance(known, HsCodeError):
            raise known
        return known


def listing_price_problem(amount: Decimal, currency: str) -> str | None:
    """What is wrong with `amount` as a price in `currency` (a currency listings may use), or None.

    A price is a whole number of the currency's minor units: KES 0.0001 or JPY 0.5 would be shown, and
    charged, as KES 0.00 or JPY 1, so the seller is asked for the price they mean instead.
    """
    if amount <= 0:
        return _("The price must be more than zero.")
    if amount >= MAX_PRICE:
        return _("The price must be below 1,000,000.")
    price = Money(amount, currency)
    if not price.is_rounded:
        smallest = Money.from_minor_units(1, currency)
        if amount < smallest.amount:
            return _("The smallest price in %(currency)s is %(smallest)s.") % {
                "currency": currency,
                "smallest": f"{smallest.amount:f}",
            }
        if EXPONENTS[currency] == 0:
            return _("Prices in %(currency)s are whole numbers, without decimals.") % {"currency": currency}
        return _("Prices in %(currency)s have at most %(digits)s decimals.") % {
            "currency": currency,
            "digits": EXPONENTS[currency],
        }
    return None


def listing_currency_problem(code: str) -> str | None:
    """What is wrong with `code` as a listing's currency, or None: it must be an ISO 4217 code in use."""
    if code in ACTIVE_CURRENCIES:
        return None
    if code in EXPONENTS:
        # Withdrawn currencies (HRK) and units without a minor unit (XAU, XDR) name no price buyers can pay.
        return _("Listings cannot be priced in %(code)s; use a currency in circulation, such as USD.") % {
            "code": code
        }
    return _("Unknown currency code %(code)s.") % {"code": code or _("(empty)")}


def listing_status_problems(status: str, stock: int | None) -> dict[str, str]:
    """A listing may be draft, active or paused, and active only with stock: buyers cannot order none."""
    if status not in Listing.Status.values:
        return {"status": _("Unknown status %(status)s: use draft, active or paused.") % {"status": status}}
    if status == Listing.Status.ACTIVE and stock == 0:
        return {"stock": _("Add stock before publishing: buyers cannot order a listing with none.")}
    return {}


def listing_values_check(
    *, seller: Seller, values: dict, listing: Listing | None = None, lookups: ListingLookups | None = None
) -> dict:
    """Check `values` (any of a listing's fields, parsed to Python types, plus `status`) against the rules
    for a listing of `seller`; `listing` is the one being changed, None for a new one. Only the fields in
    `values` are checked; a price is checked in `values["price_currency"]`, else the listing's own currency,
    else (a new listing) the seller's default. `category` may be a Category or its slug.

    Returns the values normalised (SKU trimmed, HS code as six digits, currency in capitals, category as a
    Category); raises ListingInvalidError whose details map each bad field to its message.
    """
    lookups = lookups or ListingLookups(seller=seller)
    clean = dict(values)
    errors: dict[str, str] = {}
    _texts_check(values, clean, errors)
    _sku_check(clean, errors, listing=listing, lookups=lookups)
    _references_check(values, clean, errors, lookups=lookups)
    _price_check(values, clean, errors, seller=seller, listing=listing)
    _quantities_check(values, errors, listing=listing)
    if errors:
        message = next(iter(errors.values())) if len(errors) == 1 else _("Check the highlighted fields.")
        raise ListingInvalidError(message, details=errors)
    return clean


def _texts_check(values: dict, clean: dict, errors: dict[str, str]) -> None:
    for name in ("title", "description", "sku"):
        if name not in values:
            continue
        text = values[name] or ""
        if name == "sku":
            text = text.strip()
        clean[name] = text
        limit = Listing._meta.get_field(name).max_length
        if name in REQUIRED_TEXT and not text.strip():
            errors[name] = _("This field is required.")
        elif len(text) > limit:
            errors[name] = _("At most %(limit)s characters (this has %(length)s).") % {
                "limit": f"{limit:,}",
                "length": f"{len(text):,}",
            }


def _sku_check(
    clean: dict, errors: dict[str, str], *, listing: Listing | None, lookups: ListingLookups
) -> None:
    if "sku" in clean and "sku" not in errors:
        owner = lookups.sku_listing_id(clean["sku"])
        if owner is not None and (listing is None or owner != listing.pk):
            errors["sku"] = _("You already have a listing with this SKU.")


def _references_check(values: dict, clean: dict, errors: dict[str, str], *, lookups: ListingLookups) -> None:
    """Category, HS code, origin and restrictions: each must name something we know."""
    if isinstance(values.get("category"), str):
        category = lookups.category(values["category"].strip())
        if category is None:
            slug = values["category"] or _("(empty)")
            errors["category"] = _("Unknown category %(slug)s.") % {"slug": slug}
        clean["category"] = category
    if "hs_code" in values:
        try:
            clean["hs_code"] = lookups.hs_code(values["hs_code"])
        except HsCodeError as exc:
            errors["hs_code"] = exc.message
    if "origin_country" in values and values["origin_country"] not in COUNTRIES:
        errors["origin_country"] = _("Unknown country code %(code)s.") % {"code": values["origin_country"]}
    if "restrictions" in values:
        unknown = [r for r in values["restrictions"] if r not in Listing.Restriction.values]
        if unknown:
            errors["restrictions"] = _("Unknown restriction %(name)s.") % {"name": unknown[0]}
        clean["restrictions"] = list(values["restrictions"])


def _price_check(
    values: dict, clean: dict, errors: dict[str, str], *, seller: Seller, listing: Listing | None
) -> None:
    """The price in its currency: the row's or form's, else the listing's own, else the seller's default."""
    if "price_currency" in values:
        currency = clean["price_currency"] = (values["price_currency"] or "").strip().upper()
        if problem := listing_currency_problem(currency):
            errors["price_currency"] = problem
    else:
        currency = listing.price_currency if listing is not None else seller.default_currency
        if "price_amount" in values and listing_currency_problem(currency):
            errors["price_currency"] = _("Choose the currency of the price.")
    if "price_amount" in values and values["price_amount"] is None:
        errors["price_amount"] = _("This field is required.")
    elif "price_amount" in values and "price_currency" not in errors:
        problem = listing_price_problem(values["price_amount"], currency)
        if problem:
            errors["price_amount"] = problem


def _quantities_check(values: dict, errors: dict[str, str], *, listing: Listing | None) -> None:
    """Sizes above zero, stock not below it, and a status the stock allows."""
    for name in SIZE_FIELDS:
        if name in values and (values[name] is None or values[name] <= 0):
            errors[name] = _("Must be more than zero.")
    if "stock" in values and (values["stock"] is None or values["stock"] < 0):
        errors["stock"] = _("Stock cannot be below zero.")
    if "status" in values:
        stock = values.get("stock", listing.stock if listing is not None else None)
        for name, message in listing_status_problems(values["status"], stock).items():
            errors.setdefault(name, message)
