"""A partner's rate cards replaced as a whole (the partner API's PUT): every card and band checked by the
same rules as the admin's forms (field validators and choices, RateCard.clean, the constraints), country and
currency codes checked, then the old cards swapped for the new in one transaction, or nothing changes."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction

from ewtp.countries import country_code_validate
from ewtp.currencies import currency_validate
from ewtp.errors import ApplicationError
from logistics.partners.errors import RateCardsInvalidError
from logistics.partners.models import CountryGroup, Partner, RateCard, WeightBand

MAX_CARDS = 500
MAX_BANDS = 100


def rate_cards_of_partner(*, partner_id: int) -> list[RateCard]:
    """The partner's rate cards with their bands and destination groups, in the admin's order."""
    return list(
        RateCard.objects.filter(partner_id=partner_id)
        .select_related("destination_group")
        .prefetch_related("bands")
    )


def _messages(error: ValidationError) -> dict[str, str]:
    # message_dict: {field: [messages]}, with the model's own rules (clean, constraints) under __all__.
    if hasattr(error, "error_dict"):
        return {name: " ".join(messages) for name, messages in error.message_dict.items()}
    return {"__all__": " ".join(error.messages)}


def _card_build(
    partner: Partner, index: int, data: dict, groups: dict[str, CountryGroup], errors: dict
) -> RateCard | None:
    where = f"rate_cards[{index}]"
    card = RateCard(
        partner=partner,
        service_level=data.get("service_level", ""),
        transit_days_min=data.get("transit_days_min"),
        transit_days_max=data.get("transit_days_max"),
        ddp_offered=bool(data.get("ddp_offered", False)),
        is_active=bool(data.get("is_active", True)),
    )
    for field, check in (("origin_country", country_code_validate), ("currency", None)):
        try:
            value = data.get(field, "")
            setattr(card, field, currency_validate(value) if check is None else check(value, field=field))
        except ApplicationError as error:
            errors[f"{where}.{field}"] = error.message
    if data.get("destination_country"):
        try:
            card.destination_country = country_code_validate(
                data["destination_country"], field="destination_country"
            )
        except ApplicationError as error:
            errors[f"{where}.destination_country"] = error.message
    if data.get("destination_group"):
        group = groups.get(data["destination_group"])
        if group is None:
            errors[f"{where}.destination_group"] = f"No country group {data['destination_group']!r}."
        card.destination_group = group
    try:
        # The admin's rules: field validators and choices, RateCard.clean, the check constraints.
        card.full_clean(
            exclude=["partner"] + [f for f in ("origin_country", "currency") if f"{where}.{f}" in errors]
        )
    except ValidationError as error:
        for name, message in _messages(error).items():
            errors[where if name == "__all__" else f"{where}.{name}"] = message
    return card


def _bands_build(index: int, bands: Sequence[dict], errors: dict) -> list[WeightBand]:
    where = f"rate_cards[{index}].bands"
    if not bands:
        errors[where] = "At least one weight band."
        return []
    if len(bands) > MAX_BANDS:
        errors[where] = f"At most {MAX_BANDS} bands."
        return []
    built, limits = [], set()
    for position, data in enumerate(bands):
        try:
            band = WeightBand(
                max_weight_kg=Decimal(str(data.get("max_weight_kg"))), price=Decimal(str(data.get("price")))
            )
        except (InvalidOperation, ValueError):
            errors[f"{where}[{position}]"] = "max_weight_kg and price must be decimal numbers."
            continue
        try:
            band.full_clean(exclude=["rate_card"], validate_constraints=False)
        except ValidationError as error:
            for name, message in _messages(error).items():
                errors[f"{where}[{position}].{name}"] = message
        if band.max_weight_kg in limits:  # weight_band_unique_limit, checked before any row exists
            errors[f"{where}[{position}].max_weight_kg"] = "Two bands with the same limit."
        limits.add(band.max_weight_kg)
        built.append(band)
    return built


@transaction.atomic
def rate_cards_replace(*, partner_id: int, cards: Sequence[dict]) -> list[RateCard]:
    """Replace all the partner's rate cards with `cards` (each with its `bands`); all or nothing.

    Raises RateCardsInvalidError naming every card and band at fault (`rate_cards[1].bands[0].price`).
    An empty list withdraws the partner from every lane.
    """
    partner = Partner.objects.select_for_update().get(pk=partner_id)
    if len(cards) > MAX_CARDS:
        raise RateCardsInvalidError(
            f"At most {MAX_CARDS} rate cards.", details={"rate_cards": f"At most {MAX_CARDS}."}
        )
    slugs = {card.get("destination_group") for card in cards if card.get("destination_group")}
    groups = {group.slug: group for group in CountryGroup.objects.filter(slug__in=slugs)}
    errors: dict[str, str] = {}
    built = [
        (
            _card_build(partner, index, data, groups, errors),
            _bands_build(index, data.get("bands") or [], errors),
        )
        for index, data in enumerate(cards)
    ]
    if errors:
        raise RateCardsInvalidError(
            f"{len(errors)} problem(s) in the rate cards; none was saved.",
            details=dict(sorted(errors.items())),
        )
    RateCard.objects.filter(partner=partner).delete()
    for card, bands in built:
        card.save()
        for band in bands:
            band.rate_card = card
        WeightBand.objects.bulk_create(bands)
    return rate_cards_of_partner(partner_id=partner.pk)
