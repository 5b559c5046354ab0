"""Checkout, in-process with the built-in test gateway: complete checkouts per second, against one catalogue
page render in the same run; SQL queries to place an order of 10 lines from 3 sellers; the race of 20
buyers for 5 items.

Runs in a database of its own, made and dropped by Django's test machinery from the configured database
(`DATABASE_URL`; PostgreSQL for the figures that count, and the race needs it): migrated, then given the
ECB rates of 2026-10-30, the seeded customs rules, three verified sellers (Kenya, India, China) with ten
listings and a partner lane from each to Germany. Celery runs eagerly in-process, so the test gateway's
events are processed as a worker would process them; customs documents are queued but not rendered (a
worker on the `documents` queue renders them, outside the buyer's checkout; bench/customs_documents.py
measures them).

Measured:
- a complete checkout through the pages with the Django client: add to cart, address, shipping, review,
  Pay, the gateway's card page (4242...), the order page; best of REPEATS rounds of CHECKOUTS checkouts;
- baseline: one catalogue page (`/?ship_to=DE&currency=EUR`, page cache off), best of the same rounds;
- queries for Pay (reserve stock, place the orders, start the payment) and for the payment's success
  (take stock, mark paid, shipments, e-mails and documents queued), with 10 lines from 3 sellers and with
  3 lines from the same 3 sellers: equal counts mean no query per line;
- the race: 20 buyers, 5 in stock, real threads (PostgreSQL only).

Targets: a complete checkout within 25 catalogue renders' time, the query counts equal for 3 and 10 lines,
and the race 5 paid, 15 refused, stock 0.
"""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import connection, connections, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment, teardown_test_environment

from bench.timing import best_of_interleaved

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
DAY = date(2026, 10, 30)
ECB_CSV = b"Date,USD,JPY,GBP,CNY,INR,\n2026-10-30,1.1172,175.68,0.8338,7.4326,106.084,\n"
CHECKOUTS = 10
REPEATS = 3
RACE_BUYERS, RACE_STOCK = 20, 5
TARGET_RATIO = 25
ADDRESS = {
    "name": "Anna Schmidt", "street": "Invalidenstraße 117", "city": "Berlin", "postcode": "10115",
    "country": "DE", "phone": "+49 30 1234567", "email": "anna@example.com",
}  # fmt: skip
SELLERS = (("KE", "KES", "3200"), ("IN", "INR", "2100"), ("CN", "CNY", "180"))


def _world() -> list:
    """Rates, rules, a lane per seller to Germany, and listings: returns the listings, by seller."""
    from django.contrib.auth import get_user_model

    from ewtp.fx.services import fx_rate_set_manual, fx_rates_import
    from logistics.customs.rules_seeds import customs_rules_load
    from logistics.partners.models import Partner, RateCard, WeightBand
    from marketplace.listings.models import Category, Listing
    from marketplace.sellers.models import Seller

    fx_rates_import(data=ECB_CSV, origin="bench")
    fx_rate_set_manual(currency="KES", day=DAY, rate=Decimal("144.30"), source="Central Bank of Kenya")
    customs_rules_load(directory=SEEDS / "customs")
    partner = Partner.objects.create(slug="bench-parcel", name="Bench Parcel")
    category = Category.objects.create(slug="crafts", name="Crafts")
    listings = []
    for country, currency, price in SELLERS:
        card = RateCard.objects.create(
            partner=partner, origin_country=country, destination_country="DE", service_level="standard",
            currency="EUR", transit_days_min=5, transit_days_max=9,
        )  # fmt: skip
        WeightBand.objects.create(rate_card=card, max_weight_kg=Decimal("500"), price=Decimal("12.00"))
        user = get_user_model().objects.create_user(
            email=f"seller-{country.lower()}@bench.test", password=None
        )
        seller = Seller.objects.create(
            user=user, legal_name=f"{country} Workshop Ltd", trading_name=f"{country} Workshop",
            country=country, default_currency=currency, status=Seller.Status.VERIFIED,
            address_line1="1 Market Street",
            city="Springfield", postcode="12345", phone="+254712345678",
        )  # fmt: skip
        listings.append(
            [
                Listing.objects.create(
                    seller=seller,
                    title=f"Handmade basket {country} {n}",
                    category=category,
                    price_amount=Decimal(price),
                    price_currency=currency,
                    stock=1_000_000,
                    sku=f"{country}-{n}",
                    hs_code="460219",
                    origin_country=country,
                    net_weight_kg=Decimal("0.300"),
                    length_cm=Decimal("20"),
                    width_cm=Decimal("20"),
                    height_cm=Decimal("10"),
                    status=Listing.Status.ACTIVE,
                )
                for n in range(4)
            ]
        )
    return listings


