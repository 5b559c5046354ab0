"""Rows by a list of ids in one query parameter, split by the database: PostgreSQL takes the ids joined by
commas (`IN (SELECT unnest(string_to_array(%s, ',')))`), SQLite a JSON array (`IN (SELECT value FROM
json_each(%s))`). A page of 1,000 ids is then one parameter, not 1,000 placeholders each prepared by the
ORM or dumped as an array element by the driver. Provider ids never hold a comma; one
that did would only fail to match (its record then becomes a case), never match another row."""

from __future__ import annotations

import json
from collections.abc import Collection

from django.db import connection


def rows_by_ids(*, table: str, columns: tuple[str, ...], key: str, ids: Collection[str], where: str = "",
                params: tuple = ()) -> list[tuple]:  # fmt: skip
    """SELECT `columns` FROM `table` WHERE `key` is one of `ids` [AND `where`]. The names and `where` are
    this app's constants, never input; values travel only as parameters."""
    if not ids:
        return []
    if connection.vendor == "postgresql":
        # An IN over the unnested list (a hash or index join), its elements typed as the column (varchar), so
        # the column's index stays usable.
        condition = f"{key} IN (SELECT unnest(string_to_array(%s, ','))::varchar)"
        value = ",".join(ids)
    else:
        condition, value = f"{key} IN (SELECT value FROM json_each(%s))", json.dumps(list(ids))  # noqa: S608
    sql = f"SELECT {', '.join(columns)} FROM {table} WHERE {condition}"  # noqa: S608 (constants only)
    if where:
        sql += f" AND {where}"
    with connection.cursor() as cursor:
        cursor.execute(sql, (value, *params))
        return cursor.fetchall()
