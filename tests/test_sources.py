"""Files into text: HTML blocks and bullets, encodings, and what a text file keeps."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sendwatch.sources import SourceError, html_text, load_bytes
from sendwatch.textclean import normalise_text


def test_html_keeps_blocks_and_bullets_and_drops_furniture() -> None:
    text = html_text(
        "<html><head><title>T</title><script>var x = 1;</script></head><body>"
        "<nav>Home | News</nav><main><h1>SEND update</h1><div>10 May 2018</div>"
        "<div>Intro<br>second line with <a href='#'>a link</a> inside.</div>"
        "<ul><li><p>first point</p></li><li>second <b>bold</b> point</li></ul>"
        "<table><tr><td>Body</td><td>Action</td></tr></table></main>"
        "<footer>Cookies</footer></body></html>"
    )
    assert text.splitlines()[0] == "SEND update"
    assert "\n10 May 2018\n" in text
    assert "Intro\nsecond line with a link inside." in text
    assert "- first point" in text and "- second bold point" in text
    assert "Body\tAction" in text
    for furniture in ("var x", "Home | News", "Cookies"):
        assert furniture not in text


def test_escaped_markup_in_html_stays_text() -> None:
    assert "<script>alert(1)</script>" in html_text(
        "<p>They wrote &lt;script&gt;alert(1)&lt;/script&gt; here.</p>"
    )


def test_windows_1252_text_is_read_and_a_bom_is_dropped() -> None:
    doc = load_bytes(Path("a.txt"), "Caf\u00e9 \u2018quoted\u2019".encode("cp1252"))
    assert doc.text == "Caf\u00e9 \u2018quoted\u2019\n"
    doc = load_bytes(Path("b.txt"), b"\xef\xbb\xbfHello")
    assert doc.text == "Hello\n"


def test_binary_data_with_a_text_name_is_refused() -> None:
    with pytest.raises(SourceError, match="binary"):
        load_bytes(Path("c.txt"), b"\x00\x01\x02\xff\xfe" * 20)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1))
def test_normalising_text_is_idempotent(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert "\r" not in once


@given(st.lists(st.text(alphabet="abcdefgh ", min_size=1, max_size=20), min_size=1, max_size=5))
def test_every_list_item_survives_html(items: list[str]) -> None:
    html = "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"
    text = html_text(html)
    for item in items:
        if item.split():
            assert "- " + " ".join(item.split()) in text
