"""The site's cache: values bounded in bytes, each tagged with what it depends on.

Every cached value names the local areas (or tags such as ``"documents"``) it was built
from. When the store changes, :class:`sendwatch.web.data.Site` works out which areas the
change touched and marks only the values that depend on them *stale*. A stale value is
still served while one request (or the background watcher) builds its successor, so a
write never makes every waiting request pay for a rebuild. See docs/decisions/0008-speed.md.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")

#: Tag of values that depend on the national picture (every area).
NATIONAL = "*national"
#: Tag of values that depend on the list of documents.
DOCUMENTS = "*documents"
#: Tag of values that depend on how current the record is (every status does).
CURRENCY = "*currency"
#: Tag of values that depend on the imported context figures (issue 15).
CONTEXT = "*context"

#: What a value without a known size is taken to cost, in bytes.
DEFAULT_SIZE = 64 * 1024


def size_of(value: Any) -> int:
    """A value's cost in bytes: its length for text and bytes, else an estimate."""
    if isinstance(value, (bytes, str)):
        return len(value) + 100
    measure = getattr(value, "nbytes", None)
    if isinstance(measure, int):
        return measure
    return DEFAULT_SIZE


@dataclass
class Entry:
    value: Any
    #: Areas and tags the value was built from; None: everything (invalidated by any change).
    deps: frozenset[str] | None
    size: int
    stale: bool = False
    #: How to build it again (the background thread rebuilds stale entries with it).
    build: Callable[[], Any] | None = None


class Cache:
    """A least-recently-used map bounded in bytes, whose entries go stale by dependency."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._entries: OrderedDict[Any, Entry] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self._building: dict[Any, threading.Lock] = {}
        #: Moves on every invalidation, so a value built across one is stored stale.
        self.generation = 0

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def bytes(self) -> int:
        return self._bytes

    def get(self, key: Any) -> Entry | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(
        self,
        key: Any,
        value: Any,
        deps: Iterable[str] | None,
        generation: int,
        size: int,
        build: Callable[[], Any] | None = None,
    ) -> None:
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= old.size
            frozen = None if deps is None else frozenset(deps)
            entry = Entry(value, frozen, size, generation != self.generation, build)
            self._entries[key] = entry
            self._bytes += size
            while self._bytes > self.max_bytes and len(self._entries) > 1:
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= dropped.size

    def invalidate(self, changed: set[str] | None) -> None:
        """Mark stale every value depending on ``changed`` (None: every value)."""
        with self._lock:
            self.generation += 1
            for entry in self._entries.values():
                if changed is None or entry.deps is None or entry.deps & changed:
                    entry.stale = True

    def stale(self) -> list[tuple[Any, Entry]]:
        """The stale entries that know how to rebuild themselves, most recently used first."""
        with self._lock:
            return [(k, e) for k, e in reversed(self._entries.items()) if e.stale and e.build]

    def discard(self, key: Any) -> None:
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= old.size

    def clear(self) -> None:
        with self._lock:
            self.generation += 1
            self._entries.clear()
            self._bytes = 0

    def rebuild(self, key: Any, entry: Entry, size: Callable[[Any], int] = size_of) -> bool:
        """Build a stale entry again unless someone else is at it; False if it was busy."""
        lock = self.builder(key)
        if not lock.acquire(blocking=False):
            return False
        try:
            if self.get(key) is not entry or not entry.stale or entry.build is None:
                return True
            generation = self.generation
            value = entry.build()
            self.put(key, value, entry.deps, generation, size(value), entry.build)
            return True
        finally:
            lock.release()
            self.done_building(key)

    def builder(self, key: Any) -> threading.Lock:
        """The lock that lets one thread at a time build ``key``."""
        with self._lock:
            return self._building.setdefault(key, threading.Lock())

    def done_building(self, key: Any) -> None:
        with self._lock:
            self._building.pop(key, None)

    def fetch(
        self,
        key: Any,
        build: Callable[[], T],
        deps: Iterable[str] | None = None,
        *,
        serve_stale: bool = True,
        size: Callable[[T], int] = size_of,
    ) -> T:
        """The value for ``key``, built once; a stale value is served while one thread
        rebuilds it (unless ``serve_stale`` is false, when everyone waits for the new one)."""
        entry = self.get(key)
        if entry is not None and not entry.stale:
            return entry.value
        lock = self.builder(key)
        if entry is not None and serve_stale:
            if not lock.acquire(blocking=False):
                return entry.value  # someone is building its successor
        else:
            lock.acquire()
        try:
            entry = self.get(key)
            if entry is not None and not entry.stale:
                return entry.value
            generation = self.generation
            value = build()
            self.put(key, value, deps, generation, size(value), build)
            return value
        finally:
            lock.release()
            self.done_building(key)
