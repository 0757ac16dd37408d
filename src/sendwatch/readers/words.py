"""Numbers as inspection documents write them in words: "four significant weaknesses",
"within twelve months". One table for every reader; a reader that also meets other words
("no", "eighteen", "all") adds them to its own copy.
"""

from __future__ import annotations

#: The number words the documents use for counts and periods, one to twelve, in order.
NUMBER_WORDS: dict[str, int] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
