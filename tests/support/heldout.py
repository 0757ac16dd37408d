"""The held-out harness: documents no reader was written from, read and scored the same way.

Each folder ``tests/documents/heldout*/`` is one round (tests/documents/README.md says what
each covers). Beside every document is ``<name>.json``, the exchange record a careful
annotator would write by ../shared/eval/FORMAT.md. A ``<name>.pages.txt`` is made into a
real PDF (pages split at "=== page ===") so that sources -> textclean -> reader all run;
any other document is read as it is. Records of ``document_type`` "other" with no events, and
the files in a folder's ``other/``, are decoys.

Run ``python -m tests.support.heldout [folder ...]`` (folder names or paths) to print each
document's F1 and errors and the F1 of each kind of document.
"""

from __future__ import annotations

import json
import re
import sys
from functools import cache
from pathlib import Path
from typing import Any

from sendwatch.dates import MONTHS
from sendwatch.extraction import SCALAR_FIELDS
from sendwatch.readers import choose, read
from sendwatch.readers.words import NUMBER_WORDS
from sendwatch.sources import load, load_bytes
from tests.support.files import pdf_with_text
from tests.support.scoring import folded, quoted_numbers, score_one, scorer, states_date

DOCUMENTS = Path(__file__).resolve().parents[1] / "documents"
PAGE_BREAK = "=== page ==="
ITEM_KINDS = ("weaknesses", "strengths", "concerns", "improvements")
OFFICIAL_KINDS = frozenset(
    {"inspection_letter", "revisit_letter", "area_send_report", "monitoring_report"}
)


def folders() -> list[Path]:
    """Every held-out folder, a new one included as soon as it is there."""
    return sorted(p for p in DOCUMENTS.glob("heldout*") if p.is_dir())


def records(folder: Path) -> list[Path]:
    """The expected records of one folder."""
    return sorted(folder.glob("*.json"))


def gold(record: Path) -> dict[str, Any]:
    """The expected exchange record."""
    result: dict[str, Any] = json.loads(record.read_text(encoding="utf-8"))
    return result


def case_id(record: Path) -> str:
    """The readable test id of a document: ``<folder>/<document>``."""
    return f"{record.parent.name}/{record.stem}"


@cache
def extract(record: Path) -> tuple[dict[str, Any], str]:
    """The exchange record the readers make of a held-out document, and its cleaned text.

    Read once per run: reading is deterministic and the tests only look at the result.
    """
    source = gold(record)["source"]
    pages_file = record.with_name(f"{record.stem}.pages.txt")
    if pages_file.exists():
        pages = pages_file.read_text(encoding="utf-8").split(PAGE_BREAK + "\n")
        data = pdf_with_text([p.rstrip("\n").split("\n") for p in pages])
        document = load_bytes(Path(source), data)
    else:
        document = load(record.parent / source, 100_000_000)
    return read(document.text, source).to_exchange(), document.text


def decoys(folder: Path) -> list[Path]:
    """The documents of a folder that are of none of the kinds its round is about."""
    # A record of no kind that still holds events (a council report naming an inspection)
    # is scored as any other document, not held to claim nothing.
    recorded = [gold(r) for r in records(folder)]
    others = [
        folder / g["source"] for g in recorded if g["document_type"] == "other" and not g["events"]
    ]
    return sorted((folder / "other").glob("*.txt")) + others


def decoy_claims(path: Path) -> tuple[str, str, list[Any]]:
    """The kind the best reader is, the kind read and the events read of a decoy."""
    text = load(path, 100_000_000).text
    exchange = read(text, path.name).to_exchange()
    return choose(text).document_type, exchange["document_type"], exchange["events"]


# --- evidence of the official kinds: letters and reports, as a PDF gives them -------------

_OUTCOME_WORDS = {
    "wsoa_required": r"statement\s+of\s+action\s*(?:\(\w+\)\s*)?(?:is|was)\s+required"
    r"|Joint\s+(?:local\s+)?area\s+SEND\s+revisit",
    "no_wsoa": r"Joint\s+local\s+area\s+SEND\s+inspection|not\s+required",
    "positive": r"typically\s+lead\s+to\s+positive",
    "inconsistent": r"inconsistent\s+experiences",
    "systemic_failings": r"systemic\s+failings",
    "effective_action": r"(?<!in)effective\s+action",
    "ineffective_action": r"ineffective\s+action|not\s+taken\s+effective\s+action",
}


