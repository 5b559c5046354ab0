"""manage.py partner_simulator PARTNER [--base-url URL] [--key KEY] [--speed N] [--once]

A logistics partner that lives, through the public API only: it accepts the shipments offered to PARTNER
and pushes plausible tracking events until each is delivered (logistics/simulator/). `make run` starts one
per demo partner at --speed 3600 (a simulated hour per real second).

The key comes from --key, else from EWTP_PARTNER_KEY_<SLUG> (the slug in capitals, `-` as `_`, e.g.
EWTP_PARTNER_KEY_SILK_ROAD_POST); with neither, under DEBUG only, the command makes one for the partner.
"""

import os
import re

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from logistics.partners.models import Partner
from logistics.simulator.api_client import ApiRequestError, ApiUnavailableError, PartnerApiClient
from logistics.simulator.keys import simulator_key_issue
from logistics.simulator.partner import PartnerSimulator


def key_variable(slug: str) -> str:
    return "EWTP_PARTNER_KEY_" + re.sub(r"[^A-Z0-9]", "_", slug.upper())


class Command(BaseCommand):
    help = "Play a logistics partner through the public API: accept its offered shipments and track them."

    def add_arguments(self, parser):
        parser.add_argument("partner", help="The partner's slug.")
        parser.add_argument("--base-url", default=None, help="Where the API is (default: SITE_URL).")
        parser.add_argument("--key", default=None, help="The partner's API key (or EWTP_PARTNER_KEY_<SLUG>).")
        parser.add_argument(
            "--speed",
            type=float,
            default=1.0,
            help="Simulated seconds per real second: 3600 makes an hour pass in a second.",
        )
        parser.add_argument("--interval", type=float, default=2.0, help="Real seconds between passes.")
        parser.add_argument(
            "--customs-hold-rate",
            type=float,
            default=0.3,
            help="Share of cross-border parcels held in customs (0 to 1).",
        )
        parser.add_argument("--once", action="store_true", help="One pass, then exit (non-zero on problems).")

    def handle(self, *args, partner, base_url, key, speed, interval, customs_hold_rate, once, **options):
        if speed <= 0 or interval <= 0 or not 0 <= customs_hold_rate <= 1:
            raise CommandError("--speed and --interval must be positive, --customs-hold-rate from 0 to 1.")
        base_url = base_url or settings.SITE_URL
        if not base_url.startswith(("http://", "https://")):
            raise CommandError(f"Give --base-url, an http(s) URL (SITE_URL is {settings.SITE_URL!r}).")
        key = key or os.environ.get(key_variable(partner)) or self._demo_key(partner)
        simulator = PartnerSimulator(
            api=PartnerApiClient(base_url=base_url, key=key), partner=partner, speed=speed,
            customs_hold_rate=customs_hold_rate, say=self.stdout.write,
        )  # fmt: skip
        if once:
            self._once(simulator)
            return
        self.stdout.write(
            f"{partner}: simulating at {base_url} (speed {speed:g}, a pass every {interval:g} s)"
        )
        try:
            simulator.run(interval=interval)
        except KeyboardInterrupt:
            self.stdout.write(f"{partner}: stopped")

    def _once(self, simulator: PartnerSimulator) -> None:
        try:
            report = simulator.run_pass()
        except ApiUnavailableError as error:
            raise CommandError(f"The API could not be reached: {error}") from error
        except ApiRequestError as error:
            raise CommandError(f"The API refused the simulator: {error}") from error
        self.stdout.write(
            f"{simulator.partner}: {len(report.accepted)} accepted, {report.stored} events stored, "
            f"{report.duplicates} duplicates, {len(report.delivered)} delivered"
        )
        if report.problems:
            raise CommandError("; ".join(report.problems))

    def _demo_key(self, slug: str) -> str:
        if not settings.DEBUG:
            raise CommandError(
                f"Give the partner's API key: --key, or {key_variable(slug)} in the environment."
            )
        partner = Partner.objects.filter(slug=slug).first()
        if partner is None:
            raise CommandError(f"No partner with the slug {slug!r}.")
        key, raw_key = simulator_key_issue(partner=partner)
        self.stdout.write(
            f"{slug}: no key given ({key_variable(slug)} is unset) and DEBUG is on, so made API key "
            f"{key.prefix} ({', '.join(key.scopes)}) for {partner}; earlier simulator keys revoked."
        )
        return raw_key
