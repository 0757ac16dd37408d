"""The dated events of a secondary page, sentence by sentence: the inspection, revisit or
monitoring inspection each date belongs to (the cue it stands next to), publication, the
statement's submission and approval, the plan's agreement, the next visit expected, and
the stated times to the next inspections."""

from __future__ import annotations

import re

from sendwatch.readers.secondary_cues import (
    ACCEPTED_LATER,
    AGREED_NOW,
    AGREED_WORD,
    APP,
    APPROVED_WORD,
    DOCUMENT,
    FIT,
    FRAMEWORK_DATE,
    FUTURE_VISIT,
    INSPECTION,
    INSPECTORS,
    MONITORING,
    NEXT_FULL,
    NEXT_MONITORING,
    NO_VISIT,
    NOT_YET,
    NUM,
    OBLIGED,
    OTHER_PLAN,
    PLAN_AGAIN,
    PRESENT,
    PUBLISHED_BEFORE,
    PUBLISHED_TODAY,
    RETURNED,
    REVISIT,
    SALUTATION,
    SENT_WORD,
    STATEMENT_ACCEPTED,
    STATEMENT_AGAIN,
    STATEMENT_SENT,
    TO_BE_PUBLISHED,
    VISIT,
    WSOA,
)
from sendwatch.readers.secondary_dates import When, find_when, post_date, published_day
from sendwatch.readers.secondary_page import KINDS, Page, clause_span, nearest_cue, number

# --- dated events of the statement and the plan --------------------------------------


