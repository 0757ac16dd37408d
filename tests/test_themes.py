"""Themes: the cue table, and precision and recall per theme on labelled findings.

Four labelled sets (docs/themes.md says how they were made):

- ``tests/documents/themes/labelled.csv``: findings written in our own words, varied
  phrasings of 2016 significant weaknesses and 2023 areas for priority action and for
  improvement, each with its themes.
- ``tests/documents/themes/real_labels.csv``: the real 2023 reports' findings in ../shared,
  labelled by hand by position in their gold record (ids and labels only; the words are
  read from ../shared at test time). ``development`` rows (weaknesses and improvements)
  were looked at while the cues were written; ``concerns`` rows (concerns of six reports)
  were the held-out set until the cues were made to weigh where a cue stands, which was
  done by studying their errors: they are development now.
- ``tests/documents/themes/heldout_2.csv``: the blind set. 80 findings in our own words in
  the long, many-topic form of concerns and areas for improvement, with passing mentions
  that are not what the finding is about, labelled with what each is about and measured
  before any cue change; the changes since were made by looking at the other sets' errors
  only, never at this set's findings one by one.

Run with ``-s`` to print the per-theme table. The floors sit a little under what was
measured (docs/themes.md), so a cue change that costs a theme its quality fails here.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sendwatch.readers import read
from sendwatch.sources import load
from sendwatch.themes import THEME_BY_CODE, THEMES, classify, contexts, cues, theme_codes
from tests.support.theme_documents import store_theme_documents

HERE = Path(__file__).resolve().parent / "documents" / "themes"
OWN = list(csv.DictReader((HERE / "labelled.csv").read_text("utf-8").splitlines()))
REAL = list(csv.DictReader((HERE / "real_labels.csv").read_text("utf-8").splitlines()))
BLIND = list(csv.DictReader((HERE / "heldout_2.csv").read_text("utf-8").splitlines()))


def measure(items: list[tuple[str, set[str]]]) -> dict[str, dict[str, float]]:
    """Precision, recall and support per theme, and micro-averaged ('all')."""
    tp, fp, fn = Counter(), Counter(), Counter()
    for text, gold in items:
        got = set(theme_codes(text))
        for t in got & gold:
            tp[t] += 1
        for t in got - gold:
            fp[t] += 1
        for t in gold - got:
            fn[t] += 1
    out = {}
    for code in [t.code for t in THEMES] + ["all"]:
        a, b, c = (
            (sum(tp.values()), sum(fp.values()), sum(fn.values()))
            if code == "all"
            else (tp[code], fp[code], fn[code])
        )
        out[code] = {
            "precision": a / (a + b) if a + b else float("nan"),
            "recall": a / (a + c) if a + c else float("nan"),
            "support": a + c,
        }
    return out


def report(name: str, scores: dict[str, dict[str, float]]) -> None:
    print(f"\n{name}")
    for code, s in scores.items():
        print(f"  {code:28s} P={s['precision']:.2f} R={s['recall']:.2f} n={s['support']}")


def labels(row: dict[str, str]) -> set[str]:
    return set(row["themes"].split(";"))


# The cue table --------------------------------------------------------------------------


def test_every_theme_has_cues_and_every_cue_a_known_theme() -> None:
    assert 12 <= len(THEMES) <= 16
    by_theme = Counter(c.theme for c in cues())
    assert set(by_theme) == set(THEME_BY_CODE)


def test_cues_are_written_in_lower_case() -> None:
    """Text is lower-cased before matching, so a capital in a cue could never match."""
    patterns = [c.pattern for c in cues()] + [p for _, p in contexts()]
    assert {kind for kind, _ in contexts()} == {"aside", "aware"}
    for pattern in patterns:
        assert not re.search(r"(?<!\\)[A-Z]", pattern.pattern), pattern.pattern
    assert {c.strong for c in cues()} == {True, False}


# Where a cue stands -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "themes"),
    [
        # A weak cue ("transition") counts in the lead sentence ...
        ("Support is lost at transition to secondary school.", {"transitions"}),
        # ... and in later sentences when said again ...
        (
            "Too few new EHC plans are finished within 20 weeks. Delays are longest at "
            "transition. Transition planning starts too late.",
            {"ehc_timeliness", "transitions"},
        ),
        # ... but not in an aside, nor in a later sentence said once.
        (
            "Too few new EHC plans are finished within 20 weeks, including at transition points.",
            {"ehc_timeliness"},
        ),
        (
            "Children wait too long for speech and language therapy. Children with complex "
            "needs are among those waiting.",
            {"health_waits"},
        ),
        # A sentence about who knows of the problem is not about leadership.
        (
            "Children wait too long for speech and language therapy. Leaders know this and "
            "are putting their strategy in place.",
            {"health_waits"},
        ),
        # A strong cue counts wherever it stands.
        (
            "Children wait too long for speech and language therapy. Some children on the "
            "dynamic support register are among them.",
            {"health_waits", "complex_needs"},
        ),
        # Not knowing is the problem itself.
        ("Leaders do not know whether services make a difference.", {"quality_assurance_data"}),
    ],
)
def test_a_passing_mention_gives_no_theme(text: str, themes: set[str]) -> None:
    assert set(theme_codes(text)) == themes


def test_the_words_shown_are_the_ones_that_decided() -> None:
    text = (
        "Plans are not shared when children move to secondary school. Leaders know this "
        "and are working on a new transition protocol."
    )
    (match,) = [m for m in classify(text) if m.theme == "transitions"]
    assert [w for _, _, w in match.words] == ["move to secondary school"]


def test_text_whose_length_changes_in_lower_case_keeps_its_offsets() -> None:
    text = "İ Families wait too long for AUTISM assessments."
    (match,) = [m for m in classify(text) if m.theme == "neurodevelopmental"]
    ((start, end, words),) = match.words
    assert text[start:end] == words == "AUTISM"


def test_the_taxonomy_is_documented() -> None:
    doc = (Path(__file__).resolve().parents[1] / "docs" / "themes.md").read_text("utf-8")
    for t in THEMES:
        assert f"`{t.code}`" in doc and t.label in doc, t.code


@given(st.text(max_size=300))
def test_the_words_that_decide_a_theme_are_the_text_at_their_span(text: str) -> None:
    for m in classify(text):
        assert m.words
        for start, end, words in m.words:
            assert text[start:end] == words and words


def test_a_theme_shows_the_words_that_decided_it() -> None:
    (match,) = [
        m
        for m in classify("Families wait too long for autism assessments.")
        if m.theme == "neurodevelopmental"
    ]
    assert [w for _, _, w in match.words] == ["autism"]


# The command ------------------------------------------------------------------------------


def test_the_themes_command(store) -> None:
    from typer.testing import CliRunner

    from sendwatch.cli import app
    from sendwatch.official import import_official

    import_official(store)
    store_theme_documents(store)
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(app, ["--db", store.url, "themes", *args])

    result = run("--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [r["theme"] for r in data["rows"]] == [t.code for t in THEMES]
    leadership = next(r for r in data["rows"] if r["theme"] == "leadership")
    assert leadership["significant_weakness"] == 1 and leadership["revisit_sufficient"] == 1
    csv_out = run("--framework", "2016", "--format", "csv").stdout.splitlines()
    assert csv_out[0].startswith("theme,label,significant_weakness,")
    assert len(csv_out) == len(THEMES) + 1
    by_region = json.loads(run("--by", "region", "--format", "json").stdout)
    assert sum(v["total"] for v in by_region["values"]) == sum(
        r["total"]
        for r in data["themes"]["roles"]
        if r["code"] in ("significant_weakness", "priority_action")
    )
    assert re.search(r"Findings by theme \(\d+ findings\)", run().stdout)
    for bad in (["--framework", "2019"], ["--region", "Atlantis"], ["--by", "colour"]):
        result = run(*bad)
        assert result.exit_code == 2 and result.stderr, bad


# Measured quality --------------------------------------------------------------------------


def test_the_own_words_set_is_large_and_covers_every_framework() -> None:
    assert len(OWN) >= 300
    assert {r["kind"] for r in OWN} == {"weakness_2016", "apa_2023", "afi_2023"}
    for row in OWN:
        assert labels(row) <= set(THEME_BY_CODE), row


def test_precision_and_recall_on_findings_in_our_own_words() -> None:
    scores = measure([(r["text"], labels(r)) for r in OWN])
    report("own words", scores)
    assert scores["all"]["precision"] >= 0.89 and scores["all"]["recall"] >= 0.9
    for code, s in scores.items():
        if s["support"] >= 10:  # the two themes added last have few items here
            assert s["precision"] >= 0.75 and s["recall"] >= 0.65, code


def test_precision_and_recall_on_the_blind_set() -> None:
    """Long, many-topic concerns and areas for improvement in our own words, labelled with
    the themes they are about (not every topic they mention) before the cues were run."""
    assert len(BLIND) >= 60 and {r["kind"] for r in BLIND} >= {"concern_2023", "afi_2023"}
    for row in BLIND:
        assert labels(row) <= set(THEME_BY_CODE), row
    scores = measure([(r["text"], labels(r)) for r in BLIND])
    report(f"blind set, our own words ({len(BLIND)} findings)", scores)
    # Measured blind with the cues of before: P 0.58, R 0.92; now P 0.79, R 0.92.
    assert scores["all"]["precision"] >= 0.76 and scores["all"]["recall"] >= 0.89


def real_text(shared: Path, row: dict[str, str]) -> str:
    gold = json.loads((shared / "gold" / f"{row['report']}.json").read_text("utf-8"))
    (event,) = [e for e in gold["events"] if e["kind"] == "inspection"]
    item = event[row["kind"]][int(row["position"])]
    return item["text"] if isinstance(item, dict) else item


@pytest.mark.shared
def test_precision_and_recall_on_the_real_reports(shared: Path) -> None:
    sets = {}
    for which in ("development", "concerns"):
        rows = [r for r in REAL if r["set"] == which]
        sets[which] = measure([(real_text(shared, r), labels(r)) for r in rows])
        report(f"real reports, {which} ({len(rows)} findings)", sets[which])
    dev, concerns = sets["development"]["all"], sets["concerns"]["all"]
    assert dev["precision"] >= 0.95 and dev["recall"] >= 0.91
    # Long narrative concerns mention many things in passing; they were 0.61 / 0.77 when
    # every cue counted wherever it stood (docs/decisions/0015-themes.md).
    assert concerns["precision"] >= 0.92 and concerns["recall"] >= 0.77


# Every real finding gets a theme -------------------------------------------------------------

CORPUS_2023 = "corpus/area-send-2023"


@pytest.mark.shared
def test_almost_every_finding_of_the_twenty_reports_has_a_theme(shared: Path) -> None:
    """Read by sendwatch's own readers from the PDFs, not taken from the gold records.

    A finding whose only cues are passing mentions ("particularly in health", "at
    transition points") gets no theme rather than a wrong one; that must stay rare.
    """
    pdfs = sorted((shared / CORPUS_2023).glob("*.pdf"))
    assert len(pdfs) == 20
    counted, missing = 0, []
    for pdf in pdfs:
        extraction = read(load(pdf, 50_000_000).text, pdf.name)
        for event in extraction.events:
            for kind, items in event.findings.items():
                for item in items:
                    counted += 1
                    if not theme_codes(item.text):
                        missing.append(f"{pdf.name} {kind}: {item.text[:80]}")
    assert counted > 400
    # 8 of 472 when the position of cues was first weighed (November 2026).
    assert len(missing) <= 10, missing


@pytest.mark.shared
def test_the_real_labels_point_at_real_findings(shared: Path) -> None:
    for row in REAL:
        assert real_text(shared, row)
        assert labels(row) <= set(THEME_BY_CODE), row
        assert re.fullmatch(r"[a-z-]+-\d{4}-\d\d-\d\d", row["report"])
