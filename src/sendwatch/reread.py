"""Reading stored documents again with the current readers, without losing what they said.

A reader that regresses must not quietly take findings out of the record: a document whose
new reading says less than the stored one (fewer events, values or findings) keeps its
stored reading and is reported with what it would lose, until the loss is accepted.
``dry_run`` shows every difference and changes nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from sendwatch import readers, schema
from sendwatch.db import Store
from sendwatch.extraction import SCALAR_FIELDS, Extraction
from sendwatch.isolation import Worker
from sendwatch.sources import SourceError
from sendwatch.store import document_ids, replace_extraction


@dataclass(frozen=True)
class Reread:
    document_id: int
    events_before: int
    events_after: int
    error: str | None = None
    name: str = ""
    #: Facts the stored reading has and the new one lacks, and the other way round.
    lost: list[str] = field(default_factory=list)
    gained: list[str] = field(default_factory=list)
    #: The new reading says less (fewer events, values or findings) than the stored one.
    shrank: bool = False
    #: Whether the new reading was put in place of the stored one.
    replaced: bool = False
    #: True when the failure is sendwatch's own fault (a reader's bug).
    internal: bool = False


def _value(value: object) -> str:
    return str(value)


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def facts_of_extraction(extraction: Extraction) -> Counter[str]:
    """What a reading says, one line per event, value and finding."""
    out: Counter[str] = Counter()
    for event in extraction.events:
        head = f"{event.local_area}: {event.kind}"
        out[f"event {head}"] += 1
        for name in SCALAR_FIELDS:
            if event.values.get(name) is not None:
                out[f"value {head} {name} = {_value(event.values[name])}"] += 1
        for kind, items in event.findings.items():
            for item in items:
                verdict = f" ({item.verdict})" if item.verdict else ""
                out[f"finding {head} {kind}: {_short(item.text)}{verdict}"] += 1
    return out


def stored_facts(store: Store, document_id: int) -> tuple[str, str, Counter[str]] | None:
    """A stored document's text, name and what its stored reading says."""
    with store.session() as session:
        row = session.get(schema.Document, document_id)
        if row is None:
            return None
        events = session.scalars(
            select(schema.Event)
            .where(schema.Event.document_id == document_id)
            .options(selectinload(schema.Event.findings), selectinload(schema.Event.area))
            .order_by(schema.Event.id)
        )
        out: Counter[str] = Counter()
        for ev in events:
            head = f"{ev.area.name}: {ev.kind}"
            out[f"event {head}"] += 1
            for name in SCALAR_FIELDS:
                if getattr(ev, name) is not None:
                    out[f"value {head} {name} = {_value(getattr(ev, name))}"] += 1
            for f in ev.findings:
                verdict = f" ({f.verdict})" if f.verdict else ""
                out[f"finding {head} {f.kind}: {_short(f.text)}{verdict}"] += 1
        return row.text, row.source_name, out


def _count(facts: Counter[str], kind: str) -> int:
    return sum(n for fact, n in facts.items() if fact.startswith(kind + " "))


def shrinks(before: Counter[str], after: Counter[str]) -> bool:
    """True when ``after`` has fewer events, values or findings than ``before``."""
    return any(_count(after, k) < _count(before, k) for k in ("event", "value", "finding"))


def _read(text: str, source: str) -> Extraction:
    return readers.read(text, source)


def reread(
    store: Store,
    progress: Callable[[Reread, int, int], None] | None = None,
    *,
    dry_run: bool = False,
    accept_shrink: bool = False,
    time_limit: float | None = None,
) -> list[Reread]:
    """Read every stored document's text again with the current readers.

    Each document is replaced in its own transaction; one that fails keeps its old events,
    and so does one whose new reading shrank unless ``accept_shrink``. With ``dry_run``
    nothing is replaced.
    """
    ids = document_ids(store)
    results = []
    with Worker(_read, time_limit) as worker:
        for i, document_id in enumerate(ids, start=1):
            result = _reread_one(store, worker, document_id, dry_run, accept_shrink)
            if result is None:
                continue
            results.append(result)
            if progress:
                progress(result, i, len(ids))
    return results


def _reread_one(
    store: Store, worker: Worker, document_id: int, dry_run: bool, accept_shrink: bool
) -> Reread | None:
    stored = stored_facts(store, document_id)
    if stored is None:  # deleted meanwhile
        return None
    text, name, before = stored
    n_before = _count(before, "event")
    try:
        extraction: Extraction = worker.run(name, text, name)
    except SourceError as e:
        return Reread(document_id, n_before, n_before, e.line, name, internal=e.internal)
    after = facts_of_extraction(extraction)
    lost = sorted((before - after).elements())
    gained = sorted((after - before).elements())
    shrank = shrinks(before, after)
    replaced = False
    if not dry_run and (accept_shrink or not shrank):
        try:
            replace_extraction(store, document_id, lambda _text, _name: extraction)
        except Exception as e:  # a store failure keeps the old reading
            error = f"could not be stored ({type(e).__name__}: {e}); it keeps its reading"
            return Reread(document_id, n_before, n_before, error, name, internal=True)
        replaced = True
    return Reread(
        document_id,
        n_before,
        len(extraction.events),
        None,
        name,
        lost,
        gained,
        shrank,
        replaced,
    )
