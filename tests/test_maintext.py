"""The main text of a web page (sendwatch.maintext): the article without the site's
furniture, opened by the page's title, byline and date, and by its metadata's date when the
text gives none."""

from __future__ import annotations

from pathlib import Path

from sendwatch.maintext import DATE_LABEL, main_text
from sendwatch.sources import html_text, load_bytes

_ARTICLE = (
    "<article><h1>SEND inspection findings</h1>"
    "<p>Inspectors from Ofsted and the CQC visited Barnsley in March 2024 and found many "
    "strengths in how the local area partnership works with families.</p>"
    "<p>The partnership has welcomed the findings and thanked the parents and carers who "
    "spoke to the inspectors during the week of the visit.</p></article>"
)
_FURNITURE = (
    "<aside><h2>Related stories</h2><p>Councillors agree new bin collection days after a "
    "long meeting about the waste contract on Tuesday evening.</p></aside>"
    "<div class='cookies'><p>We use cookies to make this website work. Accept all cookies "
    "or choose which ones you are happy for us to use today.</p></div>"
)


def _page(head: str = "", body_head: str = "") -> str:
    return (
        f"<html><head><title>SEND inspection | Barnsley Council</title>{head}</head>"
        f"<body><nav><a href='/'>Home</a> &gt; News</nav>{body_head}{_ARTICLE}{_FURNITURE}"
        "<footer>Copyright Barnsley Council</footer></body></html>"
    )


def test_furniture_is_dropped_and_the_article_kept() -> None:
    text = main_text(_page(), html_text)
    assert "many strengths" in text and "thanked the parents" in text
    assert "bin collection" not in text and "cookies" not in text
    assert "Copyright" not in text
    # The <title> as written names who speaks, which the article leaves out.
    assert text.startswith("SEND inspection | Barnsley Council")


def test_the_metadata_date_opens_a_page_whose_text_gives_none() -> None:
    meta = "<meta property='article:published_time' content='2024-05-04T09:00:00+01:00'>"
    text = main_text(_page(head=meta), html_text)
    assert f"{DATE_LABEL} 4 May 2024" in text.split("\n\n", 3)[:3]


def test_a_date_the_page_shows_is_kept_and_none_added() -> None:
    meta = "<meta property='article:published_time' content='2024-05-04'>"
    shown = "<p class='date'>Posted 3 May 2024</p>"
    text = main_text(_page(head=meta, body_head=shown), html_text)
    assert "Posted 3 May 2024" in text
    assert DATE_LABEL not in text


def test_html_files_are_read_through_the_main_text() -> None:
    document = load_bytes(Path("page.html"), _page().encode())
    assert "bin collection" not in document.text
    assert "many strengths" in document.text
