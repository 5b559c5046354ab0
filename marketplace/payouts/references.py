"""Payout references: unguessable, short enough to read aloud, e.g. PO-7K3M-X2QD-9PZB; and the event keys of
a payout's two ledger postings, which creation, its outcomes and reconciliation all name."""

import secrets

# Crockford's base32 without look-alikes, as order references use.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def payout_reference_new() -> str:
    chars = "".join(secrets.choice(ALPHABET) for _ in range(12))
    return "PO-" + "-".join(chars[i : i + 4] for i in range(0, 12, 4))


def payout_event_key(reference: str) -> str:
    """The payout's own posting (Dr SELLER_PAYABLE / Cr PAYOUTS), written when it is created."""
    return f"payout:{reference}"


def payout_settled_event_key(reference: str) -> str:
    """The payout's settlement (Dr PAYOUTS / Cr PROVIDER_BALANCE), written when it is paid."""
    return f"payout-settled:{reference}"
