"""Scale benchmark: ingest at 1, 4 and 16 times the bundled documents; page and API latency
at 1 and 16 times with a document ingested every few seconds; server memory; one worker
against two; the size of /api/v1/areas; `sendwatch --help` start-up. One run, one report.

Stores are built in a temporary folder from variants of ../shared's documents
(bench/variants.py). The server is `sendwatch serve` in its own process on a free loopback
port; load comes from wrk (Debian's `wrk` package) when installed, else from bare asyncio
streams in this process (which cost more CPU than wrk, so they understate the server).
Every load is bounded in time and aimed at 127.0.0.1. Not a timed test: the machine is
shared, so read each figure as this run's; ratios are measured side by side.

Run: ``make bench`` or ``.venv/bin/python bench/web_load.py [--shared ../shared]``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from variants import build_store, originals

ROOT = Path(__file__).resolve().parents[1]
AREA = "stockport"
TARGETS = [f"/areas/{AREA}", f"/api/v1/areas/{AREA}", "/", "/api/v1/areas"]
#: What the load generator sends, as browsers do.
HEADERS = {"Accept-Encoding": "gzip"}

WRITER = """
import sys, time
from pathlib import Path
from sendwatch.db import Store
from sendwatch.ingest import ingest_file
store = Store(sys.argv[1])
every, files = float(sys.argv[2]), sys.argv[3:]
print("ready", flush=True)
for f in files:
    began = time.monotonic()
    status = ingest_file(store, Path(f), 50 * 1024 * 1024).status
    print(status, time.time(), flush=True)
    time.sleep(max(0.0, every - (time.monotonic() - began)))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(url: str, port: int, workers: int = 1) -> subprocess.Popen:
    command = [
        *(sys.executable, "-c", "from sendwatch.cli import main; main()"),
        *("--db", url, "serve", "--port", str(port), "--workers", str(workers)),
    ]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/v1/national", timeout=30)
            return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError(f"the server did not start: {server.stderr.read().decode()[-2000:]}")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def cpu_ticks(pid: int) -> int:
    """CPU time (in clock ticks) used so far by a process and its children (the workers)."""
    total = 0
    children = Path(f"/proc/{pid}/task/{pid}/children")
    pids = [pid, *(int(p) for p in children.read_text().split())] if children.exists() else [pid]
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total


def wait_idle(pid: int, limit: float = 120.0) -> float:
    """Wait until the server has warmed its cache (its CPU use over half a second falls
    under 5 per cent); the seconds waited."""
    began = time.monotonic()
    tick = os.sysconf("SC_CLK_TCK")
    before = cpu_ticks(pid)
    while time.monotonic() - began < limit:
        time.sleep(0.5)
        now = cpu_ticks(pid)
        if (now - before) / tick < 0.025:
            break
        before = now
    return time.monotonic() - began


def rss_mb(pid: int) -> tuple[float, float]:
    """(resident now, peak resident) in MB of a process and its children (the workers)."""
    now = peak = 0.0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for p in pids:
        try:
            status = Path(f"/proc/{p}/status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        now += int(fields.get("VmRSS", "0 kB").split()[0]) / 1024
        peak += int(fields.get("VmHWM", "0 kB").split()[0]) / 1024
    return now, peak


def wrk(base: str, path: str, seconds: float, concurrency: int) -> dict:
    """requests/s and latency percentiles from wrk."""
    out = subprocess.run(
        [
            *("wrk", "-t1", f"-c{concurrency}", f"-d{seconds:.0f}s", "--latency", "--timeout"),
            "10s",
            *(x for k, v in HEADERS.items() for x in ("-H", f"{k}: {v}")),
            base + path,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def ms(label: str) -> float:
        m = re.search(rf"{label}\s+([\d.]+)(us|ms|s)\b", out)
        if not m:
            return float("nan")
        return float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),  # type: ignore[union-attr]
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]
        "p50_ms": ms("50%"),
        "p99_ms": ms("99%"),
        "errors": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


async def streams(base: str, path: str, seconds: float, concurrency: int) -> dict:
    """The same load over bare asyncio streams (HTTP/1.1 keep-alive), when wrk is absent."""
    host, port = base.removeprefix("http://").split(":")
    extra = "".join(f"{k}: {v}\r\n" for k, v in HEADERS.items())
    request = f"GET {path} HTTP/1.1\r\nHost: {host}\r\n{extra}\r\n".encode()
    latencies: list[float] = []
    errors = 0
    stop_at = time.monotonic() + seconds

    async def worker() -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection(host, int(port))
        while time.monotonic() < stop_at:
            start = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            length = next(
                int(x.split(":")[1]) for x in lines if x.lower().startswith("content-length")
            )
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - start)
            errors += lines[0].split(" ")[1] != "200"
        writer.close()

    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    latencies.sort()
    return {
        "requests": len(latencies),
        "rps": len(latencies) / (time.perf_counter() - began),
        "p50_ms": 1000 * statistics.median(latencies),
        "p99_ms": 1000 * latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))],
        "errors": errors,
        "socket_errors": "",
    }


