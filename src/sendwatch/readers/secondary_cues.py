"""The cue words of secondary pages, as tables: which words mark a kind of visit, a
publication, the written statement and the plans, progress and verdicts, counts, lists and
the 2023 outcomes.

A new phrasing of something the readers already know is a new alternative here, not a new
branch of code. Every pattern is linear: no nested quantifier over alternatives that can
match the same text.
"""

from __future__ import annotations

import re

from sendwatch.readers.words import NUMBER_WORDS

# "all four of the weaknesses": -1 marks "all", which the caller reads as the total.
NUM_WORDS = {**NUMBER_WORDS, "all": -1, "no": 0}


NUM = r"(?:" + "|".join(NUMBER_WORDS) + r"|\d{1,2})"


REVISIT = re.compile(r"\bre-?visit(?:ed|s|ing)?\b|\b(?:return|follow[- ]up) visit\b", re.I)


# Inspectors who "returned" or "came back" on a page about a written statement revisited.
RETURNED = re.compile(
    r"\b(?:Ofsted|inspectors|CQC|Commission|they)\b[^.]{0,60}?\b(?:returned|came back|went back)\b",
    re.I,
)


NO_VISIT = re.compile(r"\b(?:not|no|never|without)\b[^.,;]{0,25}$", re.I)


MONITORING = re.compile(r"\bmonitoring (?:inspection|report)s?\b", re.I)


INSPECTION = re.compile(
    r"\binspect(?:ion|ions|ed|ing)?\b(?!\s+(?:team|framework))|\bLocal Area Review\b|"
    # "In 2018, inspectors found five areas of significant weakness": the inspection's finding
    r"\binspectors\s+(?:found|identified)\b(?=[^.;]{0,30}?\b(?:areas?\s+of\s+(?:significant\s+)?"
    r"weakness|significant\s+weaknesses))",
    re.I,
)


# Words of a visit that do not say which kind it was: "a visit by Ofsted", "inspectors
# spent three days in the borough", "a team will be in Shropshire from 4 to 8 March".
VISIT = re.compile(
    r"(?<!re-)(?<!re)\bvisit(?:ed)?\b|"
    r"\bspent (?:time|(?:a|the) week|(?:one|two|three|four|five|several) (?:days|weeks))\b|"
    r"\bon[ -]site\b|\bfieldwork\b",
    re.I,
)


PRESENT = re.compile(
    r"\b(?:will be|were|was|are|is)\s+(?:in|at|with)\s+(?:us\b|[A-Z]|the\s+(?:borough|county|"
    r"city|area|district|town)\b)|"
    # what inspectors did on site: "Between 27 and 29 September inspectors spoke with ..."
    r"\b(?:inspectors|a\s+team)\s+(?:from\s+[^.;]{1,80}?\s+)?(?:spoke|met|talked|visited|"
    r"observed|looked\s+at)\b",
    re.I,
)


INSPECTORS = re.compile(r"\bOfsted\b|\bCQC\b|\bCare Quality Commission\b|\b[Ii]nspectors?\b")


# A date that belongs to the framework, not to a visit: "the framework introduced in
# January 2023", "the arrangements changed at the end of 2022".
FRAMEWORK_DATE = re.compile(
    r"\b(?:framework|arrangements|system|rules|reforms?|handbook)\b[^.,;]{0,40}\b(?:introduced|"
    r"brought in|launched|began|started|came into (?:force|effect)|changed|in force|in use|"
    r"in place|used)\b"
    r"[^.,;]{0,20}$",
    re.I,
)


DOCUMENT = re.compile(r"\b(?:letter|report|findings|outcome)s?\b", re.I)


WSOA = re.compile(r"\bwritten statement of action\b|\bWSOA\b|\bstatement of action\b", re.I)


# Once a page has named its written statement it calls it "the statement", "our
# statement" or "it".
# ("This was sent to Ofsted" more often means a progress report than the statement.)
STATEMENT_AGAIN = re.compile(r"\b(?:the|our|this|its|their) (?:written )?statement\b|^It\b", re.I)


# "The plan was submitted to Ofsted on ...": the statement, on a page that names no other plan.
PLAN_AGAIN = re.compile(r"^\s*(?:The|This|Our) plan\b")


