"""Writes on user accounts."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ewtp.countries import COUNTRY_CODES, country_currency
from marketplace.accounts.errors import SignupInvalidError

User = get_user_model()


def user_signup(*, email: str, password: str, full_name: str = "", country: str = "") -> User:
    """Create an active user who logs in with `email`; the preferred currency follows the country."""
    email = User.objects.normalize_email(email).strip().lower()
    errors: dict[str, str] = {}
    if not email:
        errors["email"] = _("Enter your e-mail address.")
    elif User.objects.filter(email__iexact=email).exists():
        errors["email"] = _(
            "An account with this e-mail address already exists. Log in or reset your password."
        )
    if country and country not in COUNTRY_CODES:
        errors["country"] = _("Choose a country from the list.")
    candidate = User(email=email, full_name=full_name)
    try:
        validate_password(password, user=candidate)
    except ValidationError as error:
        errors["password1"] = " ".join(error.messages)
    if errors:
        raise SignupInvalidError(_("Check the highlighted fields."), details=errors)
    try:
        with transaction.atomic():
            return User.objects.create_user(
                email=email,
                password=password,
                full_name=full_name.strip(),
                country=country,
                preferred_currency=(country_currency(country) or "") if country else "",
            )
    except IntegrityError as error:  # a concurrent sign-up with the same address won the race
        raise SignupInvalidError(
            _("An account with this e-mail address already exists. Log in or reset your password."),
            details={"email": _("An account with this e-mail address already exists.")},
        ) from error
