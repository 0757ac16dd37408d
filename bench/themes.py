"""Themes benchmark: what theming every finding adds to reading the record.

Loads the national record and ../shared's documents into a temporary SQLite store, then
measures, back to back in one run, reconciling every area's timeline (what the site does
once per store version anyway) and theming every finding of it. The figure that matters
is the ratio (machines here are shared and noisy). Run: ``make bench``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sendwatch.db import Store
from sendwatch.findings import Filters, national, themed_findings
from sendwatch.history import all_timelines
from sendwatch.ingest import ingest
from sendwatch.official import import_official
from sendwatch.themes import _classify


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{tmp}/bench.db")
        import_official(store)
        if (args.shared / "corpus").is_dir():
            ingest(store, [args.shared / "seeds", args.shared / "corpus"], 100_000_000)
        timeline_s, cold_s, warm_s, table_s = [], [], [], []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            timelines = all_timelines(store)
            t1 = time.perf_counter()
            _classify.cache_clear()  # cold: every finding themed from scratch
            found = themed_findings(timelines)
            t2 = time.perf_counter()
            themed_findings(timelines)  # warm: the site's next store version
            t3 = time.perf_counter()
            national(found, Filters())
            t4 = time.perf_counter()
            timeline_s.append(t1 - t0)
            cold_s.append(t2 - t1)
            warm_s.append(t3 - t2)
            table_s.append(t4 - t3)
        store.close()
    tl, cold, warm, ta = (statistics.median(x) for x in (timeline_s, cold_s, warm_s, table_s))
    print(f"findings themed: {len(found)}")
    print(
        f"timelines: {tl * 1000:.0f} ms; theming cold: {cold * 1000:.0f} ms "
        f"({len(found) / cold:.0f} findings/s), warm: {warm * 1000:.0f} ms; "
        f"national tables: {ta * 1000:.1f} ms"
    )
    print(f"theming cold / timelines = {cold / tl:.2f}; warm / timelines = {warm / tl:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