def _checkout(lines: list, *, count_queries: bool = False) -> dict:
    """One buyer through the pages; the order page's status code, and the queries of Pay and of the card."""
    client = Client(HTTP_ACCEPT_LANGUAGE="de-DE")
    client.cookies["ewtp_currency"] = "EUR"
    for listing in lines:
        client.post("/cart/add/", {"listing": listing.pk, "quantity": 1})
    client.post("/checkout/")
    client.post("/checkout/address/", ADDRESS)
    client.post("/checkout/shipping/", {})
    review = client.get("/checkout/review/")
    version = review.context["checkout"].review_version
    # Each request starts by emptying the connection's query log (request_started): empty it first too.
    reset_queries()
    with CaptureQueriesContext(connection) as pay_queries:
        paying = client.post("/checkout/pay/", {"review_version": version, "currency": "EUR"})
    # Counted now: captured_queries reads the log, which the next request empties.
    pay_count = len(pay_queries)
    gateway = re.sub(r"^https?://[^/]+", "", paying.url)
    reset_queries()
    with CaptureQueriesContext(connection) as card_queries:
        landing = client.post(gateway, {"card_number": "4242424242424242"})
    paid_count = len(card_queries)
    order_page = client.get(landing.url, follow=True)
    shown = (
        b"order-reference" in order_page.content or b"order-links" in order_page.content
    )  # 1 order, or more
    assert order_page.status_code == 200 and shown, order_page.content[-500:]
    return {"pay": pay_count, "paid": paid_count} if count_queries else {}


