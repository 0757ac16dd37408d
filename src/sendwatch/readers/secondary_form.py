"""Telling a council's press release, a news article and a council's standing page apart.

All three speak of the same inspections; their form differs. A news site carries its
furniture ("READ MORE", "Related Stories") and quotes people in the third person
("said Coun Smith"). A press release speaks as the council ("our", "we", "published
today") under a dateline. A standing page is organised under question headings ("What
progress has been made?", "What is next?") and page furniture ("Back to top").
"""

from __future__ import annotations

import re

from sendwatch.dates import DAY_RX, month_number, parse_date
from sendwatch.readers.secondary_areas import PAPER_TITLE

_NEWS = [
    (re.compile(r"\bREAD (?:MORE|NEXT)\b|\bRead more of\b"), 1.5),
    (re.compile(r"\bRelated (?:Stories|Articles|Topics)\b|\bTop stories\b|\bMost read\b"), 1.0),
    (re.compile(r"\(Copyright[^)]*\)|\bImage:|\bPhoto(?:graph)?:|\bPicture:"), 1.0),
    (
        re.compile(
            r"\bsaid Coun(?:cillor)?\b|[,”\"’]\s*(?:he|she) said\b|\bsaid (?:a|the) "
            r"(?:council |local authority )?spokes(?:person|man|woman)\b"
        ),
        1.5,
    ),
    (re.compile(r"\bCoun\.? [A-Z][a-z]+"), 0.5),
    # A quotation introduced on its own line by a pronoun: a reporter's, not the speaker's.
    (re.compile(r"^(?:He|She|They) (?:said|added|told [^\n:]{2,30}):", re.M), 1.5),
    # The council spoken of in the third person: "Haringey Council has confirmed", "a
    # county council spokesman said".
    (
        re.compile(
            r"\b[A-Z]\w+ (?:County |City |Borough )?Council (?:has |had )?"
            r"(?:confirmed|said|says)\b|"
            r"\b(?:A|The) (?:county |city |borough |district )?council spokes(?:person|man|woman) "
            r"said\b|\b(?:A|The) spokes(?:person|man|woman) for (?:the )?[\w ]{2,40}? said\b"
        ),
        1.5,
    ),
    (re.compile(r"\bLocal Democracy Report(?:ing Service|er)\b"), 1.0),
    (
        re.compile(
            r"\bwatchdogs?\b|\bbosses\b|\bdamning\b|\bslammed\b|\bcriticised\b|\bscathing\b|"
            r"\bapolog(?:y|ised|ise)\b|\bthreatening\b"
        ),
        0.5,
    ),
    (
        re.compile(
            r"\bLocal Democracy Report(?:ing Service|er)\b|\bSign up to read\b|\bSubscribe\b|"
            r"\bsign up to (?:our|the) (?:free )?(?:email )?newsletter\b|"
            r"^(?:Most Read|Comments|Sponsored content|Advertisement|More on this story)\s*$",
            re.M | re.I,
        ),
        1.0,
    ),
    # A paper's "Read more: <another story>" between paragraphs.
    (re.compile(r"^Read more:", re.M | re.I), 1.5),
    # A byline on its own line (with the reporter's role), and the paper's share buttons.
    (
        re.compile(
            r"^By [A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,3}(?:(?:,|\s[·|•–—-])[^\n]{3,40})?\s*$", re.M
        ),
        1.5,
    ),
    # A byline labelled with the reporter's beat: "Education reporter: Gemma Hollins".
    (
        re.compile(
            r"^(?:[A-Z]\w+ )?(?:[Rr]eporter|[Cc]orrespondent|[Ee]ditor)[ \t]*:[ \t]*"
            r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,2}[ \t]*$",
            re.M,
        ),
        1.5,
    ),
    # A byline naming the reporter's beat: "Ruth Calloway, Education Correspondent".
    (
        re.compile(
            r"^[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,2},[ \t]+(?:[A-Z]\w+[ \t]+){0,3}"
            r"(?:Correspondent|Reporter|Editor|Journalist)[ \t]*$",
            re.M,
        ),
        1.5,
    ),
    # A paper's "Read more" box and a station's "Listen live" are a newsroom's furniture.
    (re.compile(r"^(?:Read more|Listen (?:live|again)|Recent posts)\s*$", re.M | re.I), 1.0),
    # A blog's furniture: its author line, tags and comment box.
    (
        re.compile(
            r"^Posted (?:on )?[^\n]{6,30} by [^\n]+$|^by [A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3}$|"
            r"^Tags?:|\bLeave a (?:Reply|comment)\b",
            re.M | re.I,
        ),
        1.5,
    ),
    (re.compile(r"^Share (?:this article|on Facebook|on X|on Twitter)\b", re.M | re.I), 1.0),
]
_PRESS = [
    (re.compile(r"\b(?:published|announced|released|revealed) today\b|\btoday published\b"), 2.0),
    (
        re.compile(
            r"\bNotes to editors\b|\bMedia enquiries\b|\bPress release\b|\bpress office\b", re.I
        ),
        2.0,
    ),
    (re.compile(r"\b(?:Councillor|Cllr)\b[^.“\"]{0,160}?(?:said|commented|added):"), 1.0),
    # A council's newsroom in the page's breadcrumbs: "Home / Council news / 2022".
    (
        re.compile(
            r"^(?:You are here:\s*)?Home\s*(?:>|/|›|»)[^\n]*\b(?:news|press)\b", re.M | re.I
        ),
        1.0,
    ),
]
# Forms of their own, none of them news, a release or a standing page: a letter or a
# bulletin to named readers ("Dear Parents/Carers"), a question answered in Parliament.
_OTHER = [
    # (to readers named by name, or as "colleagues", "families", "all")
    (
        re.compile(
            r"^[ \t]*Dear\s+(?:[A-Z]|(?:colleagues|families|parents|carers|all|members|friends)"
            r"\b)[^\n]{0,60}$",
            re.M,
        ),
        1.0,
    ),
    # an MP's own newsletter, signed or headed with the member's name
    (
        re.compile(
            r"^[ \t]*(?:From\s+(?:the\s+office\s+of\s+)?)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3}"
            r"\s+MP\b(?:,?\s+(?:Member of Parliament|MP) for\s+[A-Z][^\n]{2,60})?\s*$",
            re.M,
        ),
        1.0,
    ),
    # an answer to a request under the Freedom of Information Act
    (
        re.compile(
            r"^[ \t]*(?:Freedom of Information(?: Act 2000)?|FOI)\b[^\n]{0,40}"
            r"\b(?:request|response|reply|decision)\b[^\n]{0,20}$|^[ \t]*Freedom of Information "
            r"Act 2000\s*[-–—:]?\s*(?:Response|Reply|Decision)\b",
            re.M | re.I,
        ),
        1.0,
    ),
    (re.compile(r"^[ \t]*(?:Answered by|Question to the|Asked by)\b|\(asked on\b", re.M), 1.0),
    # a committee's minutes: those present, apologies, numbered items, resolutions (any
    # two of its marks make minutes)
    (re.compile(r"^[ \t]*(?:Minutes of\b|Members present\b)", re.M | re.I), 0.5),
    (re.compile(r"^[ \t]*Present:", re.M | re.I), 0.5),
    (re.compile(r"^[ \t]*(?:\d+[ \t]+)?Apologies\b", re.M | re.I), 0.5),
    (re.compile(r"^[ \t]*(?:\d+[ \t]+)?Declarations? of interests?\b", re.M | re.I), 0.5),
    (re.compile(r"^[ \t]*RESOLVED\b", re.M), 0.5),
    (re.compile(r"^[ \t]*Agenda item\b", re.M | re.I), 0.5),
    # the page of a parent-carer forum or an information, advice and support service,
    # naming itself at its head
    (
        re.compile(
            r"\A\s*(?:[^\n]{0,100}\n+){0,3}?[^\n]{0,80}?(?:\bSENDIASS\b|"
            r"Information,? Advice and Support Service|Parent Carers? Forum|"
            r"Parent Carers? (?:Voice|Together|Working Together|Network))",
            re.I,
        ),
        1.0,
    ),
]
# A release's own news: "responds to", "welcomes", an official's words introduced.
_ANNOUNCED = re.compile(
    r"\b(?:responds|welcomes|(?:has|have) welcomed|(?:has|have) been welcomed)\b|"
    r"\b(?:said|added|commented):\s*$|\blast week\b|\bthis week\b",
    re.I | re.M,
)
_OWN_VOICE = re.compile(r"\b(?:we|our|us)\b", re.I)
_BLOG_LINE = re.compile(r"^Posted (?:on )?[^\n]{6,30} by [^\n]+$", re.M | re.I)
# A site's cookie banner speaks as "we" for the website, not for the council.
_CHROME = re.compile(r"^[^\n]*\b(?:cookies?|privacy)\b[^\n]*$", re.M | re.I)
# The headings and labels of a report to a council's cabinet or a committee.
_REPORT_SECTIONS = re.compile(
    r"^[ \t]*(?:\d+\.?[ \t]+)?(?:Report (?:to|of|author|title|by)|Wards?(?:\(s\))? affected|"
    r"Key decision|Decision type|"
    r"(?:Financial|Legal|Equalit(?:y|ies)|Risk) implications|Background papers|"
    r"Contact officer|Purpose of (?:the )?report|Reasons? for (?:the )?recommendations?|"
    r"Recommendations?|Purpose|Executive (?:summary|lead|sponsor)|Date of (?:the )?meeting|"
    r"Agenda item|Risks?|Appendi(?:x|ces))\b[^\n]{0,80}$",
    re.M | re.I,
)
# A quotation's "we" is its speaker's: a paper quoting a councillor is not the council.
_QUOTATION = re.compile(r"“[^”]*”|\"[^\"\n]*\"")
_PAGE = [
    (re.compile(r"^[^\n.]{3,80}\?$", re.M), 1.0),
    (
        re.compile(
            r"^(?:What (?:is|happens) next|Next steps|What we are doing|What we have done|"
            r"Keep in touch|Where to get support|Related (?:pages|links|documents)|"
            r"Contact us|Save to Shortlist|Skip (?:back )?to top|Back to top|Print this page|"
            r"Share this page|Was this page helpful|Last updated)\b",
            re.M | re.I,
        ),
        1.0,
    ),
    (re.compile(r"\bliving document\b|\bcheck regularly for updates\b", re.I), 1.0),
    # Breadcrumbs ("Home > Local offer > Inspections") and a page's own account of itself.
    (
        re.compile(
            r"^(?:You are here:\s*)?Home\s*(?:>|/|›|»)(?![^\n]*\b(?:news|press)\b)", re.M | re.I
        ),
        1.0,
    ),
    # A standing page says when it was last changed, as a release or a report does not.
    (re.compile(r"^[ \t]*(?:(?:This )?page )?last (?:updated|reviewed)\b", re.M | re.I), 1.0),
    (
        re.compile(
            r"\bThis page (?:explains|sets out|tells you|gives|has)\b|\bon this page\b", re.I
        ),
        1.0,
    ),
    # The sections of a standing page on the inspection and what followed.
    (
        re.compile(
            r"^(?:Our (?:inspection|improvement journey|progress)|(?:Our )?Written statement of "
            r"action|(?:Our )?Accelerated progress plan|(?:Our )?Priority action plan|"
            r"(?:Monitoring|Area SEND|Joint local area SEND) inspection(?:, \d{4})?|Revisit|"
            r"Previous inspections?|Timeline|Key findings|Our (?:local )?(?:area )?SEND "
            r"inspections?|"
            r"Documents|Downloads?\b[^\n]*|How inspections work|Inspections? of [^\n]{3,40}|"
            r"Latest update|Get involved|How you can help|(?:19|20)\d\d (?:area SEND |joint )?"
            r"(?:inspection|revisit|re-visit)|Our (?:last|latest|most recent|previous) "
            r"inspection|What happens (?:during|before|after) (?:an|the|our) inspection)$",
            re.M | re.I,
        ),
        0.75,
    ),
]

