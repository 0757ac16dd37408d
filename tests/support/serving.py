"""`sendwatch serve` in its own process on a free loopback port, for the tests that need
the real server (its worker processes, its memory)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from sendwatch.db import Store


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def served(store: Store, *options: str) -> Iterator[tuple[subprocess.Popen, str]]:
    """(the server's process, its base URL) once it answers; stopped on leaving."""
    port = free_port()
    server = subprocess.Popen(
        [
            *(sys.executable, "-c", "from sendwatch.cli import main; main()", "--db", store.url),
            *("serve", "--port", str(port), *options),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert server.stderr is not None
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                httpx.get(base + "/api/v1/national", timeout=30)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stderr.read().decode()[-2000:]
                assert time.monotonic() < deadline, "the server did not start in 90 s"
                time.sleep(0.1)
        yield server, base
    finally:
        server.terminate()
        server.wait(timeout=30)
        server.stderr.close()
