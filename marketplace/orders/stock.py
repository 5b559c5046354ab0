"""Stock: held for a checkout that goes to payment, taken when the payment succeeds, never oversold.

`Listing.stock` is what the seller has. A reservation holds part of it for RESERVATION_VALID_FOR; what other
buyers can have is the stock less the reservations still held. Both reserving and taking lock the
listings' rows first (PostgreSQL: SELECT ... FOR UPDATE, in listing order so two checkouts never deadlock;
SQLite serialises writers anyway), then count the reservations, then write: a buyer racing another sees
the other's reservation or stock already taken, never a count from before it. Taking is also one
conditional UPDATE per order (`... WHERE stock >= n + held by others`), so a line the stock cannot cover
changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import transaction
from django.db.models import Case, F, IntegerField, Q, Sum, Value, When
from django.utils import timezone
from django.utils.translation import gettext

from marketplace.listings.models import Listing
from marketplace.orders.checkout_models import RESERVATION_VALID_FOR, Checkout, StockReservation
from marketplace.orders.errors import StockInsufficientError

Lines = Sequence[tuple[int, int]]  # (listing id, quantity)


def _held(listing_ids: Iterable[int], *, excluding_checkout: int | None) -> dict[int, int]:
    """Quantities held by active, unexpired reservations, per listing (one query)."""
    rows = (
        StockReservation.objects.filter(
            listing_id__in=list(listing_ids),
            state=StockReservation.State.ACTIVE,
            expires_at__gt=timezone.now(),
        )
        .exclude(checkout_id=excluding_checkout)
        .values("listing_id")
        .annotate(held=Sum("quantity"))
    )
    return {row["listing_id"]: row["held"] for row in rows}


def stock_available(listings: Sequence[Listing], *, excluding_checkout: int | None) -> dict[int, int]:
    """What each listing can still sell to this checkout: its stock less what others hold for payment."""
    held = _held((listing.pk for listing in listings), excluding_checkout=excluding_checkout)
    return {listing.pk: max(0, listing.stock - held.get(listing.pk, 0)) for listing in listings}


def _locked(listing_ids: Iterable[int]) -> dict[int, Listing]:
    rows = Listing.objects.select_for_update().filter(pk__in=sorted(set(listing_ids))).order_by("pk")
    return {listing.pk: listing for listing in rows.only("pk", "stock", "title")}


@transaction.atomic
def stock_reserve(*, checkout: Checkout, lines: Lines) -> None:
    """Hold `lines` for `checkout` until RESERVATION_VALID_FOR from now, replacing what it held before.

    Raises StockInsufficientError naming every short line with the quantity still available."""
    listings = _locked(listing_id for listing_id, _ in lines)
    held = _held(listings, excluding_checkout=checkout.pk)
    short = {}
    for listing_id, quantity in lines:
        listing = listings.get(listing_id)
        available = 0 if listing is None else max(0, listing.stock - held.get(listing_id, 0))
        if quantity > available:
            short[listing_id] = (listing.title if listing else "", available)
    if short:
        words = "; ".join(
            gettext("only %(available)s of “%(title)s” left") % {"available": available, "title": title}
            if available
            else gettext("“%(title)s” is sold out") % {"title": title}
            for title, available in short.values()
        )
        raise StockInsufficientError(
            gettext("Not enough stock: %(words)s. Change your cart to continue.") % {"words": words},
            details={f"lines[{listing_id}]": available for listing_id, (_, available) in short.items()},
        )
    StockReservation.objects.filter(checkout=checkout, state=StockReservation.State.ACTIVE).update(
        state=StockReservation.State.RELEASED
    )
    expires_at = timezone.now() + RESERVATION_VALID_FOR
    StockReservation.objects.bulk_create(
        StockReservation(checkout=checkout, listing_id=listing_id, quantity=quantity, expires_at=expires_at)
        for listing_id, quantity in lines
    )


def stock_take(*, checkout: Checkout, lines: Lines) -> bool:
    """Take `lines` out of stock for `checkout` (whose payment succeeded), all or none; False when the stock,
    less what other checkouts hold, cannot cover them (the reservation expired and the items went).

    Call inside a transaction: the rows stay locked until it ends."""
    listings = _locked(listing_id for listing_id, _ in lines)
    held = _held(listings, excluding_checkout=checkout.pk)
    need = {listing_id: quantity + held.get(listing_id, 0) for listing_id, quantity in lines}
    take = dict(lines)
    if any(listings.get(i) is None or listings[i].stock < n for i, n in need.items()):
        return False
    updated = (
        Listing.objects.filter(pk__in=list(take))
        .filter(stock__gte=_by_listing(need))
        .update(stock=F("stock") - _by_listing(take))
    )
    return updated == len(take)


def _by_listing(values: dict[int, int]) -> Case:
    return Case(
        *(When(pk=listing_id, then=Value(value)) for listing_id, value in values.items()),
        output_field=IntegerField(),
    )


def reservations_settle(*, checkout: Checkout, taken: Iterable[int]) -> None:
    """After payment: the reservations of listings in `taken` are taken, the rest released."""
    taken = list(taken)
    active = StockReservation.objects.filter(checkout=checkout, state=StockReservation.State.ACTIVE)
    active.filter(listing_id__in=taken).update(state=StockReservation.State.TAKEN)
    active.update(state=StockReservation.State.RELEASED)


def reservations_release_expired() -> int:
    """Release every reservation past its expiry (the beat task); returns how many. Expired reservations
    already count for nothing; releasing them keeps the table's active rows few."""
    return StockReservation.objects.filter(
        Q(state=StockReservation.State.ACTIVE) & Q(expires_at__lte=timezone.now())
    ).update(state=StockReservation.State.RELEASED)
