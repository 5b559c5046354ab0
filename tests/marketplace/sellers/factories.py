"""factory_boy factories for users and sellers; the listing tests reuse them.

UserFactory()                                  a buyer who can log in with password PASSWORD
SellerFactory()                                a draft seller with an empty profile
SellerFactory(complete=True, country="DE")     a draft seller with a complete, valid profile
SellerFactory(complete=True, documents=True)   ... plus both verification documents on private storage
SellerFactory(verified=True, country="KE")     a verified seller (complete profile, no documents)
"""

import factory
import phonenumbers
from django.core.files.base import ContentFile
from django.utils import timezone

from ewtp.countries import EU_MEMBERS, country_currency
from marketplace.accounts.models import User
from marketplace.sellers.models import Seller, SellerDocument

PASSWORD = "correct-horse-battery-staple"

# A valid VAT number per EU country the tests use (python-stdnum's own examples).
VAT_EXAMPLES = {
    "DE": "DE136695976",
    "FR": "FR40303265045",
    "NL": "NL004495445B01",
    "GR": "EL094259216",
    "AT": "ATU13585627",
    "IE": "IE6388047V",
    "BE": "BE0403019261",
}

MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _example_phone(country: str) -> str:
    number = phonenumbers.example_number(country)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _example_eori(country: str) -> str:
    if country == "GB":
        return "GB123456789000"
    return f"{country}1234567890" if country in EU_MEMBERS else ""


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    full_name = factory.Faker("name")
    password = factory.django.Password(PASSWORD)


class SellerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Seller
        skip_postgeneration_save = True

    class Params:
        complete = factory.Trait(
            legal_name=factory.Sequence(lambda n: f"Workshop {n} Ltd"),
            trading_name=factory.Sequence(lambda n: f"Workshop {n}"),
            business_type=Seller.BusinessType.COMPANY,
            registration_number=factory.Sequence(lambda n: f"REG-{n:06d}"),
            vat_number=factory.LazyAttribute(lambda o: VAT_EXAMPLES.get(o.country, "")),
            eori_number=factory.LazyAttribute(lambda o: _example_eori(o.country)),
            phone=factory.LazyAttribute(lambda o: _example_phone(o.country)),
            address_line1="1 Market Street",
            city="Springfield",
            postcode="12345",
            default_currency=factory.LazyAttribute(lambda o: country_currency(o.country) or "USD"),
            payout_status=Seller.PayoutStatus.PENDING,
        )
        verified = factory.Trait(
            complete=True,
            status=Seller.Status.VERIFIED,
            submitted_at=factory.LazyFunction(timezone.now),
            verified_at=factory.LazyFunction(timezone.now),
        )

    user = factory.SubFactory(UserFactory)
    country = "KE"

    @factory.post_generation
    def documents(obj, create, extracted, **kwargs):
        """SellerFactory(documents=True): both verification documents, as tiny PDFs on private storage."""
        if not (create and extracted):
            return
        for kind in SellerDocument.Kind.values:
            SellerDocumentFactory(seller=obj, kind=kind)


class SellerDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SellerDocument

    seller = factory.SubFactory(SellerFactory)
    kind = SellerDocument.Kind.BUSINESS_LICENCE
    file = factory.LazyFunction(lambda: ContentFile(MINIMAL_PDF, name="document.pdf"))
    original_name = "document.pdf"
    content_type = "application/pdf"
    size = len(MINIMAL_PDF)
