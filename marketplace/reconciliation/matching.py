"""Matching one chunk of provider records to payments, refunds and the ledger, with set-based queries.

For a chunk (a page) of records, a fixed number of queries whatever its size: the records already stored,
the payments by charge or payment-intent id, the refunds by refund id. Then, per record, in memory:
- stored before with the same figures: a duplicate, counted once (skipped); with other figures: a case
  (fee_differs or amount_differs), the first version kept;
- an unknown currency: a case, recorded, never posted;
- a charge: its payment (missing_on_platform when none has succeeded), the presentment currency and amount
  against the payment's (currency_differs, amount_differs), the fee against its breakdown and the net
  (fee_differs); when everything agrees, posting 7;
- a refund: its Refund by provider id (refund_not_recorded when none has succeeded), amount and currency;
  posted against REFUNDS when it agrees;
- a dispute: always a case for the operator (evidence is due), posted against REFUNDS when its payment and
  currency agree;
- a payout or any other type: recorded and totalled.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Q

from ewtp.currencies import EXPONENTS
from ewtp.money import Money
from marketplace.ledger.models import AccountKind
from marketplace.ledger.posting import Posting
from marketplace.payments.models import SUCCEEDED_STATUSES, Payment, Refund
from marketplace.reconciliation.models import CaseKind, ProviderRecord, ReconciliationCase, ReconciliationRun
from marketplace.reconciliation.provider_posting import (
    provider_money,
    provider_txn_posting,
    settlement_expected,
)
from marketplace.reconciliation.sources import RecordData

CHARGE_TYPES = frozenset({"charge", "payment"})
REFUND_TYPES = frozenset({"refund", "payment_refund"})
# At most this many minor units between the provider's settlement amount and the gross converted at its own
# rate: Stripe rounds once, so anything more is not rounding.
FX_ROUNDING_TOLERANCE = 1


@dataclass(frozen=True, slots=True)
class Ours:
    """A payment or refund of the platform, as matching reads it (a row, not a model: cheap per record)."""

    kind: str  # "payment" or "refund"
    id: int
    reference: str
    amount_minor: int
    currency: str
    status: str
    payment_id: int | None = None  # a refund's payment

    @property
    def amount(self) -> Money:
        return Money.from_minor_units(self.amount_minor, self.currency)


@dataclass
class ChunkResult:
    records: list[ProviderRecord] = field(default_factory=list)
    postings: list[tuple[ProviderRecord, Posting]] = field(default_factory=list)
    cases: list[ReconciliationCase] = field(default_factory=list)
    duplicates: int = 0
    matched_payment_ids: list[int] = field(default_factory=list)


def money_text(money: Money | None) -> str:
    return "" if money is None else f"{money.amount} {money.currency}"


def chunk_match(*, provider: str, records: Sequence[RecordData], run: ReconciliationRun) -> ChunkResult:
    """What to write for `records`: new ProviderRecords (unsaved), their postings and cases."""
    result = ChunkResult()
    unique: dict[str, RecordData] = {}
    for record in records:
        if record.provider_id in unique:
            result.duplicates += 1
        else:
            unique[record.provider_id] = record
    stored = {
        row[0]: row
        for row in ProviderRecord.objects.filter(provider=provider, provider_id__in=list(unique)).values_list(
            "provider_id", "amount", "fee", "currency", "id"
        )
    }
    new = []
    for record in unique.values():
        if record.provider_id not in stored:
            new.append(record)
            continue
        result.duplicates += 1
        _, amount, fee, currency, record_pk = stored[record.provider_id]
        if not record.same_figures(amount, fee, currency):
            kind = CaseKind.FEE_DIFFERS if (amount, currency) == (record.amount, record.currency) else None
            result.cases.append(
                ReconciliationCase(
                    provider=provider,
                    kind=kind or CaseKind.AMOUNT_DIFFERS,
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
    return result


class _Matcher:
    def __init__(self, provider: str, run: ReconciliationRun, new: list[RecordData], result: ChunkResult):
        self.provider, self.run, self.result = provider, run, result
        charges = {r.charge_id for r in new if r.charge_id}
        intents = {r.payment_intent_id for r in new if r.payment_intent_id}
        self.by_charge: dict[str, Ours] = {}
        self.by_intent: dict[str, Ours] = {}
        self.refunds: dict[str, Ours] = {}
        if charges or intents:
            payments = Payment.objects.filter(gateway=provider).filter(
                Q(provider_charge_id__in=charges) | Q(provider_payment_intent_id__in=intents)
            )
            for pk, ref, minor, currency, status, charge, intent in payments.values_list(
                "id", "reference", "amount_minor", "currency", "status", "provider_charge_id",
                "provider_payment_intent_id",
            ):  # fmt: skip
                payment = Ours("payment", pk, ref, minor, currency, status)
                if charge:
                    self.by_charge[charge] = payment
                if intent:
                    self.by_intent[intent] = payment
        refund_ids = {r.source_id for r in new if r.type in REFUND_TYPES and r.source_id}
        if refund_ids:
            for pk, ref, minor, currency, status, payment_id, provider_id in Refund.objects.filter(
                provider_refund_id__in=refund_ids
            ).values_list(
                "id", "reference", "amount_minor", "currency", "status", "payment_id", "provider_refund_id"
            ):
                self.refunds[provider_id] = Ours("refund", pk, ref, minor, currency, status, payment_id)

    # -- per record --------------------------------------------------------------------------------

    def match(self, data: RecordData) -> None:
        record = ProviderRecord(
            provider=self.provider, provider_id=data.provider_id, object=data.object, type=data.type,
            amount=data.amount, fee=data.fee, net=data.net, currency=data.currency,
            exchange_rate=data.exchange_rate, presentment_amount=data.presentment_amount,
            presentment_currency=data.presentment_currency, source_id=data.source_id,
            source_type=data.source_type, charge_id=data.charge_id, payment_intent_id=data.payment_intent_id,
            created=data.created, raw=data.raw, run=self.run,
        )  # fmt: skip
        self.result.records.append(record)
        payment = self.by_charge.get(data.charge_id) or self.by_intent.get(data.payment_intent_id)
        record.payment_id = payment.id if payment else None
        unknown = {c for c in (data.currency, data.presentment_currency) if c and c not in EXPONENTS}
        if unknown:
            self.case(
                record, CaseKind.UNKNOWN_CURRENCY, payment=payment,
                description=f"{data.provider_id} is in {', '.join(sorted(unknown))}, which is not an ISO "
                "4217 currency the platform knows: recorded, not posted.",
            )  # fmt: skip
            return
        if data.source_type == "dispute":
            self.dispute(record, data, payment)
        elif data.type in CHARGE_TYPES:
            self.charge(record, data, payment)
        elif data.type in REFUND_TYPES:
            self.refund(record, data, payment)

    def charge(self, record: ProviderRecord, data: RecordData, payment: Ours | None) -> None:
        settled = provider_money(data.amount, data.currency)
        if payment is None or payment.status not in SUCCEEDED_STATUSES:
            state = "no payment" if payment is None else f"payment {payment.reference} is {payment.status}"
            self.case(
                record, CaseKind.MISSING_ON_PLATFORM, payment=payment, provider_amount=settled,
                description=f"The provider charged {money_text(settled)} "
                f"({data.source_id or data.provider_id}); the platform has {state}.",
            )  # fmt: skip
            return
        self.result.matched_payment_ids.append(payment.id)
        gross = self.presentment(data, payment)
        if gross is None:
            return
        if self.fee_differs(record, data, payment):
            return
        self.post(record, data, gross=gross, account=AccountKind.BUYER_CLEARING, reference=payment.reference)

    def refund(self, record: ProviderRecord, data: RecordData, payment: Ours | None) -> None:
        refund = self.refunds.get(data.source_id)
        record.refund_id = refund.id if refund else None
        settled = provider_money(data.amount, data.currency)
        if refund is None or refund.status != Refund.Status.SUCCEEDED:
            state = "no refund" if refund is None else f"refund {refund.reference} is {refund.status}"
            self.case(
                record, CaseKind.REFUND_NOT_RECORDED, payment=payment, refund=refund, provider_amount=settled,
                description=f"The provider refunded {money_text(-settled)} ({data.source_id}); the platform "
                f"has {state}.",
            )  # fmt: skip
            return
        gross = self.presentment(data, refund, sign=-1)
        if gross is None or self.fee_differs(record, data, refund):
            return
        reference = refund.reference
        self.post(record, data, gross=gross, account=AccountKind.REFUNDS, reference=reference)

    def dispute(self, record: ProviderRecord, data: RecordData, payment: Ours | None) -> None:
        settled = provider_money(data.amount, data.currency)
        recorded = payment is not None and payment.status == Payment.Status.DISPUTED
        self.case(
            record, CaseKind.DISPUTE, payment=payment, provider_amount=settled,
            platform_amount=payment.amount if payment else None,
            description=f"A dispute ({data.source_id}) took {money_text(-settled)} back; "
            + ("the platform has the payment as disputed." if recorded else "the platform has no dispute."),
        )  # fmt: skip
        if payment is None:
            return
        gross = self.presentment(data, payment, sign=-1, amount_at_most=True)
        if gross is not None and not self.fee_differs(record, data, payment):
            self.post(record, data, gross=gross, account=AccountKind.REFUNDS, reference=payment.reference)

    # -- checks ------------------------------------------------------------------------------------

    def presentment(
        self, data: RecordData, ours: Ours, *, sign: int = 1, amount_at_most: bool = False
    ) -> Money | None:
        """The gross in the presentment currency, once it agrees with ours (else a case, and None)."""
        record = self.result.records[-1]
        expected = Money.from_minor_units(sign * ours.amount_minor, ours.currency)
        payment, refund = (ours, None) if ours.kind == "payment" else (None, ours)
        if data.presentment_amount is not None:
            gross = provider_money(data.presentment_amount, data.presentment_currency)
        elif data.exchange_rate is None:  # no conversion: the settlement amount is the presentment amount
            gross = provider_money(data.amount, data.currency)
        else:
            gross = expected  # converted, and the provider did not say from what: ours stands for it
        if gross.currency != expected.currency:
            self.case(
                record, CaseKind.CURRENCY_DIFFERS, payment=payment, refund=refund, provider_amount=gross,
                platform_amount=expected,
                description=f"The provider has {data.provider_id} in {gross.currency}, the platform in "
                f"{expected.currency}.",
            )  # fmt: skip
            return None
        differs = abs(gross.amount) > abs(expected.amount) if amount_at_most else gross != expected
        settled = provider_money(data.amount, data.currency)
        converted = settlement_expected(
            gross, currency=data.currency, rate=data.exchange_rate, settled=settled
        )
        off = abs((settled - converted).minor_units)
        if differs or (gross.currency != data.currency and off > FX_ROUNDING_TOLERANCE):
            detail = "" if differs else f" (at rate {data.exchange_rate}: {money_text(converted)} expected)"
            self.case(
                record, CaseKind.AMOUNT_DIFFERS, payment=payment, refund=refund, provider_amount=gross,
                platform_amount=expected,
                description=f"The provider has {data.provider_id} for {money_text(gross)} settled as "
                f"{money_text(settled)}{detail}; the platform {money_text(expected)}.",
            )  # fmt: skip
            return None
        return gross

    def fee_differs(self, record: ProviderRecord, data: RecordData, ours: Ours) -> bool:
        """The fee disagrees with its own breakdown, or net is not amount less fee: a case, not posted."""
        breakdown = data.fee_details_total is not None and data.fee_details_total != data.fee
        if not breakdown and data.net == data.amount - data.fee:
            return False
        payment, refund = (ours, None) if ours.kind == "payment" else (None, ours)
        fee = provider_money(data.fee, data.currency)
        self.case(
            record, CaseKind.FEE_DIFFERS, payment=payment, refund=refund, provider_amount=fee,
            description=f"{data.provider_id}: fee {data.fee}, its breakdown {data.fee_details_total}, amount "
            f"{data.amount}, net {data.net} ({data.currency}, provider units) do not agree.",
        )  # fmt: skip
        return True

    # -- output ------------------------------------------------------------------------------------

    def post(
        self, record: ProviderRecord, data: RecordData, *, gross: Money, account, reference: str
    ) -> None:
        posting = provider_txn_posting(
            provider_id=data.provider_id,
            gross=gross,
            settled=provider_money(data.amount, data.currency),
            fee=provider_money(data.fee, data.currency),
            net=provider_money(data.net, data.currency),
            rate=data.exchange_rate,
            platform_account=account,
            created=data.created,
            reference=reference,
        )
        self.result.postings.append((record, posting))

    def case(
        self,
        record: ProviderRecord,
        kind: CaseKind,
        *,
        description: str,
        payment: Ours | None = None,
        refund: Ours | None = None,
        provider_amount: Money | None = None,
        platform_amount: Money | None = None,
    ) -> None:
        self.result.cases.append(
            ReconciliationCase(
                provider=self.provider,
                kind=kind,
                subject=record.provider_id,
                description=description[:500],
                provider_amount=money_text(provider_amount),
                platform_amount=money_text(platform_amount),
                record=record,
                payment_id=payment.id if payment else None,
                refund_id=refund.id if refund else None,
                run=self.run,
            )
        )
