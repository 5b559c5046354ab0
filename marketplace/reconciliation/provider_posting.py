"""Posting 7 of the chart: a provider transaction matched to the platform ("provider-txn:<record id>").

    Dr PROVIDER_BALANCE  net            (settlement currency)
    Dr PROVIDER_FEES     fee            (settlement currency)
    Cr BUYER_CLEARING    gross          (presentment currency; REFUNDS for a refund or dispute, signed)
and, when the two currencies differ, the FX account's two legs at the transaction's exchange_rate (the gross
converted and rounded half up to the settlement currency), the rounding difference against the provider's
own settlement amount going to FX_DIFFERENCES. Amounts are signed: a refund's gross and net are negative, so
the same legs read Dr REFUNDS / Cr PROVIDER_BALANCE.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from ewtp.money import Money
from marketplace.ledger.models import AccountKind
from marketplace.ledger.posting import Posting, credit, debit, exchange_legs
from marketplace.payments.amounts import provider_minor_units


def provider_money(units: int, currency: str) -> Money:
    """The provider's integer (Stripe's units, signed) as Money in ISO minor units."""
    return Money.from_minor_units(provider_minor_units(units, currency), currency)


def settlement_expected(gross: Money, *, currency: str, rate: Decimal | None, settled: Money) -> Money:
    """The gross converted at `rate` into the settlement currency, rounded half up; without a rate (the
    provider sent none) the provider's own settlement amount stands for it."""
    if gross.currency == currency:
        return gross
    if rate is None:
        return settled
    return Money(gross.amount * rate, currency).round()


def provider_txn_posting(
    *,
    provider_id: str,
    gross: Money,
    settled: Money,
    fee: Money,
    net: Money,
    rate: Decimal | None,
    platform_account: AccountKind,
    created: int,
    reference: str,
) -> Posting:
    """The balanced posting of one matched provider transaction (see the module's docstring)."""
    expected = settlement_expected(gross, currency=settled.currency, rate=rate, settled=settled)
    legs = [
        debit(AccountKind.PROVIDER_BALANCE, net),
        debit(AccountKind.PROVIDER_FEES, fee),
        credit(platform_account, gross),
    ]
    if gross.currency != settled.currency:
        legs += exchange_legs(expected, gross)
        legs.append(credit(AccountKind.FX_DIFFERENCES, settled - expected))
    return Posting(
        event_key=f"provider-txn:{provider_id}",
        kind="provider_txn",
        legs=[leg for leg in legs if leg.amount.amount != 0],
        memo=f"Provider transaction {provider_id} ({reference})",
        effective_at=datetime.fromtimestamp(created, UTC),
        reference=reference,
    )
