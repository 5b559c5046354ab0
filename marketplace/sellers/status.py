"""The seller status machine. Every change goes through here, is recorded as a SellerStatusEvent,
refreshes which listings buyers see, and (for operator decisions) e-mails the seller.

    draft ──submit──> submitted ──verify──> verified ──suspend──> suspended
                        │   ^                  ^                      │
                   reject   └─submit─┐         └──────reinstate───────┘
                        v            │
                     rejected ───────┘
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ewtp.lists import list_join
from ewtp.outbox.services import outbox_enqueue
from marketplace.accounts.models import User
from marketplace.sellers.errors import IllegalTransition, ReasonRequiredError, SellerIncompleteError
from marketplace.sellers.models import Seller, SellerStatusEvent
from marketplace.sellers.notifications import seller_status_email_due
from marketplace.sellers.selectors import seller_onboarding_missing
from marketplace.sellers.signals import seller_changed
from marketplace.sellers.tasks import status_email_deliver

S = Seller.Status

# action -> (statuses it may start from, status it leads to)
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "submit": (frozenset({S.DRAFT, S.REJECTED}), S.SUBMITTED),
    "verify": (frozenset({S.SUBMITTED}), S.VERIFIED),
    "reject": (frozenset({S.SUBMITTED}), S.REJECTED),
    # Only a verified seller is suspended, so reinstating cannot skip a review.
    "suspend": (frozenset({S.VERIFIED}), S.SUSPENDED),
    "reinstate": (frozenset({S.SUSPENDED}), S.VERIFIED),
}


def _transition(*, seller: Seller, action: str, by: User | None, reason: str = "", **changes) -> Seller:
    """Lock the row, check the move is legal from the current status, apply it and record it."""
    allowed_from, to_status = TRANSITIONS[action]
    # The lock makes two operators acting at once (or an operator and the seller) take turns.
    current = Seller.objects.select_for_update().values_list("status", flat=True).get(pk=seller.pk)
    if current not in allowed_from:
        raise IllegalTransition(
            _("%(seller)s is %(status)s and cannot be %(action)s.")
            % {
                "seller": seller.display_name,
                "status": S(current).label.lower(),
                "action": _ACTION_PAST[action],
            },
            details={"status": current, "action": action},
        )
    seller.status = to_status
    for field, value in changes.items():
        setattr(seller, field, value)
    seller.save(update_fields=["status", *changes, "updated_at"])
    SellerStatusEvent.objects.create(
        seller=seller, from_status=current, to_status=to_status, reason=reason, by=by
    )
    seller_changed.send(sender=Seller, seller=seller)
    return seller


_ACTION_PAST = {
    "submit": gettext_lazy("submitted"),
    "verify": gettext_lazy("verified"),
    "reject": gettext_lazy("rejected"),
    "suspend": gettext_lazy("suspended"),
    "reinstate": gettext_lazy("reinstated"),
}


def _decision_email_queue(seller: Seller) -> None:
    """Queue the e-mail about the decision just recorded, in the decision's own transaction (the outbox):
    no e-mail announces a decision that was rolled back, and none is lost when the broker is down."""
    event = seller.status_events.order_by("-at", "-id").first()
    if event is not None and seller_status_email_due(event):
        outbox_enqueue(status_email_deliver, event_id=event.pk)


def _reason_required(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        message = _("Reason: required; the seller reads it.")
        raise ReasonRequiredError(message, details={"reason": message})
    return reason


@transaction.atomic
def seller_submit(*, seller: Seller) -> Seller:
    """Send the profile for review. Needs every onboarding step done and both documents uploaded."""
    missing = seller_onboarding_missing(seller)
    if missing and seller.status in TRANSITIONS["submit"][0]:
        raise SellerIncompleteError(
            _("Complete these steps before submitting: %(steps)s.")
            % {"steps": list_join(str(step.label) for step in missing)},
            details={step.key: str(step.label) for step in missing},
        )
    return _transition(seller=seller, action="submit", by=seller.user, submitted_at=timezone.now())


@transaction.atomic
def seller_verify(*, seller: Seller, by: User) -> Seller:
    """Approve a submitted seller: their active listings become visible to buyers."""
    seller = _transition(
        seller=seller, action="verify", by=by, verified_at=timezone.now(), rejection_reason=""
    )
    _decision_email_queue(seller)
    return seller


@transaction.atomic
def seller_reject(*, seller: Seller, reason: str, by: User) -> Seller:
    """Send a submitted seller back with a reason; they fix their profile and resubmit."""
    reason = _reason_required(reason)
    seller = _transition(seller=seller, action="reject", by=by, reason=reason, rejection_reason=reason)
    _decision_email_queue(seller)
    return seller


@transaction.atomic
def seller_suspend(*, seller: Seller, reason: str, by: User) -> Seller:
    """Stop a verified seller from selling: their listings are hidden until reinstated."""
    reason = _reason_required(reason)
    seller = _transition(seller=seller, action="suspend", by=by, reason=reason, suspension_reason=reason)
    _decision_email_queue(seller)
    return seller


@transaction.atomic
def seller_reinstate(*, seller: Seller, by: User) -> Seller:
    """Lift a suspension: the seller is verified again and their active listings come back."""
    seller = _transition(seller=seller, action="reinstate", by=by, suspension_reason="")
    _decision_email_queue(seller)
    return seller
