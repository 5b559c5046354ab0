"""Forms of the cart, the checkout and the seller's refunds: they present fields and carry what the buyer
typed; the services check it (addresses.py, cart.py, refunds.py) and their errors' `details` are put back
on the fields here (form_errors_apply)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ewtp.countries import country_choices
from ewtp.errors import ApplicationError
from marketplace.orders.addresses import COUNTRIES_WITH_STATES, country_states


def state_choices() -> list:
    """Every state or province of the countries that need one, grouped by country (works without JS)."""
    groups = [(country, list(country_states(country))) for country in COUNTRIES_WITH_STATES]
    return [("", "—"), *groups]


class AddressForm(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=120, required=False)
    street = forms.CharField(label=_("Street and number"), max_length=200, required=False)
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=20, required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    state = forms.ChoiceField(
        label=_("State / province"), required=False,
        help_text=_("Required for the United States, Canada, Brazil, Mexico, India, Australia and China."),
    )  # fmt: skip
    phone = forms.CharField(
        label=_("Phone"), max_length=40, required=False, help_text=_("With the country code.")
    )
    email = forms.CharField(
        label=_("E-mail"),
        max_length=254,
        required=False,
        widget=forms.EmailInput,
        help_text=_("Your order confirmation goes here."),
    )

    def __init__(self, *args, locale: str = "en", guest: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *country_choices(locale)]
        self.fields["state"].choices = state_choices()
        if not guest:
            del self.fields["email"]
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("autocomplete", AUTOCOMPLETE.get(name, "on"))


AUTOCOMPLETE = {
    "name": "name", "street": "street-address", "city": "address-level2", "postcode": "postal-code",
    "country": "country", "state": "address-level1", "phone": "tel", "email": "email",
}  # fmt: skip


class RefundForm(forms.Form):
    amount = forms.CharField(
        label=_("Amount to refund"),
        required=False,
        help_text=_("Leave empty to refund everything that is left."),
    )
    reason = forms.CharField(label=_("Reason"), max_length=300, widget=forms.Textarea(attrs={"rows": 2}))
    refunded_before = forms.CharField(widget=forms.HiddenInput)


def form_errors_apply(form: forms.Form, error: ApplicationError) -> None:
    """Put a service error's `details` on the form's fields, the rest (and the message) on the form."""
    placed = False
    for field, problem in error.details.items():
        if field in form.fields:
            form.add_error(field, str(problem))
            placed = True
    if not placed:
        form.add_error(None, error.message)
