"""sendwatch's settings: one table of name, default and help, read from the environment.

Each setting ``name`` is read from ``SENDWATCH_<NAME>`` when set. The CLI's global options
override them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str

    @property
    def env(self) -> str:
        return f"SENDWATCH_{self.name.upper()}"


def default_database_url() -> str:
    """An SQLite file in the user's data directory."""
    folder = Path(user_data_dir("sendwatch", appauthor=False))
    return f"sqlite:///{folder / 'sendwatch.db'}"


SETTINGS = (
    Setting(
        "database_url",
        "",
        "Where the store is: an SQLAlchemy URL (sqlite:///file.db, "
        "postgresql+psycopg://user@host/db) or a file path. "
        "Default: sendwatch.db in the user's data directory.",
    ),
    Setting(
        "report_address",
        "problems@sendwatch.org",
        "Where the site's 'report a problem with this page' link goes: an email address, "
        "or an https:// address of a form (the page's path is added as ?page=).",
    ),
    Setting(
        "max_bytes",
        str(50 * 1024 * 1024),
        "The largest file `ingest` and `extract` will read, in bytes.",
    ),
    Setting(
        "sync_base_url",
        "https://reports.ofsted.gov.uk",
        "The report site `sync` reads (another site with the same layout: a mirror, tests).",
    ),
    Setting(
        "sync_delay",
        "1.0",
        "The least time between two requests `sync` makes, in seconds.",
    ),
    Setting(
        "sync_timeout",
        "30",
        "How long `sync` waits for an answer before trying again, in seconds.",
    ),
    Setting(
        "base_url",
        "http://127.0.0.1:8000",
        "The site's public address (scheme, host, any path prefix): links in feeds use it, "
        "never the Host header a request sends. `serve` defaults it to its own address.",
    ),
    Setting(
        "cache_bytes",
        str(64 * 1024 * 1024),
        "The most memory, in bytes, the site spends on cached pages and data.",
    ),
    Setting(
        "time_limit",
        "600",
        "The most seconds one document may take to load and read; 0 for no limit.",
    ),
)


def get(name: str) -> str:
    """The value of a setting: its environment variable, else its default."""
    for s in SETTINGS:
        if s.name == name:
            value = os.environ.get(s.env, "")
            if name == "database_url":
                return value or default_database_url()
            return value or s.default
    raise KeyError(name)


def database_url(value: str | None = None) -> str:
    """A URL from a URL or a plain file path (``--db sendwatch.db``)."""
    value = value or get("database_url")
    if "://" in value:
        if value.startswith("postgresql://"):
            return "postgresql+psycopg://" + value.removeprefix("postgresql://")
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def max_bytes() -> int:
    return int(get("max_bytes"))


def time_limit() -> float | None:
    """Seconds one document may take to load and read, or None for no limit."""
    value = float(get("time_limit"))
    return value if value > 0 else None


def cache_bytes() -> int:
    return int(get("cache_bytes"))
