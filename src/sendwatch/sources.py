"""Turning a file's bytes into the text sendwatch reads: PDF, HTML, DOCX and plain text.

Each failure is a :class:`SourceError` that names the file, says what is wrong and what
to do, so that a batch can report it in one line and go on.
"""

from __future__ import annotations

import hashlib
import io
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sendwatch.maintext import main_text
from sendwatch.textclean import clean_pdf_pages, normalise_text

PDF = "application/pdf"
HTML = "text/html"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEXT = "text/plain"

SUFFIXES = {
    ".pdf": PDF,
    ".html": HTML,
    ".htm": HTML,
    ".docx": DOCX,
    ".txt": TEXT,
    ".text": TEXT,
    ".md": TEXT,
}


class SourceError(Exception):
    """A file that cannot be read as a document.

    ``internal`` marks sendwatch's own fault (a reader's bug) rather than the file's.
    """

    def __init__(self, path: Path | str, reason: str, hint: str = "", internal: bool = False):
        self.path = display_name(str(path))
        self.reason = reason
        self.hint = hint
        self.internal = internal
        super().__init__(f"{self.path}: {reason}" + (f" ({hint})" if hint else ""))

    @property
    def line(self) -> str:
        """The reason and what to do, in one line."""
        return f"{self.reason}; {self.hint}" if self.hint else self.reason


def display_name(name: str) -> str:
    """A file name as text: bytes of the name that are not UTF-8 shown as U+FFFD.

    On Linux a name is bytes; Python keeps bytes that are not UTF-8 as lone surrogates,
    which no terminal, database or web page takes.
    """
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return name.encode("utf-8", "replace").decode("utf-8")


@dataclass(frozen=True)
class LoadedDocument:
    """A document's bytes, read: its text and what it is."""

    path: str
    name: str
    media_type: str
    sha256: str
    size: int
    text: str


#: What a damaged zip package raises: a flipped byte can name an unknown compression
#: method (NotImplementedError) or an encryption (RuntimeError) as well as break it.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    ValueError,
    OSError,
    EOFError,
    NotImplementedError,
    RuntimeError,
    zlib.error,
    struct.error,
)


