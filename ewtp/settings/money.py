"""Settings of the money that moves after checkout: the ledger, reconciliation against the payment provider,
and seller payouts. Read by base.py; each can be set in the environment."""

from celery.schedules import crontab
from environ import Env

env = Env()

# A seller's money for an order is pending until delivery, then held this many days (the buyer's return
# window, for refunds), then payable.
PAYOUT_HOLD_DAYS = env.int("PAYOUT_HOLD_DAYS", default=14)
# The platform's fee on each order's items, in basis points (1/100 of a percent): 500 is 5 %.
PLATFORM_FEE_BASIS_POINTS = env.int("PLATFORM_FEE_BASIS_POINTS", default=500)
# Reconciliation reads the provider's records this many at a time (Stripe's page limit is 100).
RECONCILIATION_PAGE_SIZE = env.int("RECONCILIATION_PAGE_SIZE", default=100)

MONEY_BEAT_SCHEDULE = {
    # Provider balance transactions and payouts since the last cursor, matched against the platform's.
    "reconciliation-run": {
        "task": "reconciliation.run",
        "schedule": crontab(minute=40),
        "options": {"queue": "reconciliation"},
    },
    # Money past delivery plus the hold becomes payable; payouts are made per seller and currency.
    "payouts-run": {
        "task": "payouts.run",
        "schedule": crontab(minute=10, hour="*/6"),
        "options": {"queue": "reconciliation"},
    },
}
