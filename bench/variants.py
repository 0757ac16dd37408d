"""The bundled documents at N times their number: the store the scale benchmarks run on.

Variant k of a document is its bytes with a marker appended (a PDF comment after %%EOF, a
trailing blank line of text), so each is a distinct document to the store (its own hash,
its own claims) that reads exactly as the original: N times the documents, N times the
claims, every area's history N sources deep. Nothing is written outside ``folder``.

Run: ``.venv/bin/python bench/variants.py --times 16 --db /tmp/sendwatch-16x.db``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("seeds", "corpus")


def originals(shared: Path) -> list[Path]:
    """The bundled documents under ../shared (seeds and corpus), in a stable order."""
    from sendwatch.extract import expand

    present = [shared / f for f in FOLDERS if (shared / f).is_dir()]
    return sorted(p for p in expand(present) if p.name != "README.md")


def variant(data: bytes, suffix: str, k: int) -> bytes:
    """Variant ``k`` (0: the original) of a document's bytes."""
    if k == 0:
        return data
    if suffix == ".pdf":
        return data + f"\n%sendwatch-bench-variant {k}\n".encode()
    return data + b"\n" * k


def write_variants(shared: Path, folder: Path, times: int, start: int = 0) -> list[Path]:
    """Variants ``start`` to ``times - 1`` of every bundled document, one subfolder each."""
    out = []
    files = originals(shared)
    for k in range(start, times):
        sub = folder / f"v{k:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        for path in files:
            target = sub / path.name
            target.write_bytes(variant(path.read_bytes(), path.suffix.lower(), k))
            out.append(target)
    return out


def build_store(url: str, shared: Path, times: int, folder: Path) -> tuple[int, float]:
    """A store with the official record and ``times`` variants of each bundled document.
    Returns (documents stored, seconds spent ingesting)."""
    from sendwatch.db import Store
    from sendwatch.ingest import ingest
    from sendwatch.official import import_official

    store = Store(url)
    try:
        import_official(store)
        write_variants(shared, folder, times)
        began = time.perf_counter()
        result = ingest(store, [folder], 50 * 1024 * 1024)
        return result.count("stored"), time.perf_counter() - began
    finally:
        store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--times", type=int, default=16)
    parser.add_argument("--db", required=True, help="The store to make (a path or URL).")
    parser.add_argument("--folder", type=Path, required=True, help="Where to write variants.")
    args = parser.parse_args()
    if not originals(args.shared):
        print(f"no bundled documents under {args.shared}", file=sys.stderr)
        return 2
    stored, seconds = build_store(args.db, args.shared, args.times, args.folder)
    print(f"{stored} documents stored in {seconds:.1f} s ({1000 * seconds / stored:.0f} ms each)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