OTHER_PLAN = re.compile(r"\bpriority action plan\b|\baccelerated progress plan\b|\bAPP\b", re.I)


FIT = re.compile(r"\bfit\s+for\s+purpose\b", re.I)


# The statement's approval told after another clause: "..., which was signed off by Ofsted
# in August", "... and it was approved in January".
ACCEPTED_LATER = re.compile(
    r"\b(?:which|and\s+it|it)\s+(?:was|were|has\s+been)\s+(?:formally\s+)?(?:approved|"
    r"accepted|signed\s+off|declared\s+fit|deemed\s+fit|judged\s+fit)\b",
    re.I,
)


TO_BE_PUBLISHED = re.compile(
    r"\b(?:will|due\s+to|expected\s+to|set\s+to)\s+be\s+published\b[^.]*$", re.I
)


NOT_YET = re.compile(
    r"\b(?:will|would|hope[sd]?|if|whether|expect(?:s|ed)?|await(?:s|ing)?|not|once)\b", re.I
)


PLAN_OF_ACTION = re.compile(r"\bplan of action\b", re.I)


APP = re.compile(r"\baccelerated progress plan\b|\bAPP\b", re.I)


PUBLISHED_BEFORE = re.compile(
    # "following the release of an Ofsted report on 17 November 2021"
    r"\b(?:release|publication)\s+of\s+(?:an?|the|its|their)\s+(?:[\w’']+\s+){0,3}?"
    r"(?:report|letter)\s+(?:on|in)\s*$|"
    # "published their report ... last week (Tuesday 9th September)"
    r"\breport\b[^.]{0,60}\b(?:last|this)\s+week\s*\(?\s*"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s*)?$|"
    # "the report came out on Tuesday 30 January"
    r"\b(?:published|released|came\s+out)"
    r"(?:\s+(?:on|in|to)\s+(?:the\s+)?[\w’' ]{1,25}?\s+website)?"
    # "Report published: 2 May 2024", a page's labelled line.
    r"(?:[ \t]*:)?"
    # "published yesterday, 17 July 2018": the relative day named again by its date.
    r"\s*(?:(?:yesterday|today|(?:this|last)\s+(?:morning|week)),?\s*)?(?:on|in)?\s*(?:the\s+)?\(?\s*"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s*\(?\s*)?$",
    re.I,
)


PUBLISHED_TODAY = re.compile(
    r"\b(?:published|released|announced)(?: on (?:the )?[\w’' ]{1,30}? website)? "
    r"(?:today|this morning)\b|\btoday published\b|"
    # "Today's report from Ofsted", in a statement dated at its head.
    r"\btoday[’']s (?:report|letter|findings|inspection report)\b",
    re.I,
)


FUTURE_VISIT = re.compile(
    r"\bwill (?:be )?(?:return(?:ing)?|re-?visit(?:ing)?|come back|coming back|"
    r"inspect(?:ing)?|carry(?:ing)? out (?:a|an|another|the)|visit(?:ing)?)\b|"
    r"\bexpect(?:s|ed)? to be (?:re-?)?(?:inspected|visited)\b|"
    r"\bexpect(?:s|ed)?\s+(?:the\s+)?(?:inspectors?|inspectorates?|Ofsted|them)\s+"
    r"(?:and\s+(?:the\s+)?CQC\s+)?to\s+(?:return|re-?visit|come\s+back|visit|inspect)\b|"
    r"\bexpect(?:s|ed)?\s+(?:our|the|its|their)\s+next\s+(?:full\s+|monitoring\s+)?"
    r"(?:area\s+SEND\s+)?(?:inspection|visit|re-?visit)\b|"
    # "We expect the revisit to take place in March 2020."
    r"\bexpect(?:s|ed)?\s+(?:the|our|its|their|a|an)\s+(?:next\s+)?(?:full\s+|monitoring\s+)?"
    r"(?:inspection|visit|re-?visit)\s+to\s+(?:take\s+place|happen|be\s+(?:in|during))\b|"
    r"\b(?:is|are) due (?:a|an|its|our|their) (?:re-?visit|inspection|monitoring)\b|"
    r"\b(?:is|are) (?:expected|due|likely|scheduled|planned) to (?:return|re-?visit|"
    r"inspect|visit|take place|happen|carry out)\b|"
    r"\b(?:inspection|visit)s?\s+(?:is|are|will be)\s+(?:expected|due|likely|scheduled|planned)\b|"
    r"\bnext (?:full |monitoring )?(?:inspection|visit|re-?visit)\b[^.]{0,40}?"
    r"\b(?:expected|due|likely|scheduled|planned)\b",
    re.I,
)


