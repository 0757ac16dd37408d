"""Sync benchmark: requests, bytes and wall time of a no-change sync of all 153 areas.

Starts the fixture reproduction of Ofsted's report site (tests/support/ofsted_site.py, on a
loopback port: nothing leaves the machine) with the documents written for the tests and,
when ../shared is present, its 20 real area SEND reports; makes a first sync into a
temporary SQLite store, then a second with nothing changed, with the rate limit off. The
same second sync against a site that sends no ETags shows what conditional requests save.
Not a timed test: the machine is shared, so read the figures as this run's, and the ratios.

Run: ``.venv/bin/python bench/sync_nochange.py [--shared ../shared]``.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pytest_httpserver import HTTPServer  # noqa: E402
from tests.support.ofsted_site import OfstedSite, build  # noqa: E402

from sendwatch.db import Store  # noqa: E402
from sendwatch.sync import Fetcher, sync  # noqa: E402


def one(store: Store, site: OfstedSite) -> dict[str, float]:
    site.requests.clear()
    started = time.perf_counter()
    with Fetcher(delay=0) as fetcher:
        report = sync(store, base_url=site.base, fetcher=fetcher)
    seconds = time.perf_counter() - started
    assert report.exit_code == 0, report.to_json()
    per_path = site.per_path()
    return {
        "areas": len(report.areas),
        "requests": report.requests,
        "bytes": report.bytes,
        "seconds": seconds,
        "files fetched": site.count("/v1/file/"),
        "most requests to one page": max(per_path.values()),
        "new documents": len(report.files("stored")),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    shared = args.shared if (args.shared / "corpus").is_dir() else None
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    try:
        site = OfstedSite(server)
        send = build(site, shared)
        with tempfile.TemporaryDirectory() as folder:
            store = Store(f"sqlite:///{folder}/bench.db")
            first = one(store, site)
            second = one(store, site)
            site.etags = False
            plain = one(store, site)
            store.close()
    finally:
        server.stop()
    print(
        f"Fixture site: 153 areas, {len(send)} area SEND documents "
        f"({'with' if shared else 'without'} ../shared's real reports); rate limit off."
    )
    print(f"{'':34}{'first sync':>14}{'no change':>14}{'no change, no ETags':>22}")
    for key in first:
        cells = [first[key], second[key], plain[key]]
        text = [f"{c:,.2f}" if key == "seconds" else f"{int(c):,}" for c in cells]
        print(f"{key:34}{text[0]:>14}{text[1]:>14}{text[2]:>22}")
    print(
        f"No-change sync / first sync: {second['requests'] / first['requests']:.2f}x requests, "
        f"{second['bytes'] / first['bytes']:.4f}x bytes, "
        f"{second['seconds'] / first['seconds']:.2f}x time; "
        f"ETags save {1 - second['bytes'] / plain['bytes']:.0%} of the no-change bytes."
    )


if __name__ == "__main__":
    main()
