"""The whole journey in a real browser: a seller signs up, onboards, is approved by an operator in the
admin, lists and publishes goods; a buyer switches currency, sees the listing at the converted price and
what it costs delivered to the United States."""

from datetime import date
from decimal import Decimal

import pytest

from logistics.partners.models import Partner, RateCard, WeightBand
from marketplace.listings.models import Category, Listing
from marketplace.sellers.models import Seller
from tests.marketplace.listings.images import png_upload
from tests.marketplace.sellers.factories import MINIMAL_PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Kiondo-baskets-2026!"


@pytest.fixture
def world(hs_nomenclature, rates, customs_rules, django_user_model, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2026, 10, 30))
    Category.objects.create(slug="crafts", name="Crafts & decor")
    # one lane, Kenya to the United States, duty paid
    partner = Partner.objects.create(slug="swift", name="Swift Parcel")
    card = RateCard.objects.create(
        partner=partner, origin_country="KE", destination_country="US", service_level="standard",
        currency="EUR", transit_days_min=5, transit_days_max=9, ddp_offered=True,
    )  # fmt: skip
    WeightBand.objects.create(rate_card=card, max_weight_kg=Decimal("20"), price=Decimal("15.00"))
    return django_user_model.objects.create_superuser(email="operator@example.com", password=PASSWORD)


def _files(tmp_path):
    pdf = tmp_path / "licence.pdf"
    pdf.write_bytes(MINIMAL_PDF)
    photo = tmp_path / "basket.png"
    photo.write_bytes(png_upload(size=(640, 480), color=(180, 120, 40)).read())
    return pdf, photo


