"""Data safety: export and import between SQLite and PostgreSQL, backups while the store is
in use, kill -9 during an ingest, and two ingests into one store at once (real processes)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select, text

from sendwatch import schema, views
from sendwatch import store as store_ops
from sendwatch.db import Store
from sendwatch.history import all_timelines
from sendwatch.ingest import ingest
from sendwatch.official import import_official
from sendwatch.portable import PortableError, backup, export_store, import_store, integrity
from tests.support.fuzz import check_records, good_documents

SENDWATCH = [str(Path(sys.executable).parent / "sendwatch")]
DAY = date(2026, 6, 1)


@pytest.fixture
def new_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """A maker of new, empty stores (not yet migrated) on the database the run uses."""
    made: list[str] = []
    admin_url = request.config.getoption("--postgres-url")
    postgres = request.config.getoption("--database") == "postgresql"

    def make(kind: str | None = None) -> str:
        kind = kind or ("postgresql" if postgres else "sqlite")
        if kind == "sqlite":
            return f"sqlite:///{tmp_path / f'store-{uuid.uuid4().hex[:8]}.db'}"
        name = f"sendwatch_test_{uuid.uuid4().hex[:10]}"
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        made.append(name)
        return f"{admin_url.rpartition('/')[0]}/{name}"

    yield make
    if made:
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            for name in made:
                conn.execute(
                    text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname=:n"),
                    {"n": name},
                )
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


def _postgres_up(url: str) -> bool:
    try:
        engine = create_engine(url)
        with engine.connect():
            pass
        engine.dispose()
        return True
    except Exception:
        return False


def documents_folder(folder: Path, n: int | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in good_documents()[:n]:
        (folder / name).write_bytes(data)
    return folder


def picture(store: Store) -> dict[str, object]:
    """What people see of a store: its areas, every area's timeline, every status."""
    timelines = all_timelines(store, DAY)
    statuses = views.all_statuses(store, DAY)
    return {
        "areas": json.dumps(views.areas_table(store, timelines=timelines), default=str),
        "timelines": json.dumps(
            {a: [e.to_json() for e in evs] for a, evs in sorted(timelines.items())}, default=str
        ),
        "statuses": [(s.area, s.code, s.sentence, str(s.next)) for s in statuses],
        "counts": store_ops.counts(store),
    }


