"""Onboarding forms: shape and required-ness only; the services check the rules and name the field."""

from __future__ import annotations

from django import forms
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from ewtp.countries import country_choices
from ewtp.currencies import ACTIVE_CURRENCIES
from ewtp.errors import ApplicationError
from marketplace.sellers.identifiers import (
    eori_number_normalise,
    phone_number_normalise,
    vat_number_normalise,
)
from marketplace.sellers.models import Seller, SellerDocument
from marketplace.sellers.services import IDENTITY_FIELDS


class ProfileForm(forms.Form):
    legal_name = forms.CharField(label=_("Legal name"), max_length=200, help_text=_("As registered."))
    trading_name = forms.CharField(
        label=_("Trading name"),
        max_length=200,
        required=False,
        help_text=_("The name buyers see, if different."),
    )
    country = forms.ChoiceField(
        label=_("Country"), help_text=_("Where the business is registered and ships from.")
    )
    business_type = forms.ChoiceField(
        label=_("Business type"), choices=[("", "—"), *Seller.BusinessType.choices]
    )
    registration_number = forms.CharField(
        label=_("Registration number"),
        max_length=50,
        required=False,
        help_text=_("Required for a limited company."),
    )
    vat_number = forms.CharField(
        label=_("VAT or tax number"),
        max_length=20,
        required=False,
        help_text=_("EU businesses: your VAT number, e.g. DE136695976."),
    )
    eori_number = forms.CharField(
        label=_("EORI number"),
        max_length=17,
        required=False,
        help_text=_("Required for exporters in the EU and the UK, e.g. DE1234567890."),
    )
    phone = forms.CharField(
        label=_("Phone number"), max_length=30, help_text=_("With the country code if abroad.")
    )
    address_line1 = forms.CharField(label=_("Address"), max_length=200)
    address_line2 = forms.CharField(label=_("Address, line 2"), max_length=200, required=False)
    city = forms.CharField(label=_("Town or city"), max_length=100)
    postcode = forms.CharField(label=_("Postcode"), max_length=20, required=False)
    region = forms.CharField(label=_("Region or province"), max_length=100, required=False)

    def __init__(self, *args, identity_locked: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *country_choices(get_language() or "en")]
        for name, token in PROFILE_AUTOCOMPLETE.items():
            self.fields[name].widget.attrs.setdefault("autocomplete", token)
        if identity_locked:
            # Verified details are fixed: operators checked them against the documents.
            for field in IDENTITY_FIELDS:
                self.fields[field].disabled = True
                self.fields[field].required = False

    def clean(self):
        """Run the identifier checks here too, so they show beside their fields even when another field
        (say, the city) is missing; the service checks again before saving."""
        data = super().clean()
        country = data.get("country")
        if country:
            for field, normalise in (
                ("vat_number", vat_number_normalise),
                ("eori_number", eori_number_normalise),
                ("phone", phone_number_normalise),
            ):
                if field in data and not self.fields[field].disabled:
                    try:
                        normalise(data[field], country=country)
                    except ApplicationError as error:
                        self.add_error(field, error.details.get(field, error.message))
        return data


# What browsers may fill in (WCAG 1.3.5): the business's own name, phone and address.
PROFILE_AUTOCOMPLETE = {
    "legal_name": "organization", "country": "country", "phone": "tel", "address_line1": "address-line1",
    "address_line2": "address-line2", "city": "address-level2", "postcode": "postal-code",
    "region": "address-level1",
}  # fmt: skip


class CurrencyForm(forms.Form):
    default_currency = forms.ChoiceField(
        label=_("Default currency"),
        choices=sorted((code, code) for code in ACTIVE_CURRENCIES),
        help_text=_("You price your listings in it; buyers see prices converted to theirs."),
    )


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(
        label=pgettext_lazy("verification document", "Document"), choices=SellerDocument.Kind.choices
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, JPEG or PNG, at most 10 MB. Only you and our review team can see it."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )
