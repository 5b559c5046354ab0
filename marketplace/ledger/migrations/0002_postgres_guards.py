"""PostgreSQL guards the Python service cannot be trusted alone to keep (as django-hordak does):

- a deferred constraint trigger: at commit, every transaction's entries sum to zero in each currency, each
  entry is in its account's currency, and no transaction is left without entries;
- entries and transactions are never updated or deleted (a correction is a reversing transaction).

Other databases (SQLite in development) rely on marketplace.ledger.posting's checks.
"""

from django.db import migrations

FORWARD = """
CREATE FUNCTION ledger_entry_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    off record;
BEGIN
    IF EXISTS (SELECT 1 FROM ledger_account a WHERE a.id = NEW.account_id AND a.currency <> NEW.currency) THEN
        RAISE EXCEPTION 'ledger entry % is in %, not in its account''s currency', NEW.id, NEW.currency
            USING ERRCODE = 'check_violation';
    END IF;
    SELECT e.currency, SUM(e.amount) AS total INTO off
        FROM ledger_entry e WHERE e.transaction_id = NEW.transaction_id
        GROUP BY e.currency HAVING SUM(e.amount) <> 0 LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'ledger transaction % does not balance in % (off by %)',
            NEW.transaction_id, off.currency, off.total USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER ledger_entry_balanced AFTER INSERT ON ledger_entry
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_entry_check();

CREATE FUNCTION ledger_transaction_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM ledger_entry e WHERE e.transaction_id = NEW.id) THEN
        RAISE EXCEPTION 'ledger transaction % has no entries', NEW.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER ledger_transaction_has_entries AFTER INSERT ON ledger_transaction
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_transaction_check();

CREATE FUNCTION ledger_never_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are never changed or deleted: post a reversing transaction', TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END $$;

CREATE TRIGGER ledger_entry_immutable BEFORE UPDATE OR DELETE ON ledger_entry
    FOR EACH ROW EXECUTE FUNCTION ledger_never_changed();
CREATE TRIGGER ledger_transaction_immutable BEFORE UPDATE OR DELETE ON ledger_transaction
    FOR EACH ROW EXECUTE FUNCTION ledger_never_changed();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS ledger_transaction_immutable ON ledger_transaction;
DROP TRIGGER IF EXISTS ledger_entry_immutable ON ledger_entry;
DROP FUNCTION IF EXISTS ledger_never_changed();
DROP TRIGGER IF EXISTS ledger_transaction_has_entries ON ledger_transaction;
DROP FUNCTION IF EXISTS ledger_transaction_check();
DROP TRIGGER IF EXISTS ledger_entry_balanced ON ledger_entry;
DROP FUNCTION IF EXISTS ledger_entry_check();
"""


def _run(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            with schema_editor.connection.cursor() as cursor:
                cursor.execute(sql)  # no parameters: the functions' % placeholders are PL/pgSQL's

    return run


class Migration(migrations.Migration):
    dependencies = [("ledger", "0001_initial")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
