"""VAT, EORI and phone numbers: checked, normalised, and refused with the field named."""

import pytest

from ewtp.errors import ApplicationError
from marketplace.sellers.identifiers import (
    eori_number_normalise,
    phone_number_normalise,
    vat_number_normalise,
)


@pytest.mark.parametrize(
    ("raw", "country", "stored"),
    [
        ("DE136695976", "DE", "DE136695976"),
        ("de 136 695 976", "DE", "DE136695976"),
        ("136695976", "DE", "DE136695976"),  # the prefix is added from the seller's country
        ("EL094259216", "GR", "EL094259216"),  # Greece's VAT prefix is EL
        ("NL004495445B01", "NL", "NL004495445B01"),
        ("GB980780684", "GB", "GB980780684"),
        ("P051234567X", "KE", "P051234567X"),  # outside the EU and UK: a tax number kept as given
        ("", "DE", ""),  # optional: small businesses under the threshold have none
    ],
)
def test_good_vat_numbers_are_stored_in_compact_form(raw, country, stored):
    assert vat_number_normalise(raw, country=country) == stored


@pytest.mark.parametrize(
    ("raw", "country", "code"),
    [
        ("DE136695977", "DE", "vat_invalid"),  # wrong check digit
        ("FR40303265045", "DE", "vat_country_mismatch"),
        ("GR094259216", "GR", "vat_country_mismatch"),
        ("GB123456789", "GB", "vat_invalid"),
        ("<script>", "KE", "vat_invalid"),
    ],
)
def test_bad_vat_numbers_are_refused_naming_the_field(raw, country, code):
    with pytest.raises(ApplicationError) as raised:
        vat_number_normalise(raw, country=country)
    assert raised.value.code == code
    assert raised.value.details["vat_number"].startswith("VAT")


@pytest.mark.parametrize(
    ("raw", "country", "stored"),
    [
        ("DE1234567890", "DE", "DE1234567890"),
        ("gb 123456789000", "GB", "GB123456789000"),
        ("XI123456789000", "GB", "XI123456789000"),
        ("FR12345678901234A", "FR", "FR12345678901234A"),  # 15 characters after the prefix
        ("", "KE", ""),  # not required outside the EU and UK
        ("CN1234567", "CN", "CN1234567"),
    ],
)
def test_good_eori_numbers(raw, country, stored):
    assert eori_number_normalise(raw, country=country) == stored


@pytest.mark.parametrize(
    ("raw", "country", "code"),
    [
        ("", "DE", "eori_required"),
        ("", "GB", "eori_required"),
        ("FR1234567890", "DE", "eori_country_mismatch"),
        ("DE1234567890123456", "DE", "eori_invalid"),  # 16 after the prefix
        ("1234567890", "DE", "eori_invalid"),
        ("DE12345_789", "DE", "eori_invalid"),
    ],
)
def test_bad_eori_numbers(raw, country, code):
    with pytest.raises(ApplicationError) as raised:
        eori_number_normalise(raw, country=country)
    assert raised.value.code == code
    assert raised.value.details["eori_number"].startswith("EORI number")


@pytest.mark.parametrize(
    ("raw", "country", "stored"),
    [
        ("0712 345678", "KE", "+254712345678"),  # national format, read with the seller's country
        ("+86 138 0013 8000", "CN", "+8613800138000"),
        ("+254712345678", "DE", "+254712345678"),  # an international number wins over the region
        ("030 123456", "DE", "+4930123456"),
    ],
)
def test_good_phone_numbers_are_stored_as_e164(raw, country, stored):
    assert phone_number_normalise(raw, country=country) == stored


@pytest.mark.parametrize(
    ("raw", "code"), [("", "phone_required"), ("12", "phone_invalid"), ("call me", "phone_invalid")]
)
def test_bad_phone_numbers(raw, code):
    with pytest.raises(ApplicationError) as raised:
        phone_number_normalise(raw, country="KE")
    assert raised.value.code == code
    assert raised.value.details["phone"].startswith("Phone number")