def _race(listing) -> Counter:
    """RACE_BUYERS buyers of one item each, RACE_STOCK in stock, all paying at once."""
    from ewtp.fx.conversion import fx_rate_table
    from marketplace.orders.cart import cart_item_add
    from marketplace.orders.checkout import checkout_address_set, checkout_open, checkout_review
    from marketplace.orders.errors import StockInsufficientError
    from marketplace.orders.models import Cart, Order
    from marketplace.orders.paying import checkout_pay
    from marketplace.payments.gateways.builtin import CARD_SUCCEEDS, hosted_card_submit
    from marketplace.payments.models import Payment

    listing.stock = RACE_STOCK
    listing.save()
    checkouts = []
    for n in range(RACE_BUYERS):
        cart = Cart.objects.create(session_key=f"race-{n}")
        cart_item_add(cart=cart, listing_id=listing.pk, quantity=1)
        checkout = checkout_open(cart=cart, user=None, currency="EUR")
        checkout_address_set(checkout=checkout, data=ADDRESS)
        checkout_review(checkout=checkout, rates=fx_rate_table(on=DAY), on=DAY)
        checkouts.append(checkout)
    barrier, outcomes = threading.Barrier(RACE_BUYERS), Counter()

    def buy(checkout):
        try:
            barrier.wait()
            checkout_pay(
                checkout=checkout, review_version=checkout.review_version, currency="EUR",
                rates=fx_rate_table(on=DAY), on=DAY, success_url="http://bench/", cancel_url="http://bench/",
            )  # fmt: skip
            payment = Payment.objects.get(purpose_reference=checkout.reference)
            hosted_card_submit(payment=payment, card_number=CARD_SUCCEEDS)
            outcomes[Order.objects.get(checkout=checkout).status] += 1
        except StockInsufficientError:
            outcomes["refused"] += 1
        finally:
            connections.close_all()

    threads = [threading.Thread(target=buy, args=(c,)) for c in checkouts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    listing.refresh_from_db()
    outcomes["stock_left"] = listing.stock
    return outcomes


def _measure() -> dict:
    from ewtp.celery import app
    from logistics.customs.tasks import documents_generate

    app.conf.update(
        task_always_eager=True,
        task_eager_propagates=True,
        broker_url="memory://",
        result_backend="cache+memory://",
    )
    documents_generate.run = lambda **kwargs: []  # rendered by the documents worker, not in the checkout
    listings = _world()
    by_seller = [group[0] for group in listings]
    ten_lines = [*listings[0], *listings[1], *listings[2][:2]]  # 4 + 4 + 2 lines from 3 sellers
    three = _checkout(by_seller, count_queries=True)
    ten = _checkout(ten_lines, count_queries=True)
    catalogue = Client(HTTP_ACCEPT_LANGUAGE="de-DE")

    def checkouts():
        for _ in range(CHECKOUTS):
            _checkout([listings[0][0]])

    def catalogue_page():
        response = catalogue.get("/?ship_to=DE&currency=EUR")
        assert response.status_code == 200

    checkouts_time, page_time = best_of_interleaved(checkouts, catalogue_page, repeats=REPEATS)
    race = _race(listings[1][3]) if connection.vendor == "postgresql" else None
    return {
        "three": three, "ten": ten, "checkout_seconds": checkouts_time / CHECKOUTS, "page_seconds": page_time,
        "race": race,
    }  # fmt: skip


def run() -> dict:
    settings.REFERENCE_CACHE_SECONDS = 0  # every catalogue render renders (no page cache)
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        started = time.perf_counter()
        result = _measure()
        result["wall_seconds"] = time.perf_counter() - started
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    return _report(result)


def _report(result: dict) -> dict:
    per_second = 1 / result["checkout_seconds"]
    ratio = result["checkout_seconds"] / result["page_seconds"]
    three, ten, race = result["three"], result["ten"], result["race"]
    vendor = connection.vendor
    rows = [
        {
            "benchmark": "checkout",
            "measure": f"complete checkouts through the pages, test gateway, in-process ({vendor})",
            "value": f"{per_second:.1f} checkouts/s",
            "baseline": f"{1 / result['page_seconds']:.1f} catalogue pages/s",
            "ratio": f"{ratio:.1f}x a catalogue page",
            "target": f"<= {TARGET_RATIO}x a catalogue page",
            "meets_target": ratio <= TARGET_RATIO,
        },
        {
            "benchmark": "checkout",
            "measure": "SQL queries: Pay / payment succeeded (webhook, 3 shipments, e-mail tasks run "
            "eagerly), 10 lines from 3 sellers",
            "value": f"{ten['pay']} / {ten['paid']}",
            "baseline": f"{three['pay']} / {three['paid']} with 3 lines from the same 3 sellers",
            "ratio": f"{ten['pay'] - three['pay']} / {ten['paid'] - three['paid']} more",
            "target": "no query per line (equal)",
            "meets_target": ten == three,
        },
        {
            "benchmark": "checkout",
            "measure": f"{RACE_BUYERS} buyers race for {RACE_STOCK} items (threads, PostgreSQL)",
            "value": "not run (needs PostgreSQL)"
            if race is None
            else f"{race['paid']} paid, {race['refused']} refused, stock {race['stock_left']}",
            "baseline": "-",
            "ratio": "-",
            "target": f"{RACE_STOCK} paid, {RACE_BUYERS - RACE_STOCK} refused, stock 0",
            "meets_target": None
            if race is None
            else (race["paid"], race["refused"], race["stock_left"])
            == (RACE_STOCK, RACE_BUYERS - RACE_STOCK, 0),
        },
    ]
    return {
        "database": vendor,
        "checkouts_per_round": CHECKOUTS,
        "checkout_seconds": result["checkout_seconds"],
        "catalogue_page_seconds": result["page_seconds"],
        "queries": {"three_lines": three, "ten_lines": ten},
        "race": None if race is None else dict(race),
        "wall_seconds": result["wall_seconds"],
        "rows": rows,
    }
