"""Onboarding writes: start, business profile, default currency, payout set-up.

Status changes (submit, verify, reject, suspend, reinstate) live in marketplace.sellers.status;
verification documents in marketplace.sellers.documents.
"""

from __future__ import annotations

import logging
from typing import Any

import stripe
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ewtp.countries import COUNTRY_CODES, country_currency
from ewtp.currencies import ACTIVE_CURRENCIES
from marketplace.accounts.models import User
from marketplace.sellers import payouts
from marketplace.sellers.errors import (
    IdentifierInvalidError,
    PayoutProviderError,
    SellerCurrencyInvalidError,
    SellerProfileInvalidError,
    SellerProfileLockedError,
    SellerSuspendedError,
)
from marketplace.sellers.identifiers import (
    eori_number_normalise,
    phone_number_normalise,
    vat_number_normalise,
)
from marketplace.sellers.models import Seller
from marketplace.sellers.selectors import PROFILE_REQUIRED
from marketplace.sellers.signals import seller_changed

logger = logging.getLogger(__name__)

S = Seller.Status
IDENTITY_FIELDS = (
    "legal_name",
    "country",
    "business_type",
    "registration_number",
    "vat_number",
    "eori_number",
)
CONTACT_FIELDS = ("trading_name", "phone", "address_line1", "address_line2", "city", "postcode", "region")
PROFILE_FIELDS = IDENTITY_FIELDS + CONTACT_FIELDS
# Operators verified the identity fields: a verified seller keeps them, and may change only contact details.
PROFILE_EDITABLE = {S.DRAFT: PROFILE_FIELDS, S.REJECTED: PROFILE_FIELDS, S.VERIFIED: CONTACT_FIELDS}
SETTINGS_EDITABLE = (S.DRAFT, S.REJECTED, S.VERIFIED)


def seller_onboarding_start(*, user: User) -> Seller:
    """The user's seller, created as a draft on first call (idempotent)."""
    seller, _created = Seller.objects.get_or_create(
        user=user, defaults={"country": user.country if user.country in COUNTRY_CODES else ""}
    )
    return seller


# The profile form's labels (the same messages): a required-field error names the field in the reader's
# language, never by the model's English field name.
FIELD_LABELS = {
    "legal_name": gettext_lazy("Legal name"),
    "country": gettext_lazy("Country"),
    "business_type": gettext_lazy("Business type"),
    "phone": gettext_lazy("Phone number"),
    "address_line1": gettext_lazy("Address"),
    "city": gettext_lazy("Town or city"),
}


def _required_message(field: str) -> str:
    label = FIELD_LABELS.get(field) or str(Seller._meta.get_field(field).verbose_name).capitalize()
    return _("%(field)s: required.") % {"field": label}


