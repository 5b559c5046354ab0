"""On PostgreSQL, catalogue search (search_text LIKE '%words%') is answered from a trigram GIN index instead
of a scan of every listing. Other databases (SQLite for make run) have no such index and need none at demo
sizes."""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS listing_search_trgm ON listings_listing USING gin (search_text gin_trgm_ops)",
]
DROP = ["DROP INDEX IF EXISTS listing_search_trgm"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("listings", "0001_initial")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
