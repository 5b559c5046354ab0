"""Largest Contentful Paint on a phone over slow 4G: the catalogue and a listing page, with the demo photos.

Debian's chromium driven by Playwright (never a downloaded browser), a phone's viewport (412 x 823 CSS px at
1.75 device pixels per CSS pixel, touch, as Lighthouse's mobile profile), and through the DevTools protocol
the network of a slow 4G connection (Network.emulateNetworkConditions: 150 ms latency, 1.6 Mbit/s down =
200,000 bytes/s, 750 kbit/s up = 93,750 bytes/s) and a phone's CPU (Emulation.setCPUThrottlingRate 4).
Each load is a first visit (a new browser context, nothing cached in the browser); the server has answered
the page once before (as deployed, a page anyone has asked for in the last 30 s is in the page cache). LCP
is read with a PerformanceObserver('largest-contentful-paint') registered before the page's first byte,
after the load event and a quiet second. The median of LOADS loads per page (BENCH_LCP_LOADS, default 5).
Target: at most 1.0 s for both pages.

The server: gunicorn (2 sync workers, production settings) on loopback over its own SQLite database under
var/bench-lcp/, seeded by load_seeds and seed_demo (200 listings, photos drawn locally, stored in their
three renditions), media served by Django (SERVE_MEDIA) as a web server or CDN would serve them.
"""

from __future__ import annotations

import os
import shutil
import statistics
import urllib.request
from pathlib import Path

from bench.processes import gunicorn_serving, manage, measure_in_own_process, port_free

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
FOLDER = ROOT / "var" / "bench-lcp"
PORT = int(os.environ.get("BENCH_LCP_PORT", "0")) or port_free()
LOADS = int(os.environ.get("BENCH_LCP_LOADS", "5"))
TARGET_MS = 1000
PHONE = {
    "viewport": {"width": 412, "height": 823},
    "device_scale_factor": 1.75,
    "is_mobile": True,
    "has_touch": True,
    "locale": "en-GB",
}
SLOW_4G = {
    "offline": False,
    "latency": 150,  # ms, each way's share included: Chrome adds it to every request
    "downloadThroughput": 1_600_000 / 8,  # 200,000 bytes/s
    "uploadThroughput": 750_000 / 8,  # 93,750 bytes/s
}
CPU_SLOWDOWN = 4

# Registered before any of the page's scripts: keeps the latest LCP candidate (the last one is the LCP).
OBSERVER = """
window.__lcp = null;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    window.__lcp = {
      ms: entry.startTime, size: entry.size, tag: entry.element ? entry.element.tagName : "",
      url: entry.url || "",
      text: entry.element && !entry.url ? entry.element.textContent.trim().slice(0, 60) : "",
    };
  }
}).observe({type: "largest-contentful-paint", buffered: true});
"""
READ = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
  const resources = performance.getEntriesByType("resource");
  const bytes = resources.reduce((n, r) => n + r.transferSize, nav.transferSize);
  return {lcp: window.__lcp, fcp_ms: fcp ? fcp.startTime : null, ttfb_ms: nav.responseStart, bytes: bytes};
}"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "ewtp.settings.production",
            "DATABASE_URL": f"sqlite:///{FOLDER / 'ewtp.sqlite3'}",
            "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "SITE_URL": f"http://127.0.0.1:{PORT}",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_HSTS_SECONDS": "0",
            "CELERY_BROKER_URL": "memory://",
            "LOG_LEVEL": "WARNING",
            "MEDIA_ROOT": str(FOLDER / "media"),
            "SERVE_MEDIA": "true",
            "REFERENCE_CACHE_SECONDS": "30",
        }
    )
    env.pop("REDIS_URL", None)  # the database cache: this bench shares nothing with the others
    return env


def _manage(*args: str) -> str:
    return manage(*args, env=_env())


