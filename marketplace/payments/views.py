"""Payment provider endpoints: /webhooks/stripe/ and the built-in test gateway's hosted page.

Thin: each parses the request, calls one service and shapes the answer.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from ewtp.http_errors import application_error_response
from marketplace.payments.errors import PaymentNotFoundError, WebhookPayloadError, WebhookSignatureError
from marketplace.payments.gateways.builtin import (
    CardOutcome,
    hosted_authentication_finish,
    hosted_card_submit,
)
from marketplace.payments.models import Payment
from marketplace.payments.services import payment_get
from marketplace.payments.webhooks import webhook_event_receive

# The session remembers which payments passed the card step that asks for authentication.
_AUTHENTICATING = "payments_test_authenticating"


@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    """Stripe's events (and the test gateway's): 200 once stored (or already stored), 400 when the
    signature or body is bad (nothing stored, so Stripe retries a genuine event)."""
    try:
        webhook_event_receive(
            payload=request.body,
            signature=request.headers.get("Stripe-Signature", ""),
            provider=Payment.Gateway.STRIPE,
        )
    except (WebhookSignatureError, WebhookPayloadError) as exc:
        return application_error_response(exc)
    return HttpResponse(status=200)


def _test_payment(reference: str) -> Payment:
    try:
        payment = payment_get(reference=reference)
    except PaymentNotFoundError:
        raise Http404("No such payment.") from None
    if payment.gateway != Payment.Gateway.TEST:
        raise Http404("Not a test gateway payment.")
    return payment


def _success_url(payment: Payment) -> str:
    # Stripe fills in this template variable of success_url; so does the test gateway.
    return payment.success_url.replace("{CHECKOUT_SESSION_ID}", payment.provider_session_id)


@require_http_methods(["GET", "POST"])
def test_checkout(request: HttpRequest, reference: str) -> HttpResponse:
    """The test gateway's hosted page: a card number field, Stripe's test cards."""
    payment = _test_payment(reference)
    context = {"payment": payment, "error": "", "card_number": ""}
    status = 200
    if request.method == "POST" and not payment.has_succeeded:
        card_number = request.POST.get("card_number", "")
        outcome = hosted_card_submit(payment=payment, card_number=card_number)
        if outcome == CardOutcome.SUCCEEDED:
            return redirect(_success_url(payment))
        if outcome == CardOutcome.REQUIRES_ACTION:
            request.session[_AUTHENTICATING] = [*request.session.get(_AUTHENTICATING, []), reference]
            return redirect("payments:test_authenticate", reference=reference)
        context["card_number"] = card_number
        if outcome == CardOutcome.DECLINED:
            context["error"], status = _("Your card was declined. Try another card."), 402
        else:
            context["error"], status = _("Use one of the test cards listed below."), 422
    return render(request, "payments/test_checkout.html", context, status=status)


@require_http_methods(["GET", "POST"])
def test_authenticate(request: HttpRequest, reference: str) -> HttpResponse:
    """The authentication step of card 4000 0025 0000 3155: Complete or Fail."""
    payment = _test_payment(reference)
    waiting = request.session.get(_AUTHENTICATING, [])
    if reference not in waiting:
        return redirect("payments:test_checkout", reference=reference)
    if request.method == "GET":
        return render(request, "payments/test_authenticate.html", {"payment": payment})
    request.session[_AUTHENTICATING] = [r for r in waiting if r != reference]
    approved = request.POST.get("action") == "complete"
    if hosted_authentication_finish(payment=payment, approved=approved) == CardOutcome.SUCCEEDED:
        return redirect(_success_url(payment))
    context = {"payment": payment, "card_number": "", "error": _("Authentication failed. Try another card.")}
    return render(request, "payments/test_checkout.html", context, status=402)
