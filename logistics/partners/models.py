"""Logistics partners and their rate cards (built in the cross-border rules issue)."""
