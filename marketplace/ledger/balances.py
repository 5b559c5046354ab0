"""Reading the journal: balances of accounts as of any moment, and a seller's money.

A balance is the sum of an account's entries (debit positive) whose transaction took effect at or before
`as_of` (now by default). For people, `owed()` turns liabilities and income round (credit positive).

A seller's money, in each currency (as Modern Treasury and TigerBeetle keep balances):
- pending: sold, not yet past delivery plus the hold (SELLER_PENDING);
- available: payable now (SELLER_PAYABLE), negative after a refund or dispute that came after a payout, and
  then recovered from the next payouts;
- posted: both together, everything the seller has earned and not yet been paid;
- paid_out: what payouts have sent, in the currency they were paid in (the total credited to the seller's
  PAYOUTS account: a payout debits SELLER_PAYABLE and, through FX if the seller is paid in another currency,
  credits PAYOUTS; the provider's confirmation then clears PAYOUTS against PROVIDER_BALANCE).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import Sum

from ewtp.money import Money
from marketplace.ledger.models import CREDIT_NORMAL, Account, AccountKind, Entry

# Entries have four decimal places (Entry.amount), so any sum of them is exact to four places.
ENTRY_QUANTUM = Decimal("0.0001")


def entries_sum(total: Decimal | None) -> Decimal:
    """A database SUM of entry amounts as the exact Decimal: SQLite adds decimals as binary floats
    (0.27 + 0.84 - 1.11 gives 1.1e-16), PostgreSQL exactly; rounding to the entries' places is exact for
    both (a float's error stays far below 0.00005 at any amount the journal holds)."""
    return Decimal(0) if total is None else Decimal(total).quantize(ENTRY_QUANTUM)


def balance(
    kind: AccountKind, currency: str, party: str | int = "", *, as_of: datetime | None = None
) -> Money:
    """The account's balance, debit positive (zero for an account never posted to)."""
    entries = Entry.objects.filter(account__kind=kind, account__currency=currency, account__party=str(party))
    if as_of is not None:
        entries = entries.filter(transaction__effective_at__lte=as_of)
    return Money(entries_sum(entries.aggregate(total=Sum("amount"))["total"]), currency)


def owed(kind: AccountKind, currency: str, party: str | int = "", *, as_of: datetime | None = None) -> Money:
    """The balance as people read it: what is owed (or earned) is positive on credit-normal accounts."""
    amount = balance(kind, currency, party, as_of=as_of)
    # + 0: a zero balance negated reads 0, never -0 (Decimal keeps the sign of zero).
    return Money((-amount.amount if kind in CREDIT_NORMAL else amount.amount) + 0, currency)


def balances_by_account(*, as_of: datetime | None = None) -> dict[Account, Money]:
    """Every account's balance (debit positive): the trial balance."""
    entries = Entry.objects.all()
    if as_of is not None:
        entries = entries.filter(transaction__effective_at__lte=as_of)
    totals = dict(entries.values("account").annotate(total=Sum("amount")).values_list("account", "total"))
    return {
        account: Money(entries_sum(totals.get(account.id)), account.currency)
        for account in Account.objects.filter(id__in=totals)
    }


@dataclass(frozen=True)
class SellerBalance:
    currency: str
    pending: Money
    available: Money
    paid_out: Money

    @property
    def posted(self) -> Money:
        return self.pending + self.available


def seller_balances(seller_id: int, *, as_of: datetime | None = None) -> list[SellerBalance]:
    """The seller's money in each currency it has any in, by currency code."""
    party = str(seller_id)
    kinds = (AccountKind.SELLER_PENDING, AccountKind.SELLER_PAYABLE, AccountKind.PAYOUTS)
    entries = Entry.objects.filter(account__party=party, account__kind__in=kinds)
    if as_of is not None:
        entries = entries.filter(transaction__effective_at__lte=as_of)
    # PAYOUTS counts its credits only (what was sent), not their clearing at the provider.
    entries = entries.exclude(account__kind=AccountKind.PAYOUTS, amount__gt=0)
    totals: dict[tuple[str, str], Decimal] = {
        (kind, currency): entries_sum(total)
        for kind, currency, total in entries.values("account__kind", "account__currency")
        .annotate(total=Sum("amount"))
        .values_list("account__kind", "account__currency", "total")
    }
    currencies = sorted({currency for _, currency in totals})

    def amount(kind: AccountKind, currency: str, sign: int) -> Money:
        return Money(sign * (totals.get((kind, currency)) or Decimal(0)) + 0, currency)  # never -0

    return [
        SellerBalance(
            currency=currency,
            pending=amount(AccountKind.SELLER_PENDING, currency, -1),
            available=amount(AccountKind.SELLER_PAYABLE, currency, -1),
            paid_out=amount(AccountKind.PAYOUTS, currency, -1),
        )
        for currency in currencies
    ]