# A line near the top that is only a date, or a date after "Published" / "Posted":
# the page's own date.
_TIME = r"\d{1,2}[:.]\d\d\s*(?:am|pm)?(?:\s*(?:GMT|BST|UTC))?"
_DATELINE = re.compile(
    r"^[ \t]*(?:(?:Published|Posted|Issued|Date(?: published)?|For immediate release|"
    r"(?:Press|News|Media) release|(?:Weekly |Monthly |Fortnightly )?(?:Newsletter|Bulletin))"
    r"(?: on)?[ \t]*[:\-–—]?[ \t]*|Posted by [^,\n]{3,60},[ \t]*|"
    r"By [A-Z][^\n·|•]{3,60}[·|•][ \t]*|By [a-z][^,\n·|•]{3,40},[ \t]*|"
    # a byline naming the writer and their role before the date: "Cllr A Name, Leader of
    # the Council · Tuesday 4 July 2023"
    r"[A-Z][^\n·|•]{3,80}[·|•][ \t]*)?"
    rf"(?:{_TIME},?\s+)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    rf"(?P<date>[^\n]{{6,30}}?)\s*(?:,?\s*{_TIME})?"
    # a blog's category after its date: "Posted on 7 October 2025 in News"
    r"(?:[ \t]+in[ \t]+[A-Z][^\n]{0,40})?[ \t]*$",
    re.M | re.I,
)
# A date written month first, as American sites do: "Wednesday, July 13, 2022".
_MONTH_FIRST = re.compile(
    r"(?P<m>[A-Z][a-z]{2,8})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)"
)
# A date written in figures, "14/06/2022": a date only where it stands alone or labelled.
_NUMERIC = re.compile(r"\d{1,2}/\d{1,2}/(?:19|20)\d\d")


def _score(rules: list[tuple[re.Pattern[str], float]], text: str, cap: int = 3) -> float:
    return sum(w * min(cap, len(rx.findall(text))) for rx, w in rules)


def classify(text: str) -> str:
    """'news_article', 'council_page' or 'press_release', from the page's form."""
    news = _score(_NEWS, text)
    # A newspaper's name as the first line of the page is its masthead.
    if PAPER_TITLE.match(text.lstrip().split("\n", 1)[0]):
        news += 1.5
    # A newsletter naming itself in its head is news to its readers, not an announcement;
    # a school's own newsletter is its letter home to families, of no kind read here.
    if _NEWSLETTER_HEAD.search(_head(text)):
        if _SCHOOL_HEAD.search(_head(text, 3)):
            return "other"
        news += 3.0
    page = _score(_PAGE, text)
    # A blog's "Posted on ... by" line dates the post, not a council's release.
    own = (_dateline_at_head(text, 12) or _labelled_date(text)) and not _BLOG_LINE.search(text)
    spoken = _CHROME.sub(" ", _QUOTATION.sub(" ", text))
    press = _score(_PRESS, spoken) + (1.0 if own else 0.0)
    # "in a report published today" told wholly in the third person is a newsroom's
    # same-day story on a page with a newsroom's furniture; a release says it in the
    # council's own voice ("we", "our").
    if news and _PRESS[0][0].search(spoken) and not _OWN_VOICE.search(spoken):
        press -= 1.0
    # A committee report to a council's cabinet is its own kind, whatever it reports; so
    # are a letter or bulletin to named readers and a parliamentary answer.
    if len(_REPORT_SECTIONS.findall(text)) >= 4 or _score(_OTHER, text, cap=1) >= 1.0:
        return "other"
    best = max(
        ("press_release", press),
        ("news_article", news),
        ("council_page", page),
        key=lambda kv: kv[1],
    )
    if best[1] > press:
        return best[0]
    # Without furniture of either other kind, a council's own words about its inspection
    # are an announcement when they are dated or tell of the day's news, and otherwise
    # its standing page.
    announced = own or _PRESS[0][0].search(spoken) or _ANNOUNCED.search(spoken)
    return "press_release" if announced or news else "council_page"