def test_export_then_import_sqlite_to_postgresql_and_back(
    store: Store, new_url, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    admin = request.config.getoption("--postgres-url")
    if not _postgres_up(admin):
        pytest.skip(f"no PostgreSQL server at {admin}")
    source = Store(new_url("sqlite"))
    try:
        import_official(source)
        report = ingest(source, [documents_folder(tmp_path / "docs", 40)], 10**7)
        assert not report.failed
        before = picture(source)
        assert before["counts"]["documents"] > 10 and before["counts"]["events"] > 100
        export_store(source, tmp_path / "one.jsonl.gz")
    finally:
        source.close()
    postgres = Store(new_url("postgresql"))
    try:
        import_store(postgres, tmp_path / "one.jsonl.gz")
        assert picture(postgres) == before
        # New rows after an import get new ids (the counters start after the imported).
        extra = tmp_path / "extra.txt"
        extra.write_text("A note about SEND in Wigan, written later.\n")
        assert ingest(postgres, [extra], 10**7).results[0].status == "stored"
        store_ops.delete_document(postgres, max(d.id for d in store_ops.documents(postgres)))
        export_store(postgres, tmp_path / "two.jsonl.gz")
    finally:
        postgres.close()
    back = Store(new_url("sqlite"))
    try:
        import_store(back, tmp_path / "two.jsonl.gz")
        assert picture(back) == before
    finally:
        back.close()


def test_import_refuses_a_store_that_is_not_empty_and_a_cut_file(
    store: Store, tmp_path: Path
) -> None:
    ingest(store, [documents_folder(tmp_path / "docs", 4)], 10**7)
    export_store(store, tmp_path / "x.gz")
    with pytest.raises(PortableError, match="already holds"):
        import_store(store, tmp_path / "x.gz")
    data = (tmp_path / "x.gz").read_bytes()
    (tmp_path / "cut.gz").write_bytes(data[: len(data) // 2])
    with store.engine.begin() as conn:
        for table in reversed(schema.Base.metadata.sorted_tables):
            conn.execute(table.delete())
    with pytest.raises(PortableError):
        import_store(store, tmp_path / "cut.gz")
    assert store_ops.counts(store)["documents"] == 0


def _ingest_process(url: str, *folders: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*SENDWATCH, "--db", url, "ingest", *map(str, folders)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "SENDWATCH_TIME_LIMIT": "120"},
    )


def _documents(store: Store) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(schema.Document)) or 0


def test_a_backup_taken_during_an_ingest_restores(new_url, tmp_path: Path) -> None:
    url = new_url()
    Store(url).close()
    folder = documents_folder(tmp_path / "docs", 60)
    process = _ingest_process(url, folder)
    store = Store(url)
    try:
        deadline = time.monotonic() + 120
        while _documents(store) < 5 and time.monotonic() < deadline:
            time.sleep(0.1)
        kind = backup(store, tmp_path / "backup.db")
        assert process.poll() is None, "the ingest ended before the backup: use more documents"
    finally:
        process.communicate(timeout=600)
        store.close()
    if kind == "sqlite":
        restored = Store(f"sqlite:///{tmp_path / 'backup.db'}")
    else:
        restored = Store(new_url())
        import_store(restored, tmp_path / "backup.db")
    try:
        assert integrity(restored) == []
        assert 5 <= _documents(restored) < len(list(folder.iterdir()))
        assert check_records(restored) == []
    finally:
        restored.close()


def test_kill_9_during_an_ingest_leaves_whole_documents(new_url, tmp_path: Path) -> None:
    url = new_url()
    Store(url).close()
    folder = documents_folder(tmp_path / "docs", 40)
    store = Store(url)
    try:
        for wait in (3, 12):  # killed at different points of the batch
            process = _ingest_process(url, folder)
            deadline = time.monotonic() + 120
            start = _documents(store)
            while _documents(store) < start + wait and time.monotonic() < deadline:
                time.sleep(0.02)
            process.send_signal(signal.SIGKILL)
            process.communicate(timeout=30)
            assert integrity(store) == []
            assert check_records(store) == []
        # The next run stores the rest: every good file, once.
        process = _ingest_process(url, folder)
        _, errors = process.communicate(timeout=600)
        assert process.returncode == 0, errors.decode()
        assert _documents(store) == 40
        assert check_records(store) == []
    finally:
        store.close()


def test_two_ingests_into_one_new_store_give_the_union(new_url, tmp_path: Path) -> None:
    """Two processes at once, on a store neither has made yet: one folder each and one
    folder both read. Neither fails, and the store holds every document once."""
    url = new_url()
    docs = good_documents()[:36]
    own_a, own_b, both = tmp_path / "a", tmp_path / "b", tmp_path / "both"
    for folder, part in ((own_a, docs[:12]), (own_b, docs[12:24]), (both, docs[24:])):
        folder.mkdir()
        for name, data in part:
            (folder / name).write_bytes(data)
    first = _ingest_process(url, own_a, both)
    second = _ingest_process(url, both, own_b)
    results = [p.communicate(timeout=600) for p in (first, second)]
    for process, (out, errors) in zip((first, second), results, strict=True):
        assert process.returncode == 0, (out.decode(), errors.decode())
        assert b"0 failed" in out
    store = Store(url)
    try:
        assert _documents(store) == len({d for _, d in docs})
        assert check_records(store) == []
        assert store_ops.counts(store)["areas"] > 150
    finally:
        store.close()