def words(text: str) -> list[str]:
    """The text's words, lower-cased, in order (punctuation and layout dropped)."""
    return re.findall(r"[a-z0-9]+", text.lower())


def in_order(item: str, span: str) -> bool:
    """Whether every word of the item is in the span, in order.

    The span may also hold a running header or a page number the item's text leaves out.
    """
    span_words = iter(words(span))
    return all(w in span_words for w in words(item))


def states(field: str, value: Any, quote: str, event: dict[str, Any]) -> bool:
    """Whether the quoted words of an official document state ``value`` of ``field``."""
    flat = folded(quote)
    if field in ("visit_start", "visit_end", "published", "date", "document_date"):
        return states_date(value, quote)
    if field == "framework":
        return bool(re.search(r"SEND|Local\s+Area\s+Partnership", flat, re.I))
    if field == "outcome":
        return bool(re.search(_OUTCOME_WORDS[value], flat, re.I))
    if field in ("next_monitoring_within_months", "next_full_within_years"):
        return value in quoted_numbers(quote)[1]
    if field in ("weaknesses_total", "weaknesses_sufficient"):
        found, numbers = quoted_numbers(quote)
        listed = [folded(w["text"]) for w in event.get("weaknesses", [])]
        if value in numbers or sum(numbers) == value:
            return True
        if {"all", "any"} & set(found) and value in (0, event.get("weaknesses_total")):
            return True
        if value == 0 and (
            re.search(_OUTCOME_WORDS["no_wsoa"], flat)
            or re.search(r"positive|inconsistent|Areas\s+for\s+priority", flat, re.I)
        ):
            return True
        # A count stated by the list itself: every listed item lies in the span, in order.
        return len(listed) == value and in_order(" ".join(listed), flat)
    raise AssertionError(f"no check for field {field}")


def check_official_evidence(exchange: dict[str, Any], text: str) -> None:
    """Every value read has a span in the text that states it; every item's words are in its."""
    evidence = exchange.get("evidence") or {}
    if exchange.get("document_date"):
        a, b = evidence["document_date"]
        assert states("document_date", exchange["document_date"], text[a:b], {})
    assert exchange["events"], "no events read"
    for event in exchange["events"]:
        for field in SCALAR_FIELDS:
            if event.get(field) is None:
                continue
            assert field in event["evidence"], f"{event['kind']} {field} has no evidence"
            a, b = event["evidence"][field]
            assert 0 <= a < b <= len(text)
            assert states(field, event[field], text[a:b], event), (field, text[a:b])
        for kind in ITEM_KINDS:
            for item in event.get(kind) or []:
                a, b = item["evidence"]
                assert in_order(item["text"], text[a:b]), item["text"]


# --- evidence of secondary pages: news, press releases, council pages -------------------

_MONTH_NAMES = {n: name for name, n in MONTHS.items()}
_RELATIVE = re.compile(
    r"\b(?:today|yesterday|this (?:week|morning|month)|last|next|on \w+day)\b", re.I
)
_NUMBER_WORDS = ["zero", *NUMBER_WORDS]
_PAGE_OUTCOME_WORDS = {
    "wsoa_required": r"statement|plan of action",
    "no_wsoa": r"statement",
    "positive": r"positive",
    "inconsistent": r"inconsistent",
    "systemic_failings": r"systemic",
    "effective_action": r"effective\s+action",
    "ineffective_action": r"effective\s+action",
}