def _profile_validate(data: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    """Clean every profile field; returns (values, errors by field) so all errors are shown at once."""
    values = {field: str(data.get(field) or "").strip() for field in PROFILE_FIELDS}
    errors: dict[str, str] = {}
    for field in PROFILE_REQUIRED:
        if not values[field]:
            errors[field] = _required_message(field)
    country = values["country"]
    if country and country not in COUNTRY_CODES:
        errors["country"] = _("Country: choose a country from the list.")
        country = ""
    if values["business_type"] and values["business_type"] not in Seller.BusinessType.values:
        errors["business_type"] = _("Business type: choose one from the list.")
    if values["business_type"] == Seller.BusinessType.COMPANY and not values["registration_number"]:
        errors["registration_number"] = _("Registration number: required for a limited company.")
    if country:
        for field, normalise in (
            ("vat_number", vat_number_normalise),
            ("eori_number", eori_number_normalise),
            ("phone", phone_number_normalise),
        ):
            if field in errors:
                continue
            try:
                values[field] = normalise(values[field], country=country)
            except IdentifierInvalidError as error:
                errors.update(error.details)
    return values, errors


@transaction.atomic
def seller_profile_update(*, seller: Seller, data: dict[str, Any]) -> Seller:
    """Save the business profile. Every field is checked and all errors are raised together in `details`.

    Draft and rejected sellers edit everything; verified sellers only their contact details; submitted
    (under review) and suspended sellers nothing. A new country brings its currency when the seller had
    not chosen another one, and refreshes which listings buyers see.
    """
    editable = PROFILE_EDITABLE.get(seller.status)
    if editable is None:
        raise SellerProfileLockedError(
            _("Your profile cannot be changed while it is %(status)s.")
            % {"status": seller.get_status_display()},
        )
    if editable is CONTACT_FIELDS:
        # The form shows identity fields read-only; keep the verified values whatever was posted.
        data = {**data, **{field: getattr(seller, field) for field in IDENTITY_FIELDS}}
    values, errors = _profile_validate(data)
    if errors:
        raise SellerProfileInvalidError(_("Check the highlighted fields."), details=errors)
    old_country = seller.country
    for field in editable:
        setattr(seller, field, values[field])
    if seller.country != old_country and seller.default_currency in ("", country_currency(old_country or "")):
        seller.default_currency = country_currency(seller.country) or ""
    seller.save()
    if seller.country != old_country:
        seller_changed.send(sender=Seller, seller=seller)
    return seller


def seller_currency_set(*, seller: Seller, currency: str) -> Seller:
    """The currency the seller prices in by default (new listings start with it)."""
    if seller.status not in SETTINGS_EDITABLE:
        raise SellerProfileLockedError(
            _("Your settings cannot be changed while your account is %(status)s.")
            % {"status": seller.get_status_display()},
        )
    currency = (currency or "").strip().upper()
    if currency not in ACTIVE_CURRENCIES:
        message = _("Currency: choose a currency from the list.")
        raise SellerCurrencyInvalidError(message, details={"default_currency": message})
    seller.default_currency = currency
    seller.save(update_fields=["default_currency", "updated_at"])
    return seller


def seller_payout_start(*, seller: Seller, return_url: str, refresh_url: str) -> str | None:
    """Begin payout set-up. With Stripe configured: create (once) an Express account and return the
    account link the seller must visit. Without: record the payout as pending (operators arrange it)
    and return None."""
    if seller.status == S.SUSPENDED:
        raise SellerSuspendedError(
            _("Payouts cannot be set up while your account is suspended."),
        )
    if not settings.STRIPE_SECRET_KEY:
        if seller.payout_status != Seller.PayoutStatus.ACTIVE:
            seller.payout_status = Seller.PayoutStatus.PENDING
            seller.save(update_fields=["payout_status", "updated_at"])
        return None
    try:
        if not seller.stripe_account_id:
            seller.stripe_account_id = payouts.connect_account_create(
                seller_id=seller.pk, email=seller.user.email, country=seller.country
            )
            seller.payout_status = Seller.PayoutStatus.PENDING
            seller.save(update_fields=["stripe_account_id", "payout_status", "updated_at"])
        return payouts.account_link_create(
            account_id=seller.stripe_account_id, return_url=return_url, refresh_url=refresh_url
        )
    except stripe.StripeError as error:
        logger.warning("stripe connect onboarding failed for seller %s: %s", seller.pk, error)
        raise PayoutProviderError(
            _("Stripe could not start your payout set-up just now. Please try again in a few minutes.")
        ) from error


def seller_payout_refresh(*, seller: Seller) -> Seller:
    """After the seller returns from Stripe: active once Stripe enables payouts, pending until then."""
    if not (settings.STRIPE_SECRET_KEY and seller.stripe_account_id):
        return seller
    try:
        enabled = payouts.account_payouts_enabled(account_id=seller.stripe_account_id)
    except stripe.StripeError as error:
        logger.warning("stripe account check failed for seller %s: %s", seller.pk, error)
        return seller
    seller.payout_status = Seller.PayoutStatus.ACTIVE if enabled else Seller.PayoutStatus.PENDING
    seller.save(update_fields=["payout_status", "updated_at"])
    return seller
