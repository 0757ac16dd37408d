"""Running the site (sendwatch.web.server): a response leaves in one write, and
`sendwatch serve --workers 2` runs two worker processes that answer whole responses, 304s
and HEADs over the shared socket (issue 14)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx

from sendwatch.official import import_official
from sendwatch.web.server import OneWrite
from tests.support.serving import served


class Recorded:
    """A transport that records what it is asked to send."""

    def __init__(self) -> None:
        self.sent: list[bytes] = []
        self.closed = self.aborted = False

    def write(self, data: bytes) -> None:
        assert not self.closed, "written after close"
        self.sent.append(data)

    def is_closing(self) -> bool:
        return self.closed or self.aborted

    def close(self) -> None:
        self.closed = True

    def abort(self) -> None:
        self.aborted = True

    def get_write_buffer_size(self) -> int:
        return 0

    def get_extra_info(self, name: str) -> str:
        return f"extra {name}"


def turn(writes: list[bytes], then: str | None = None) -> Recorded:
    """Write ``writes`` in one turn of an event loop (then close or abort), and let the loop
    run one more turn."""
    recorded = Recorded()

    async def run() -> None:
        gathered = OneWrite(recorded, asyncio.get_running_loop())
        for data in writes:
            gathered.write(data)
        assert recorded.sent == [], "sent before the turn ended"
        assert gathered.get_write_buffer_size() == sum(map(len, writes))
        assert gathered.get_extra_info("peername") == "extra peername"
        if then == "close":
            gathered.close()
        elif then == "abort":
            gathered.abort()
        await asyncio.sleep(0)
        await asyncio.sleep(0)

    asyncio.run(run())
    return recorded


def test_headers_and_body_written_in_one_turn_leave_in_one_write() -> None:
    head, body = b"HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\n", b"hello"
    assert turn([head, body, b""]).sent == [head + body]


def test_what_was_written_leaves_before_the_connection_closes() -> None:
    recorded = turn([b"HTTP/1.1 200 OK\r\n\r\n", b"bye"], then="close")
    assert recorded.sent == [b"HTTP/1.1 200 OK\r\n\r\nbye"]
    assert recorded.closed


def test_an_aborted_connection_sends_nothing_more() -> None:
    recorded = turn([b"HTTP/1.1 200 OK\r\n\r\n"], then="abort")
    assert recorded.sent == [] and recorded.aborted


def test_each_turn_is_its_own_write() -> None:
    recorded = Recorded()

    async def run() -> None:
        gathered = OneWrite(recorded, asyncio.get_running_loop())
        gathered.write(b"one")
        await asyncio.sleep(0)
        gathered.write(b"two")
        gathered.write(b"three")
        await asyncio.sleep(0)

    asyncio.run(run())
    assert recorded.sent == [b"one", b"twothree"]


def worker_pids(pid: int) -> list[int]:
    """The uvicorn worker processes under the supervisor (children that are not uvicorn's
    resource tracker)."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [
        int(c)
        for c in children
        if b"resource_tracker" not in Path(f"/proc/{c}/cmdline").read_bytes()
    ]


def test_two_workers_answer_whole_responses(store) -> None:
    import_official(store)
    with served(store, "--workers", "2") as (server, base):
        assert len(worker_pids(server.pid)) == 2
        for round_ in range(3):  # new connections each time, landing on either worker
            with httpx.Client(base_url=base, timeout=30) as client:
                whole = client.get("/api/v1/areas", headers={"Accept-Encoding": "identity"})
                assert whole.status_code == 200
                assert len(whole.content) == int(whole.headers["content-length"]) > 50_000
                assert len(whole.json()["areas"]) == 153
                page = client.get("/areas/stockport", headers={"Accept-Encoding": "gzip"})
                assert page.status_code == 200 and page.headers["content-encoding"] == "gzip"
                assert "Stockport" in page.text
                again = client.get(
                    "/areas/stockport", headers={"If-None-Match": page.headers["etag"]}
                )
                assert again.status_code == 304 and again.content == b"", round_
                head = client.head("/areas/stockport")
                assert head.status_code == 200 and head.content == b""
                got = client.get("/areas/stockport")
                for name in ("content-length", "content-encoding", "etag"):
                    assert head.headers[name] == got.headers[name], name
