"""The catalogue page served by gunicorn (2 sync workers) on loopback under wrk, on PostgreSQL, with 1,000
and with 100,000 listings, against a trivial Django view ("ok" from /ping) served the same way, same run.

Measured per size: requests per second, median and p99 latency, SQL queries per page (counted in-process on
the same database), page weight (HTML + CSS bytes); plus a search (`?q=`) page at each size. One URL asked
for again and again is served from the page cache after its first request, so at 100,000 listings the same
server also takes varied traffic (bench/catalogue_traffic.py): 600 distinct URLs (pages 1-5, searches for
words of the demo listings' titles, categories, seller countries, destinations, currencies and three
languages), drawn deterministically from the demo data, each thread walking the list from its own place,
with the page cache emptied first, so every URL's first request renders its page. That run lasts as long
as a page stays cached (30 s), so each URL is rendered once per timeout, as it would be in steady state; a
shorter run would weigh the renders more than traffic of that many URLs does.
Each measurement is the best of ROUNDS runs taken in turn (BENCH_ROUNDS, default 2).
Targets: at 100,000 listings at least 0.25x the trivial view's throughput for one URL and 0.10x for the
varied mix, at most 10 queries per page, and throughput at 100,000 at least 0.8x the figure at 1,000.

Needs PostgreSQL on 127.0.0.1 (BENCH_DATABASE_URL, default database ewtp_bench, recreated) and Debian's
wrk (installed by `make bench` when missing). The cache is Redis when REDIS_URL is set (give the bench a
database of its own: its catalogue pages are deleted between runs), else the database cache.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

from bench.catalogue_traffic import WRK_SCRIPT, varied_requests
from bench.processes import gunicorn_serving, manage, measure_in_own_process, port_free

ROOT = Path(__file__).resolve().parent.parent


PORT = int(os.environ.get("BENCH_PORT", "0")) or port_free()
DURATION = os.environ.get("BENCH_DURATION", "10s")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2"))
CONNECTIONS = 8
SIZES = (1_000, 100_000)
CATALOGUE = "/?ship_to=DE&currency=EUR"
SEARCH = "/?ship_to=DE&currency=EUR&q=silk"
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ewtp_bench")


def _env(cache_seconds: int = 0) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "ewtp.settings.production",
            "DATABASE_URL": DATABASE_URL,
            "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "SITE_URL": f"http://127.0.0.1:{PORT}",
            "SECURE_SSL_REDIRECT": "false",
            "CELERY_BROKER_URL": "memory://",
            "LOG_LEVEL": "WARNING",
            "MEDIA_ROOT": str(ROOT / "var" / "bench-media"),
            "REFERENCE_CACHE_SECONDS": str(cache_seconds),
        }
    )
    return env


def _manage(*args: str) -> str:
    # Commands and the query probe run with the cache off (the default here): they see and count everything.
    return manage(*args, env=_env())


def _pages_cache_clear() -> None:
    """Deletes the cached catalogue pages (only those: the Redis database may hold other keys)."""
    script = (
        "from django.core.cache import caches\n"
        "pages = caches['pages']\n"
        "if pages.__class__.__name__ == 'RedisCache':\n"
        "    client = pages._cache.get_client(None, write=True)\n"
        "    keys = list(client.scan_iter(pages.make_key('*')))\n"
        "    client.delete(*keys) if keys else None\n"
        "else:\n"
        "    pages.clear()\n"
    )
    _manage("shell", "-c", script)


def _demo_vocabulary() -> dict:
    """What the varied traffic draws from: the demo world's categories, seller countries, title words and
    destinations served, and the currencies with a rate."""
    script = (
        "import json, re; from marketplace.listings.models import Category, Listing;"
        "from logistics.partners.models import RateCard; from ewtp.fx.conversion import fx_rate_table;"
        "from django.utils import timezone\n"
        "titles = Listing.objects.order_by('id').values_list('title', flat=True)[:200]\n"
        "words = sorted({w for t in titles for w in re.findall(r'[a-z]{4,}', t.lower())})\n"
        "print(json.dumps({'categories': sorted(Category.objects.values_list('slug', flat=True)),"
        "'seller_countries': sorted(set(Listing.objects.values_list('seller_country', flat=True)[:200])),"
        "'destinations': sorted(set(RateCard.objects.values_list('destination_country', flat=True)) - {''}),"
        "'currencies': fx_rate_table(on=timezone.localdate()).currencies, 'words': words}))"
    )
    return json.loads(_manage("shell", "-c", script).strip().splitlines()[-1])


def _recreate_database() -> None:
    import psycopg

    base, name = DATABASE_URL.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def _probe(path: str) -> dict:
    """Queries per page and page weight, from a request made in a separate Django process."""
    script = (
        "import json; from django.test import Client; from django.db import connection;"
        "from django.test.utils import CaptureQueriesContext;"
        "from django.contrib.staticfiles import finders\n"
        "c = Client(HTTP_ACCEPT_LANGUAGE='en');\n"
        f"r = c.get({path!r}, secure=True)\n"
        "with CaptureQueriesContext(connection) as q:\n"
        f"    r = c.get({path!r}, secure=True)\n"
        "css = open(finders.find('css/site.css'), 'rb').read()\n"
        "print(json.dumps({'status': r.status_code, 'queries': len(q.captured_queries), "
        "'html_bytes': len(r.content), 'css_bytes': len(css), "
        "'cards': r.content.count(b'class=\"card\"')}))"
    )
    return json.loads(_manage("shell", "-c", script).strip().splitlines()[-1])


def _wrk(path: str, varied: list[tuple[str, str]] | None = None, duration: str = DURATION) -> dict:
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{duration}", "--latency"]
    env = dict(os.environ)
    if varied:
        folder = ROOT / "var" / "bench"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "varied.lua").write_text(WRK_SCRIPT)
        (folder / "varied.tsv").write_text("".join(f"{path}\t{language}\n" for path, language in varied))
        env["BENCH_VARIED_FILE"] = str(folder / "varied.tsv")
        command += ["-s", str(folder / "varied.lua")]
    out = subprocess.run(
        [*command, f"http://127.0.0.1:{PORT}{path}"], capture_output=True, text=True, check=True, env=env
    ).stdout

    def latency_ms(label: str) -> float:
        match = re.search(rf"^\s+{label}\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": latency_ms("50%"),
        "p99_ms": latency_ms("99%"),
        "non_2xx": int(errors.group(1)) if errors else 0,
    }


def _load(cache_seconds: int, paths: list[str], varied: list[tuple[str, str]] | None = None) -> list[dict]:
    """wrk on each path (then on the varied mix), ROUNDS times in turn, the best round of each kept: the
    machine is shared, and a burst of other work should not decide a ratio (as in bench/timing.py)."""
    _pages_cache_clear()
    with gunicorn_serving(port=PORT, env=_env(cache_seconds)):
        for path in paths:  # warm worker imports (and, with caching on, the caches)
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=30).read()
        best: list[dict | None] = [None] * (len(paths) + bool(varied))
        for _ in range(ROUNDS):
            runs = [_wrk(path) for path in paths]
            if varied:
                _pages_cache_clear()  # every URL of the mix is rendered on its first request, every round
                # As long as a page stays cached: each URL is rendered once in the run, as in steady state.
                runs.append(_wrk("/", varied, duration=f"{cache_seconds}s") | {"urls": len(varied)})
            best = [
                run if kept is None or run["rps"] > kept["rps"] else kept
                for run, kept in zip(runs, best, strict=True)
            ]
        return best


def _measure(size: int, varied: list[tuple[str, str]] | None) -> dict:
    # As deployed: reference data cached per process, result pages in the shared cache, for 30 s.
    trivial, catalogue, search, *mix = _load(30, ["/ping", CATALOGUE, SEARCH], varied)
    # With every cache off: each request queries and renders everything; this is what grows with size.
    cold_catalogue, cold_search = _load(0, [CATALOGUE, SEARCH])
    return {
        "size": size,
        # The machine is shared: what else ran shows in the load average (1, 5, 15 minutes) at the end.
        "load_average": [round(load, 2) for load in os.getloadavg()],
        "trivial": trivial,
        "catalogue": catalogue | _probe(CATALOGUE),
        "search": search | _probe(SEARCH),
        "cold_catalogue": cold_catalogue,
        "cold_search": cold_search,
        **({"varied": mix[0]} if mix else {}),
    }


def measure_all() -> dict:
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is not installed (make bench installs Debian's wrk)")
    # BENCH_REUSE_DATABASE skips recreating and seeding (to iterate on the page); the database must then
    # hold no more than the first size's listings, or that size is measured with more.
    if not os.environ.get("BENCH_REUSE_DATABASE"):
        _recreate_database()
    _manage("migrate", "--noinput")
    _manage("createcachetable")
    _manage("collectstatic", "--noinput")
    if not os.environ.get("BENCH_REUSE_DATABASE"):
        _manage("load_seeds")
        _manage("seed_demo", "--force")
    results = []
    current = int(
        _manage(
            "shell", "-c", "from marketplace.listings.models import Listing; print(Listing.objects.count())"
        )
        .strip()
        .splitlines()[-1]
    )
    for size in SIZES:
        if size > current:
            _manage("seed_demo", "--force", "--listings", str(size - current))
            # Vacuum and analyse now, so that autovacuum does not wake up after a bulk insert and compete
            # with the measurement for the two cores.
            _manage(
                "shell",
                "-c",
                "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')",
            )
            time.sleep(5)
            current = size
        varied = varied_requests(_demo_vocabulary()) if size == SIZES[-1] else None
        results.append(_measure(size, varied))
    return {"sizes": results}


def run() -> dict:
    # The measurement runs in its own process so that its settings (PostgreSQL, production) stay its own.
    data = measure_in_own_process("bench.catalogue")
    small, large = data["sizes"]
    rows = []
    for entry in data["sizes"]:
        size, cat, triv = entry["size"], entry["catalogue"], entry["trivial"]
        ratio = cat["rps"] / triv["rps"]
        html, css = cat["html_bytes"], cat["css_bytes"]
        weight = f"{html + css:,} B (HTML {html:,} + CSS {css:,})"
        rows.append(
            {
                "benchmark": "catalogue",
                "measure": (
                    f"{size:,} listings, one catalogue URL (30 s page cache): {cat['queries']} queries cold, "
                    f"{weight}, p50 {cat['p50_ms']:.1f} ms, p99 {cat['p99_ms']:.1f} ms"
                ),
                "value": f"{cat['rps']:.0f} req/s",
                "baseline": f"{triv['rps']:.0f} req/s trivial view (p50 {triv['p50_ms']:.1f} ms)",
                "ratio": f"{ratio:.2f}x",
                "target": ">= 0.25x, <= 10 queries" if size == 100_000 else "<= 10 queries",
                "meets_target": cat["queries"] <= 10
                and cat["non_2xx"] == 0
                and cat["cards"] > 0
                and (size != 100_000 or ratio >= 0.25),
            }
        )
        for label, key in (
            ("catalogue page, every cache off", "cold_catalogue"),
            ("search ?q=silk, every cache off", "cold_search"),
            ("search ?q=silk (30 s page cache)", "search"),
        ):
            run = entry[key]
            queries = entry["search"]["queries"] if "search" in key else cat["queries"]
            rows.append(
                {
                    "benchmark": "catalogue",
                    "measure": f"{size:,} listings, {label}: {queries} queries, p50 {run['p50_ms']:.1f} ms, "
                    f"p99 {run['p99_ms']:.1f} ms",
                    "value": f"{run['rps']:.0f} req/s",
                    "baseline": f"{triv['rps']:.0f} req/s trivial view",
                    "ratio": f"{run['rps'] / triv['rps']:.2f}x",
                    "target": "<= 10 queries",
                    "meets_target": queries <= 10 and run["non_2xx"] == 0,
                }
            )
        mix = entry.get("varied")
        if mix:
            ratio = mix["rps"] / triv["rps"]
            rows.append(
                {
                    "benchmark": "catalogue",
                    "measure": (
                        f"{size:,} listings, varied traffic: {mix['urls']} distinct URLs (pages, searches, "
                        f"categories, seller countries, destinations, currencies, languages) for 30 s, page "
                        f"cache empty at the start, {mix['requests']:,} requests, "
                        f"p50 {mix['p50_ms']:.1f} ms, p99 {mix['p99_ms']:.1f} ms; "
                        f"load average {entry['load_average'][0]:.2f}"
                    ),
                    "value": f"{mix['rps']:.0f} req/s",
                    "baseline": f"{triv['rps']:.0f} req/s trivial view",
                    "ratio": f"{ratio:.2f}x",
                    "target": ">= 0.10x",
                    "meets_target": ratio >= 0.10 and mix["non_2xx"] == 0,
                }
            )
    for key, label in (
        ("cold_catalogue", "catalogue, caches off"),
        ("cold_search", "search, caches off"),
        ("catalogue", "catalogue, as deployed"),
    ):
        scale = large[key]["rps"] / small[key]["rps"]
        rows.append(
            {
                "benchmark": "catalogue",
                "measure": f"throughput at 100,000 listings / at 1,000 ({label})",
                "value": f"{large[key]['rps']:.0f} req/s",
                "baseline": f"{small[key]['rps']:.0f} req/s at 1,000",
                "ratio": f"{scale:.2f}x",
                "target": ">= 0.8x",
                "meets_target": scale >= 0.8,
            }
        )
    return {"raw": data, "rows": rows}
