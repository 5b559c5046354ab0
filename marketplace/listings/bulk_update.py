"""Updating thousands of listings at once, for the CSV import.

Django's bulk_update builds a CASE WHEN per row and per field in Python: 5,000 listings x 20 fields took
~12 s, nearly all of it building expressions. One UPDATE ... FROM a list of VALUES per batch does the same
work in a fraction of a second: on PostgreSQL with each value cast to its column's type, on SQLite (3.33 and
later, which `make run` and `make bench` use by default) through a common table expression naming the
columns. Other databases keep bulk_update.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from django.db import connection

from marketplace.listings.models import Listing

BATCH = 500
# SQLite learnt UPDATE ... FROM in 3.33.0.
SQLITE_UPDATE_FROM = tuple(int(part) for part in sqlite3.sqlite_version.split(".")[:2]) >= (3, 33)


def listings_update_many(listings: Sequence[Listing], fields: Sequence[str]) -> None:
    """Write `fields` of each of `listings` (already in memory, with their new values) to the database."""
    statement = _update_from_values(fields)
    if statement is None:
        Listing.objects.bulk_update(listings, list(fields), batch_size=BATCH)
        return
    model_fields = [Listing._meta.get_field(name) for name in fields]
    with connection.cursor() as cursor:
        for start in range(0, len(listings), BATCH):
            batch = listings[start : start + BATCH]
            params = []
            for listing in batch:
                params.append(listing.pk)
                for f in model_fields:
                    params.append(f.get_db_prep_save(getattr(listing, f.attname), connection))
            cursor.execute(statement(len(batch)), params)


def _update_from_values(fields: Sequence[str]):
    """A function of the batch size giving the UPDATE statement, or None where bulk_update must do."""
    model_fields = [Listing._meta.get_field(name) for name in fields]
    pk = Listing._meta.pk
    quote = connection.ops.quote_name
    table = quote(Listing._meta.db_table)
    names = ", ".join(quote(column) for column in [pk.column, *(f.column for f in model_fields)])
    assignments = ", ".join(f"{quote(f.column)} = v.{quote(f.column)}" for f in model_fields)
    match = f"{table}.{quote(pk.column)} = v.{quote(pk.column)}"
    if connection.vendor == "postgresql":
        # Each value cast to its column's type: a NULL or a text parameter would otherwise type the column.
        casts = [pk.db_type(connection), *(f.db_type(connection) for f in model_fields)]
        row = "(" + ", ".join(f"%s::{cast}" for cast in casts) + ")"
        return lambda size: (
            f"UPDATE {table} SET {assignments} FROM (VALUES {', '.join([row] * size)}) "  # noqa: S608
            f"AS v({names}) WHERE {match}"
        )
    if connection.vendor == "sqlite" and SQLITE_UPDATE_FROM:
        row = "(" + ", ".join(["%s"] * (len(model_fields) + 1)) + ")"
        return lambda size: (
            f"WITH v({names}) AS (VALUES {', '.join([row] * size)}) "  # noqa: S608
            f"UPDATE {table} SET {assignments} FROM v WHERE {match}"
        )
    return None