# A date line with its label, wherever it stands: "Published on Tuesday 14 June 2022" at
# the foot of a release is the page's date as surely as a dateline at its head.
_LABEL_TAIL = (
    r"(?: on)?:?[ \t]+"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?P<date>[^\n]{6,30}?)"
    rf"\s*(?:,?\s*{_TIME})?(?:\s+by\s+[^\n]{{1,60}})?(?:[ \t]*[·|•][^\n]{{1,60}})?[ \t]*$"
)
_LABELLED = re.compile(
    r"^[ \t]*(?:(?:(?:First )?Published|Posted|Issued|Date published|For immediate release|"
    r"Date of (?:the )?meeting|Meeting date|(?:Press|News|Media) release|"
    # an answer's or a letter's own date: "Date of response: 14/06/2024"
    r"Date of (?:response|reply|issue|letter)|(?:Response|Reply) date|Date (?:sent|issued))"
    r"(?:[ \t]*[-–—])?|"
    r"Posted by [^,\n]{3,60},)" + _LABEL_TAIL,
    re.M | re.I,
)
# A standing page's date is when it was last changed ("Last updated: 3 February 2022",
# "Page last reviewed 30/07/2025"); a release's own publication date comes first.
_UPDATED = re.compile(
    r"^[ \t]*(?:(?:This )?page )?(?:last )?(?:updated|reviewed|modified)" + _LABEL_TAIL,
    re.M | re.I,
)


