"""Every word the site uses has its plain-English entry, and titles and dates read as words.

The stage codes are found from the status code itself — every string literal in the
status modules that is a stage code, and every code the status code returns across the
national record at many dates — never from a copied list.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from datetime import date
from pathlib import Path

import pytest

import sendwatch
from sendwatch import glossary, wording
from sendwatch.extraction import DOCUMENT_TYPES, EVENT_KINDS
from sendwatch.history import all_timelines
from sendwatch.official import import_official
from sendwatch.register import load_register
from sendwatch.status import status
from sendwatch.timeline import TRUST
from sendwatch.views import OUTCOME_LABELS
from sendwatch.web.display import CATEGORY

STAGE_CODE = re.compile(r"^(unknown|(?:19|20)\d\d_[a-z][a-z_]*)$")


def status_modules() -> list[Path]:
    """The files of sendwatch.status and of any module or package named for it."""
    root = Path(sendwatch.__file__).parent
    found = []
    for info in pkgutil.walk_packages([str(root)], "sendwatch."):
        leaf = info.name.split(".")[-1]
        if leaf.startswith("status") or ".status." in info.name + ".":
            spec = importlib.util.find_spec(info.name)
            if spec and spec.origin and spec.origin.endswith(".py"):
                found.append(Path(spec.origin))
    return found


def stage_codes_in_source() -> set[str]:
    """Stage codes the status modules name: string literals shaped like one
    ('2016_wsoa_required'), and the keys of any table of stages (``STAGES = {...}``)."""
    codes = set()
    for path in status_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            target = getattr(node, "target", None) or next(iter(getattr(node, "targets", [])), None)
            value = getattr(node, "value", None)
            if (
                isinstance(target, ast.Name)
                and "STAGE" in target.id
                and isinstance(value, ast.Dict)
            ):
                codes |= {k.value for k in value.keys if isinstance(k, ast.Constant)}
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and STAGE_CODE.match(node.value)
                # An f-string's head ("2016_revisit_sufficient_{verdict}"): the STAGES
                # table above names the codes it makes.
                and not node.value.endswith("_")
            ):
                codes.add(node.value)
    return codes


def test_the_status_modules_are_found_and_name_stages() -> None:
    codes = stage_codes_in_source()
    assert any(p.name.startswith("status") for p in status_modules())
    # Both frameworks' stages are there: the scan reads the code, not a list.
    assert {c[:4] for c in codes} >= {"2016", "2023"}


def test_every_stage_code_in_the_status_code_has_a_glossary_entry() -> None:
    missing = sorted(stage_codes_in_source() - set(glossary.STAGES))
    assert missing == [], f"stage codes without a glossary entry: {missing}"


def test_every_stage_the_status_code_returns_has_a_glossary_entry(store) -> None:
    """Run status() for every area at dates across both frameworks."""
    import_official(store)
    seen = set()
    register = load_register()
    for year in range(2016, 2027):
        as_of = date(year, 6, 1)
        timelines = all_timelines(store, as_of)
        for area in register.current:
            seen.add(status(area.name, timelines.get(area.name, []), as_of).code)
    assert len(seen) >= 8
    assert seen <= set(glossary.STAGES), sorted(seen - set(glossary.STAGES))


def test_every_entry_has_a_label_and_a_one_line_meaning() -> None:
    tables = [glossary.STAGES, glossary.OUTCOMES, glossary.EVENTS, glossary.SOURCES]
    for table in [*tables, glossary.TERMS]:
        for code, entry in table.items():
            assert entry.label and entry.meaning, code
            assert "\n" not in entry.meaning and len(entry.meaning) <= 200, code
            assert "_" not in entry.label, f"{code}: a code, not words"


def test_every_outcome_event_document_and_source_kind_has_words() -> None:
    assert set(OUTCOME_LABELS) <= set(glossary.OUTCOMES)
    assert set(CATEGORY) <= set(glossary.OUTCOMES)
    assert set(EVENT_KINDS) <= set(glossary.EVENTS)
    assert set(DOCUMENT_TYPES) <= set(glossary.DOCUMENTS)
    assert set(TRUST) <= set(glossary.SOURCES)


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("2024-07-08", "8 July 2024"),
        ("2023-03", "March 2023"),
        ("2023", "2023"),
        (date(2022, 10, 13), "13 October 2022"),
        (None, ""),
        ("not a date", "not a date"),
    ],
)
def test_long_dates(value, words: str) -> None:
    assert wording.long_date(value) == words


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        ("2023-03-06", "2023-03-10", "6 to 10 March 2023"),
        ("2023-02-27", "2023-03-03", "27 February to 3 March 2023"),
        ("2022-12-30", "2023-01-03", "30 December 2022 to 3 January 2023"),
        ("2023-03-06", None, "6 March 2023"),
        ("2022-09", "2022-09-30", "September 2022 to 30 September 2022"),
    ],
)
def test_date_ranges(start, end, words: str) -> None:
    assert wording.date_range(start, end) == words


def test_documents_are_titled_by_what_they_are() -> None:
    title = wording.document_title(["Stockport"], "revisit_letter", "2022-10-13")
    assert title == "Stockport: revisit letter, 13 October 2022"
    assert wording.document_title([], "news_article", None) == "News article"
    many = wording.document_title(["Bury", "Oldham", "Rochdale", "Wigan"], "news_article")
    assert many == "Bury, Oldham and 2 other areas: news article"
    assert wording.document_title(["Oldham", "Bury"], "council_page") == (
        "Bury and Oldham: council web page"
    )
