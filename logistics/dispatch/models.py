"""Shipments (lines, parcels, parties) and, later, their assignment to partners."""
