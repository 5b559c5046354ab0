"""Pricing for a buyer: what the storefront shows and what checkout will charge.

- `preferences.py`: the buyer's currency and destination (the address, a cookie, the account, the browser's
  languages, else US dollars to the United States);
- `prices.py`: a listing's price converted into the buyer's currency;
- `delivered.py`: what a basket costs delivered (one shipment per seller: goods, cheapest shipping, duties,
  import taxes and fees), in the buyer's currency, with what is due at checkout and on delivery;
- `errors.py`: why a delivered cost cannot be worked out, as typed errors.

No pages here: storefront (and checkout) import pricing, never the reverse.
"""