NEGATION = re.compile(
    r"\bnot\b|n[’']t\b|\bstill to\b|\byet to\b|\binsufficient\b|\bno (?:significant|sufficient)"
    r"\b|\bfailed to\b|\black of progress\b|\b(?:more|further) (?:work|progress)\b|"
    r"\bstill (?:in )?needs?\b",
    re.I,
)


PROGRESS = re.compile(
    r"\bprogress\b(?!\s+plan)|\bimprov|\bsufficient\b|\beffective action\b|"
    r"\benough\s+(?:had|has|have)\s+been\s+done\b|"
    # a monitoring inspection's words: "reasonable steps had been taken on four of the five"
    r"\b(?:reasonable|effective|enough|sufficient)\s+(?:steps|action)\b",
    re.I,
)


# "not made sufficient progress in addressing any of the significant weaknesses",
# "progress has not been made in fixing any of them"
NONE_OF_THEM = re.compile(
    r"\b(?:not|n[’']t)\s+(?:yet\s+)?(?:made|been\s+made|shown|achieved)\s+[“\"‘']?"
    r"(?:sufficient|enough|significant)?\s*progress[”\"’']?\s+(?:in\s+|on\s+|with\s+)?"
    r"(?:\w+ing\s+)?any\s+of\s+(?:them|the\s+(?:significant\s+|identified\s+)?(?:areas\s+of\s+)?"
    r"(?:significant\s+)?weakness(?:es)?)\b|"
    r"\bprogress\s+(?:has|had)\s+not\s+been\s+made[”\"’']?\s+(?:in\s+|on\s+|with\s+)?(?:\w+ing\s+)?"
    r"any\s+of\s+(?:them|the\s+(?:significant\s+)?weakness(?:es)?)\b",
    re.I,
)


# Words that say progress was enough ("each of the nine areas" alone says nothing).

ENOUGH = re.compile(
    r"\b(?:sufficient|significant|good|enough|reasonable)\s+progress\b|"
    r"\b(?:addressed|resolved|tackled|met)\b|\btaken\s+effective\s+action\b",
    re.I,
)


# A monitoring inspection's overall conclusion, as a story reports it.
NOT_EFFECTIVE = re.compile(
    r"(?:\bnot|n[’']t|\bfailed\s+to\s+take|\byet\s+to\s+take)\s+(?:yet\s+)?(?:been\s+)?"
    r"(?:tak(?:en|ing)\s+)?effective\s+action\b|\bineffective\s+action\b",
    re.I,
)


EFFECTIVE = re.compile(r"\b(?:taken|taking)\s+effective\s+action\b", re.I)


# A monitoring inspection judges the action taken on each area for priority action.
ACTION = re.compile(r"\beffective action\b|\bpriority action\b", re.I)


CLAUSE_BREAK = re.compile(
    r";|\s[-–—]\s|,?\s\b(?:but|albeit|although|though|while|whilst|however)\b|,\s+with\b", re.I
)


# "four out of five areas", "one of the five areas of weakness", "three of the seven"
COUNT = re.compile(
    rf"\b(?P<a>{NUM}|all)\s+(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+|our\s+|those\s+|these\s+)?"
    rf"(?P<b>{NUM})\b"
    # ("... on five of the eight." ends its sentence on the count)
    rf"(?=\s+(?:[\w-]+\s+){{0,3}}?(?:areas?|weaknesses|issues|concerns|priorities)\b|\s*[.;](?:\s|$))",
    re.I,
)


