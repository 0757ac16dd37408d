"""Ingestion stores good files and reports each bad one by name and reason, losing nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from sendwatch import schema
from sendwatch import store as store_ops
from sendwatch.db import Store
from sendwatch.ingest import ingest
from tests.support.files import docx_with, encrypted_pdf, pdf_with_text, pdf_without_text

LIMIT = 1_000_000


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    """A folder of good documents of every kind and one bad file of every kind."""
    good = tmp_path / "batch"
    (good / "nested").mkdir(parents=True)
    (good / "letter.pdf").write_bytes(
        pdf_with_text([["Joint local area SEND inspection in Somewhere"], ["Second page text"]])
    )
    (good / "page.html").write_text(
        "<!doctype html><html><head><title>t</title><script>alert(1)</script></head>"
        "<body><h1>SEND update</h1><p>Our council's news about special educational needs.</p>"
        "<ul><li>first point</li></ul></body></html>",
        encoding="utf-8",
    )
    docx_with(["A DOCX about SEND services in Wigan.", "Second paragraph."], good / "minutes.docx")
    (good / "nested" / "note.txt").write_text("Plain text about SEND.\n", encoding="utf-8")
    (good / "corrupt.pdf").write_bytes(pdf_with_text([["cut short"]])[:150])
    (good / "encrypted.pdf").write_bytes(encrypted_pdf())
    (good / "empty.txt").write_bytes(b"")
    (good / "scan.pdf").write_bytes(pdf_without_text())
    (good / "huge.txt").write_bytes(b"SEND " * (LIMIT // 5 + 10))
    (good / "sheet.xlsx").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (good / "latin.txt").write_bytes(b"caf\x81\x8d\x8f\x90\x9d text")
    return good


EXPECTED_FAILURES = {
    "corrupt.pdf": "not a readable PDF",
    "encrypted.pdf": "encrypted PDF",
    "empty.txt": "is empty",
    "scan.pdf": "no text layer",
    "huge.txt": "over the limit",
    "sheet.xlsx": "not a kind sendwatch reads",
    "latin.txt": "not valid UTF-8",
}


def test_bad_files_are_reported_and_good_files_stored(store: Store, batch: Path) -> None:
    report = ingest(store, [batch], LIMIT)
    by_name = {Path(r.path).name: r for r in report.results}
    for name, reason in EXPECTED_FAILURES.items():
        assert by_name[name].status == "failed", name
        assert reason in (by_name[name].reason or ""), (name, by_name[name].reason)
    stored = {n for n, r in by_name.items() if r.status == "stored"}
    assert stored == {"letter.pdf", "page.html", "minutes.docx", "note.txt"}
    with store.session() as session:
        names = set(session.scalars(select(schema.Document.source_name)))
        html = session.scalar(
            select(schema.Document.text).where(schema.Document.source_name == "page.html")
        )
    assert names == stored
    assert html is not None and "alert(1)" not in html and "first point" in html


def test_same_bytes_twice_is_a_no_op(store: Store, batch: Path) -> None:
    ingest(store, [batch / "letter.pdf"], LIMIT)
    before = store_ops.counts(store)
    copy = batch / "copy-of-letter.pdf"
    copy.write_bytes((batch / "letter.pdf").read_bytes())
    report = ingest(store, [batch / "letter.pdf", copy], LIMIT)
    assert [r.status for r in report.results] == ["unchanged", "unchanged"]
    assert store_ops.counts(store) == before


def test_a_failure_while_storing_leaves_nothing_behind(
    store: Store, batch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If storing breaks half-way through a document, its rows are rolled back."""
    from sendwatch import ingest as ingest_module
    from sendwatch.extraction import Event, Extraction

    def broken(document):  # type: ignore[no-untyped-def]
        extraction = Extraction(source=document.name, document_type="other")
        extraction.events.append(Event(local_area="Wigan", kind="inspection"))
        extraction.events.append(Event(local_area="Nowhere Shire", kind="revisit"))
        return extraction

    monkeypatch.setattr(ingest_module, "extract_document", broken)
    report = ingest(store, [batch / "nested" / "note.txt"], LIMIT)
    assert report.results[0].status == "failed"
    assert "Nowhere Shire" in (report.results[0].reason or "")
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(schema.Document)) == 0
        assert session.scalar(select(func.count()).select_from(schema.Event)) == 0


def test_missing_path_is_reported(store: Store, tmp_path: Path) -> None:
    report = ingest(store, [tmp_path / "nope.pdf"], LIMIT)
    assert report.results[0].status == "failed"
    assert "does not exist" in (report.results[0].reason or "")


def test_reread_replaces_an_old_extraction_and_a_failure_keeps_it(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sendwatch import ingest as ingest_module
    from sendwatch import readers
    from sendwatch.extraction import Event, Extraction, Item

    page = tmp_path / "wigan.txt"
    page.write_text("Some words about Wigan.\n", encoding="utf-8")

    def old_reader(text: str, source: str) -> Extraction:
        return Extraction(source=source, document_type="other")

    def new_reader(text: str, source: str) -> Extraction:
        extraction = Extraction(source=source, document_type="press_release")
        event = Event(local_area="Wigan", kind="inspection")
        event.put("visit_start", "2019", (0, 4))
        event.add("strengths", Item("words", (5, 10)))
        extraction.events.append(event)
        return extraction

    def broken_reader(text: str, source: str) -> Extraction:
        raise RuntimeError("reader bug")

    monkeypatch.setattr(readers, "read", old_reader)
    ingest(store, [page], LIMIT)
    assert store_ops.counts(store)["events"] == 0
    monkeypatch.setattr(readers, "read", new_reader)
    (result,) = ingest_module.reread(store)
    assert (result.events_before, result.events_after, result.error) == (0, 1, None)
    after = store_ops.counts(store)
    assert (after["events"], after["findings"], after["evidence"]) == (1, 1, 1)
    monkeypatch.setattr(readers, "read", broken_reader)
    (result,) = ingest_module.reread(store)
    assert result.error and "reader bug" in result.error
    assert store_ops.counts(store) == after
