"""Matching one chunk of provider records to payments, refunds and the ledger, with set-based queries.

For a chunk (a page) of records, a fixed number of queries whatever its size (each with the page's ids as one
parameter, marketplace.reconciliation.lookups): the records already stored, the payments by charge id (then
by payment-intent id for the rest), the refunds by refund id. Then, per record, in memory and in
integers (Money is built only for what becomes a case or a posting):
- stored before with the same figures: a duplicate, counted once (skipped); with other figures: a case
  (fee_differs or amount_differs), the first version kept;
- an unknown currency: a case, recorded, never posted;
- a charge: its payment (missing_on_platform when none has succeeded), the presentment currency and amount
  against the payment's (currency_differs, amount_differs), the fee against its breakdown and the net
  (fee_differs); when everything agrees, a plan for posting 7;
- a refund: its Refund by provider id (refund_not_recorded when none has succeeded), amount and currency;
  posted against REFUNDS when it agrees;
- a dispute: always a case for the operator (evidence is due), posted against REFUNDS when its payment and
  currency agree;
- a transfer to a seller: its payout (marketplace.reconciliation.payout_matching), cases when it has none or
  they disagree;
- a payout or any other type: recorded and totalled.
Then the ledger is checked for what the matched records imply: each order a settled payment paid has its
sale posted, each transferred payout its two postings (marketplace.reconciliation.ledger_check), else a
not_posted case.
Nothing is written here: marketplace.reconciliation.writing writes a ChunkResult in the page's transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from ewtp.currencies import EXPONENTS
from ewtp.money import Money
from marketplace.ledger.models import AccountKind
from marketplace.payments.amounts import provider_minor_units
from marketplace.payments.models import SUCCEEDED_STATUSES, Payment, Refund
from marketplace.reconciliation import ledger_check
from marketplace.reconciliation.lookups import rows_by_ids
from marketplace.reconciliation.models import CaseKind, ProviderRecord, ReconciliationCase, ReconciliationRun
from marketplace.reconciliation.payout_matching import (
    PayoutRow,
    is_transfer,
    payouts_of,
    transfer_gross,
    transfer_payout_reference,
    transfer_problem,
)
from marketplace.reconciliation.provider_posting import provider_money, settlement_expected
from marketplace.reconciliation.sources import RecordData

CHARGE_TYPES = frozenset({"charge", "payment"})
REFUND_TYPES = frozenset({"refund", "payment_refund"})
# At most this many minor units between the provider's settlement amount and the gross converted at its own
# rate: Stripe rounds once, so anything more is not rounding.
FX_ROUNDING_TOLERANCE = 1


class Ours(NamedTuple):
    """A payment or refund of the platform, as matching reads it (a row, not a model: cheap per record)."""

    kind: str  # "payment" or "refund"
    id: int
    reference: str
    amount_minor: int
    currency: str
    status: str
    payment_id: int | None = None  # a refund's payment
    purpose: str = ""  # a payment's checkout reference

    @property
    def amount(self) -> Money:
        return Money.from_minor_units(self.amount_minor, self.currency)


@dataclass(slots=True)
class PostingPlan:
    """Posting 7 for a matched record: its gross in the presentment currency (ISO minor units, signed)."""

    gross_minor: int
    gross_currency: str
    account: AccountKind
    reference: str


@dataclass(slots=True)
class Matched:
    """A new record and what it matched on the platform."""

    data: RecordData
    payment_id: int | None = None
    refund_id: int | None = None
    payout_id: int | None = None
    plan: PostingPlan | None = None


@dataclass
class ChunkResult:
    matched: list[Matched] = field(default_factory=list)
    # Cases of new records carry the record's provider id as `subject` and get the record once it is written.
    cases: list[ReconciliationCase] = field(default_factory=list)
    duplicates: int = 0
    matched_payment_ids: list[int] = field(default_factory=list)
    matched_payout_ids: list[int] = field(default_factory=list)


def money_text(money: Money | None) -> str:
    """As a case stores it ("12.50 EUR", Money's own str), or "" when that side has none."""
    return "" if money is None else str(money)


def chunk_match(*, provider: str, records: Sequence[RecordData], run: ReconciliationRun) -> ChunkResult:
    """What to write for `records`: the new records with their matches and posting plans, and the cases."""
    result = ChunkResult()
    unique: dict[str, RecordData] = {}
    for record in records:
        if record.provider_id in unique:
            result.duplicates += 1
        else:
            unique[record.provider_id] = record
    stored = {
        row[0]: row
        for row in rows_by_ids(
            table=ProviderRecord._meta.db_table, columns=("provider_id", "amount", "fee", "currency", "id"),
            key="provider_id", ids=unique.keys(), where="provider = %s", params=(provider,),
        )
    }  # fmt: skip
    new = []
    for record in unique.values():
        if record.provider_id not in stored:
            new.append(record)
            continue
        result.duplicates += 1
        _, amount, fee, currency, record_pk = stored[record.provider_id]
        if (amount, fee, currency) != (record.amount, record.fee, record.currency):
            fee_only = (amount, currency) == (record.amount, record.currency)
            result.cases.append(
                ReconciliationCase(
                    provider=provider,
                    kind=CaseKind.FEE_DIFFERS if fee_only else CaseKind.AMOUNT_DIFFERS,
                    subject=record.provider_id,
                    description=f"The provider sent {record.provider_id} again with other figures: "
                    f"amount {record.amount}, fee {record.fee} {record.currency} (first: amount {amount}, "
                    f"fee {fee} {currency}).",
                    record_id=record_pk,
                    run=run,
                )
            )
    matcher = _Matcher(provider, run, new, result)
    for record in new:
        matcher.match(record)
    matcher.ledger_check()
    return result


class _Matcher:
    def __init__(self, provider: str, run: ReconciliationRun, new: list[RecordData], result: ChunkResult):
        self.provider, self.run, self.result = provider, run, result
        charges = {r.charge_id for r in new if r.charge_id}
        self.by_charge: dict[str, Ours] = {}
        self.by_intent: dict[str, Ours] = {}
        self.refunds: dict[str, Ours] = {}
        payment_columns = ("id", "reference", "amount_minor", "currency", "status", "provider_charge_id",
                           "provider_payment_intent_id", "purpose_reference")  # fmt: skip
        table, gateway = Payment._meta.db_table, ("gateway = %s", (provider,))
        found = rows_by_ids(table=table, columns=payment_columns, key="provider_charge_id", ids=charges,
                            where=gateway[0], params=gateway[1])  # fmt: skip
        known = {row[5] for row in found}
        # A Stripe payment may know only its PaymentIntent (the charge id comes with a refund or dispute).
        intents = {r.payment_intent_id for r in new if r.payment_intent_id and r.charge_id not in known}
        found += rows_by_ids(table=table, columns=payment_columns, key="provider_payment_intent_id",
                             ids=intents, where=gateway[0], params=gateway[1])  # fmt: skip
        for pk, ref, minor, currency, status, charge, intent, purpose in found:
            payment = Ours("payment", pk, ref, minor, currency, status, purpose=purpose)
            if charge:
                self.by_charge[charge] = payment
            if intent:
                self.by_intent[intent] = payment
        refund_ids = {r.source_id for r in new if r.type in REFUND_TYPES and r.source_id}
        refund_columns = ("id", "reference", "amount_minor", "currency", "status", "payment_id",
                          "provider_refund_id")  # fmt: skip
        for pk, ref, minor, currency, status, payment_id, provider_id in rows_by_ids(
            table=Refund._meta.db_table, columns=refund_columns, key="provider_refund_id", ids=refund_ids
        ):
            self.refunds[provider_id] = Ours("refund", pk, ref, minor, currency, status, payment_id)
        self.payouts_by_transfer, self.payouts_by_reference = payouts_of(new)
        # What the ledger must hold for the records matched (checked once per page by ledger_check).
        self.sales_expected: list[tuple[RecordData, Ours]] = []
        self.payouts_expected: list[tuple[RecordData, PayoutRow]] = []

    # -- per record --------------------------------------------------------------------------------

    def match(self, data: RecordData) -> None:
        payment = self.by_charge.get(data.charge_id) or self.by_intent.get(data.payment_intent_id)
        matched = Matched(data, payment_id=payment.id if payment else None)
        self.result.matched.append(matched)
        if data.currency not in EXPONENTS or (
            data.presentment_currency and data.presentment_currency not in EXPONENTS
        ):
            unknown = {c for c in (data.currency, data.presentment_currency) if c and c not in EXPONENTS}
            self.case(
                data, CaseKind.UNKNOWN_CURRENCY, payment=payment,
                description=f"{data.provider_id} is in {', '.join(sorted(unknown))}, which is not an ISO "
                "4217 currency the platform knows: recorded, not posted.",
            )  # fmt: skip
            return
        if data.source_type == "dispute":
            self.dispute(matched, payment)
        elif is_transfer(data):
            self.transfer(matched)
        elif data.type in CHARGE_TYPES:
            self.charge(matched, payment)
        elif data.type in REFUND_TYPES:
            self.refund(matched, payment)

    def charge(self, matched: Matched, payment: Ours | None) -> None:
        data = matched.data
        if payment is None or payment.status not in SUCCEEDED_STATUSES:
            state = "no payment" if payment is None else f"payment {payment.reference} is {payment.status}"
            settled = provider_money(data.amount, data.currency)
            self.case(
                data, CaseKind.MISSING_ON_PLATFORM, payment=payment, provider_amount=settled,
                description=f"The provider charged {money_text(settled)} "
                f"({data.source_id or data.provider_id}); the platform has {state}.",
            )  # fmt: skip
            return
        self.result.matched_payment_ids.append(payment.id)
        self.sales_expected.append((data, payment))
        gross = self.presentment(data, payment)
        if gross is not None and not self.fee_differs(data, payment):
            matched.plan = PostingPlan(gross, payment.currency, AccountKind.BUYER_CLEARING, payment.reference)

    def refund(self, matched: Matched, payment: Ours | None) -> None:
        data = matched.data
        refund = self.refunds.get(data.source_id)
        matched.refund_id = refund.id if refund else None
        if refund is None or refund.status != Refund.Status.SUCCEEDED:
            state = "no refund" if refund is None else f"refund {refund.reference} is {refund.status}"
            settled = provider_money(data.amount, data.currency)
            self.case(
                data, CaseKind.REFUND_NOT_RECORDED, payment=payment, refund=refund, provider_amount=settled,
                description=f"The provider refunded {money_text(-settled)} ({data.source_id}); the platform "
                f"has {state}.",
            )  # fmt: skip
            return
        gross = self.presentment(data, refund, sign=-1)
        if gross is not None and not self.fee_differs(data, refund):
            matched.plan = PostingPlan(gross, refund.currency, AccountKind.REFUNDS, refund.reference)

    def dispute(self, matched: Matched, payment: Ours | None) -> None:
        data = matched.data
        settled = provider_money(data.amount, data.currency)
        recorded = payment is not None and payment.status == Payment.Status.DISPUTED
        self.case(
            data, CaseKind.DISPUTE, payment=payment, provider_amount=settled,
            platform_amount=payment.amount if payment else None,
            description=f"A dispute ({data.source_id}) took {money_text(-settled)} back; "
            + ("the platform has the payment as disputed." if recorded else "the platform has no dispute."),
        )  # fmt: skip
        if payment is None:
            return
        gross = self.presentment(data, payment, sign=-1, amount_at_most=True)
        if gross is not None and not self.fee_differs(data, payment):
            matched.plan = PostingPlan(gross, payment.currency, AccountKind.REFUNDS, payment.reference)

    def transfer(self, matched: Matched) -> None:
        data = matched.data
        payout = self.payouts_by_transfer.get(data.source_id) or self.payouts_by_reference.get(
            transfer_payout_reference(data)
        )
        matched.payout_id = payout.id if payout else None
        problem = transfer_problem(data, payout)
        if problem is None:
            self.result.matched_payout_ids.append(payout.id)
            self.payouts_expected.append((data, payout))
            return
        kind, description = problem
        self.case(
            data, kind, description=description, payout=payout, provider_amount=transfer_gross(data),
            platform_amount=payout.money.round() if payout else None,
        )  # fmt: skip

    def ledger_check(self) -> None:
        """A not_posted case for each matched record whose postings the journal lacks (two queries)."""
        if not self.sales_expected and not self.payouts_expected:
            return
        orders = ledger_check.orders_paid_by({(p.reference, p.purpose) for _, p in self.sales_expected})
        expected = [
            (data, ledger_check.sale_keys(p.reference, orders.get(p.reference, [])), p, None)
            for data, p in self.sales_expected
        ] + [(data, ledger_check.payout_keys(p.reference), None, p) for data, p in self.payouts_expected]
        found = ledger_check.posted({key for _, keys, _, _ in expected for key in keys})
        for data, keys, payment, payout in expected:
            missing = [key for key in keys if key not in found]
            if not missing:
                continue
            subject = f"payment {payment.reference}" if payment else f"payout {payout.reference}"
            self.case(
                data, CaseKind.NOT_POSTED, payment=payment, payout=payout,
                platform_amount=payment.amount if payment else payout.money.round(),
                description=f"The provider settled {data.provider_id} for {subject}, which the platform "
                f"has; the ledger lacks {', '.join(missing)}.",
            )  # fmt: skip

    # -- checks ------------------------------------------------------------------------------------

    def presentment(
        self, data: RecordData, ours: Ours, *, sign: int = 1, amount_at_most: bool = False
    ) -> int | None:
        """The gross in the presentment currency (ISO minor units, signed), once it agrees with ours; else a
        case, and None."""
        expected = sign * ours.amount_minor
        # The common case first: no conversion, the same currency, the same amount.
        if (
            data.presentment_amount == data.amount
            and ours.currency == data.currency == data.presentment_currency
        ):
            gross = provider_minor_units(data.amount, data.currency)
            if gross == expected:
                return gross
        if data.presentment_amount is not None:
            currency = data.presentment_currency
            gross = provider_minor_units(data.presentment_amount, currency)
        elif data.exchange_rate is None:  # no conversion: the settlement amount is the presentment amount
            currency, gross = data.currency, provider_minor_units(data.amount, data.currency)
        else:  # converted, and the provider did not say from what: ours stands for it
            currency, gross = ours.currency, expected
        payment, refund = (ours, None) if ours.kind == "payment" else (None, ours)
        if currency != ours.currency:
            self.case(
                data, CaseKind.CURRENCY_DIFFERS, payment=payment, refund=refund,
                provider_amount=Money.from_minor_units(gross, currency),
                platform_amount=Money.from_minor_units(expected, ours.currency),
                description=f"The provider has {data.provider_id} in {currency}, the platform in "
                f"{ours.currency}.",
            )  # fmt: skip
            return None
        differs = abs(gross) > abs(expected) if amount_at_most else gross != expected
        detail = ""
        if not differs and currency != data.currency:  # converted: the provider's rate must explain it
            settled = provider_money(data.amount, data.currency)
            gross_money = Money.from_minor_units(gross, currency)
            converted = settlement_expected(
                gross_money, currency=data.currency, rate=data.exchange_rate, settled=settled
            )
            if abs((settled - converted).minor_units) > FX_ROUNDING_TOLERANCE:
                differs = True
                detail = f" (at rate {data.exchange_rate}: {money_text(converted)} expected)"
        if differs:
            settled = provider_money(data.amount, data.currency)
            self.case(
                data, CaseKind.AMOUNT_DIFFERS, payment=payment, refund=refund,
                provider_amount=Money.from_minor_units(gross, currency),
                platform_amount=Money.from_minor_units(expected, ours.currency),
                description=f"The provider has {data.provider_id} for "
                f"{money_text(Money.from_minor_units(gross, currency))} settled as {money_text(settled)}"
                f"{detail}; the platform {money_text(Money.from_minor_units(expected, ours.currency))}.",
            )  # fmt: skip
            return None
        return gross

    def fee_differs(self, data: RecordData, ours: Ours) -> bool:
        """The fee disagrees with its own breakdown, or net is not amount less fee: a case, not posted."""
        breakdown = data.fee_details_total is not None and data.fee_details_total != data.fee
        if not breakdown and data.net == data.amount - data.fee:
            return False
        payment, refund = (ours, None) if ours.kind == "payment" else (None, ours)
        self.case(
            data, CaseKind.FEE_DIFFERS, payment=payment, refund=refund,
            provider_amount=provider_money(data.fee, data.currency),
            description=f"{data.provider_id}: fee {data.fee}, its breakdown {data.fee_details_total}, amount "
            f"{data.amount}, net {data.net} ({data.currency}, provider units) do not agree.",
        )  # fmt: skip
        return True

    def case(
        self,
        data: RecordData,
        kind: CaseKind,
        *,
        description: str,
        payment: Ours | None = None,
        refund: Ours | None = None,
        payout: PayoutRow | None = None,
        provider_amount: Money | None = None,
        platform_amount: Money | None = None,
    ) -> None:
        self.result.cases.append(
            ReconciliationCase(
                provider=self.provider,
                kind=kind,
                subject=data.provider_id,
                description=description[:500],
                provider_amount=money_text(provider_amount),
                platform_amount=money_text(platform_amount),
                payment_id=payment.id if payment else None,
                refund_id=refund.id if refund else None,
                payout_id=payout.id if payout else None,
                run=self.run,
            )
        )