def read_sentences(page: Page) -> None:
    """Each sentence's dated events: plan agreed, statement submitted or approved, next visit,
    and the dates of the inspection and revisit."""
    text = page.text
    # The statement stays the subject of the sentences that follow while they call it "it"
    # ("When was the statement submitted? We submitted it on ...").
    statement_before = False
    asked: tuple[str, str] | None = None
    asked_of_statement = False
    for s, e in page.spans:
        sentence = text[s:e]
        whens = find_when(text, s, e, page.doc_date)
        # A report "due to be published next month" is no date of any visit or letter.
        whens = [
            w for w in whens if not TO_BE_PUBLISHED.search(text, max(s, w.span[0] - 40), w.span[0])
        ]
        # "... a written statement of action. This was accepted as fit for purpose in June
        # 2020": a sentence opened by "This" speaks of it too.
        it_again = statement_before and (
            re.search(r"\bit\b", sentence, re.I) is not None
            or re.match(r"\s*This\s+(?:was|has|is)\b", sentence) is not None
        )
        statement_before = False
        # A page of questions and answers: "When was the statement submitted?" asks for the
        # date its answer gives ("In October 2019.").
        answers, asked = asked, None
        named = WSOA.search(sentence) or (
            page.wsoa_at is not None and re.search(r"\b(?:written\s+)?statement\b", sentence, re.I)
        )
        question = sentence.rstrip().endswith("?")
        # "When was it approved?" after a question about the statement asks of it too.
        named = named or (question and asked_of_statement and re.search(r"\bit\b", sentence, re.I))
        if question:
            asked_of_statement = bool(named)
        if question and named and not whens:
            if FIT.search(sentence) or APPROVED_WORD.search(sentence):
                asked = ("wsoa_accepted", "wsoa_accepted")
            elif SENT_WORD.search(sentence):
                asked = ("wsoa_submitted", "wsoa_submitted")
        if APP.search(sentence) and AGREED_WORD.search(sentence):
            event = page.dated_event("app", "app_agreed", whens)
            if (
                not whens
                and page.doc_date
                and page.doc_date_span
                and len(page.doc_date) == 10
                and AGREED_NOW.search(sentence)
                and SALUTATION.search(text)
                and "date" not in event.values
            ):
                event.put("date", page.doc_date, page.doc_date_span)
            continue
        wsoa = WSOA.search(sentence)
        if wsoa and page.wsoa_at is None:
            page.wsoa_at = s + wsoa.start()
        about_statement = bool(wsoa) or (
            page.wsoa_at is not None
            and page.wsoa_at < s
            and bool(
                STATEMENT_AGAIN.search(sentence)
                or it_again
                or (PLAN_AGAIN.search(sentence) and not OTHER_PLAN.search(text, 0, s))
            )
            and not OTHER_PLAN.search(sentence)
        )
        statement_before = about_statement
        if about_statement and FIT.search(sentence) and not OTHER_PLAN.search(sentence):
            fit = FIT.search(sentence)
            assert fit is not None
            if not NOT_YET.search(sentence[: fit.start()]):
                # "We submitted the statement in November 2017 and Ofsted confirmed it was
                # fit for purpose in February 2018": the dates before the "and" are the
                # submission's, the ones after it the approval's.
                sent = re.search(r"\bsubmitted\b[^.;]*\band\b", sentence[: fit.start()], re.I)
                if sent:
                    cut = s + sent.end()
                    early = [w for w in whens if w.span[0] < cut]
                    if early:
                        page.dated_event("wsoa_submitted", "wsoa_submitted", early)
                    whens = [w for w in whens if w.span[0] >= cut]
                page.dated_event("wsoa_accepted", "wsoa_accepted", whens)
                continue
        # "... were required to produce a statement, which was signed off in August 2017"
        later = ACCEPTED_LATER.search(sentence) if about_statement else None
        if later and OBLIGED.search(sentence[: later.start()]):
            after = [w for w in whens if w.span[0] >= s + later.start()]
            if after:
                page.dated_event("wsoa_accepted", "wsoa_accepted", after)
                continue
        if about_statement and not OBLIGED.search(sentence):
            if STATEMENT_SENT.search(sentence):
                # "We submitted our statement in November and it was signed off in January":
                # the dates after the approval are the approval's.
                accepted = ACCEPTED_LATER.search(sentence)
                if accepted:
                    cut = s + accepted.start()
                    if any(w.span[0] >= cut for w in whens):
                        page.dated_event(
                            "wsoa_accepted",
                            "wsoa_accepted",
                            [w for w in whens if w.span[0] >= cut],
                        )
                    whens = [w for w in whens if w.span[0] < cut]
                page.dated_event("wsoa_submitted", "wsoa_submitted", whens)
                # "... the weaknesses found when inspectors visited in May": the other dates
                # of the sentence are the visit's.
                _visit_dates(page, s, e, whens[1:])
                continue
            if STATEMENT_ACCEPTED.search(sentence):
                page.dated_event("wsoa_accepted", "wsoa_accepted", whens)
                continue
        future = FUTURE_VISIT.search(sentence)
        if future:
            # "within three years of the 2025 report": a year naming a report is no date
            # of the next visit.
            ahead = [
                w
                for w in whens
                if w.span[0] >= s + future.start() - 60
                and not _NAMES_DOCUMENT.match(text, w.span[1], e)
            ]
            if ahead and ahead[0].end and len(ahead[0].start) == 10 and page.doc_date:
                # "Inspectors will be in the county from 20 to 24 November": a visit
                # announced with its days is that visit, dated as any other.
                _visit_dates(page, s, e, whens)
                continue
            if ahead and "next" not in page.events:
                page.event("next", "next_visit_expected").put("date", ahead[0].start, ahead[0].span)
            continue
        if answers and whens and not (INSPECTORS.search(sentence) and VISIT.search(sentence)):
            page.dated_event(*answers, whens)
            continue
        _visit_dates(page, s, e, whens)
    _read_periods(page)


_NAMES_DOCUMENT = re.compile(
    r"\s+(?:(?:full|area\s+SEND|joint|initial)\s+)?(?:report|inspection|letter|outcome|"
    r"re-?visit|framework)\b",
    re.I,
)


_PERIOD = re.compile(
    rf"\b(?:within|in)\s+(?:the\s+next\s+)?(?:approximately\s+|about\s+|around\s+|roughly\s+)?"
    rf"(?P<n>{NUM}|eighteen)\s+(?P<unit>months|years)\b",
    re.I,
)


def _read_periods(page: Page) -> None:
    """The stated time to the next monitoring and full inspection, on a page reporting a
    2023-framework outcome: "expected to return within 18 months", "the next full
    inspection will be within approximately three years"."""
    inspection = page.events.get("inspection")
    if not page.earlier or inspection is None:
        return
    text = page.text
    for s, e in page.spans:
        for m in _PERIOD.finditer(text, s, e):
            word = m["n"].lower()
            n = 18 if word == "eighteen" else number(word)
            sentence = text[s:e]
            name = None
            if m["unit"].lower() == "months" and NEXT_MONITORING.search(sentence):
                name = "next_monitoring_within_months"
            elif m["unit"].lower() == "years" and NEXT_FULL.search(sentence):
                name = "next_full_within_years"
            if name and name not in inspection.values:
                inspection.put(name, n, (s, e))


