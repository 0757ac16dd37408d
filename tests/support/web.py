"""The site under test: the national record and one hostile letter in a store, and a client.

The web tests (pages, API, feeds) all start from the same site; each keeps a one-line
``client`` fixture that enters :func:`site`.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from sendwatch.db import Store
from sendwatch.official import import_official
from sendwatch.web.app import create_app
from tests.support.web_documents import store_letter

with warnings.catch_warnings():
    # Starlette's test client warns that it would rather have httpx2; httpx is what we pin.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient

__all__ = ["BASE_URL", "TestClient", "site"]

#: The canonical address the site under test is configured with (feeds link to it).
BASE_URL = "https://sendwatch.example.org"


@contextmanager
def site(store: Store) -> Iterator[tuple[TestClient, int]]:
    """A client of the site on the national record and one hostile inspection letter for
    Barnet, and the letter's document id."""
    import_official(store)
    document_id = store_letter(store)
    with TestClient(create_app(store, check_every=0, base_url=BASE_URL)) as c:
        yield c, document_id