# "not ... progress on any of the five weaknesses", "in none of the four areas"
NONE_COUNT = re.compile(
    rf"\b(?P<w>any|none)\s+of\s+(?:the\s+|its\s+|their\s+|our\s+)?(?P<b>{NUM})\s+"
    rf"(?:[\w-]+\s+){{0,3}}?(?:areas?|weaknesses|issues|concerns|priorities)\b",
    re.I,
)


# "all five areas", "each of the four weaknesses", "progress in addressing the three areas
# of significant weakness" (beside words of enough progress: every one of them).
ALL_COUNT = re.compile(
    rf"\b(?:(?:all|each|every\s+one)\s+(?:the\s+|of\s+the\s+)?|"
    rf"progress\s+(?:in|on|with|against)\s+(?:\w+ing\s+)?the\s+)"
    rf"(?P<b>{NUM})\s+(?:[\w-]+\s+){{0,2}}?(?:areas?|weaknesses)\b",
    re.I,
)


# "the five areas of weakness", "identified five areas of significant weakness"
TOTAL = re.compile(
    rf"\b(?P<b>{NUM}|no)\s+(?:(?:key|main|identified|original|significant)\s+)*"
    rf"(?:areas?\s+of\s+[“\"‘']?(?:significant\s+)?(?:weakness(?:es)?|concern)|"
    rf"significant\s+weaknesses|weaknesses|areas?\s+for\s+priority\s+(?:action|improvement))\b|"
    rf"\b(?:serious|significant)\s+(?:areas?\s+of\s+)?weaknesses\s+in\s+(?P<c>{NUM})\s+"
    rf"(?:key\s+|main\s+)?areas\b",
    re.I,
)


# A 2023 inspection that set none: "did not set any areas for priority action".
NO_PRIORITY_ACTIONS = re.compile(
    r"\b(?:(?:did\s+not|didn[’']t)\s+(?:set|identify|find|name|give)\s+any|without\s+any)\s+"
    r"(?:areas?\s+for\s+priority\s+(?:action|improvement)|priority\s+actions)\b",
    re.I,
)


# Verdicts on one named weakness.
ONE_AREA_NOT = re.compile(
    r"\b(?:one|only|single|remaining)\s+(?:\w+\s+)?area\s+(?:in\s+which|where|that)\b[^.]{0,120}?"
    r"\bnot\s+(?:yet\s+)?(?:made|shown|achieved)\s+(?:sufficient|significant|enough)\s+"
    r"progress\s+(?:was|is)\s+(?P<x>[^.;]+)",
    re.I,
)


NOT_PROGRESS_IN = re.compile(
    r"\bnot\s+(?:to\s+)?(?:have\s+)?(?:yet\s+)?(?:made|shown|achieved|been)\s+(?:sufficient|"
    r"significant|enough)\s+progress\s+(?:in\s+respect\s+of|in\s+relation\s+to|in\s+addressing|"
    r"regarding|with|on|in|around)\s+(?P<x>[^.;]+)",
    re.I,
)


MORE_WORK = re.compile(
    r"\b(?:more|further)\s+(?:work|improvement|progress|action)\s+(?:(?:also|still)\s+)?"
    r"(?:needs|need|is\s+(?:also\s+|still\s+)?needed|"
    r"was\s+needed|is\s+required|was\s+required)\s*(?:to\s+be\s+(?:done|made))?\s*"
    r"(?:to\s+improve|to\s+address|on|in|around|with)\s+(?P<both>both\s+)?(?P<x>[^.;]+)",
    re.I,
)


INSUFFICIENT_IN = re.compile(
    r"\binsufficient\s+progress\s+(?:(?:was|had\s+been|has\s+been)\s+(?:found|made|seen)\s+)?"
    r"(?:in\s+respect\s+of|in\s+relation\s+to|in\s+addressing|regarding|with|on|in)\s+(?P<x>[^.;]+)",
    re.I,
)


# "progress on reducing waiting times had been too slow"
TOO_SLOW = re.compile(
    r"\bprogress\s+(?:on|in|with)\s+(?P<x>[^.;]{8,200}?)\s+(?:had|has)\s+been\s+"
    r"(?:too\s+slow|(?:too\s+)?limited|insufficient)\b",
    re.I,
)


