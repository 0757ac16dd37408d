"""Opening the store: an engine for a URL, migrated to the latest schema by Alembic."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from sendwatch import settings

MIGRATIONS = Path(__file__).parent / "migrations"

#: Objects the migrations make outside the models: full-text search (migrations 0002, 0014).
SEARCH_OBJECT_PREFIXES = (
    "findings_fts",
    "ix_findings_text_search",
    "search_vector",
    "ix_findings_search",
)


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """Alembic's filter: leave the search objects out of model comparisons."""
    return not (name or "").startswith(SEARCH_OBJECT_PREFIXES)


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets foreign keys and a folder for its file."""
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

    return engine


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the store's schema to ``revision`` with the real migrations."""
    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


class Store:
    """The store at one URL: an engine, migrated, and sessions on it."""

    def __init__(self, url: str | None = None, *, migrate_schema: bool = True):
        self.url = settings.database_url(url)
        self.engine = make_engine(self.url)
        try:
            if migrate_schema and current_revision(self.engine) != head_revision():
                migrate(self.engine)
        except BaseException:
            self.engine.dispose()
            raise
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def session(self) -> Session:
        return self._sessions()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()