def _seed() -> str:
    """A fresh demo world (BENCH_LCP_REUSE keeps the last one, to iterate on the pages); returns the path of
    the first catalogue card's listing (one with photos)."""
    if not os.environ.get("BENCH_LCP_REUSE"):
        shutil.rmtree(FOLDER, ignore_errors=True)
        FOLDER.mkdir(parents=True)
    _manage("migrate", "--noinput")
    _manage("createcachetable")
    _manage("collectstatic", "--noinput")
    if not os.environ.get("BENCH_LCP_REUSE"):
        _manage("load_seeds")
        _manage("seed_demo", "--force")
    script = (
        "from marketplace.listings.models import Listing\n"
        "print(Listing.objects.filter(is_visible=True).exclude(thumbnail='').first().get_absolute_url())"
    )
    return _manage("shell", "-c", script).strip().splitlines()[-1]


def _load(browser, url: str) -> dict:
    """One first visit on the emulated phone: LCP, FCP, time to first byte and bytes transferred."""
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        page.add_init_script(OBSERVER)
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send("Network.emulateNetworkConditions", SLOW_4G)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        page.goto(url, wait_until="load", timeout=60_000)
        page.wait_for_timeout(1000)  # LCP candidates still arriving after load (late images) are counted
        return page.evaluate(READ)
    finally:
        context.close()


def measure_all() -> dict:
    if not Path(CHROMIUM).exists():
        raise RuntimeError("Debian's chromium is not installed (`make browser` installs it)")
    from playwright.sync_api import sync_playwright

    listing = _seed()
    base = f"http://127.0.0.1:{PORT}"
    pages = {"catalogue": f"{base}/", "listing": f"{base}{listing}"}
    with gunicorn_serving(port=PORT, env=_env()):
        for url in pages.values():  # the server has rendered each page once: it is in the page cache
            urllib.request.urlopen(url, timeout=30).read()  # noqa: S310 - our own server, on loopback
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            try:
                _load(browser, pages["catalogue"])  # the browser's own first start is not a page's cost
                results = {name: [_load(browser, url) for _ in range(LOADS)] for name, url in pages.items()}
            finally:
                browser.close()
    return {"pages": results, "listing_path": listing, "load_average": [round(x, 2) for x in os.getloadavg()]}


def run() -> dict:
    # Its own process, so that its settings (production, its own SQLite database) stay its own.
    data = measure_in_own_process("bench.lcp")
    rows = []
    for name, loads in data["pages"].items():
        lcps = [load["lcp"]["ms"] for load in loads if load["lcp"]]
        median = statistics.median(lcps) if len(lcps) == len(loads) else None
        last = loads[-1]
        element = last["lcp"] or {}
        # the image's file (its rendition's folder and name), or the text's first words
        what = "/".join(element["url"].rsplit("/", 4)[-4:]) if element.get("url") else element.get("text", "")
        where = data["listing_path"] if name == "listing" else "/"
        each = ", ".join(f"{ms:.0f}" for ms in lcps)
        rows.append(
            {
                "benchmark": "lcp",
                "measure": (
                    f"{name} {where}, phone 412 px, slow 4G (150 ms, 1.6 Mbit/s down, 750 kbit/s up), CPU 4x "
                    f"slower, first visit: LCP median of {len(loads)} ({each}"
                    f" ms); LCP element <{element.get('tag', '?').lower()}> {what}; {last['bytes']:,} B "
                    "transferred"
                ),
                "value": f"{median:.0f} ms" if median is not None else "no LCP",
                "baseline": (
                    f"FCP {statistics.median(load['fcp_ms'] for load in loads):.0f} ms, "
                    f"first byte {statistics.median(load['ttfb_ms'] for load in loads):.0f} ms"
                ),
                "ratio": "-",
                "target": f"<= {TARGET_MS} ms",
                "meets_target": median is not None and median <= TARGET_MS,
            }
        )
    return {"rows": rows, **data}
