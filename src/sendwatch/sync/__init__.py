"""Keeping the record current from Ofsted's report site.

- :mod:`sendwatch.sync.fetch`: polite HTTP (User-Agent, robots.txt, rate, time-outs,
  retries honouring Retry-After).
- :mod:`sendwatch.sync.pages`: reading the search listing and the provider pages.
- :mod:`sendwatch.sync.run`: one sync, area by area, through the same ingestion as ``ingest``.
- :mod:`sendwatch.sync.record`: each page's state, each file's provenance, and
  :func:`last_checked`, the last successful check of each area.
"""

from __future__ import annotations

from sendwatch.sync.fetch import Fetcher, FetchError
from sendwatch.sync.record import last_checked, sources_of
from sendwatch.sync.run import OFSTED, SyncReport, sync

__all__ = ["OFSTED", "FetchError", "Fetcher", "SyncReport", "last_checked", "sources_of", "sync"]
