"""The reader of last resort: a document of no kind sendwatch knows.

It claims nothing but the areas the document plainly names in its title, so that an
unknown document is stored and searchable without any invented event.
"""

from __future__ import annotations

from sendwatch.extraction import Extraction
from sendwatch.readers.base import Reader


class OtherReader(Reader):
    document_type = "other"

    def recognise(self, text: str) -> float:
        return 0.01

    def read(self, text: str, source: str) -> Extraction:
        return Extraction(source=source, document_type="other", text=text)
