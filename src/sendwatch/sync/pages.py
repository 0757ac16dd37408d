"""Reading the pages of Ofsted's report site: the search listing of local authorities, and
each authority's provider page with its publications.

A provider page lists each publication as a link to Ofsted's file server whose hidden label
says what it is and when it was published::

    <a class="publication-link" href="https://files.ofsted.gov.uk/v1/file/50215729">...
      <span class="nonvisual">Area SEND full inspection, pdf - 15 July 2024</span></a>

The label sorts the publications into area SEND ones (fetched), other inspections of the
authority (never fetched) and labels not known (fetched and judged by their content: the
wording of monitoring inspections' labels is not known). The cue words are tables here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from sendwatch.register import fold

#: Label words that mark an area SEND publication (folded: lower case, punctuation as spaces).
AREA_SEND_CUES = (
    "area send",
    "local area send",
    "send inspection",
    "send revisit",
    "send monitoring",
    "special educational needs",
)
#: Label words of the authority's other inspections, which sendwatch does not fetch.
OTHER_CUES = (
    "children s services",
    "childrens services",
    "ilacs",
    "focused visit",
    "joint targeted area",
    "jtai",
    "single inspection",
    "safeguarding",
    "looked after children",
    "child protection",
    "fostering",
    "adoption",
    "youth offending",
    "youth justice",
    "secure",
    "children s home",
)

AREA_SEND = "area_send"
OTHER = "other"
UNKNOWN = "unknown"

_LABEL = re.compile(
    r"^(?P<title>.*?)\s*,\s*(?P<format>[A-Za-z]{2,5})\s*[-\u2013\u2014]\s*"
    r"(?P<date>\d{1,2}\s+[A-Za-z]+\s+\d{4})\s*$"
)


@dataclass(frozen=True)
class Publication:
    """One publication listed on a provider page."""

    url: str
    file_id: str
    label: str
    title: str
    published: str | None
    kind: str  # AREA_SEND, OTHER or UNKNOWN


@dataclass(frozen=True)
class ProviderPage:
    """What a provider page lists, and signs that its layout is not the one known."""

    publications: list[Publication]
    #: Links to the file server that are not in the known form (a changed layout).
    stray_file_links: int


def classify(title: str) -> str:
    """AREA_SEND, OTHER or UNKNOWN from a publication's title."""
    words = f" {fold(title)} "
    if any(f" {cue} " in words for cue in AREA_SEND_CUES):
        return AREA_SEND
    if any(f" {cue} " in words for cue in OTHER_CUES):
        return OTHER
    return UNKNOWN


def parse_label(label: str) -> tuple[str, str | None]:
    """'Area SEND full inspection, pdf - 15 July 2024' -> ('Area SEND full inspection',
    '2024-07-15'); a label without a date keeps its words and has no date."""
    label = " ".join(label.split())
    m = _LABEL.match(label)
    if not m:
        return label, None
    try:
        day = datetime.strptime(m["date"], "%d %B %Y").date()
    except ValueError:
        return m["title"], None
    return m["title"], day.isoformat()


def file_id(url: str) -> str:
    """The file server's id of a file: the last part of its path."""
    return urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1] or url


def provider_page(html: str, page_url: str) -> ProviderPage:
    """The publications a provider page lists, in its order (newest first on Ofsted's)."""
    soup = BeautifulSoup(html, "lxml")
    out: list[Publication] = []
    seen: set[str] = set()
    for link in soup.select("a.publication-link[href]"):
        url = urljoin(page_url, str(link["href"]))
        if url in seen:
            continue
        seen.add(url)
        hidden = link.select_one(".nonvisual")
        label = " ".join((hidden or link).get_text(" ").split())
        title, published = parse_label(label)
        out.append(Publication(url, file_id(url), label, title, published, classify(title)))
    stray = sum(
        1
        for a in soup.select("a[href]")
        if "/file/" in str(a["href"]) and urljoin(page_url, str(a["href"])) not in seen
    )
    return ProviderPage(out, stray)


def search_results(html: str, page_url: str) -> list[tuple[str, str]]:
    """(name, provider page URL) of each local authority on a page of the search listing."""
    soup = BeautifulSoup(html, "lxml")
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for link in soup.select("a[href]"):
        href = str(link["href"])
        if "/provider/" not in href:
            continue
        url = urljoin(page_url, href)
        name = " ".join(link.get_text(" ").split())
        if url not in seen and name:
            seen.add(url)
            out.append((name, url))
    return out


#: Results per page of the search listing.
SEARCH_ROWS = 100


def search_url(base: str, start: int) -> str:
    """A page of Ofsted's search for local authorities (level 1 type 3, level 2 type 12)."""
    return (
        f"{base.rstrip('/')}/search?q=&location=&lat=&lon=&radius=&level_1_types=3"
        f"&level_2_types%5B%5D=12&start={start}&rows={SEARCH_ROWS}"
    )


def provider_url(base: str, urn: str) -> str:
    """A local authority's page on the report site."""
    return f"{base.rstrip('/')}/provider/44/{urn}"
