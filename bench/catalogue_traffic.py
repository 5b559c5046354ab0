"""The catalogue benchmark's varied traffic: distinct URLs drawn deterministically from the demo world's
vocabulary (title words, categories, seller countries, destinations, currencies, pages and languages), and
the wrk script that walks them."""

from __future__ import annotations

import random

VARIED_URLS = 600
VARIED_SEED = 2017
LANGUAGES = ("en-US,en;q=0.9", "en-GB,en;q=0.9", "zh-CN,zh;q=0.9")
# Each wrk thread walks the list of (path, Accept-Language) pairs from its own offset, round and round.
WRK_SCRIPT = """
local requests = {}
for line in io.lines(os.getenv("BENCH_VARIED_FILE")) do
  local path, language = line:match("^(%S+)\t(.+)$")
  requests[#requests + 1] = wrk.format("GET", path, {["Accept-Language"] = language})
end
local threads = 0
function setup(thread)
  thread:set("offset", threads * 7919)
  threads = threads + 1
end
function init(args)
  position = offset
end
function request()
  position = position % #requests + 1
  return requests[position]
end
"""


def varied_requests(vocabulary: dict, count: int = VARIED_URLS) -> list[tuple[str, str]]:
    """`count` distinct (path, Accept-Language) pairs, the same ones on every run for the same demo data."""
    rng = random.Random(VARIED_SEED)
    destinations = [*vocabulary["destinations"], "DE", "FR", "IT", "KE"]
    requests: dict[tuple[str, str], None] = {}
    while len(requests) < count:
        params = {"ship_to": rng.choice(destinations), "currency": rng.choice(vocabulary["currencies"])}
        kind = rng.random()
        if kind < 0.4:
            params["q"] = rng.choice(vocabulary["words"])
        elif kind < 0.7:
            params["category"] = rng.choice(vocabulary["categories"])
        elif kind < 0.85:
            params["seller_country"] = rng.choice(vocabulary["seller_countries"])
        page = rng.choice((1, 1, 1, 1, 2, 2, 3, 4, 5))
        if page > 1:
            params["page"] = str(page)
        path = "/?" + "&".join(f"{key}={value}" for key, value in params.items())
        requests[(path, rng.choice(LANGUAGES))] = None
    return list(requests)
