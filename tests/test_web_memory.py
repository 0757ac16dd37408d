"""The served site's memory does not grow with what clients send: 1,000 requests with
distinct Host headers grow the server by less than 20 MB (issue 10). The real server
(`sendwatch serve`) in its own process, on a loopback port."""

from __future__ import annotations

from pathlib import Path

import httpx

from sendwatch.official import import_official
from tests.support.serving import served
from tests.support.web_documents import store_letter

PAGES = ["/", "/areas/barnet", "/feeds/national.atom", "/feeds/areas/barnet.atom", "/documents"]
PAGES += ["/api/v1/areas", "/api/v1/areas/barnet", "/methodology"]


def resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def test_distinct_host_headers_do_not_grow_the_server(store) -> None:
    import_official(store)
    store_letter(store)
    with served(store, "--base-url", "https://x.example") as (server, base):
        with httpx.Client(base_url=base, timeout=30) as client:
            for _ in range(3):  # every page built and answered before measuring
                for path in PAGES:
                    response = client.get(path)
                    assert response.status_code == 200
                    assert "server" not in response.headers
            before = resident_mb(server.pid)
            for i in range(1000):
                path = PAGES[i % len(PAGES)]
                response = client.get(path, headers={"Host": f"host-{i}.example"})
                assert response.status_code == 200
                assert f"host-{i}" not in response.text
            grown = resident_mb(server.pid) - before
        print(f"the server grew by {grown:.1f} MB over 1,000 distinct Host headers")
        assert grown < 20, f"the server grew by {grown:.1f} MB"
