"""Sign-up and log-in forms. They check shape; accounts.services decides."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from ewtp.client_address import client_address
from ewtp.countries import country_choices
from ewtp.outbox.services import outbox_enqueue
from marketplace.accounts.throttling import (
    LOGIN_FAILURE_WINDOW_SECONDS,
    login_failure_record,
    login_failures_clear,
    login_is_blocked,
)


class SignupForm(forms.Form):
    # autocomplete: browsers and password managers fill these in (WCAG 1.3.5, identify input purpose).
    email = forms.EmailField(
        label=_("E-mail address"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    full_name = forms.CharField(
        label=_("Your name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    country = forms.ChoiceField(
        label=_("Country"),
        required=False,
        help_text=_("Where you live; sets your default currency."),
        widget=forms.Select(attrs={"autocomplete": "country"}),
    )
    intent = forms.ChoiceField(
        label=_("I want to"),
        choices=[
            ("buy", pgettext_lazy("sign-up choice", "Buy")),
            ("sell", pgettext_lazy("sign-up choice", "Sell")),
        ],
        initial="buy",
        widget=forms.RadioSelect,
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not only digits, not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *country_choices(get_language() or "en")]

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password2") and data["password1"] != data["password2"]:
            self.add_error("password2", _("The two passwords differ."))
        return data


class ThrottledLoginForm(AuthenticationForm):
    """Django's log-in form, refusing further attempts after repeated failures for one e-mail and address."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The e-mail address or the password is wrong."),
        "throttled": _(
            "Too many failed log-ins. Wait %(minutes)d minutes, or reset your password by e-mail."
        ),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("E-mail address")

    def clean(self):
        email = (self.cleaned_data.get("username") or "").strip().lower()
        ip = client_address(self.request) if self.request else "unknown"
        if email and login_is_blocked(email=email, ip=ip):
            raise forms.ValidationError(
                self.error_messages["throttled"],
                code="throttled",
                params={"minutes": LOGIN_FAILURE_WINDOW_SECONDS // 60},
            )
        self.cleaned_data["username"] = email
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if email:
                login_failure_record(email=email, ip=ip)
            raise
        login_failures_clear(email=email, ip=ip)
        return cleaned


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, but the e-mail goes through a Celery task by the outbox, linking to SITE_URL.

    A broker or a mail server that is down then delays the e-mail instead of failing the request; and the
    link does not depend on the Host header of whoever asked. The task renders the e-mail in the asker's
    language.
    """

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None) -> None:  # fmt: skip
        from marketplace.accounts.tasks import password_reset_email_deliver

        # Through the outbox: with the broker down the request still succeeds, as it does for an unknown
        # address, and the e-mail goes out once the broker is back.
        outbox_enqueue(
            password_reset_email_deliver, user_id=context["user"].pk, language=get_language() or "en"
        )
