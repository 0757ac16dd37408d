"""Web load benchmark: requests per second and p50/p99 latency at 50 concurrent connections.

Builds a temporary SQLite store with the bundled data (the official record, and the
documents of ../shared/seeds and ../shared/corpus when that folder is present), starts
`sendwatch serve` on a free loopback port in its own process, and drives the overview,
an area page and the area API with an asyncio + httpx load generator. Not a timed test:
the machine is shared, so read the figures as this run's, printed for the record.

Run: ``.venv/bin/python bench/web_load.py [--shared ../shared] [--requests 2000]``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from sendwatch.db import Store
from sendwatch.ingest import ingest
from sendwatch.official import import_official

ROOT = Path(__file__).resolve().parents[1]
TARGETS = ["/", "/areas/stockport", "/api/v1/areas/stockport"]


def build_store(url: str, shared: Path) -> str:
    """Load the national record and ../shared's documents; returns what was loaded."""
    store = Store(url)
    report = import_official(store)
    loaded = f"{report.added} official events"
    folders = [shared / "seeds", shared / "corpus"]
    present = [f for f in folders if f.is_dir()]
    if present:
        result = ingest(store, present, 50 * 1024 * 1024)
        loaded += f", {result.count('stored')} documents from {', '.join(map(str, present))}"
    else:
        loaded += f" (no documents: {shared} is absent)"
    store.close()
    return loaded


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(url: str, port: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "sendwatch.cli", "--db", url, "serve", "--port", str(port)]
    if not (ROOT / "src" / "sendwatch" / "cli" / "__main__.py").exists():
        command = [
            sys.executable,
            "-c",
            "from sendwatch.cli import main; main()",
            "--db",
            url,
            "serve",
            "--port",
            str(port),
        ]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/v1/national", timeout=5)
            return server
        except httpx.TransportError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError(f"the server did not start: {server.stderr.read().decode()[-2000:]}")


async def load(base: str, path: str, total: int, concurrency: int, seconds: float) -> dict:
    """``total`` requests (or ``seconds``, whichever ends first) over ``concurrency`` streams."""
    latencies: list[float] = []
    errors = 0
    issued = 0
    stop_at = time.monotonic() + seconds

    async def worker() -> None:
        nonlocal issued, errors
        # One client (one keep-alive connection) per stream: a single shared httpx pool
        # serialises 50 streams on its own bookkeeping and measures itself, not the server.
        limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
            await client.get("/static/app.css")  # open the connection before timing
            while issued < total and time.monotonic() < stop_at:
                issued += 1
                start = time.perf_counter()
                response = await client.get(path)
                await response.aread()
                latencies.append(time.perf_counter() - start)
                if response.status_code != 200:
                    errors += 1

    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return summary(path, latencies, errors, time.perf_counter() - began)


async def load_raw(base: str, path: str, total: int, concurrency: int, seconds: float) -> dict:
    """The same load over bare asyncio streams (HTTP/1.1 keep-alive, no client library).

    A cross-check: on a small machine httpx's own work per request is several times the
    server's, so this line shows what the server does when the client costs next to nothing.
    """
    host, port = base.removeprefix("http://").split(":")
    request = f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
    latencies: list[float] = []
    errors = 0
    issued = 0
    stop_at = time.monotonic() + seconds

    async def worker() -> None:
        nonlocal issued, errors
        reader, writer = await asyncio.open_connection(host, int(port))
        while issued < total and time.monotonic() < stop_at:
            issued += 1
            start = time.perf_counter()
            writer.write(request)
            await writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            length = next(
                int(x.split(":")[1]) for x in lines if x.lower().startswith("content-length")
            )
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - start)
            if lines[0].split(" ")[1] != "200":
                errors += 1
        writer.close()
        await writer.wait_closed()

    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return summary(path, latencies, errors, time.perf_counter() - began)


def summary(path: str, latencies: list[float], errors: int, elapsed: float) -> dict:
    latencies = sorted(latencies)
    return {
        "path": path,
        "requests": len(latencies),
        "errors": errors,
        "rps": len(latencies) / elapsed,
        "p50_ms": 1000 * statistics.median(latencies),
        "p99_ms": 1000 * latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--requests", type=int, default=2000, help="Per page (bounded).")
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0, help="Most time per page.")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        print(f"store: {build_store(url, args.shared)}")
        port = free_port()
        server = start_server(url, port)
        base = f"http://127.0.0.1:{port}"
        try:
            for path in TARGETS:
                httpx.get(base + path, timeout=30).raise_for_status()  # builds the cache
            print(
                f"{args.concurrency} concurrent connections, up to {args.requests} requests "
                f"or {args.seconds:.0f} s per page, on {os.cpu_count()} CPUs shared with the "
                "load generator"
            )
            head = ("page", "requests", "errors", "req/s", "p50 ms", "p99 ms")
            for name, generator in (("httpx", load), ("bare asyncio streams", load_raw)):
                print(f"\nload generator: {name}")
                print(f"{head[0]:28} " + " ".join(f"{h:>8}" for h in head[1:]))
                for path in TARGETS:
                    r = asyncio.run(
                        generator(base, path, args.requests, args.concurrency, args.seconds)
                    )
                    print(
                        f"{r['path']:28} {r['requests']:>8} {r['errors']:>8} {r['rps']:>8.0f} "
                        f"{r['p50_ms']:>8.1f} {r['p99_ms']:>8.1f}"
                    )
        finally:
            server.terminate()
            server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