def test_seller_onboards_and_publishes_then_a_buyer_sees_it_in_yen(
    browser, live_server, world, tmp_path, screenshots, audit
):
    pdf, photo = _files(tmp_path)
    url = live_server.url
    seller_page = browser.new_context(viewport={"width": 412, "height": 900}, locale="en-GB").new_page()

    # given a new seller who signs up to sell
    seller_page.goto(f"{url}/accounts/signup/")
    audit(seller_page, "sign-up")
    seller_page.fill("input[name=email]", "amina@kiondo.example")
    seller_page.fill("input[name=full_name]", "Amina Wanjiru")
    seller_page.select_option("select[name=country]", "KE")
    seller_page.check("input[name=intent][value=sell]")
    seller_page.fill("input[name=password1]", PASSWORD)
    seller_page.fill("input[name=password2]", PASSWORD)
    screenshots(seller_page, "signup")
    seller_page.click("main button[type=submit]")

    # when she goes through the onboarding wizard
    seller_page.wait_for_load_state()
    if "/sell/start/" in seller_page.url:
        seller_page.click("main button[type=submit]")
    seller_page.wait_for_url("**/onboarding/business/")
    audit(seller_page, "business profile")
    seller_page.fill("input[name=legal_name]", "Kiondo House Limited")
    seller_page.fill("input[name=trading_name]", "Kiondo House")
    seller_page.select_option("select[name=country]", "KE")
    seller_page.select_option("select[name=business_type]", "company")
    seller_page.fill("input[name=registration_number]", "PVT-2026-1234")
    seller_page.fill("input[name=phone]", "+254 712 345678")
    seller_page.fill("input[name=address_line1]", "Biashara Street 12")
    seller_page.fill("input[name=city]", "Nairobi")
    screenshots(seller_page, "business-profile")
    seller_page.click("main button[type=submit]")
    seller_page.wait_for_url("**/onboarding/currency/")
    audit(seller_page, "currency")
    assert seller_page.input_value("select[name=default_currency]") == "KES"
    seller_page.click("main button[type=submit]")
    seller_page.wait_for_url("**/onboarding/payouts/")
    audit(seller_page, "payouts")
    seller_page.click("main button[type=submit]")  # no Stripe keys here: payouts recorded as pending
    seller_page.wait_for_url("**/onboarding/documents/")
    for kind in ("business_licence", "identity_document"):
        seller_page.select_option("select[name=kind]", kind)
        seller_page.set_input_files("input[name=file]", str(pdf))
        seller_page.click("button:has-text('Upload')")
    screenshots(seller_page, "documents")
    audit(seller_page, "documents")
    seller_page.goto(f"{url}/sell/onboarding/submit/")
    audit(seller_page, "submit")
    seller_page.click("button:has-text('Submit for review')")
    seller_page.wait_for_url("**/sell/")
    audit(seller_page, "seller dashboard")
    assert Seller.objects.get(user__email="amina@kiondo.example").status == Seller.Status.SUBMITTED

    # and an operator approves her in the admin
    operator = browser.new_context().new_page()
    operator.goto(f"{url}/admin/login/")
    operator.fill("input[name=username]", "operator@example.com")
    operator.fill("input[name=password]", PASSWORD)
    operator.click("input[type=submit]")
    operator.goto(f"{url}/admin/sellers/seller/")
    operator.check("input[name=_selected_action]")
    operator.select_option("select[name=action]", "approve_selected")
    operator.click("button[name=index]")
    screenshots(operator, "admin-approved")
    assert Seller.objects.get(user__email="amina@kiondo.example").status == Seller.Status.VERIFIED

    # and she lists a basket, adds a photo and publishes it
    seller_page.goto(f"{url}/sell/listings/new/")
    audit(seller_page, "new listing")
    seller_page.fill("input[name=title]", "Sisal kiondo basket")
    seller_page.fill("textarea[name=description]", "Woven by hand in Machakos from sisal and leather.")
    seller_page.select_option("select[name=category]", "crafts")
    seller_page.fill("input[name=price_amount]", "3200")
    seller_page.fill("input[name=stock]", "12")
    seller_page.fill("input[name=sku]", "KIONDO-01")
    seller_page.fill("input[name=hs_code]", "4602.19")
    seller_page.select_option("select[name=origin_country]", "KE")
    seller_page.fill("input[name=net_weight_kg]", "0.5")
    seller_page.fill("input[name=length_cm]", "35")
    seller_page.fill("input[name=width_cm]", "35")
    seller_page.fill("input[name=height_cm]", "30")
    seller_page.click("form.panel button[type=submit]")
    seller_page.set_input_files("input[name=photo]", str(photo))
    seller_page.click("button:has-text('Upload')")
    seller_page.click("button[name=status][value=active]")
    screenshots(seller_page, "listing-published")
    audit(seller_page, "listing published")
    seller_page.goto(f"{url}/sell/listings/")
    audit(seller_page, "seller's listings")
    listing = Listing.objects.get(sku="KIONDO-01")
    assert listing.is_visible and listing.photos.count() == 1

    # then a buyer in Japan browsing in euros switches to yen and sees it at the converted price
    buyer = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US").new_page()
    buyer.goto(f"{url}/?currency=EUR")
    audit(buyer, "catalogue")
    assert buyer.locator(".card .title", has_text="Sisal kiondo basket").count() == 1
    buyer.select_option("select[name=currency]", "JPY")
    buyer.click("form.filters button[type=submit]")
    buyer.wait_for_url("**currency=JPY**")
    # worked by hand with the rates of 2026-10-30 (1 EUR = 144.30 KES = 175.68 JPY): KES 3,200 x 175.68 /
    # 144.30 = 562,176 / 144.30 = 3,895.88... -> ¥3,896 (the yen has no minor unit)
    card = buyer.locator(".card", has_text="Sisal kiondo basket")
    assert card.locator(".price").inner_text() == "≈ ¥3,896"
    assert "KES3,200.00" in card.locator(".approx").inner_text()
    screenshots(buyer, "catalogue-in-yen")
    audit(buyer, "catalogue in yen")
    card.click()
    assert "Kiondo House" in buyer.content() and "4602.19" in buyer.content()
    # and sees what it costs delivered to the United States, worked by hand with the rates of 2026-10-30:
    # item ¥3,896; shipping EUR 15 x 175.68 = ¥2,635.2 -> ¥2,635; US duty (no de minimis since 2025-08-29,
    # on the goods only): KES 3200 = USD 24.78, x (5 % estimate + 10 % reciprocal tariff on Kenyan goods) =
    # 3.717 -> USD 3.72 = 3.72 x 175.68 / 1.1172 = ¥584.97 -> ¥585
    panel = buyer.locator("#delivered")
    assert "Delivered to United States" in panel.inner_text()
    assert panel.locator("tr.total td").inner_text() == "≈ ¥7,116"  # 3896 + 2635 + 585
    assert "nothing more on delivery" in panel.inner_text()  # the partner delivers duty paid
    screenshots(buyer, "listing-page")
    audit(buyer, "listing page")
