"""Payout references: unguessable, short enough to read aloud, e.g. PO-7K3M-X2QD-9PZB."""

import secrets

# Crockford's base32 without look-alikes, as order references use.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def payout_reference_new() -> str:
    chars = "".join(secrets.choice(ALPHABET) for _ in range(12))
    return "PO-" + "-".join(chars[i : i + 4] for i in range(0, 12, 4))
