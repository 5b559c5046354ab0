"""The listing form: one set of rules for the web form and for every row of a CSV import."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from ewtp.countries import COUNTRY_CHOICES
from ewtp.errors import ApplicationError
from logistics.customs.hs import hs_code_validate
from marketplace.listings.models import Category, Listing

MAX_PRICE = Decimal("1000000")


class ListingForm(forms.ModelForm):
    restrictions = forms.MultipleChoiceField(
        label=_("Restricted goods"),
        choices=Listing.Restriction.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick everything that applies: partners refuse some of these on some routes."),
    )
    origin_country = forms.ChoiceField(
        label=_("Country of origin"),
        choices=COUNTRY_CHOICES,
        help_text=_("Where the goods were made, for customs."),
    )
    # Wider than the stored six digits: sellers write 6109.10 or "6109 10"; clean_hs_code normalises.
    hs_code = forms.CharField(
        label=_("HS code"),
        max_length=12,
        help_text=_("Six digits of the HS 2022 subheading, e.g. 6109.10. Not sure? Search by words."),
    )
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.all(), to_field_name="slug"
    )

    class Meta:
        model = Listing
        fields = [
            "title",
            "description",
            "category",
            "price_amount",
            "stock",
            "sku",
            "hs_code",
            "origin_country",
            "net_weight_kg",
            "length_cm",
            "width_cm",
            "height_cm",
            "restrictions",
        ]
        labels = {
            "title": _("Title"),
            "description": _("Description"),
            "price_amount": _("Price"),
            "stock": _("Stock"),
            "sku": _("SKU"),
            "hs_code": _("HS code"),
            "net_weight_kg": _("Net weight (kg)"),
            "length_cm": _("Length (cm)"),
            "width_cm": _("Width (cm)"),
            "height_cm": _("Height (cm)"),
        }
        help_texts = {
            "sku": _("Your own reference; unique among your listings."),
        }

    def __init__(self, *args, seller, **kwargs):
        super().__init__(*args, **kwargs)
        self.seller = seller
        if not self.instance.pk and not self.is_bound and not self.initial.get("origin_country"):
            # Most goods are made where their seller is; the list would otherwise open on Afghanistan.
            self.initial["origin_country"] = seller.country
        if self.instance.pk and not self.is_bound:
            # Show what the seller typed: 3200.00 KES (not the stored 3200.0000), 4602.19 (not 460219).
            self.initial["price_amount"] = self.instance.price.round().amount
            self.initial["hs_code"] = f"{self.instance.hs_code[:4]}.{self.instance.hs_code[4:]}"
        self.fields["price_amount"].help_text = _("In your currency, %(currency)s.") % {
            "currency": seller.default_currency
        }
        self.fields["hs_code"].widget.attrs.update(
            {"list": "hs-suggestions", "autocomplete": "off", "inputmode": "decimal"}
        )
        for name in ("price_amount", "net_weight_kg", "length_cm", "width_cm", "height_cm"):
            self.fields[name].widget.attrs["inputmode"] = "decimal"

    def clean_hs_code(self):
        try:
            return hs_code_validate(self.cleaned_data["hs_code"]).code
        except ApplicationError as exc:
            raise forms.ValidationError(exc.message) from exc

    def clean_price_amount(self):
        price = self.cleaned_data["price_amount"]
        if price <= 0:
            raise forms.ValidationError(_("The price must be more than zero."))
        if price >= MAX_PRICE:
            raise forms.ValidationError(_("The price must be below 1,000,000."))
        return price

    def clean_sku(self):
        sku = self.cleaned_data["sku"].strip()
        taken = Listing.objects.filter(seller=self.seller, sku=sku).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("You already have a listing with this SKU."))
        return sku

    def _clean_positive(self, name):
        value = self.cleaned_data[name]
        if value is None or value <= 0:
            raise forms.ValidationError(_("Must be more than zero."))
        return value

    def clean_net_weight_kg(self):
        return self._clean_positive("net_weight_kg")

    def clean_length_cm(self):
        return self._clean_positive("length_cm")

    def clean_width_cm(self):
        return self._clean_positive("width_cm")

    def clean_height_cm(self):
        return self._clean_positive("height_cm")


class PhotoForm(forms.Form):
    # A plain FileField: photo_process checks the content itself (type, size, pixel bombs).
    photo = forms.FileField(label=_("Add a photo"), help_text=_("JPEG, PNG or WebP, up to 8 MB."))


class CsvImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"), help_text=_("UTF-8, one listing per row, at most 2 MB."))
