"""Choosing the reader for a document, by its content, and reading it.

Each kind of document has its own module here; :data:`READERS` lists them. The reader
that is surest of the text reads it; when none is sure the document is ``other``.
"""

from __future__ import annotations

from sendwatch.extraction import Extraction
from sendwatch.readers.area_report import AreaSendReportReader
from sendwatch.readers.base import Reader
from sendwatch.readers.inspection_letter import InspectionLetterReader
from sendwatch.readers.monitoring_report import MonitoringReportReader
from sendwatch.readers.other import OtherReader
from sendwatch.readers.revisit_letter import RevisitLetterReader
from sendwatch.readers.secondary import SecondaryReader

#: One reader per kind of document. The surest wins; on a tie the earlier in this list.
#: Secondary sources come first: they step aside (score low) when a text carries the
#: inspectorates' own marks outside quotation marks.
READERS: list[Reader] = [
    SecondaryReader(),
    InspectionLetterReader(),
    RevisitLetterReader(),
    AreaSendReportReader(),
    MonitoringReportReader(),
]

_FALLBACK = OtherReader()

#: Below this a reader's claim on a text is not trusted.
MIN_CONFIDENCE = 0.3


def choose(text: str) -> Reader:
    """The reader surest that ``text`` is of its kind, or the fallback."""
    best: Reader = _FALLBACK
    best_score = MIN_CONFIDENCE
    for reader in READERS:
        score = reader.recognise(text)
        if score > best_score:
            best, best_score = reader, score
    return best


def read(text: str, source: str) -> Extraction:
    """Read a document's cleaned text into an Extraction."""
    extraction = choose(text).read(text, source)
    extraction.text = text
    return extraction
