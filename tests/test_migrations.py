"""The migrations build the schema the models describe, from empty, and can be undone."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from sendwatch import schema
from sendwatch.db import current_revision, head_revision, include_object, make_engine, migrate


@pytest.fixture
def empty_url(request: pytest.FixtureRequest, tmp_path, database_url: str):
    """A second empty database of the same kind as the run's."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    import uuid

    admin_url = request.config.getoption("--postgres-url")
    name = f"sendwatch_mig_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield admin_url.rpartition("/")[0] + "/" + name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_empty_to_head_matches_the_models(empty_url: str) -> None:
    engine = make_engine(empty_url)
    assert current_revision(engine) is None
    migrate(engine)
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": include_object})
        diff = compare_metadata(context, schema.Base.metadata)
    assert diff == [], f"models and migrations disagree: {diff}"
    engine.dispose()


def test_downgrade_to_base_and_up_again(empty_url: str) -> None:
    engine = make_engine(empty_url)
    migrate(engine)
    from alembic import command

    from sendwatch.db import alembic_config

    cfg = alembic_config(empty_url)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    tables = set(inspect(engine).get_table_names()) - {"alembic_version"}
    assert not (tables & {"areas", "documents", "events", "findings", "evidence"})
    migrate(engine)
    assert {"areas", "documents", "events", "findings", "evidence"} <= set(
        inspect(engine).get_table_names()
    )
    engine.dispose()