# A timeline's line opened by its date: "24 May 2018: inspection letter published",
# "12 March 2018 – letter published".
_LINE_OPENS = re.compile(r"(?:^|\n)[ \t]*(?:[●•▪◦·*\-–—][ \t]*)?$")


_PUBLISHED_AFTER = re.compile(
    # (or on the next line, under a date standing as the entry's heading)
    r"[ \t]*(?:[:–—-]|\n)[ \t]*(?:[\w’']+[ \t]+){0,4}?(?:published|released)\b",
    re.I,
)


# A date of something held beside the visit ("a webinar for parents on 21 November", "a
# drop-in session on 3 May"): not the visit's.
_SIDE_EVENT = re.compile(
    r"\b(?:webinar|meeting|session|workshop|drop-in|coffee morning|focus group|survey|"
    r"briefing|event|conference|call)s?\b[^.;:]*$",
    re.I,
)


def _opens_published(page: Page, when: When, e: int) -> bool:
    """Whether the date opens a line that says a letter or report was published."""
    start, end = when.span
    return bool(
        _PUBLISHED_AFTER.match(page.text, end, e)
        and _LINE_OPENS.search(page.text, max(0, start - 12), start)
    )


#: The month the first joint local area SEND inspections took place (regime.md, section 1).
_FIRST_VISITS = "2016-05"


