"""Malformed inputs of every kind, mixed with good documents, ingested in batches.

:func:`generate` makes inputs from good documents (the project's own test documents,
written as text, HTML, DOCX and PDF) by truncation, byte flips, broken cross-reference
tables, wrong encodings, NUL bytes, deep nesting, huge lines, zip bombs, entity bombs,
odd and hidden names, pipes, loops of links and more. :func:`run` ingests them in
batches of good and bad files and keeps the tally the issue asks for:

- crashes: a batch that raised, or a file that failed by sendwatch's own fault;
- hangs: a file that hit the time limit;
- partial records: a stored document whose stored events, findings and evidence differ
  from a fresh reading of its text, or a failed file with anything of it stored;
- good files lost: a good file of a batch that was not stored.

``python -m tests.support.fuzz --count 2000`` (``make fuzz``) prints the tally; the
suite runs a bounded sample (tests/test_fuzz.py).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import itertools
import os
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from sendwatch import readers, schema, sources
from sendwatch.db import Store
from sendwatch.ingest import ingest
from sendwatch.sources import display_name
from tests.support.files import pdf_with_text

DOCUMENTS = Path(__file__).resolve().parents[1] / "documents"


@dataclass(frozen=True)
class Case:
    """One input: a file name (bytes, so that any name can be made), and how to make it."""

    name: bytes
    data: bytes | None  # None: not a plain file (see ``special``)
    good: bool
    how: str
    special: str | None = None  # "fifo", "loop", "dir"


def _texts() -> list[tuple[str, str]]:
    out = []
    for path in sorted(DOCUMENTS.rglob("*.txt")):
        if path.name == "README.md" or "/other/" in str(path):
            continue
        out.append((path.name.removesuffix(".txt").removesuffix(".pages"), path.read_text()))
    return out


def as_html(text: str) -> bytes:
    body = "".join(f"<p>{escape(p)}</p>\n" for p in text.split("\n\n"))
    return f"<!doctype html><html><head><title>t</title></head><body>{body}</body></html>".encode()


def as_pdf(text: str) -> bytes:
    pages = [p.split("\n") for p in text.split("=== page ===")]
    return pdf_with_text(
        [[ln.encode("latin-1", "replace").decode("latin-1") for ln in p] for p in pages]
    )


def as_docx(text: str, body_xml: str | None = None) -> bytes:
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    if body_xml is None:
        body_xml = "".join(
            f"<w:p><w:r><w:t>{escape(p)}</w:t></w:r></w:p>" for p in text.split("\n") if p
        )
    return docx_parts(
        f'<?xml version="1.0"?><w:document {ns}><w:body>{body_xml}</w:body></w:document>'
    )


def docx_parts(document_xml: str | bytes, document_part: str = "word/document.xml") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxml'
            'formats-package.relationships+xml"/><Default Extension="xml" ContentType="'
            'application/xml"/><Override PartName="/word/document.xml" ContentType="application'
            '/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>',
        )
        z.writestr(document_part, document_xml)
    return out.getvalue()


def zip_bomb_docx(unpacked_mb: int) -> bytes:
    """A DOCX whose document part unpacks to ``unpacked_mb`` MB (of one repeated byte)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        info = zipfile.ZipInfo("word/document.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w", force_zip64=True) as f:
            chunk = b"<w:p/>" * (1024 * 1024 // 6)
            for _ in range(unpacked_mb):
                f.write(chunk)
    return out.getvalue()


def good_documents() -> list[tuple[str, bytes]]:
    """Good documents of every kind: each test document as text, HTML, PDF and DOCX."""
    out = []
    for name, text in _texts():
        plain = text.replace("=== page ===\n", "")
        out.append((f"{name}.txt", plain.encode()))
        out.append((f"{name}.html", as_html(plain)))
        out.append((f"{name}.pdf", as_pdf(text)))
        out.append((f"{name}.docx", as_docx(plain)))
    return out


# The ways of breaking a document -------------------------------------------------------

Mutator = Callable[[random.Random, str, bytes], tuple[str, bytes]]


def truncate(r: random.Random, name: str, data: bytes) -> tuple[str, bytes]:
    return name, data[: r.randrange(0, max(1, len(data)))]


def flip(r: random.Random, name: str, data: bytes) -> tuple[str, bytes]:
    b = bytearray(data)
    for _ in range(r.choice((1, 2, 8, 64))):
        if b:
            b[r.randrange(len(b))] ^= 1 << r.randrange(8)
    return name, bytes(b)


def broken_xref(r: random.Random, name: str, data: bytes) -> tuple[str, bytes]:
    pdf = as_pdf(data.decode("utf-8", "replace")) if not data.startswith(b"%PDF") else data
    start = pdf.rfind(b"xref")
    if start < 0:
        return name, pdf
    garbage = bytes(r.choice(b"0123456789 nf\n") for _ in range(r.randrange(10, 200)))
    if r.random() < 0.5:  # offsets that point at the wrong places
        table = pdf[start : pdf.find(b"trailer", start)]
        table = bytes(c if not chr(c).isdigit() else r.choice(b"0123456789") for c in table)
        return name.rsplit(".", 1)[0] + ".pdf", pdf[:start] + table + pdf[start + len(table) :]
    return name.rsplit(".", 1)[0] + ".pdf", pdf[:start] + garbage + pdf[start + 50 :]


def wrong_encoding(r: random.Random, name: str, data: bytes) -> tuple[str, bytes]:
    text = data.decode("utf-8", "replace")
    encoding = r.choice(("utf-16", "utf-16-be", "utf-32", "latin-1", "cp1252", "shift_jis"))
    return name.rsplit(".", 1)[0] + ".txt", text.encode(encoding, "replace")


def nul_bytes(r: random.Random, name: str, data: bytes) -> tuple[str, bytes]:
    b = bytearray(data)
    for _ in range(r.choice((1, 10, 1000))):
        b.insert(r.randrange(len(b) + 1), 0)
    return name, bytes(b)


def deep_nesting(r: random.Random, name: str, data: bytes) -> tuple[str, bytes]:
    depth = r.choice((1000, 5000, 50000))
    tag = r.choice(("div", "span", "b", "li", "table"))
    words = escape(data.decode("utf-8", "replace")[:2000])
    html = f"<html><body>{f'<{tag}>' * depth}{words}{f'</{tag}>' * r.choice((0, depth))}"
    return name.rsplit(".", 1)[0] + ".html", html.encode()


def huge_line(r: random.Random, name: str, data: bytes) -> tuple[str, bytes]:
    phrase = r.choice(
        (
            b"significant weakness ",
            b"areas of significant weakness | Sufficient progress? ",
            b"Ofsted and CQC inspected SEND in Wigan on 4 March 2019. ",
            b"x",
            b"- ",
        )
    )
    return name.rsplit(".", 1)[0] + ".txt", data[:500] + phrase * (
        r.choice((20, 100, 400)) * 1024 // len(phrase)
    )


def zip_bomb(r: random.Random, name: str, data: bytes) -> tuple[str, bytes]:
    """A DOCX that unpacks to just over, or far over, the limit sendwatch sets."""
    over = sources.DOCX_MAX_UNPACKED // (1024 * 1024) + r.choice((1, 20))
    return name.rsplit(".", 1)[0] + ".docx", zip_bomb_docx(over)


def entity_bomb(r: random.Random, name: str, data: bytes) -> tuple[str, bytes]:
    lol = (
        '<!DOCTYPE d [<!ENTITY a "lolololol">'
        + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
        + "]>"
    )
    if r.random() < 0.5:
        html = f"{lol}<html><body><p>&j;</p></body></html>"
        return name.rsplit(".", 1)[0] + ".html", html.encode()
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = "<w:body><w:p><w:r><w:t>&j;</w:t></w:r></w:p></w:body>"
    xml = f'<?xml version="1.0"?>{lol}<w:document {ns}>{body}</w:document>'
    return name.rsplit(".", 1)[0] + ".docx", docx_parts(xml)


def deep_docx(r: random.Random, name: str, data: bytes) -> tuple[str, bytes]:
    depth = r.choice((300, 3000, 30000))
    body = (
        "<w:tbl><w:tr><w:tc>" * depth
        + "<w:p><w:r><w:t>SEND</w:t></w:r></w:p>"
        + "</w:tc></w:tr></w:tbl>" * depth
    )
    return name.rsplit(".", 1)[0] + ".docx", as_docx("", body)


def empty_paragraphs(r: random.Random, name: str, data: bytes) -> tuple[str, bytes]:
    return name.rsplit(".", 1)[0] + ".docx", as_docx(
        "", "<w:p/>" * r.choice((10000, 300000)) + "<w:p><w:r><w:t>SEND in Wigan</w:t></w:r></w:p>"
    )


def broken_docx(r: random.Random, name: str, data: bytes) -> tuple[str, bytes]:
    kind = r.choice(("no document", "bad xml", "not zip"))
    if kind == "no document":
        return name.rsplit(".", 1)[0] + ".docx", docx_parts("<x/>", "word/other.xml")
    if kind == "bad xml":
        return name.rsplit(".", 1)[0] + ".docx", docx_parts(data[: len(data) // 2])
    return name.rsplit(".", 1)[0] + ".docx", b"PK\x03\x04" + data[:300]


def pdf_odd(r: random.Random, name: str, data: bytes) -> tuple[str, bytes]:
    text = data.decode("utf-8", "replace")
    pdf = as_pdf(text)
    choice = r.choice(("huge count", "bad page", "no eof", "bad stream length", "self kid"))
    if choice == "huge count":
        pdf = pdf.replace(b"/Count ", b"/Count 99999999", 1)
    elif choice == "bad page":
        pdf = pdf.replace(b"<< /Type /Page ", b"[ /Type /Page ", 1)
    elif choice == "no eof":
        pdf = pdf[: pdf.rfind(b"startxref")]
    elif choice == "bad stream length":
        pdf = pdf.replace(b"<< /Length ", b"<< /Length 9", 1)
    else:
        pdf = pdf.replace(b"/Kids [3 0 R", b"/Kids [2 0 R", 1)
    return name.rsplit(".", 1)[0] + ".pdf", pdf


def wrong_suffix(r: random.Random, name: str, data: bytes) -> tuple[str, bytes]:
    return name.rsplit(".", 1)[0] + r.choice((".pdf", ".docx", ".html", ".txt", "", ".PDF")), data


def junk(r: random.Random, name: str, data: bytes) -> tuple[str, bytes]:
    size = r.choice((0, 1, 3, 100, 10000))
    head = r.choice((b"", b"%PDF-1.7\n", b"PK\x03\x04", b"<html>", b"\xef\xbb\xbf", b"\xff\xfe"))
    return name, head + r.randbytes(size)


def blank(r: random.Random, name: str, data: bytes) -> tuple[str, bytes]:
    return name, r.choice((b"", b"   \n\t\n", b"\xef\xbb\xbf", b"<html></html>", b"\x00" * 100))


MUTATORS: list[Mutator] = [
    truncate,
    truncate,
    flip,
    flip,
    flip,
    broken_xref,
    wrong_encoding,
    nul_bytes,
    deep_nesting,
    huge_line,
    zip_bomb,
    entity_bomb,
    deep_docx,
    empty_paragraphs,
    broken_docx,
    pdf_odd,
    pdf_odd,
    wrong_suffix,
    junk,
    blank,
]


def odd_name(r: random.Random, name: str) -> bytes:
    """A file name that is hidden, not UTF-8, long, or full of odd characters."""
    _, dot, suffix = name.rpartition(".")
    suffix_b = (dot + suffix).encode()
    choice = r.randrange(7)
    if choice == 0:
        return b"." + name.encode()
    if choice == 1:
        return b"caf\xe9-" + r.randbytes(2).replace(b"/", b"_").replace(b"\x00", b"_") + suffix_b
    if choice == 2:
        return ("x" * 200).encode() + suffix_b
    if choice == 3:
        return b"name with spaces\tand\nnew lines" + suffix_b
    if choice == 4:
        return "élève – rapport ✓ 報告".encode() + suffix_b
    if choice == 5:
        return b"-" + name.encode()  # looks like an option
    return name.encode()


def generate(count: int, seed: int = 0) -> Iterator[Case]:
    """``count`` malformed inputs (some of them special files), made reproducibly."""
    r = random.Random(seed)
    goods = good_documents()
    for i in range(count):
        name, data = goods[r.randrange(len(goods))]
        roll = r.random()
        if roll < 0.03:
            yield Case(f"special-{i}".encode(), None, False, "fifo", "fifo")
            continue
        if roll < 0.05:
            yield Case(f"loop-{i}.pdf".encode(), None, False, "link loop", "loop")
            continue
        if roll < 0.06:
            yield Case(f"folder-{i}.pdf".encode(), None, False, "empty folder", "dir")
            continue
        mutate = r.choice(MUTATORS)
        new_name, new_data = mutate(r, name, data)
        odd = (
            odd_name(r, f"{i:05d}-{new_name}")
            if r.random() < 0.2
            else f"{i:05d}-{new_name}".encode()
        )
        yield Case(odd, new_data, False, mutate.__name__)


def good_cases(r: random.Random, n: int, tag: str) -> list[Case]:
    goods = good_documents()
    return [
        Case(f"good-{tag}-{j}-{name}".encode(), data, True, "good")
        for j, (name, data) in enumerate(r.sample(goods, n))
    ]


def write(folder: Path, case: Case) -> Path:
    path = Path(os.fsdecode(bytes(folder) + b"/" + case.name))
    if case.special == "fifo":
        os.mkfifo(path)
    elif case.special == "loop":
        os.symlink(path.name, path)
    elif case.special == "dir":
        path.mkdir()
    else:
        assert case.data is not None
        path.write_bytes(case.data)
    return path


# The tally -----------------------------------------------------------------------------


@dataclass
class Tally:
    inputs: int = 0
    good: int = 0
    batches: int = 0
    stored: int = 0
    refused: int = 0
    crashes: int = 0
    hangs: int = 0
    partial_records: int = 0
    good_files_lost: int = 0
    problems: list[str] = field(default_factory=list)
    reasons: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def lines(self) -> list[str]:
        return [
            f"inputs: {self.inputs} malformed + {self.good} good, in {self.batches} batches "
            f"({self.seconds:.0f} s)",
            f"stored: {self.stored}; refused with a reason: {self.refused}",
            f"crashes: {self.crashes}",
            f"hangs: {self.hangs}",
            f"partial records: {self.partial_records}",
            f"good files lost: {self.good_files_lost}",
        ]


def _signature(store: Store) -> dict[str, tuple[int, int, int]]:
    """For each stored document (by hash): its events, findings and evidence rows."""
    with store.session() as session:
        out = {}
        for doc in session.scalars(select(schema.Document)):
            findings = (
                session.scalar(
                    select(func.count())
                    .select_from(schema.Finding)
                    .join(schema.Event)
                    .where(schema.Event.document_id == doc.id)
                )
                or 0
            )
            evidence = (
                session.scalar(
                    select(func.count())
                    .select_from(schema.Evidence)
                    .join(schema.Event)
                    .where(schema.Event.document_id == doc.id)
                )
                or 0
            )
            out[doc.sha256] = (len(doc.events), findings, evidence)
        return out


def check_records(store: Store, hashes: set[str] | None = None) -> list[str]:
    """Stored documents (all, or those of the given hashes) whose rows differ from a fresh
    reading of their stored text."""
    problems = []
    stored = _signature(store)
    with store.session() as session:
        for doc in session.scalars(select(schema.Document)):
            if hashes is not None and doc.sha256 not in hashes:
                continue
            e = readers.read(doc.text, doc.source_name)
            want = (
                len(e.events),
                sum(len(v) for ev in e.events for v in ev.findings.values()),
                sum(len(ev.evidence) for ev in e.events),
            )
            if stored[doc.sha256] != want:
                problems.append(f"{doc.source_name}: stored {stored[doc.sha256]}, reads {want}")
    return problems


def run_cli_batch(store: Store, cases: list[Case], tally: Tally, time_limit: float) -> None:
    """A batch through the real command in its own process: its exit status must be 0 or
    1 (some files refused), every good file must be stored, every stored one whole."""
    command = str(Path(sys.executable).parent / "sendwatch")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for case in cases:
            write(folder, case)
        before = set(_signature(store))
        process = subprocess.run(
            [command, "--db", store.url, "ingest", "--time-limit", str(time_limit), str(folder)],
            capture_output=True,
            timeout=max(600, time_limit * len(cases)),
            env={**os.environ, "COLUMNS": "10000"},
        )
    errors = process.stderr.decode("utf-8", "replace")
    failed = [line for line in errors.splitlines() if line.startswith("failed ")]
    tally.refused += len(failed)
    if process.returncode not in (0, 1):
        tally.crashes += 1
        tally.problems.append(f"the command exited {process.returncode}: {errors[-500:]}")
    tally.hangs += sum("time limit" in line for line in failed)
    stored = set(_signature(store))
    new = stored - before
    tally.stored += len(new)
    for case in cases:
        if case.good and hashlib.sha256(case.data or b"").hexdigest() not in stored:
            tally.good_files_lost += 1
            tally.problems.append(f"good {case.name!r} not stored by the command")
    problems = check_records(store, new)
    tally.partial_records += len(problems)
    tally.problems.extend(problems)


def run_batch(store: Store, cases: list[Case], tally: Tally, time_limit: float) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = {write(folder, c): c for c in cases}
        before = set(_signature(store))
        try:
            report = ingest(store, [folder], 50 * 1024 * 1024, time_limit=time_limit)
        except Exception as e:  # the batch stopped: every file after the bad one lost
            tally.crashes += 1
            tally.problems.append(f"batch raised {type(e).__name__}: {e}")
            tally.good_files_lost += sum(c.good for c in cases)
            return
        by_path = {r.path: r for r in report.results}
        hashes_stored = set(_signature(store)) - before
        for path, case in paths.items():
            result = by_path.get(display_name(str(path)))
            if result is None:
                if case.good:
                    tally.good_files_lost += 1
                    tally.problems.append(f"{path.name}: good file not read at all")
                continue
            if result.status == "failed":
                tally.refused += 1
                tally.reasons[(result.reason or "").split(" (")[0].split(";")[0][:60]] += 1
                if result.internal:
                    tally.crashes += 1
                    tally.problems.append(f"{case.how} {path.name!r}: {result.reason}")
                if "time limit" in (result.reason or ""):
                    tally.hangs += 1
                    tally.problems.append(f"{case.how} {path.name!r}: hang")
                # (The same bytes under another name in the batch, stored whole, are that
                # file's record: a mutation that leaves the bytes alone, such as a wrong
                # suffix, copies a good file.)
                if (
                    case.data is not None
                    and hashlib.sha256(case.data).hexdigest() in hashes_stored
                    and not _stored_elsewhere(case, paths, by_path)
                ):
                    tally.partial_records += 1
                    tally.problems.append(f"{path.name!r} failed but something of it was stored")
                if case.good:
                    tally.good_files_lost += 1
                    tally.problems.append(f"good {path.name!r} failed: {result.reason}")
            else:
                tally.stored += result.status == "stored"
    problems = check_records(store, hashes_stored)
    tally.partial_records += len(problems)
    tally.problems.extend(problems)


def _stored_elsewhere(case: Case, paths: dict[Path, Case], by_path: dict[str, Any]) -> bool:
    """Whether another file of the batch with the same bytes was read without failing."""
    return any(
        other is not case
        and other.data == case.data
        and (result := by_path.get(display_name(str(path)))) is not None
        and result.status != "failed"
        for path, other in paths.items()
    )


def run(
    store: Store,
    count: int,
    seed: int = 0,
    batch: int = 50,
    time_limit: float = 30,
    progress: bool = False,
) -> Tally:
    """Ingest ``count`` malformed inputs in batches of ``batch`` files (a tenth of them good)."""
    r = random.Random(seed + 1)
    tally = Tally()
    start = time.perf_counter()
    cases = generate(count, seed)
    bad_per_batch = max(1, batch - batch // 10)
    while bad := list(itertools.islice(cases, bad_per_batch)):
        chunk = bad + good_cases(r, batch // 10 or 1, str(tally.batches))
        r.shuffle(chunk)
        tally.inputs += sum(not c.good for c in chunk)
        tally.good += sum(c.good for c in chunk)
        tally.batches += 1
        # Every fifth batch through the real command, for its exit status.
        batch_run = run_cli_batch if tally.batches % 5 == 0 else run_batch
        batch_run(store, chunk, tally, time_limit)
        if progress:
            print(
                f"batch {tally.batches}: {tally.inputs} inputs, {tally.crashes} crashes, "
                f"{tally.hangs} hangs, {tally.partial_records} partial, "
                f"{tally.good_files_lost} lost",
                file=sys.stderr,
                flush=True,
            )
    tally.seconds = time.perf_counter() - start
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--time-limit", type=float, default=30)
    parser.add_argument("--db", help="The store (default: a new SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(args.db or f"sqlite:///{tmp}/fuzz.db")
        tally = run(store, args.count, args.seed, args.batch, args.time_limit, progress=True)
        store.close()
    for line in tally.lines():
        print(line)
    print("most common reasons for refusing:")
    for reason, n in tally.reasons.most_common(15):
        print(f"  {n:5d}  {reason}")
    for problem in tally.problems[:50]:
        print("PROBLEM", problem)
    bad = tally.crashes + tally.hangs + tally.partial_records + tally.good_files_lost
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