def dateline(text: str, lines: int = 12) -> tuple[str, tuple[int, int]] | None:
    """The page's own date from a dateline among its first lines, or from a line labelled
    "Published" or "Posted" anywhere, with its span; or None. A newsletter dated only by
    its season ("Spring Newsletter 2025") carries just the year."""
    return (
        _dateline_at_head(text, lines)
        or _labelled_date(text)
        or _meeting_date(text)
        or updated_date(text)
        or _season_at_head(text)
    )


# Minutes are dated by the meeting they record: "Minutes of the meeting held on Wednesday
# 2 March 2022, 10.00 am".
_MEETING = re.compile(
    r"\bmeeting\s+held\s+on\s+(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    r"(?P<date>\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9},?\s+(?:19|20)\d\d)\b",
    re.I,
)


def _meeting_date(text: str) -> tuple[str, tuple[int, int]] | None:
    m = _MEETING.search(text, 0, 2000)
    value = parse_date(m["date"]) if m else None
    if m and value:
        return value, m.span("date")
    return None


# A newsletter's or bulletin's own issue line: "Spring Newsletter 2025", "Newsletter:
# Autumn 2024", "Summer term 2023 bulletin".
_SEASON = r"(?:Spring|Summer|Autumn|Winter)(?:\s+[Tt]erm)?"
_MONTH_NAME = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)"
)
_ISSUE = r"(?:Newsletter|Bulletin|Update|Edition|Issue|e-?news)"
_SEASON_HEAD = re.compile(
    rf"^[ \t]*(?:[^\n]{{0,40}}?\b)?(?:{_SEASON}\s+(?:{_ISSUE}\s+)?(?P<y>(?:19|20)\d\d)|"
    # an issue dated by its month: "June 2020 newsletter", "Newsletter: June 2020"
    rf"(?P<m>{_MONTH_NAME})\s+(?P<my>(?:19|20)\d\d)\s+{_ISSUE}|"
    rf"(?:{_SEASON}\s+)?{_ISSUE}\s*[,:\-–—]?\s*(?P<m2>{_MONTH_NAME})\s+(?P<my2>(?:19|20)\d\d)|"
    rf"{_ISSUE}\s*[:\-–—]?\s*{_SEASON}\s+(?P<y2>(?:19|20)\d\d))\b[^\n]{{0,30}}$",
    re.M | re.I,
)
# A newsletter names itself so in its head: a forum's or group's, not a council's release.
_NEWSLETTER_HEAD = re.compile(
    r"^(?![ \t]*(?:Sign|Subscribe|Join|Get|Read)\b)[^\n]{0,60}\b(?:Newsletter|Bulletin)\b"
    r"[^\n]{0,30}$",
    re.M | re.I,
)