# "The other three weaknesses, including the quality of annual reviews, had been addressed"
ADDRESSED = re.compile(
    r"\b(?:weaknesses|areas)\s*,\s*including\s+(?P<x>[^,.;]+),\s*(?:had|have|has)\s+been\s+"
    r"(?:addressed|met|resolved|tackled)\b",
    re.I,
)


SUFFICIENT_IN = re.compile(
    r"(?<!not )\b(?:made|showed|shown|achieved)\s+(?:sufficient|significant)\s+progress\s+"
    r"(?:in\s+respect\s+of|in\s+relation\s+to|in\s+addressing|on|in|with)\s+(?P<x>[^.;]+)|"
    # "sufficient progress had been made in tackling X and Y"
    r"\b(?:sufficient|significant|good|enough)\s+progress\s+(?:had|has|was|have)\s+(?:been\s+)?"
    r"(?:made|shown|seen|found)\s+(?:in\s+respect\s+of|in\s+relation\s+to|on|in|with)\s+"
    r"(?P<y>[^.;]+)",
    re.I,
)


BULLET = re.compile(r"^[ \t]*(?:[●•▪◦·*\-–—]|\d{1,2}[.)])[ \t]+(?P<t>\S[^\n]*)$", re.M)


LIST_WEAKNESS = re.compile(
    r"written statement of action|plan of action|significant weakness|weakness|tackle|"
    r"priority action",
    re.I,
)


VERDICT_LIST = re.compile(
    r"\bprogress\b(?!\s+plan)|\b(?:further|more) work\b|\bstill (?:in )?need", re.I
)


TO_TACKLE = re.compile(r"written statement|plan of action|tackle|priority action", re.I)


LIST_STRENGTH = re.compile(
    r"\bstrengths?\b|performing well|working well|doing well|\bpraised\b|\bpositives?\b|"
    r"good practice|effective|"
    # "Inspectors highlighted:" with nothing said of what: what they held up is praise
    # (a list of concerns says so, and is read as weaknesses first).
    r"\b(?:highlighted|commended|celebrated)\s*:\s*$",
    re.I,
)


# Under the 2016 framework the areas an inspection "asked" an area "to make improvements
# in" are its weaknesses (a 2023 report's "areas for improvement" are another list).
MAKE_IMPROVEMENTS = re.compile(
    r"\b(?:asked|required|told|needed|had)\s+to\s+make\s+improvements\s+in\b", re.I
)


FOUND_AT_INSPECTION = re.compile(
    r"\b(?:identified|found|highlighted)\s+(?:in|at|during|by)\s+the\s+(?:original|initial|first)\s+"
    r"inspection\b",
    re.I,
)


LIST_IMPROVE = re.compile(r"areas? for improvement|need(?:s)? to (?:do better|improve)", re.I)


# The outcome named by its rank among the three: "the middle rating", "the best of the
# three possible outcomes".
_RANK = (
    r"\b(?:{rank})\s+(?:rating|outcome|judgement|grade)\b|"
    r"\b(?:{rank})\s+of\s+the\s+three\s+(?:possible\s+)?(?:outcomes|ratings|judgements)\b"
)


OUTCOMES_2023 = [
    (
        re.compile(
            r"widespread\s+and/or\s+systemic\s+failings|systemic\s+failings|"
            r"widespread\s+failings",
            re.I,
        ),
        "systemic_failings",
    ),
    (
        re.compile(
            r"inconsistent\s+experiences\s+and\s+outcomes|\b(?:rated|judged|graded|assessed)\s+"
            r"(?:as\s+)?(?:being\s+)?[‘'\"“]?inconsistent\b",
            re.I,
        ),
        "inconsistent",
    ),
    (
        re.compile(
            r"(?:typically\s+)?lead\s+to\s+positive\s+experiences\s+and\s+outcomes|"
            r"positive\s+experiences\s+and\s+outcomes",
            re.I,
        ),
        "positive",
    ),
    # The outcome named by its rank, read only where the page gives none of its words.
    (re.compile(_RANK.format(rank=r"lowest|worst|bottom"), re.I), "systemic_failings"),
    (re.compile(_RANK.format(rank=r"middle"), re.I), "inconsistent"),
    (re.compile(_RANK.format(rank=r"highest|best|top"), re.I), "positive"),
]


