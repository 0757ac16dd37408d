"""Never stop, never hang: each reproduction of issue 10 (one bad file stopped a batch;
reading time grew faster than size; odd names and hidden files; exit codes; a reread that
shrank; dates past the calendar) as a test."""

from __future__ import annotations

import io
import os
import time
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sendwatch import readers, sources
from sendwatch import store as store_ops
from sendwatch.cli import main
from sendwatch.cli.app import app
from sendwatch.db import Store
from sendwatch.extraction import Event, Extraction
from sendwatch.ingest import ingest
from sendwatch.isolation import Worker, pid_of
from sendwatch.readers import letters
from sendwatch.sources import SourceError, html_text, load_bytes
from tests.support.files import pdf_with_text
from tests.support.fuzz import as_docx, zip_bomb_docx

LIMIT = 10_000_000


def damaged_page_pdf() -> bytes:
    """A PDF that opens but whose first page fails to load (PdfiumError on ``pdf[0]``)."""
    good = pdf_with_text([["SEND in Wigan"], ["Second page"]])
    return good.replace(b"<< /Type /Page ", b"[ /Type /Page ", 1)


def test_a_damaged_pdf_page_fails_that_file_and_the_batch_goes_on(
    store: Store, tmp_path: Path
) -> None:
    (tmp_path / "a-bad.pdf").write_bytes(damaged_page_pdf())
    (tmp_path / "b-good.txt").write_text("A council note about SEND in Wigan.\n")
    report = ingest(store, [tmp_path], LIMIT)
    bad, good = report.results
    assert bad.status == "failed" and "page 1 of 2 cannot be read" in (bad.reason or "")
    assert not bad.internal
    assert good.status == "stored"


def test_nul_bytes_in_html_and_text_are_dropped_and_the_file_stored(
    store: Store, tmp_path: Path
) -> None:
    # Found by the fuzz sample on PostgreSQL: a NUL inside <title> reached the stored text.
    (tmp_path / "a.html").write_bytes(
        b"<html><head><title>\x00Our \x00SEND inspection</title></head>"
        b"<body><p>SEND in Wi\x00gan</p></body></html>"
    )
    (tmp_path / "b.txt").write_bytes(b"A council note about SEND\x00 in Wigan.\n")
    report = ingest(store, [tmp_path], LIMIT)
    assert [r.status for r in report.results] == ["stored", "stored"], report.results
    for name in ("a.html", "b.txt"):
        loaded = sources.load(tmp_path / name, LIMIT)
        assert "\x00" not in loaded.text and "SEND" in loaded.text


@pytest.mark.parametrize("depth", [1000, 20000])
def test_deeply_nested_html_is_read(depth: int) -> None:
    markup = "<html><body>" + "<div>" * depth + "<p>SEND in Wigan</p>" + "</div>" * depth
    assert html_text(markup) == "SEND in Wigan\n"


def test_a_long_line_of_significant_weakness_reads_in_linear_time() -> None:
    """107 KB on one line took 58 s (a backtracking pattern); now well under a second."""
    text = "Ofsted and CQC inspected SEND services in Wigan local area.\n"
    text += "significant weakness " * (107_000 // 21) + "\n"
    start = time.perf_counter()
    readers.read(text, "page.txt")
    assert time.perf_counter() - start < 10


def test_line_width_is_worked_out_once_per_text() -> None:
    text = "".join(f"Paragraph {i} ends here.\nIts second line is short.\n\n" for i in range(300))
    letters.line_width.cache_clear()
    pos = 0
    while (span := letters.paragraph_after(text, pos)) is not None:
        pos = span[1] + 1
    info = letters.line_width.cache_info()
    assert info.misses == 1 and info.hits >= 299


def test_a_docx_of_300000_empty_paragraphs_reads_quickly() -> None:
    """Over four minutes before (a style look-up per paragraph)."""
    body = "<w:p/>" * 300_000 + "<w:p><w:r><w:t>SEND in Wigan</w:t></w:r></w:p>"
    data = as_docx("", body)
    start = time.perf_counter()
    assert load_bytes(Path("x.docx"), data).text == "SEND in Wigan\n"
    assert time.perf_counter() - start < 30


def test_a_docx_zip_bomb_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "DOCX_MAX_UNPACKED", 8 * 1024 * 1024)
    with pytest.raises(SourceError, match="zip bomb"):
        load_bytes(Path("bomb.docx"), zip_bomb_docx(9))


def test_a_docx_naming_an_unknown_compression_method_is_refused() -> None:
    """A flipped byte in a zip header (found by the fuzzer): NotImplementedError before."""
    data = bytearray(as_docx("SEND in Wigan"))
    for header, offset, name_at in ((b"PK\x03\x04", 8, 30), (b"PK\x01\x02", 10, 46)):
        at = data.find(header)
        while at != -1:
            if data[at + name_at : at + name_at + 17] == b"word/document.xml":
                data[at + offset] = 99
            at = data.find(header, at + 1)
    with pytest.raises(SourceError, match="not a readable DOCX") as e:
        load_bytes(Path("x.docx"), bytes(data))
    assert not e.value.internal


