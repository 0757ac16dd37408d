"""What the tests of each framework's rules share: the list of its rules and the check that
each one cites its source and is in docs/rules.md."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

from sendwatch.rules import rule_name

RULES_DOC = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def public_rules(module: ModuleType) -> list[Callable[..., Any]]:
    """The public functions a framework module defines (not those it imports)."""
    return [
        fn
        for name, fn in inspect.getmembers(module, inspect.isfunction)
        if fn.__module__ == module.__name__ and not name.startswith("_")
    ]


def assert_cited_and_documented(rule: Callable[..., Any]) -> None:
    """The rule has a docstring, cites a URL as its source and is named in docs/rules.md."""
    assert rule.__doc__, f"{rule.__name__} has no docstring"
    assert str(getattr(rule, "source", "")).startswith("http"), f"{rule.__name__} cites no URL"
    assert rule_name(rule) in RULES_DOC.read_text(encoding="utf-8")


#: Where the primary sources live: gov.uk (Ofsted, CQC and DfE publications),
#: legislation.gov.uk and Ofsted's own file store for its letters and reports.
PRIMARY_HOSTS = {
    "gov.uk",
    "www.gov.uk",
    "assets.publishing.service.gov.uk",
    "files.ofsted.gov.uk",
    "legislation.gov.uk",
    "www.legislation.gov.uk",
}


def assert_primary_unless_marked(rule: Callable[..., Any]) -> None:
    """The rule's first source is a primary one, unless it says none could be read."""
    host = urlsplit(getattr(rule, "source", "")).hostname
    assert (host in PRIMARY_HOSTS) is getattr(rule, "primary", True), (
        rule.__name__,
        getattr(rule, "source", ""),
    )