def page_states(field: str, value: Any, quoted: str) -> bool:
    """Whether the quoted words of a page state the value, as a reader of the page would see it."""
    if field in ("visit_start", "visit_end", "published", "date"):
        if _RELATIVE.search(quoted):
            return True
        year, _, rest = str(value).partition("-")
        if not rest:
            return year in quoted
        month = int(rest[:2])
        numeric = re.search(rf"\b\d{{1,2}}/0?{month}/\d{{2,4}}\b", quoted)
        # A month named without its year takes the year from the page's own date.
        return numeric is not None or _MONTH_NAMES[month][:3].lower() in quoted.lower()
    if field in ("weaknesses_total", "weaknesses_sufficient"):
        if re.search(r"\b(?:all|every|no|none)\b", quoted, re.I):
            return True
        named = {str(value), _NUMBER_WORDS[value] if value < len(_NUMBER_WORDS) else ""}
        found = set(re.findall(r"\b\w+\b", quoted.lower()))
        # "insufficient progress in three of the five": the sufficient are the rest.
        counts = [
            _NUMBER_WORDS.index(w) if w in _NUMBER_WORDS else int(w)
            for w in found
            if w in _NUMBER_WORDS or w.isdigit()
        ]
        implied = any(b - a == value for a in counts for b in counts)
        # A count read from a listed set of items is stated by the list itself.
        return bool(named & found) or implied or quoted.count("\n") + 1 >= value
    if field == "outcome":
        return re.search(_PAGE_OUTCOME_WORDS[value], quoted, re.I) is not None
    if field in ("next_monitoring_within_months", "next_full_within_years"):
        return str(value) in quoted or _NUMBER_WORDS[value] in quoted.lower()
    return True


def check_page_evidence(exchange: dict[str, Any], text: str) -> None:
    """Every evidenced value is stated by its span; every item is exactly its span's text."""
    for event in exchange["events"]:
        for field, (start, end) in event["evidence"].items():
            value = event[field]
            assert 0 <= start < end <= len(text), (event["kind"], field)
            quoted = text[start:end]
            assert page_states(field, value, quoted), (event["kind"], field, value, quoted)
        for kind in ITEM_KINDS:
            for item in event.get(kind) or []:
                start, end = item["evidence"]
                assert text[start:end] == item["text"], (event["kind"], kind)


# --- exact words and the summary ---------------------------------------------------------


def check_exact_words(expected: dict[str, Any], predicted: dict[str, Any]) -> None:
    """Each expected item is read with the same words in the same order: no heading, page
    number, footer or neighbouring item in it (the scorer would accept half the words)."""
    for event in expected["events"]:
        (mine,) = [
            p
            for p in predicted["events"]
            if p["kind"] == event["kind"]
            and p["local_area"] == event["local_area"]
            and p.get("visit_start") == event.get("visit_start")
        ]
        for kind in ITEM_KINDS:
            want = [words(i["text"]) for i in event.get(kind) or []]
            got = [words(i["text"]) for i in mine.get(kind) or []]
            assert got == want, kind


def set_f1(folder: Path) -> tuple[float, tuple[int, int, int]]:
    """The F1 of a folder's documents taken together, and its (tp, fp, fn)."""
    tp = fp = fn = 0
    for record in records(folder):
        predicted, text = extract(record)
        tally, _ = score_one(gold(record), predicted, len(text))
        tp, fp, fn = tp + tally.tp, fp + tally.fp, fn + tally.fn
    return 2 * tp / max(1, 2 * tp + fp + fn), (tp, fp, fn)


def main(names: list[str]) -> None:
    """Print each document's F1 and errors, then the F1 of each kind over the folders."""
    score = scorer()
    tallies: dict[str, Any] = {}
    counts: dict[str, int] = {}
    wanted = {Path(name).name for name in names}  # a folder's name or its path
    for folder in folders():
        if wanted and folder.name not in wanted:
            continue
        for record in records(folder):
            expected = gold(record)
            predicted, text = extract(record)
            tally, _ = score_one(expected, predicted, len(text))
            print(f"{case_id(record):60s} F1={tally.prf()[2]:.3f}")
            for error in tally.errors:
                print("   ", error)
            kind = expected["document_type"]
            total = tallies.setdefault(kind, score.Tally())
            score.score_doc(expected, predicted, total, [0, 0], len(text))
            counts[kind] = counts.get(kind, 0) + 1
    for kind, total in sorted(tallies.items()):
        print(f"{kind:20s} F1={total.prf()[2]:.3f} over {counts[kind]} documents")


if __name__ == "__main__":
    main(sys.argv[1:])
