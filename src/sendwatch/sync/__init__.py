"""Keeping the record current from Ofsted's report site.

- :mod:`sendwatch.sync.fetch`: polite HTTP (User-Agent, robots.txt, rate, time-outs,
  retries honouring Retry-After).
- :mod:`sendwatch.sync.pages`: reading the search listing and the provider pages.
- :mod:`sendwatch.sync.run`: one sync, area by area, through the same ingestion as ``ingest``.
- :mod:`sendwatch.sync.record`: each page's state, each file's provenance, and
  :func:`last_checked`, the last successful check of each area.
"""

from __future__ import annotations

from typing import Any

from sendwatch.sync.record import last_checked, sources_of

__all__ = ["OFSTED", "FetchError", "Fetcher", "SyncReport", "last_checked", "sources_of", "sync"]


def __getattr__(name: str) -> Any:
    """The fetcher and the sync itself, imported when first used: the site and the other
    commands read ``last_checked`` without loading an HTTP client and the readers."""
    if name in ("Fetcher", "FetchError"):
        from sendwatch.sync import fetch

        return getattr(fetch, name)
    if name in ("OFSTED", "SyncReport", "sync"):
        from sendwatch.sync import run

        return getattr(run, name)
    raise AttributeError(name)
