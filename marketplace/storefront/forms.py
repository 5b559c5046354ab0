from django import forms
from django.utils.translation import gettext_lazy as _


class CatalogueFilterForm(forms.Form):
    """The catalogue's filters. An invalid value is dropped, never an error page: it is a shop window."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    category = forms.ChoiceField(label=_("Category"), required=False)
    seller_country = forms.ChoiceField(label=_("Seller country"), required=False)
    ship_to = forms.ChoiceField(label=_("Ship to"), required=False)
    currency = forms.ChoiceField(label=_("Currency"), required=False)

    def __init__(self, data, *, initial, categories, seller_countries, countries, currencies):
        super().__init__(data, initial=initial)
        self.fields["category"].choices = [("", _("All categories"))] + [(c.slug, c.name) for c in categories]
        self.fields["seller_country"].choices = [("", _("Anywhere")), *seller_countries]
        self.fields["ship_to"].choices = countries
        self.fields["currency"].choices = [(c, c) for c in currencies]

    def valid_values(self) -> dict:
        """Every field that holds a valid, non-empty value."""
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in ("", None)}
