"""Shared fixtures: the store on SQLite or PostgreSQL (``--database``), and ../shared."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from sendwatch import schema
from sendwatch.db import Store

SHARED = Path(os.environ.get("SENDWATCH_SHARED", Path(__file__).resolve().parents[2] / "shared"))
POSTGRES_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--database",
        choices=("sqlite", "postgresql"),
        default=os.environ.get("SENDWATCH_TEST_DATABASE", "sqlite"),
        help="Which database the store tests run on.",
    )
    parser.addoption(
        "--postgres-url",
        default=os.environ.get("SENDWATCH_TEST_POSTGRES", POSTGRES_ADMIN),
        help="An admin URL of the PostgreSQL server; each run makes and drops its own database.",
    )


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared folder of real documents and gold records, or a skip saying why."""
    if not (SHARED / "gold").is_dir():
        pytest.skip(f"../shared is not beside the clone (looked in {SHARED})")
    return SHARED


@pytest.fixture(scope="session")
def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A new, empty database for this test run, dropped at the end."""
    if request.config.getoption("--database") == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'sendwatch.db'}"
        return
    admin_url = request.config.getoption("--postgres-url")
    name = f"sendwatch_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    base, _, _ = admin_url.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"),
                {"n": name},
            )
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


@pytest.fixture(scope="session")
def _migrated(database_url: str) -> Iterator[Store]:
    store = Store(database_url)
    yield store
    store.close()


@pytest.fixture
def store(_migrated: Store) -> Iterator[Store]:
    """The store, migrated by the real migrations, emptied before each test."""
    with _migrated.engine.begin() as conn:
        for table in reversed(schema.Base.metadata.sorted_tables):
            conn.execute(table.delete())
    yield _migrated