def load(base: str, path: str, seconds: float, concurrency: int) -> dict:
    if shutil.which("wrk"):
        return wrk(base, path, seconds, concurrency)
    return asyncio.run(streams(base, path, seconds, concurrency))


def sized(url: str, headers: dict[str, str]) -> int:
    """Bytes on the wire for a response's body."""
    with httpx.stream("GET", url, headers=headers, timeout=60) as response:
        for _ in response.iter_raw():
            pass
        return response.num_bytes_downloaded


def writer_files(shared: Path, folder: Path, count: int) -> list[Path]:
    """New variants (numbered from 900) of the bundled documents about AREA: each one
    stored touches the very page under load."""
    mine = [p for p in originals(shared) if AREA in p.read_bytes().decode("latin-1").lower()]
    out: list[Path] = []
    k = 900
    while len(out) < count and mine:
        for path in mine:
            target = folder / f"w{k:03d}" / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes() + f"\n%sendwatch-writer {k}\n".encode())
            out.append(target)
        k += 1
    return out[:count]


def cpu_seconds() -> float:
    """CPU used so far by this process and its finished children (wrk)."""
    me, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def compare_workers(
    url: str, times: int, seconds: float, concurrency: int, rounds: int = 5
) -> None:
    """One worker against two on the cached area page, no writes. Both servers run at once
    (an idle one costs no CPU) and their loads alternate, so a spell of noise on the shared
    machine falls on both; the ratio is of the medians over the rounds. The CPU each request
    costs the server and the load generator says what two workers could give at most here,
    where the generator shares the machine's CPUs with them."""
    print(
        f"\none worker against two ({times}x, cached area page, no writes; "
        f"{rounds} alternating rounds of {seconds:.0f} s)"
    )
    servers: dict[int, tuple[subprocess.Popen, str]] = {}
    tick = os.sysconf("SC_CLK_TCK")
    try:
        for workers in (1, 2):
            port = free_port()
            servers[workers] = (start_server(url, port, workers), f"http://127.0.0.1:{port}")
            for _ in range(8 * workers):  # each worker builds its own cache
                httpx.get(servers[workers][1] + TARGETS[0], headers=HEADERS, timeout=60)
        for workers, (server, _) in servers.items():
            print(f"  {workers} worker(s) warm after {wait_idle(server.pid):.1f} s more")
        rps: dict[int, list[float]] = {1: [], 2: []}
        served = {1: 0, 2: 0}
        cost = {1: [0.0, 0.0], 2: [0.0, 0.0]}  # CPU seconds: server, generator
        for _ in range(rounds):
            for workers, (server, base) in servers.items():
                ticks, used = cpu_ticks(server.pid), cpu_seconds()
                result = load(base, TARGETS[0], seconds, concurrency)
                cost[workers][0] += (cpu_ticks(server.pid) - ticks) / tick
                cost[workers][1] += cpu_seconds() - used
                rps[workers].append(result["rps"])
                served[workers] += result["requests"]
        for workers, runs in rps.items():
            each = ", ".join(f"{r:.0f}" for r in runs)
            server_us, generator_us = (1e6 * c / max(served[workers], 1) for c in cost[workers])
            print(
                f"  {workers} worker{'s' if workers > 1 else ''}: req/s {each}; CPU a request: "
                f"server {server_us:.0f} us, load generator {generator_us:.0f} us"
            )
        each = ", ".join(f"{two / one:.2f}" for one, two in zip(rps[1], rps[2], strict=True))
        ratio = statistics.median(rps[2]) / statistics.median(rps[1])
        print(f"  two workers / one: {ratio:.2f} (medians; round by round {each})")
        server_us, generator_us = (c / max(served[1], 1) for c in cost[1])
        cpus = os.cpu_count() or 1
        if cpus <= 2:
            best = cpus * server_us / (server_us + generator_us)
            print(
                f"  the most two workers could give here, with the generator on the same "
                f"{cpus} CPUs: {best:.2f}"
            )
    finally:
        for server, _ in servers.values():
            stop(server)


