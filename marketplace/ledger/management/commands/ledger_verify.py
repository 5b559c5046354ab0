"""`manage.py ledger_verify`: walk the journal's hash chain and name the first break (exit status 1)."""

from django.core.management.base import BaseCommand, CommandError

from marketplace.ledger.chain import chain_verify


class Command(BaseCommand):
    help = "Check every ledger transaction's hash, its link to the one before, and its balance per currency."

    def handle(self, *args, **options):
        checked, broken = chain_verify()
        if broken is not None:
            raise CommandError(
                f"The ledger chain breaks at {broken} ({checked} transactions before it are intact)."
            )
        self.stdout.write(f"The ledger chain is intact: {checked} transactions checked.")
