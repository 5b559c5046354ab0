"""The listing form. Its fields parse the web form and every cell of a CSV import; the rules a listing must
satisfy are the services' (validation.py), shown here beside the field they name."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ewtp.countries import country_choices_active
from ewtp.currencies import ACTIVE_CURRENCIES
from marketplace.listings.errors import ListingInvalidError
from marketplace.listings.languages import text_language_choices
from marketplace.listings.models import Category, Listing
from marketplace.listings.validation import listing_values_check

CURRENCY_CHOICES = [(code, code) for code in sorted(ACTIVE_CURRENCIES)]


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
        # A callable: the names in the reader's language (CLDR via babel), in that language's order.
        choices=country_choices_active,
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
    price_currency = forms.ChoiceField(
        label=_("Currency"),
        choices=CURRENCY_CHOICES,
        help_text=_(
            "This listing's currency. Changing it reprices this listing only: give the price in the new "
            "currency. New listings start in your default currency."
        ),
    )
    language = forms.ChoiceField(
        label=_("Language of the title and description"),
        choices=text_language_choices,
        required=False,
        help_text=_("Pages in other languages mark your text with it, so that it is read out correctly."),
    )

    class Meta:
        model = Listing
        fields = [
            "title",
            "description",
            "category",
            "price_amount",
            "price_currency",
            "stock",
            "sku",
            "hs_code",
            "origin_country",
            "net_weight_kg",
            "length_cm",
            "width_cm",
            "height_cm",
            "restrictions",
            "language",
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
        if not self.instance.pk and not self.is_bound and seller.default_currency:
            self.initial.setdefault("price_currency", seller.default_currency)
        # The listing's own currency, never the seller's default: they differ once the seller changes it.
        price = self.fields["price_amount"]
        price.help_text = _("In the currency below.")
        if self.instance.pk:
            price.help_text = _("In %(currency)s, unless you change the currency below.") % {
                "currency": self.instance.price_currency
            }
        self.fields["hs_code"].widget.attrs.update(
            {"list": "hs-suggestions", "autocomplete": "off", "inputmode": "decimal"}
        )
        for name in ("price_amount", "net_weight_kg", "length_cm", "width_cm", "height_cm"):
            self.fields[name].widget.attrs["inputmode"] = "decimal"

    def clean_language(self) -> str:
        # Left out (a CSV without the column, an old form): keep what the listing has, else English.
        return self.cleaned_data.get("language") or self.instance.language or "en"

    def clean(self):
        cleaned = super().clean()
        values = {name: cleaned[name] for name in self.fields if name in cleaned}
        listing = self.instance if self.instance.pk else None
        try:
            cleaned.update(listing_values_check(seller=self.seller, values=values, listing=listing))
        except ListingInvalidError as exc:
            for name, message in exc.details.items():
                self.add_error(name if name in self.fields else None, message)
        return cleaned


class PhotoForm(forms.Form):
    # A plain FileField: photo_process checks the content itself (type, size, pixel bombs).
    photo = forms.FileField(label=_("Add a photo"), help_text=_("JPEG, PNG or WebP, up to 8 MB."))


class CsvImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"), help_text=_("UTF-8, one listing per row, at most 2 MB."))
