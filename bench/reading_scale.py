"""Reading scale benchmark: seconds per MB from 100 KB to the size limit, for each kind of
document (PDF, HTML, DOCX, plain text), measured in one run.

Reading must be linear in a document's size: the figure that matters is the ratio of the
seconds per MB at each size to those at the smallest (near 1 when linear; the issue found
3.4 for twice the text, and 25 minutes at the size limit). Each document is the text of a
real report (from ../shared when it is beside the clone, else a made-up one) repeated to
the size, then written as each kind, and timed through what ``ingest`` runs for a file:
load (decode and clean) and read. Not a timed test. Run: ``make bench-scale``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.files import pdf_with_text
from tests.support.fuzz import docx_parts

from sendwatch.extract import extract_document
from sendwatch.sources import load

MB = 1024 * 1024

MADE_UP = """Area SEND inspection of Somewhere Local Area Partnership

Inspection dates: 4 to 8 March 2024
Date of previous inspection: 11 June 2018

Inspection outcome
The local area partnership's special educational needs and/or disabilities (SEND)
arrangements typically lead to positive experiences and outcomes for children and young
people with SEND. The local area partnership is taking action where improvements are needed.

Areas for improvement
- Leaders should make sure that plans are finished on time and say what each child needs.
- Leaders should improve the quality of the information families are given about services.
"""


def base_text(shared: Path) -> str:
    """The text of one real report, or a made-up one when ../shared is absent."""
    corpus = shared / "corpus" / "area-send-2023"
    pdfs = sorted(corpus.glob("*.pdf")) if corpus.is_dir() else []
    if pdfs:
        return load(pdfs[0], 100 * MB).text
    return MADE_UP


def lines_of(text: str, size: int) -> list[str]:
    """Lines of ``text`` repeated until they hold about ``size`` characters."""
    lines = [line for line in text.split("\n") if line.strip()]
    out: list[str] = []
    total = 0
    while total < size:
        for line in lines:
            out.append(line)
            total += len(line) + 1
            if total >= size:
                break
    return out


def as_text(lines: list[str]) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def as_html(lines: list[str]) -> bytes:
    body = "".join(f"<p>{escape(line)}</p>\n" for line in lines)
    return f"<!doctype html><html><body><main>{body}</main></body></html>".encode()


def as_docx(lines: list[str]) -> bytes:
    """A minimal DOCX (the parts Word needs), its paragraphs written directly."""
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    paras = "".join(f"<w:p><w:r><w:t>{escape(line)}</w:t></w:r></w:p>" for line in lines)
    return docx_parts(f"<w:document {ns}><w:body>{paras}</w:body></w:document>")


def as_pdf(lines: list[str]) -> bytes:
    latin = [line.encode("latin-1", "replace").decode("latin-1") for line in lines]
    return pdf_with_text([latin[i : i + 50] for i in range(0, len(latin), 50)])


KINDS = {"text": (".txt", as_text), "html": (".html", as_html), "docx": (".docx", as_docx)}
KINDS["pdf"] = (".pdf", as_pdf)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared"
    )
    parser.add_argument(
        "--max-mb", type=float, default=50, help="The largest size (the default limit: 50)."
    )
    parser.add_argument("--kinds", default="text,html,docx,pdf")
    args = parser.parse_args()
    text = base_text(args.shared)
    sizes = [s for s in (0.1, 0.3, 1, 3, 10, 25, 50) if s <= args.max_mb]
    print(f"{'kind':6} {'MB in file':>10} {'MB of text':>10} {'seconds':>9} {'s per MB':>9} ratio")
    with tempfile.TemporaryDirectory() as folder:
        for kind in args.kinds.split(","):
            suffix, render = KINDS[kind]
            first: float | None = None
            for mb in sizes:
                path = Path(folder) / f"doc{suffix}"
                path.write_bytes(render(lines_of(text, int(mb * MB))))
                size = path.stat().st_size
                start = time.perf_counter()
                document = load(path, 200 * MB)
                extract_document(document)
                seconds = time.perf_counter() - start
                per_mb = seconds / (len(document.text) / MB)
                first = first or per_mb
                print(
                    f"{kind:6} {size / MB:10.2f} {len(document.text) / MB:10.2f} "
                    f"{seconds:9.2f} {per_mb:9.3f} {per_mb / first:5.2f}",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
