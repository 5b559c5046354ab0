"""The moving side: partners (rate cards, API keys), customs (HS codes, landed cost, documents), dispatch,
tracking. Each domain is a small Django app in this package (logistics.partners, logistics.customs, ...).

logistics never imports marketplace views or forms; it reaches orders through functions marketplace exposes.
"""