CUES_2023 = re.compile(
    r"widespread\s+and/or\s+systemic|systemic\s+failings|experiences\s+and\s+outcomes|"
    r"priority\s+action|Area\s+SEND\s+inspection|Local\s+Area\s+Partnership|new\s+(?:area\s+SEND\s+"
    r")?(?:inspection\s+)?framework",
    re.I,
)


CUES_2016 = re.compile(
    r"written\s+statement\s+of\s+action|plan\s+of\s+action|re-?visit|Local\s+Area\s+Review|"
    r"joint\s+local\s+area\s+SEND|significant\s+weakness|accelerated\s+progress\s+plan",
    re.I,
)


# --- the statement and the plans: what was done with them ------------------------------

# Words of a statement or plan approved, sent, agreed; and of one still owed.
APPROVED_WORD = re.compile(r"\b(?:approved|accepted|signed off)\b", re.I)
SENT_WORD = re.compile(r"\b(?:submitted|sent)\b", re.I)
AGREED_WORD = re.compile(
    r"\b(?:agreed|approved|signed|put in place)\b|"
    r"\b(?:deemed|judged|found|declared)\s+fit\s+for\s+purpose\b",
    re.I,
)
# A letter telling its readers, as it writes, that their plan is agreed: the letter's date
# is the agreement's ("I am writing to confirm that the APP is agreed", "has been deemed fit
# for purpose").
AGREED_NOW = re.compile(
    r"\b(?:is|are|has\s+been|have\s+been)\s+(?:now\s+)?(?:agreed|approved|signed\s+off|"
    r"deemed\s+fit|judged\s+fit)\b",
    re.I,
)
SALUTATION = re.compile(r"^[ \t]*Dear\s+\S", re.M)
OBLIGED = re.compile(r"\b(?:required|need|must|has|had) to\b", re.I)
# "We submitted our statement", "the WSOA submitted in May", "was written and submitted".
STATEMENT_SENT = re.compile(
    r"\b(?:was|were|been|we|have|has)\s+(?:formally\s+)?(?:submitted|sent)\b|"
    # a timeline's line in the present: "April 2019: the statement is submitted to Ofsted"
    r"^\s*[^\n:]{3,30}:\s+(?:the|our)\s+[^\n]{0,40}?\bis\s+(?:submitted|sent)\b|"
    r"\bsubmitted\s+(?:it|our|the)\b|"
    r"\b(?:was|were)\b[^.;]{0,80}?\band\s+(?:then\s+)?submitted\b|"
    r"\b(?:statement\s+of\s+action|WSOA)\)?\s+submitted\b",
    re.I,
)
STATEMENT_ACCEPTED = re.compile(
    r"\b(?:declared|deemed|judged|found|confirmed)\s+(?:as\s+)?fit\s+for\s+"
    r"purpose\b|\b(?:was|were|been)\s+(?:formally\s+)?(?:approved|accepted|"
    r"signed off)\b",
    re.I,
)
# Whether a 2016-framework inspection required a statement, as a page says it.
NO_STATEMENT = re.compile(
    r"\b(?:no|not|without|n[’']t)\b[^.]{0,40}(?:written statement|statement of "
    r"action|WSOA)|statement of action[^.]{0,30}\bnot\s+(?:required|needed)",
    re.I,
)
STATEMENT_REQUIRED = re.compile(
    r"\b(?:required|ordered|told|instructed|directed|asked|had|needed|must)\b", re.I
)
STATEMENT_MADE = re.compile(
    r"\b(?:developed|produced|wrote|written|drew up|drawn up|prepared|"
    r"created|submitted|co-produced)\b",
    re.I,
)

# --- the next visits a 2023 report sets ---------------------------------------------------

NEXT_MONITORING = re.compile(r"\bmonitoring\b|\breturn|\bcome back\b|\bre-?visit", re.I)
NEXT_FULL = re.compile(
    r"\b(?:full|next)\b[^.]{0,30}\binspect|\breinspect|\bre-inspect|\binspected\s+again\b", re.I
)
