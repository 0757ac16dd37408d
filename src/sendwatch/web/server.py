"""Running the site: one process, or several sharing one listening socket.

The socket is bound here and given TCP_NODELAY (accepted connections inherit it on Linux,
so a small response is not held back waiting for a delayed ACK); with ``workers`` above 1
it is shared by uvicorn's worker processes, each of which opens its own store and builds
its own cache. Each connection's writes in one turn of the event loop leave as one write
(:class:`OneWrite`), so a response is one packet, not a packet of headers and another of
body. See docs/deploy.md.
"""

from __future__ import annotations

import asyncio
import os
import socket
import sys
from typing import Any

import uvicorn
from fastapi import FastAPI
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from sendwatch.db import Store
from sendwatch.web.app import create_app

#: How the parent tells each worker process what to serve.
_DB = "SENDWATCH_SERVE_DATABASE_URL"
_BASE = "SENDWATCH_SERVE_BASE_URL"


class OneWrite:
    """A connection's transport that gathers what is written in one turn of the event loop
    and sends it at the end of the turn, in one write.

    uvicorn writes a response's status line and headers, then its body: two sends, and with
    TCP_NODELAY two packets, each waking the client (or the reverse proxy) to read. Gathered,
    a cached page is one send and one packet: wrk's CPU per request fell by about a third in
    bench/web_load.py, and the server's a little. Everything else is the transport's own.
    """

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop):
        self._transport = transport
        self._loop = loop
        self._pending: list[bytes] = []

    def write(self, data: bytes) -> None:
        if not data:
            return
        if not self._pending:
            self._loop.call_soon(self.flush)
        self._pending.append(bytes(data))

    def flush(self) -> None:
        if not self._pending:
            return
        data = b"".join(self._pending)
        self._pending.clear()
        if not self._transport.is_closing():
            self._transport.write(data)

    def get_write_buffer_size(self) -> int:
        return self._transport.get_write_buffer_size() + sum(map(len, self._pending))

    def close(self) -> None:
        self.flush()  # what was written goes before the connection ends
        self._transport.close()

    def abort(self) -> None:
        self._pending.clear()
        self._transport.abort()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class HttpProtocol(HttpToolsProtocol):
    """uvicorn's HTTP/1.1 protocol (httptools) on a :class:`OneWrite` transport."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        gathered = OneWrite(transport, asyncio.get_running_loop())
        super().connection_made(gathered)  # type: ignore[arg-type]


def worker_app() -> FastAPI:
    """The app in one worker process (uvicorn calls this in each)."""
    sys.setswitchinterval(0.001)
    return create_app(Store(os.environ[_DB], migrate_schema=False), base_url=os.environ[_BASE])


def listening_socket(config: uvicorn.Config) -> socket.socket:
    sock = config.bind_socket()
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def serve(store: Store, host: str, port: int, workers: int, base_url: str) -> None:
    """Serve ``store`` at host:port with ``workers`` processes until interrupted."""
    # The event loop shares the interpreter with the cache's background thread: hand it
    # back every millisecond (not 5) so a rebuild after a write delays requests less.
    sys.setswitchinterval(0.001)
    common: dict[str, Any] = {
        "host": host,
        "port": port,
        "log_level": "warning",
        "server_header": False,  # no "server: uvicorn" naming the software
        "proxy_headers": False,
        "timeout_keep_alive": 15,
        "http": HttpProtocol,
    }
    if workers <= 1:
        config = uvicorn.Config(create_app(store, base_url=base_url), **common)
        uvicorn.Server(config).run(sockets=[listening_socket(config)])
        return
    from uvicorn.supervisors import Multiprocess

    os.environ[_DB] = store.url
    os.environ[_BASE] = base_url
    store.close()  # each worker opens its own
    config = uvicorn.Config(
        "sendwatch.web.server:worker_app", factory=True, workers=workers, **common
    )
    Multiprocess(config, sockets=[listening_socket(config)]).run()
