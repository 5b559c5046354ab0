"""The selling side: sellers (onboarding), listings (catalogue), orders (cart, checkout), payments.

Each domain is a small Django app in this package (marketplace.sellers, marketplace.listings, ...).
"""
