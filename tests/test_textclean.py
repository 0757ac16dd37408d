"""Cleaning PDF text: running headers, page numbers, hyphen marks, bullets."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from sendwatch.textclean import bullet_mark, clean_pdf_pages, normalise_text

HEADER = "Area SEND inspection report: Northshire Local Area Partnership, 3 to 7 June 2024 {n}"


def pages_with_header(bodies: list[str]) -> list[str]:
    """Pages as pdfium gives them: CRLF line ends, a running header from page 2 on."""
    out = []
    for n, body in enumerate(bodies, start=1):
        lines = body.split("\n")
        if n > 1:
            lines = [HEADER.format(n=n), *lines]
        out.append("\r\n".join(lines))
    return out


def test_running_header_is_removed_and_a_bullet_rejoins_across_the_page_break():
    pages = pages_with_header(
        [
            "Area SEND inspection of Northshire Local Area Partnership\nIntro line.",
            "◼ Leaders plan services together and the\nwork continues",
            "on the next page without a break.\nAnother line.",
            "Last page text.",
        ]
    )
    text = clean_pdf_pages(pages)
    assert "inspection report:" not in text
    assert "together and the\nwork continues\non the next page" in text


def test_a_header_that_wraps_onto_a_second_line_is_removed():
    bodies = [f"{w} is the text of this page." for w in ("One", "Two", "Three", "Four", "Five")]
    pages = [
        body
        if n == 0
        else f"Inspection report: Northshire Local Area Partnership\r\n3 to 7 June 2024 {n + 1}\r\n"
        + body
        for n, body in enumerate(bodies)
    ]
    text = clean_pdf_pages(pages)
    assert "Local Area Partnership" not in text
    assert "June 2024" not in text
    for body in bodies:
        assert body in text


def test_bare_page_numbers_at_the_foot_are_removed_but_numbers_in_text_stay():
    words = ("Alpha", "Beta", "Gamma", "Delta", "Epsilon")
    pages = [f"{w} says 12 children waited.\n{n}" for n, w in enumerate(words, start=1)]
    text = clean_pdf_pages(pages)
    assert not re.search(r"^\d+$", text, re.M)
    assert text.count("12 children waited") == 5


def test_a_repeated_line_inside_a_page_is_kept():
    words = ("Alpha", "Beta", "Gamma", "Delta", "Epsilon")
    pages = [f"{w} begins.\nAreas for improvement\n{w} goes on.\n{w} ends." for w in words]
    text = clean_pdf_pages(pages)
    assert text.count("Areas for improvement") == 5


def test_pdfium_hyphen_mark_is_a_hyphen_and_soft_hyphens_vanish():
    assert normalise_text("multi\x02agency co\u00adoperation") == "multi-agency cooperation\n"


def test_odd_spaces_and_line_ends_are_unified():
    assert normalise_text("a\u202fb\u00a0c \r\nd\re  \n") == "a b c\nd\ne\n"


def test_bullet_marks_are_recognised():
    assert bullet_mark("◼ Leaders work") == "◼"
    assert bullet_mark("▪ community paediatrics;") == "▪"
    assert bullet_mark("• alternative provision") == "•"
    assert bullet_mark("− reducing waiting times") == "−"
    assert bullet_mark("- dashed item") == "-"
    assert bullet_mark("1. numbered item") == "1."
    assert bullet_mark("(a) lettered item") == "(a)"
    assert bullet_mark("◼") == "◼"
    assert bullet_mark("16 to 18 years old") is None
    assert bullet_mark("Leaders work") is None
    assert bullet_mark("multi-agency") is None


# Property tests ---------------------------------------------------------------------

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEF", min_size=1, max_size=8)
LINE = st.lists(WORD, min_size=1, max_size=8).map(" ".join)
PAGE = st.lists(LINE, min_size=1, max_size=12).map("\n".join)
ODD = st.text(alphabet="ab \u00ad\u200b\x02\r\n\t\u00a0\u202f", max_size=40)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200) | ODD)
def test_normalising_is_idempotent(text):
    once = normalise_text(text)
    assert normalise_text(once) == once


@settings(max_examples=60, deadline=None)
@given(st.lists(PAGE, min_size=1, max_size=6))
def test_cleaning_is_idempotent(bodies):
    text = clean_pdf_pages(pages_with_header(bodies))
    assert clean_pdf_pages([text]) == text


@settings(max_examples=60, deadline=None)
@given(st.lists(PAGE, min_size=3, max_size=6))
def test_cleaning_keeps_every_word_but_the_headers(bodies):
    # Each line gets a word of its own, so that no line of the text is by chance the same
    # on every page (such a line is, by design, taken for a running header).
    bodies = [
        "\n".join(f"{_tag(n, i)} {line}" for i, line in enumerate(body.split("\n")))
        for n, body in enumerate(bodies)
    ]
    text = clean_pdf_pages(pages_with_header(bodies))
    assert "inspection report:" not in text
    body_words = [w for body in bodies for w in body.split()]
    assert text.split() == body_words


def _tag(page: int, line: int) -> str:
    """A word naming a line, without digits (numbers are blanked when lines compare)."""
    letters = "qrstuvwxyz"
    return "tag" + "".join(letters[int(d)] for d in f"{page:02d}{line:02d}")


def test_a_wrapped_number_at_a_page_edge_is_not_taken_for_a_page_number() -> None:
    pages = [
        "Title page\nOpening words of the report.\n1",
        "The partnership supports young people aged\n2",
        "25\nand over when they move to adult services.\n3",
        "Closing words.\n4",
    ]
    text = clean_pdf_pages(pages)
    assert "aged\n25\nand over" in text
    for n in ("1", "2", "3", "4"):
        assert f"\n{n}\n" not in f"\n{text}"


def test_page_numbers_that_skip_a_cover_page_are_dropped() -> None:
    pages = ["Cover", "Body one\n1", "Body two\n2", "Body three\n3"]
    assert clean_pdf_pages(pages) == "Cover\nBody one\nBody two\nBody three\n"
