"""Turning a file's bytes into the text sendwatch reads: PDF, HTML, DOCX and plain text.

Each failure is a :class:`SourceError` that names the file, says what is wrong and what
to do, so that a batch can report it in one line and go on.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

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
    """A file that cannot be read as a document."""

    def __init__(self, path: Path | str, reason: str, hint: str = ""):
        self.path = str(path)
        self.reason = reason
        self.hint = hint
        super().__init__(f"{self.path}: {reason}" + (f" ({hint})" if hint else ""))


@dataclass(frozen=True)
class LoadedDocument:
    """A document's bytes, read: its text and what it is."""

    path: str
    name: str
    media_type: str
    sha256: str
    size: int
    text: str


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
        except zipfile.BadZipFile:
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
        size = path.stat().st_size
    except OSError as e:
        raise SourceError(path, f"cannot be opened: {e.strerror}", "check the path") from e
    if size > max_bytes:
        raise SourceError(
            path,
            f"is {size:,} bytes, over the limit of {max_bytes:,}",
            "raise the limit with --max-bytes or SENDWATCH_MAX_BYTES if it is a real report",
        )
    data = path.read_bytes()
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
    if not text.strip():
        raise SourceError(path, "has no text", "it may be empty or a scan; nothing to read")
    return LoadedDocument(
        path=str(path),
        name=path.name,
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
    try:
        pages = []
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            pages.append(textpage.get_text_bounded())
            textpage.close()
            page.close()
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
    from bs4 import BeautifulSoup, NavigableString, Tag
    from bs4.element import Comment, Doctype, ProcessingInstruction

    soup = BeautifulSoup(markup, "lxml")
    root = soup.body or soup
    out: list[str] = []

    def walk(node: Tag) -> None:
        for child in node.children:
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
                walk(child)
            elif name in _HTML_BLOCKS:
                out.append("\n\n" if name not in ("li", "tr", "dd", "dt") else "\n")
                if name == "li":
                    out.append("- ")
                walk(child)
                out.append("\n")
            else:
                walk(child)

    walk(root)
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


def _docx_text(path: Path, data: bytes) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises many kinds for a broken package
        raise SourceError(path, f"is not a readable DOCX ({e})", "open and re-save it") from e
    blocks = []
    for para in document.paragraphs:
        style = (para.style.name or "").lower() if para.style is not None else ""
        text = para.text.strip()
        if text:
            blocks.append(("- " + text) if "list" in style else text)
    for table in document.tables:
        for row in table.rows:
            blocks.append("\t".join(c.text.strip() for c in row.cells))
    return normalise_text("\n\n".join(blocks))
