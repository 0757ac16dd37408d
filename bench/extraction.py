"""Extraction benchmark: documents per second over the corpus, and the ratio of full
extraction time to bare PDF text decoding of the same files, measured in one run.

Not a timed test: machines here are shared and noisy, so the figure that matters is the
ratio, both sides measured back to back on the same files. Run: ``make bench``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import pypdfium2 as pdfium

from sendwatch.extract import expand, extract_document
from sendwatch.sources import load


def bare_decode(data: bytes) -> int:
    """PDF text decoding and nothing else: what any reader must pay."""
    pdf = pdfium.PdfDocument(data)
    n = 0
    for i in range(len(pdf)):
        page = pdf[i]
        textpage = page.get_textpage()
        n += len(textpage.get_text_bounded())
        textpage.close()
        page.close()
    pdf.close()
    return n


def full(path: Path) -> int:
    """Load (decode and clean), recognise and read one document."""
    return len(extract_document(load(path, 100_000_000)).events)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared"
    )
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    corpus = args.shared / "corpus"
    files = [f for f in expand([corpus]) if f.suffix == ".pdf"]
    if not files:
        print(f"no PDFs under {corpus}", file=sys.stderr)
        return 2
    blobs = {f: f.read_bytes() for f in files}
    bare_times, full_times = [], []
    for _ in range(args.rounds):
        # Alternate the two sides so that machine noise falls on both alike.
        t0 = time.perf_counter()
        for f in files:
            bare_decode(blobs[f])
        t1 = time.perf_counter()
        for f in files:
            full(f)
        t2 = time.perf_counter()
        bare_times.append(t1 - t0)
        full_times.append(t2 - t1)
    bare, whole = statistics.median(bare_times), statistics.median(full_times)
    print(f"documents: {len(files)} PDFs, {args.rounds} rounds (medians)")
    print(f"bare PDF text decoding: {bare:.3f} s  ({len(files) / bare:.1f} documents/s)")
    print(f"full extraction:        {whole:.3f} s  ({len(files) / whole:.1f} documents/s)")
    print(f"ratio full / bare: {whole / bare:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
