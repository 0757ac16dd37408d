"""The shared base of sendwatch's readers: one reader per kind of document.

A reader says how sure it is that a text is of its kind (:meth:`Reader.recognise`,
from the content, never the file name) and reads it into an :class:`Extraction`.
Readers read only the document: no answer is looked up anywhere else.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterator

from sendwatch.extraction import Extraction
from sendwatch.register import LocalArea, load_register


class Reader(ABC):
    """Reads one kind of document."""

    #: The exchange format's ``document_type`` this reader produces.
    document_type: str = "other"

    @abstractmethod
    def recognise(self, text: str) -> float:
        """How sure (0 to 1) this reader is that ``text`` is a document of its kind."""

    @abstractmethod
    def read(self, text: str, source: str) -> Extraction:
        """Read ``text`` (the document's cleaned text) into events and findings."""

    # Helpers shared by the readers -------------------------------------------------

    @staticmethod
    def area_named(name: str) -> LocalArea | None:
        """The register's area for a name as the document writes it, or None."""
        return load_register().find(name)


def sentences(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Spans of the sentences in text[start:end] (a sentence ends at . ! ? or a blank line)."""
    end = len(text) if end is None else end
    pos = start
    for m in re.finditer(r"[.!?](?=[\s\"'’”)]|$)|\n\s*\n", text[start:end]):
        stop = start + m.end()
        chunk = text[pos:stop]
        lead = len(chunk) - len(chunk.lstrip())
        if chunk.strip():
            yield (pos + lead, pos + len(chunk.rstrip()))
        pos = stop
    if text[pos:end].strip():
        chunk = text[pos:end]
        lead = len(chunk) - len(chunk.lstrip())
        yield (pos + lead, pos + len(chunk.rstrip()))
