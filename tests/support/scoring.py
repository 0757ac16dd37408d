"""The official scorer and the evidence checks that the reader tests share.

The scorer lives in ../shared/eval/score.py, beside the clone and never copied into it; it
is loaded once, and a test that needs it skips (saying where it looked) when it is absent.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from sendwatch.dates import find_ranges
from sendwatch.readers.letters import count_value

#: ../shared: real documents, gold records and the official scorer.
SHARED = Path(os.environ.get("SENDWATCH_SHARED", Path(__file__).resolve().parents[3] / "shared"))
SCORER = SHARED / "eval" / "score.py"


def gold_documents(shared: Path) -> list[Path]:
    """The real documents that have a gold record in ``shared``: a seed or a 2023 report."""
    out = []
    for gold in sorted((shared / "gold").glob("*.json")):
        source = json.loads(gold.read_text())["source"]
        for folder in (shared / "seeds", shared / "corpus" / "area-send-2023"):
            if (folder / source).exists():
                out.append(folder / source)
    return out


def gold_report_stems(shared: Path) -> list[str]:
    """The file stems of the 2023 reports that have a gold record, for test ids; one
    placeholder id (whose test then skips) when ../shared is absent."""
    corpus = shared / "corpus" / "area-send-2023"
    stems = [p.stem for p in gold_documents(shared) if p.parent == corpus]
    return stems or ["no-shared-corpus"]


@cache
def _load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("sendwatch_official_score", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def scorer() -> ModuleType:
    """The official scorer module, loaded once; skips the test when it is not beside the clone."""
    if not SCORER.is_file():
        pytest.skip(f"the official scorer is not beside the clone (looked for {SCORER})")
    return _load(SCORER)


def score_one(
    gold: dict[str, Any], predicted: dict[str, Any], doc_len: int | None
) -> tuple[Any, list[int]]:
    """The scorer's tally for one document, and its evidence count [with evidence, scored]."""
    score = scorer()
    tally = score.Tally()
    evidence = [0, 0]
    score.score_doc(gold, predicted, tally, evidence, doc_len)
    return tally, evidence


def folded(text: str) -> str:
    """The text with every run of white space (line breaks of a PDF included) as one space."""
    return " ".join(text.split())


def states_date(value: str, quote: str) -> bool:
    """Whether the quoted words state the ISO date ``value``, alone or as an end of a range."""
    return any(value in (f.start, f.end) for f in find_ranges(folded(quote)))


def quoted_numbers(quote: str) -> tuple[list[str], list[int]]:
    """The quote's words, lower-cased, and the counts among them ("four", "4", "no")."""
    words = re.findall(r"\w+", folded(quote).lower())
    return words, [n for n in (count_value(w) for w in words) if n is not None]