def _visit_dates(page: Page, s: int, e: int, whens: list[When]) -> None:
    """Dates of the inspection and the revisit in one sentence, each to its nearest cue."""
    text = page.text
    cues: list[tuple[int, int, str]] = []
    for m in REVISIT.finditer(text, s, e):
        # "the area did not receive a revisit", "was never revisited": no visit at all.
        if NO_VISIT.search(text, max(s, m.start() - 30), m.start()):
            continue
        cues.append((m.start(), m.end(), "revisit"))
    for m in MONITORING.finditer(text, s, e):
        cues.append((m.start(), m.end(), "monitoring"))
    # Inspectors who "returned" revisited; beside a 2023 outcome only when the return is
    # dated in the 2016 framework's years (a 2023 area's return is its monitoring).
    if not cues and (not page.earlier or (whens and all(w.start[:4] <= "2022" for w in whens))):
        for m in RETURNED.finditer(text, s, e):
            cues.append((m.start(), m.end(), "revisit"))
    for m in INSPECTION.finditer(text, s, e):
        if not any(a <= m.start() < b for a, b, _ in cues):
            cues.append((m.start(), m.end(), "inspection"))
    visits = list(VISIT.finditer(text, s, e))
    if INSPECTORS.search(text, s, e):
        visits += list(PRESENT.finditer(text, s, e))
    for m in visits:
        if not any(a <= m.start() < b for a, b, _ in cues):
            # "found in December 2018 following a joint visit, but a revisit this May
            # found ...": each visit word is the kind its own clause's dates say.
            clause = clause_span(text, s, e, m.start(), m.end())
            near = [w for w in whens if clause[0] <= w.span[0] < clause[1]] or whens
            cues.append((m.start(), m.end(), _visit_kind(page, near)))
    whens = [
        w
        for w in whens
        if not FRAMEWORK_DATE.search(text, max(s, w.span[0] - 70), w.span[0])
        and w.span != page.doc_date_span
    ]
    before_sentence = page.last_cue
    found = PUBLISHED_TODAY.search(text, s, e)
    # "published today", "published yesterday", "published on Tuesday": a day counted
    # from the page's own date.
    # On a page of several dated posts, "today" is the day of the post it stands in.
    day = post_date(text, s, page.doc_date_span) or page.doc_date
    today = When(day, None, found.span()) if found and day else published_day(text, s, e, day)
    if not cues:
        if not DOCUMENT.search(text, s, e):
            return
        # "The letter ... was published today" speaks of the visit last named, or of the
        # one the page names next.
        if today:
            if page.last_cue:
                page.offer(_letter_of(page, page.last_cue, today), "published", today)
            elif page.pending_today is None:
                page.pending_today = today
        # "Their report was published on 1 February 2024."
        for when in whens:
            before = text[max(s, when.span[0] - 60) : when.span[0]]
            if page.last_cue and (
                PUBLISHED_BEFORE.search(before) or _opens_published(page, when, e)
            ):
                # Beside a 2023 inspection, a letter published in 2016-2022 is the
                # earlier inspection's, as its visit dates are.
                last = page.last_cue
                if last == "inspection":
                    last = page.inspection_key(when.start)
                page.offer(_letter_of(page, last, when), "published", when)
        return
    kinds = {c[2] for c in cues}
    for kind in kinds:
        page.event(kind, KINDS[kind])
    page.last_cue = max(cues)[2]
    if page.pending_today:
        page.offer(page.last_cue, "published", page.pending_today)
        page.pending_today = None
    if today:
        nearest = nearest_cue(cues, today.span)
        if nearest:
            page.offer(nearest, "published", today)
    # With one kind of visit in the sentence every date is its; with both, each date
    # belongs to the cue it stands next to.
    limit = 10_000 if len(kinds) == 1 else 110
    for when in whens:
        owner = nearest_cue(cues, when.span, limit=limit)
        if owner is None or _SIDE_EVENT.search(text, max(s, when.span[0] - 60), when.span[0]):
            continue
        before = text[max(s, when.span[0] - 60) : when.span[0]]
        name = "published" if PUBLISHED_BEFORE.search(before) else "visit_start"
        if _opens_published(page, when, e):
            name = "published"
        # Joint area SEND inspections began in May 2016: an earlier date is the law's or
        # the programme's ("the programme started on 1 April 2016"), never a visit.
        if name == "visit_start" and (
            int(when.start[:4]) < 2016 or (len(when.start) > 4 and when.start[:7] < _FIRST_VISITS)
        ):
            continue
        # "The letter, published on 24 March, says ... the 2018 inspection": a letter
        # published before any visit is named in the sentence is the one last spoken of.
        if (
            name == "published"
            and before_sentence
            and not any(a < when.span[0] for a, _, _ in cues)
        ):
            owner = before_sentence
        if owner == "inspection":
            owner = page.inspection_key(when.start)
            page.event(owner, "inspection")
        if name == "published":
            owner = _letter_of(page, owner, when)
        page.offer(owner, name, when)


def _letter_of(page: Page, owner: str, when: When) -> str:
    """Whose letter a publication date is: on a page about a revisit, a letter published
    within a year of the page's own date is the revisit's (revisits come at least a year
    and a half after the inspection), whatever inspection the sentence also recalls."""
    recent = bool(page.doc_date) and int(when.start[:4]) >= int(str(page.doc_date)[:4]) - 1
    if owner == "inspection" and page.revisit_page and recent:
        page.event("revisit", "revisit")
        return "revisit"
    # An inspection's letter comes out weeks after its visit: a letter published two or
    # more years after the inspection's visit, on a page that tells of a revisit, is the
    # revisit's.
    visit = page.dates.get(("inspection", "visit_start"))
    if (
        owner == "inspection"
        and page.revisit_page
        and "revisit" in page.events
        and visit is not None
        and int(when.start[:4]) - int(visit.when.start[:4]) >= 2
    ):
        return "revisit"
    return owner


def _visit_kind(page: Page, whens: list[When]) -> str:
    """Which visit words that name no kind speak of: on a page about a revisit, a visit
    dated within a year of the page's own date is the revisit; else the inspection."""
    if page.last_cue == "monitoring":
        return "monitoring"
    # Without a date of its own, the latest year the page gives a revisit stands for it.
    years = [
        int(y)
        for s, e in page.spans
        if REVISIT.search(page.text, s, e)
        for y in re.findall(r"(?<!\d)20[12]\d(?!\d)", page.text[s:e])
    ]
    latest = int(page.doc_date[:4]) if page.doc_date else max(years, default=0)
    if page.revisit_page and latest and any(int(w.start[:4]) >= latest - 1 for w in whens):
        return "revisit"
    return "inspection"