def media_type_of(path: Path, data: bytes) -> str | None:
    """The media type from the content first, the suffix second."""
    head = data[:1024].lstrip()
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                if "word/document.xml" in z.namelist():
                    return DOCX
        except _ZIP_ERRORS:
            pass
        return SUFFIXES.get(path.suffix.lower()) if path.suffix.lower() == ".docx" else None
    lowered = head[:200].lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered:
        return HTML
    return SUFFIXES.get(path.suffix.lower())


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load(path: Path | str, max_bytes: int) -> LoadedDocument:
    """Read one file into text, or raise SourceError saying why it cannot be."""
    path = Path(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise SourceError(path, "is not a regular file", "name a file or a folder of files")
        # Read at most one byte over the limit: a file may grow after it is measured.
        with path.open("rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as e:
        raise SourceError(path, f"cannot be opened: {e.strerror}", "check the path") from e
    if len(data) > max_bytes:
        raise SourceError(
            path,
            f"is {max(info.st_size, len(data)):,} bytes, over the limit of {max_bytes:,}",
            "raise the limit with --max-bytes or SENDWATCH_MAX_BYTES if it is a real report",
        )
    return load_bytes(path, data)


def load_bytes(path: Path, data: bytes) -> LoadedDocument:
    """Read bytes already in memory (``path`` names them in messages)."""
    if not data.strip():
        raise SourceError(path, "is empty", "nothing to read; remove it or fetch it again")
    kind = media_type_of(path, data)
    if kind is None:
        raise SourceError(
            path,
            f"is not a kind sendwatch reads (suffix {path.suffix or 'none'!r})",
            "sendwatch reads PDF, HTML, DOCX and plain-text files",
        )
    if kind == PDF:
        text = _pdf_text(path, data)
    elif kind == HTML:
        text = main_text(_decode(path, data), html_text)
    elif kind == DOCX:
        text = _docx_text(path, data)
    else:
        text = normalise_text(_decode(path, data))
    # A NUL is never text, and PostgreSQL cannot store one (an HTML title keeps it through
    # the parser, which replaces those in the body).
    text = text.replace("\x00", "")
    if not text.strip():
        raise SourceError(path, "has no text", "it may be empty or a scan; nothing to read")
    return LoadedDocument(
        path=display_name(str(path)),
        name=display_name(path.name),
        media_type=kind,
        sha256=sha256_of(data),
        size=len(data),
        text=text,
    )


def _decode(path: Path, data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        if b"\x00" in data[:4096]:
            raise SourceError(
                path, "is binary, not text", "sendwatch reads PDF, HTML, DOCX and plain text"
            ) from e
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            raise SourceError(
                path,
                f"is not valid UTF-8 (byte {e.start}) nor Windows-1252 text",
                "save it as UTF-8 and ingest it again",
            ) from e


def _pdf_text(path: Path, data: bytes) -> str:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        message = str(e)
        if "password" in message.lower():
            raise SourceError(
                path, "is an encrypted PDF", "ask the publisher for an unprotected copy"
            ) from e
        raise SourceError(
            path, f"is not a readable PDF ({message})", "the file may be truncated or corrupt"
        ) from e
    pages = []
    try:
        count = len(pdf)
        for i in range(count):
            # A damaged page (a byte flipped, a broken cross-reference) fails only when it
            # is loaded: the whole file is refused, since a document with a page missing
            # would be read as if it said less than it does.
            try:
                page = pdf[i]
                textpage = page.get_textpage()
                pages.append(textpage.get_text_bounded())
                textpage.close()
                page.close()
            except (pdfium.PdfiumError, ValueError, OSError) as e:
                raise SourceError(
                    path,
                    f"is a damaged PDF: page {i + 1} of {count} cannot be read ({e})",
                    "the file may be truncated or corrupt; fetch it again",
                ) from e
    finally:
        pdf.close()
    if not any(p.strip() for p in pages):
        raise SourceError(
            path,
            f"has no text layer ({len(pages)} page(s) of images only)",
            "it is a scan; run it through OCR first",
        )
    return clean_pdf_pages(pages)


#: Elements whose content is never the document's text.
_HTML_SKIP = {
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "nav",
    "footer",
    "form",
    "button",
    "iframe",
    "head",
}
#: Elements that start a new block of text.
_HTML_BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "aside",
    "blockquote",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "figure",
    "figcaption",
    "address",
    "time",
    "hr",
    "caption",
}


def html_text(markup: str) -> str:
    """The readable text of an HTML page: each block on its own line, list items as
    "- " bullets, table cells separated by tabs; scripts, navigation and footers dropped."""
    from bs4 import BeautifulSoup, NavigableString, PageElement, Tag
    from bs4.element import Comment, Doctype, ProcessingInstruction

    soup = BeautifulSoup(markup, "lxml")
    root = soup.body or soup
    out: list[str] = []

    # An explicit stack, not recursion: a page nested thousands of elements deep is read
    # like any other. Each entry is the children still to visit, or text to add on leaving.
    stack: list[Iterator[PageElement] | str] = [iter(root.children)]
    while stack:
        top = stack[-1]
        if isinstance(top, str):
            stack.pop()
            out.append(top)
            continue
        child = next(top, None)
        if child is None:
            stack.pop()
            continue
        if isinstance(child, (Comment, Doctype, ProcessingInstruction)):
            continue
        if isinstance(child, NavigableString):
            out.append(" ".join(str(child).split()) and _spaced(str(child)))
            continue
        if not isinstance(child, Tag) or child.name in _HTML_SKIP:
            continue
        if child.get("hidden") is not None or child.get("aria-hidden") == "true":
            continue
        name = child.name
        if name == "br":
            out.append("\n")
        elif name in ("td", "th"):
            out.append("\t")
            stack.append(iter(child.children))
        elif name in _HTML_BLOCKS:
            out.append("\n\n" if name not in ("li", "tr", "dd", "dt") else "\n")
            if name == "li":
                out.append("- ")
            stack.append("\n")
            stack.append(iter(child.children))
        else:
            stack.append(iter(child.children))

    text = "".join(out)
    lines = []
    for line in text.split("\n"):
        cells = (" ".join(cell.split()) for cell in line.split("\t"))
        lines.append("\t".join(c for c in cells if c))
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    # A list item whose text sits in a paragraph: keep the bullet on the text's line.
    text = re.sub(r"(?m)^- *\n+(?=\S)", "- ", text)
    return normalise_text(text.strip())


def _spaced(text: str) -> str:
    """A text node with its runs of white space folded, keeping a space at either edge."""
    core = " ".join(text.split())
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() else ""
    return lead + core + trail


#: The most a DOCX may hold once unpacked: more is a zip bomb, not a report.
DOCX_MAX_UNPACKED = 256 * 1024 * 1024


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOCUMENT = "/officeDocument"
#: What a run's elements stand for in its text, as Word (and python-docx) read them.
_RUN_MARKS = {f"{_W}tab": "\t", f"{_W}ptab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n"}
_RUN_MARKS[f"{_W}noBreakHyphen"] = "-"


def _docx_text(path: Path, data: bytes) -> str:
    """The paragraphs of a DOCX's body (list paragraphs as "- " bullets), then its tables'
    rows with cells separated by tabs.

    The XML is read directly with lxml in one pass, with entities left unexpanded and no
    network: python-docx evaluates an XPath per paragraph and run, which grows with the
    document's size (quadratic in all).
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            unpacked = sum(info.file_size for info in z.infolist())
            if unpacked > DOCX_MAX_UNPACKED:
                raise SourceError(
                    path,
                    f"unpacks to {unpacked:,} bytes, over the limit of {DOCX_MAX_UNPACKED:,}",
                    "it may be a zip bomb; open and re-save it if it is a real report",
                )
            names = set(z.namelist())
            main = _docx_main_part(z, names)
            body = _xml(z.read(main)).find(f"{_W}body")
            styles = (
                _docx_styles(_xml(z.read("word/styles.xml"))) if "word/styles.xml" in names else {}
            )
    except SourceError:
        raise
    except (*_ZIP_ERRORS, KeyError) as e:
        raise SourceError(path, f"is not a readable DOCX ({e})", "open and re-save it") from e
    if body is None:
        raise SourceError(path, "is not a readable DOCX (no document body)", "open and re-save it")
    blocks = []
    default = styles.get(None, "")
    for para in body.iterchildren(f"{_W}p"):
        text = _paragraph_text(para).strip()
        if not text:
            continue
        style_id = para.find(f"{_W}pPr/{_W}pStyle")
        style = styles.get(style_id.get(f"{_W}val"), default) if style_id is not None else default
        blocks.append(("- " + text) if "list" in style else text)
    for table in body.iterchildren(f"{_W}tbl"):
        for row in table.iter(f"{_W}tr"):
            blocks.append(
                "\t".join(_cell_text(cell).strip() for cell in row.iterchildren(f"{_W}tc"))
            )
    return normalise_text("\n\n".join(blocks))


def _xml(data: bytes) -> Any:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        raise ValueError(str(e)) from e


def _docx_main_part(z: zipfile.ZipFile, names: set[str]) -> str:
    """The document part the package's relationships name (usually word/document.xml)."""
    if "_rels/.rels" in names:
        for rel in _xml(z.read("_rels/.rels")).iter(f"{_REL}Relationship"):
            if (rel.get("Type") or "").endswith(_OFFICE_DOCUMENT):
                target = (rel.get("Target") or "").lstrip("/")
                if target in names:
                    return target
    return "word/document.xml"


def _docx_styles(root: Any) -> dict[str | None, str]:
    """Paragraph style names by id, lower-cased; None is the default paragraph style's."""
    out: dict[str | None, str] = {}
    for style in root.iterchildren(f"{_W}style"):
        if style.get(f"{_W}type") not in (None, "paragraph"):
            continue
        name = style.find(f"{_W}name")
        value = (name.get(f"{_W}val") or "").lower() if name is not None else ""
        out[style.get(f"{_W}styleId")] = value
        if style.get(f"{_W}default") in ("1", "true", "on"):
            out[None] = value
    return out


def _paragraph_text(para: Any) -> str:
    """A paragraph's text: its runs (and the runs of its links), marks as Word reads them."""
    out = []
    for child in para.iterchildren(f"{_W}r", f"{_W}hyperlink"):
        runs = child.iterchildren(f"{_W}r") if child.tag == f"{_W}hyperlink" else [child]
        for run in runs:
            for e in run.iterchildren():
                if e.tag == f"{_W}t":
                    out.append(e.text or "")
                elif e.tag in _RUN_MARKS:
                    out.append(_RUN_MARKS[e.tag])
    return "".join(out)


def _cell_text(cell: Any) -> str:
    return "\n".join(_paragraph_text(p) for p in cell.iterchildren(f"{_W}p"))