def test_a_docx_with_an_entity_bomb_is_refused_or_read_without_expanding() -> None:
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    lol = '<!DOCTYPE d [<!ENTITY a "lol">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)
    )
    xml = f'<?xml version="1.0"?>{lol}]><w:document {ns}><w:body><w:p><w:r><w:t>&j;</w:t>'
    xml += "</w:r></w:p></w:body></w:document>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", xml)
        z.writestr("[Content_Types].xml", "<Types/>")
    try:
        text = load_bytes(Path("lol.docx"), out.getvalue()).text
    except SourceError:
        return
    assert len(text) < 10_000


# The worker: a time limit and a crash are that file's ----------------------------------


def _job(how: str) -> str:
    if how == "slow":
        time.sleep(60)
    if how == "crash":
        os._exit(3)
    if how == "bug":
        raise KeyError("a reader bug")
    return how.upper()


def test_a_file_over_the_time_limit_fails_alone_and_leaves_no_process() -> None:
    with Worker(_job, time_limit=1) as worker:
        assert worker.run("a", "fine") == "FINE"
        first = pid_of(worker)
        with pytest.raises(SourceError, match="time limit of 1 s") as e:
            worker.run("slow.pdf", "slow")
        assert not e.value.internal and e.value.path == "slow.pdf"
        assert first is not None and not Path(f"/proc/{first}").exists()
        assert worker.run("b", "again") == "AGAIN"
        with pytest.raises(SourceError, match="stopped the reader") as e:
            worker.run("crash.pdf", "crash")
        assert e.value.internal
        with pytest.raises(SourceError, match="KeyError") as e:
            worker.run("bug.pdf", "bug")
        assert e.value.internal
        assert worker.run("c", "last") == "LAST"
        last = pid_of(worker)
    assert last is not None and not Path(f"/proc/{last}").exists()


# Hidden files, odd names ----------------------------------------------------------------


def test_hidden_files_and_names_that_are_not_utf8_are_read_and_said(
    store: Store, tmp_path: Path
) -> None:
    (tmp_path / ".hidden.txt").write_text("A hidden note about SEND in Wigan.\n")
    odd = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9.txt"))
    odd.write_text("A note with an odd name about SEND in Wigan.\n")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    report = ingest(store, [tmp_path], LIMIT)
    by_name = {Path(r.path).name: r for r in report.results}
    assert set(by_name) == {".hidden.txt", "caf\ufffd.txt"}
    assert all(r.status == "stored" for r in report.results)
    assert "hidden file" in (by_name[".hidden.txt"].note or "")
    assert "not valid UTF-8" in (by_name["caf\ufffd.txt"].note or "")
    assert any(".git" in note and "hidden folder" in note for note in report.notes)
    names = {d.source_name for d in store_ops.documents(store)}
    assert names == {".hidden.txt", "caf\ufffd.txt"}


# Exit codes -----------------------------------------------------------------------------


def _cli(store: Store, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--db", store.url, *args])
    return result.exit_code, result.output


def test_exit_codes(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = tmp_path / "good.txt"
    good.write_text("A council note about SEND in Wigan.\n")
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(damaged_page_pdf())
    assert _cli(store, "ingest", str(good))[0] == 0
    code, output = _cli(store, "ingest", str(bad), str(good))
    assert code == 1 and "bad.pdf" in output and "1 failed" in output
    assert _cli(store, "extract", str(bad), str(good))[0] == 1
    assert _cli(store, "ingest", "--max-bytes", "lots", str(good))[0] == 2

    def broken(text: str, source: str) -> Extraction:
        raise RuntimeError("a reader bug")

    monkeypatch.setattr(readers, "read", broken)
    code, output = _cli(store, "extract", str(good))
    assert code == 70 and "please report" in output

    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("something unexpected")

    monkeypatch.setattr("sendwatch.cli.documents.ingest", crash)
    monkeypatch.setattr("sys.argv", ["sendwatch", "--db", store.url, "ingest", str(good)])
    with pytest.raises(SystemExit) as e:
        main()
    assert e.value.code == 70


@pytest.mark.parametrize(
    "args", [["due", "--as-of", "9999-12-31"], ["due", "--within", "10000000d"]]
)
def test_days_and_periods_past_the_calendar_are_usage_errors(store: Store, args: list[str]) -> None:
    code, output = _cli(store, *args)
    assert code == 2 and "too" in output


# reread -------------------------------------------------------------------------------


def test_reread_keeps_a_reading_that_shrank_and_dry_run_shows_the_difference(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / "wigan.txt"
    page.write_text("Some words about Wigan.\n")

    def one_event(text: str, source: str) -> Extraction:
        extraction = Extraction(source=source, document_type="press_release")
        event = Event(local_area="Wigan", kind="inspection")
        event.put("visit_start", "2019-03-04", (0, 4))
        extraction.events.append(event)
        return extraction

    def none(text: str, source: str) -> Extraction:
        return Extraction(source=source, document_type="press_release")

    monkeypatch.setattr(readers, "read", one_event)
    ingest(store, [page], LIMIT)
    monkeypatch.setattr(readers, "read", none)
    code, output = _cli(store, "reread", "--dry-run")
    assert code == 0 and "shrinks" in output
    assert "- event Wigan: inspection" in output
    assert "- value Wigan: inspection visit_start = 2019-03-04" in output
    assert store_ops.counts(store)["events"] == 1
    code, output = _cli(store, "reread")
    assert code == 1 and "wigan.txt" in output and "kept" in output
    assert store_ops.counts(store)["events"] == 1
    code, output = _cli(store, "reread", "--accept-shrink")
    assert code == 0
    assert store_ops.counts(store)["events"] == 0
