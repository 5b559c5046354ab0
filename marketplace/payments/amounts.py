"""Amounts at the provider boundary: our ISO 4217 minor units <-> the integers Stripe takes and sends.

Both gateways follow Stripe's rules (the built-in test gateway behaves like Stripe test mode), from
https://docs.stripe.com/currencies:
- amounts are integers in the currency's smallest unit: JPY 1234 is ¥1,234, EUR 1234 is €12.34;
- three-decimal currencies (BHD, JOD, KWD, OMR, TND) take three decimals, but the last digit must be 0
  (rounded to the nearest ten fils): KWD 12.345 cannot be charged, KWD 12.340 is 12340. We refuse such an
  amount rather than round it, so what is charged is always the total the buyer saw; the checkout rounds its
  KWD total to 0.010 (or lists the problem) before paying (`payment_amount_validate` tells it);
- ISK is zero-decimal for ISO, but Stripe still takes it with two decimals for backward compatibility
  (5 ISK is 500).
"""

from ewtp.money import Money
from marketplace.payments.errors import PaymentAmountInvalidError

# Stripe's "two-decimal for backward compatibility" currencies whose ISO exponent is 0.
_STRIPE_EXTRA_DIGITS = {"ISK": 2}


def amount_problem(amount: Money) -> str | None:
    """Why `amount` cannot be charged or refunded as it is, or None."""
    if amount.amount <= 0:
        return "The amount must be more than zero."
    if not amount.is_rounded:
        return f"The amount has more decimals than {amount.currency} allows ({amount.exponent})."
    if amount.exponent > 3:
        return f"{amount.currency} cannot be charged by card."
    if amount.exponent == 3 and amount.minor_units % 10:
        return f"{amount.currency} amounts are charged in steps of 0.010 (the payment provider's rule)."
    return None


def amount_check(amount: Money, *, field: str = "amount") -> None:
    """Raise PaymentAmountInvalidError naming `field` when `amount_problem` finds one."""
    problem = amount_problem(amount)
    if problem:
        raise PaymentAmountInvalidError(problem, details={field: problem})


def provider_amount(amount: Money) -> int:
    """The integer Stripe takes for `amount` (already checked by `amount_check`)."""
    return amount.minor_units * 10 ** _STRIPE_EXTRA_DIGITS.get(amount.currency, 0)


def provider_minor_units(units: int, currency: str) -> int:
    """Our ISO minor units for an integer Stripe sent in `currency` (upper case)."""
    extra = 10 ** _STRIPE_EXTRA_DIGITS.get(currency, 0)
    if units % extra:
        raise ValueError(f"{units} is not a whole amount of {currency}.")
    return units // extra
