"""manage.py create_partner_key PARTNER --scopes shipments:read shipments:write ... [--name NAME]

Prints the new key once: it is stored only as a prefix and a hash, so it cannot be shown again.
"""

from django.core.management.base import BaseCommand, CommandError

from ewtp.errors import ApplicationError
from logistics.partners.keys import partner_api_key_create
from logistics.partners.keys_models import ApiScope
from logistics.partners.models import Partner


class Command(BaseCommand):
    help = "Create an API key for a partner (by slug) with the given scopes, and print it once."

    def add_arguments(self, parser):
        parser.add_argument("partner", help="The partner's slug.")
        parser.add_argument("--scopes", nargs="+", required=True, metavar="SCOPE",
                            help=f"Any of: {', '.join(ApiScope.values)}.")  # fmt: skip
        parser.add_argument("--name", default="", help="What the key is for.")

    def handle(self, *args, partner: str, scopes: list[str], name: str, **options):
        owner = Partner.objects.filter(slug=partner).first()
        if owner is None:
            raise CommandError(f"No partner with the slug {partner!r}.")
        try:
            key, raw_key = partner_api_key_create(partner=owner, scopes=scopes, name=name)
        except ApplicationError as error:
            raise CommandError(error.message) from error
        self.stderr.write(
            f"Key {key.prefix} for {owner} with {', '.join(key.scopes)}. Shown once; store it now:"
        )
        self.stdout.write(raw_key)