def row(cells: list[object], widths: list[int]) -> str:
    return " ".join(
        f"{c!s:>{w}}" if i else f"{c!s:<{w}}"
        for i, (c, w) in enumerate(zip(cells, widths, strict=True))
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--seconds", type=float, default=10.0, help="Per load (bounded).")
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--write-every", type=float, default=3.0, help="Seconds between writes.")
    parser.add_argument("--ingest-times", default="1,4,16")
    parser.add_argument("--load-times", default="1,16")
    parser.add_argument("--workers", type=int, default=1, help="Server processes for latency.")
    args = parser.parse_args(argv)
    if not originals(args.shared):
        print(f"no bundled documents under {args.shared}: nothing to measure", file=sys.stderr)
        return 2
    generator = "wrk" if shutil.which("wrk") else "asyncio streams (wrk is not installed)"
    print(
        f"{os.cpu_count()} CPUs shared with the load generator ({generator}); loads of "
        f"{args.seconds:.0f} s at {args.concurrency} connections, Accept-Encoding: gzip\n"
    )
    with tempfile.TemporaryDirectory(prefix="sendwatch-bench-") as tmp:
        folder = Path(tmp)
        stores: dict[int, str] = {}
        print("ingest (official record first, then the documents)")
        per_doc: dict[int, float] = {}
        for times in sorted({int(t) for t in args.ingest_times.split(",")}):
            url = f"sqlite:///{folder / f'{times}x.db'}"
            stored, seconds = build_store(url, args.shared, times, folder / f"{times}x")
            stores[times] = url
            per_doc[times] = 1000 * seconds / max(stored, 1)
            print(
                f"  {times:>2}x: {stored:>4} documents in {seconds:6.1f} s, "
                f"{per_doc[times]:.0f} ms a document"
            )
        if len(per_doc) > 1:
            low, high = min(per_doc), max(per_doc)
            print(f"  ms a document at {high}x / at {low}x: {per_doc[high] / per_doc[low]:.2f}")

        widths = [26, 9, 7, 8, 8, 8]
        for times in sorted({int(t) for t in args.load_times.split(",")}):
            url = stores.get(times) or f"sqlite:///{folder / f'{times}x.db'}"
            if times not in stores:
                build_store(url, args.shared, times, folder / f"{times}x")
            port = free_port()
            base = f"http://127.0.0.1:{port}"
            began = time.perf_counter()
            server = start_server(url, port, args.workers)
            try:
                for path in TARGETS:
                    httpx.get(base + path, headers=HEADERS, timeout=60).raise_for_status()
                ready = time.perf_counter() - began
                size, packed = (
                    sized(base + "/api/v1/areas", {"Accept-Encoding": "identity"}),
                    sized(base + "/api/v1/areas", HEADERS),
                )
                print(
                    f"\n{times}x: server answering in {ready:.1f} s; /api/v1/areas "
                    f"{size / 1024:.0f} KB ({packed / 1024:.0f} KB with gzip)"
                )
                print(
                    f"{args.workers} worker(s); a document about {AREA} stored every "
                    f"{args.write_every:.0f} s; load average {os.getloadavg()[0]:.1f}"
                )
                print(row(["page", "requests", "errors", "req/s", "p50 ms", "p99 ms"], widths))
                files = writer_files(args.shared, folder / f"writes-{times}x", 200)
                # One writer for all the loads, started (and its imports paid) beforehand.
                writer = subprocess.Popen(
                    [sys.executable, "-c", WRITER, url, str(args.write_every), *map(str, files)],
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                    text=True,
                )
                assert writer.stdout is not None
                assert writer.stdout.readline().strip() == "ready"
                windows, results = [], []
                for path in TARGETS:
                    began = time.time()
                    results.append(load(base, path, args.seconds, args.concurrency))
                    windows.append((began, time.time()))
                stop(writer)
                writes = [line.split() for line in writer.stdout.read().splitlines()]
                for path, r, (start, end) in zip(TARGETS, results, windows, strict=True):
                    stored = sum(
                        1 for w in writes if w[0] == "stored" and start <= float(w[1]) <= end
                    )
                    cells = [path, r["requests"], r["errors"], f"{r['rps']:.0f}"]
                    cells += [f"{r['p50_ms']:.1f}", f"{r['p99_ms']:.1f}"]
                    print(row(cells, widths) + f"  ({stored} documents stored during it)")
                now, peak = rss_mb(server.pid)
                print(f"server memory: {now:.0f} MB resident, {peak:.0f} MB at most")
            finally:
                stop(server)

        largest = max(stores)
        compare_workers(stores[largest], largest, args.seconds, args.concurrency)

    runs, cpu = [], []
    for _ in range(7):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        began = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", "from sendwatch.cli import main; main()", "--help"],
            stdout=subprocess.DEVNULL,
            check=False,
        )
        runs.append(time.perf_counter() - began)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    print(
        f"\n`sendwatch --help`: {statistics.median(runs):.3f} s wall, "
        f"{statistics.median(cpu):.3f} s CPU (medians of 7; load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