# A school's name as a line of its own at the page's head: "Bow Fields Primary School".
_SCHOOL_HEAD = re.compile(
    r"^[ \t]*[A-Z][^\n]{0,60}\b(?:School|Academy)[ \t]*$",
    re.M,
)


def _head(text: str, lines: int = 6) -> str:
    return "\n".join(text.lstrip().split("\n")[: lines * 2])


def _season_at_head(text: str) -> tuple[str, tuple[int, int]] | None:
    head = _head(text)
    m = _SEASON_HEAD.search(head)
    if not m:
        return None
    offset = len(text) - len(text.lstrip())
    for month, year in (("m", "my"), ("m2", "my2")):
        if m[month]:
            value = f"{int(m[year]):04d}-{month_number(m[month]):02d}"
            return value, (offset + m.start(month), offset + m.end(year))
    group = "y" if m["y"] else "y2"
    return m[group], (offset + m.start(group), offset + m.end(group))


def updated_date(text: str) -> tuple[str, tuple[int, int]] | None:
    """The date a page says it was last updated or reviewed, with its span; or None."""
    return _labelled_date(text, _UPDATED)


def _labelled_date(
    text: str, rx: re.Pattern[str] = _LABELLED
) -> tuple[str, tuple[int, int]] | None:
    for m in rx.finditer(text):
        phrase = m["date"].strip()
        # "19/01/2018" as well as "19 January 2018"; the label makes a bare number a date.
        d = DAY_RX.fullmatch(phrase) or _NUMERIC.fullmatch(phrase)
        found = _date_in(m, d)
        if found:
            return found
    return None


def _dateline_at_head(text: str, lines: int) -> tuple[str, tuple[int, int]] | None:
    limit = 0
    for _ in range(lines):
        nxt = text.find("\n", limit + 1)
        if nxt < 0:
            limit = len(text)
            break
        # The page's own date stands above its body: a paragraph ends the head (a
        # timeline's dated lines below it are the page's news, not its date).
        if nxt - limit > 200:
            break
        limit = nxt
        # Skip runs of blank lines without counting them.
        while text[limit + 1 : limit + 2] == "\n":
            limit += 1
    for m in _DATELINE.finditer(text, 0, limit):
        d = DAY_RX.fullmatch(m["date"].strip()) or _NUMERIC.fullmatch(m["date"].strip())
        found = _date_in(m, d)
        if found:
            return found
        first = _MONTH_FIRST.fullmatch(m["date"].strip())
        value = parse_date(f"{first['d']} {first['m']} {first['y']}") if first else None
        if first and value:
            start = m.start("date") + (len(m["date"]) - len(m["date"].lstrip()))
            return value, (start, start + len(first.group(0)))
    return None


def _date_in(m: re.Match[str], d: re.Match[str] | None) -> tuple[str, tuple[int, int]] | None:
    """The date ``d`` read from ``m``'s "date" group, with its span in the page, or None."""
    if d:
        value = parse_date(d.group(0))
        if value:
            start = m.start("date") + (len(m["date"]) - len(m["date"].lstrip()))
            return value, (start, start + len(d.group(0)))
    return None
