"""Running the site: one process, or several sharing one listening socket.

With ``workers`` above 1 the socket is bound here, given TCP_NODELAY (accepted connections
inherit it on Linux, so a small response is not held back waiting for a delayed ACK), and
shared by uvicorn's worker processes; each worker opens its own store and builds its own
cache. See docs/deploy.md.
"""

from __future__ import annotations

import os
import socket
import sys

import uvicorn
from fastapi import FastAPI

from sendwatch.db import Store
from sendwatch.web.app import create_app

#: How the parent tells each worker process what to serve.
_DB = "SENDWATCH_SERVE_DATABASE_URL"
_BASE = "SENDWATCH_SERVE_BASE_URL"


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
    common = {
        "host": host,
        "port": port,
        "log_level": "warning",
        "server_header": False,  # no "server: uvicorn" naming the software
        "proxy_headers": False,
        "timeout_keep_alive": 15,
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
