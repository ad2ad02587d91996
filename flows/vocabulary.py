"""The words people type for each choice, as data: every button label is an answer too.

Everything is compared by ``key``: lower case, without spaces, punctuation or emoji, so
"Bi-weekly", "bi weekly" and "BIWEEKLY!" are one word, "401(k)" is "401k" and "No cap / not
sure" is "nocapnotsure". A text that is only symbols ("?", "👍") is looked up as it is.
"""

from __future__ import annotations

import re
import unicodedata

YES = ("yes", "y", "yeah", "yea", "ya", "yep", "yup", "sure", "ok", "okay", "true", "correct",
       "right", "of course", "definitely", "absolutely", "affirmative", "yes it does", "it does",
       "i believe so", "i think so", "it does allow", "they do",
       "yes they do", "i think so", "yess", "yes please", "si", "ye", "yeh", "👍", "✅", "✔", "☑", "👌")
NO = ("no", "n", "nah", "nope", "naw", "false", "not really", "no way", "negative", "it doesnt",
      "it does not", "they dont", "no it doesnt", "dont think so", "i dont think so", "nay",
      "👎", "❌", "✖", "🚫")
UNSURE = ("not sure", "unsure", "idk", "i dont know", "dont know", "dunno", "no idea", "?", "??",
          "maybe", "unknown", "no clue", "not certain", "i have no idea", "havent checked",
          "need to check", "ill have to check", "not sure yet", "not that i know of", "i think",
          "🤷", "🤔")
SKIP = ("skip", "pass", "n/a", "na", "none", "no answer", "rather not say", "prefer not to say",
        "next", "-", "⏭")

#: For each question, each stored value and the words that mean it (besides its button label).
#: "None" at the other-plans questions (a bare "no" included: the question asks "how much").
ELSEWHERE_NONE = ("none", "no", "nope", "nah", "nothing", "zero", "n/a", "na", "no other job",
                  "no other plan", "not applicable", "0 there")
CHOICE_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "plan_type": {
        "401k": ("401k", "401 k", "a 401k", "my 401k", "401", "401ks", "traditional 401k",
                 "roth 401k", "company 401k", "work 401k"),
        "403b": ("403b", "403 b", "a 403b", "403", "tsa", "tax sheltered annuity", "my 403b"),
        "solo401k": ("solo", "solo 401k", "solo k", "individual 401k", "i401k", "one participant 401k",
                     "self employed 401k", "uni k", "owner only 401k", "self employed", "my own business",
                     "i own a business", "own business"),
        "457b": ("457", "457b", "457 b", "governmental 457", "government 457b", "gov 457b",
                 "deferred comp", "deferred compensation"),
    },
    "business_type": {
        "sole_prop": ("sole prop", "sole proprietor", "sole proprietorship", "llc", "single member llc",
                      "smllc", "schedule c", "sched c", "self employed", "freelancer", "freelance",
                      "1099", "contractor", "independent contractor", "partnership", "sole"),
        "s_corp": ("s corp", "scorp", "s corporation", "s", "llc taxed as s corp", "llc s corp",
                   "w2 from my s corp", "w2 from my company", "s corp owner", "an s corp"),
    },
    "pay_frequency": {
        "weekly": ("weekly", "every week", "each week", "once a week", "52", "52 times a year",
                   "every friday", "1 week"),
        "biweekly": ("biweekly", "bi weekly", "every 2 weeks", "every two weeks", "every other week",
                     "every second week", "fortnightly", "every fortnight", "26", "26 times a year",
                     "2 weeks", "2 wks", "every 2 wks", "two weeks", "every other friday"),
        "semimonthly": ("semimonthly", "semi monthly", "twice a month", "twice monthly", "2x a month",
                        "2 times a month", "24", "24 times a year", "1st and 15th", "15th and last",
                        "15th and 30th", "bimonthly", "two times a month"),
        "monthly": ("monthly", "once a month", "every month", "each month", "12", "12 times a year",
                    "1x a month", "month"),
        "quarterly": ("quarterly", "every quarter", "each quarter", "once a quarter", "4 times a year",
                      "every 3 months", "every three months"),
        "annually": ("annually", "once a year", "yearly", "every year", "1 time a year", "at year end",
                     "end of the year", "in one lump sum", "lump sum", "one sum", "1 time"),
    },
    "filing_status": {
        "single": ("single", "s", "not married", "unmarried"),
        "mfj": ("married", "married jointly", "married filing jointly", "mfj", "joint", "jointly",
                "married joint"),
        "mfs": ("married separately", "married filing separately", "mfs", "separate", "separately"),
        "hoh": ("head of household", "hoh", "head of house", "single parent"),
    },
    "conversion_frequency": {
        "immediate": ("automatically", "auto", "automatic", "immediately", "right away",
                      "instantly", "same day", "daily", "asap"),
        "per_paycheck": ("each paycheck", "every paycheck", "per paycheck", "paycheck",
                         "every pay period", "each pay period"),
        "monthly": ("monthly", "once a month", "every month"),
        "quarterly": ("quarterly", "every quarter", "every 3 months", "every three months", "4 times a year"),
        "annually": ("once a year", "yearly", "annually", "annual", "every year", "at year end",
                     "end of year", "1 time a year"),
    },
    "extras_offer": {
        "no": ("show my result", "result", "results", "just the result", "just show me",
               "show me", "no thanks", "no thank you", "skip", "done", "finish"),
        "yes": ("a few more", "more", "more questions", "go on", "extras", "optional checks"),
    },
    "after_tax_cap_percent": {
        "skip": ("no cap", "no limit", "not capped", "uncapped", "unlimited", "none", "no", "nope", "nah",
                 "not sure", "idk", "dunno", "no idea", "dont know", "no cap i think", "there isnt one",
                 "not that i know of"),
    },
    "after_tax_so_far": {"0": ("none", "none yet", "nothing", "nothing yet", "zero", "no", "nope",
                               "not yet", "nada", "havent started", "0 so far", "nah", "naw", "nah none",
                               "none at all", "nothing at all", "zilch", "no after tax", "none went in",
                               "nothing went in", "i didnt", "didnt", "i didnt put any in",
                               "didnt put any in", "nah nothing", "nah i didnt")},
    "pretax_ira_balance": {"0": ("none", "nothing", "zero", "no", "nope", "no ira", "dont have one")},
    "day_job_deferrals": {"0": (*ELSEWHERE_NONE, "no day job", "i dont have a day job", "just the business",
                                "only the business", "self employed only")},
    "other_plan_deferrals": {"0": (*ELSEWHERE_NONE, "no side business", "no side gig", "just this job",
                                   "only this job", "just the one job", "one job")},
    "expected_return_percent": {"7": ("7", "seven", "the usual", "default")},
    "verdict": {
        "continue": ("next", "go", "go on", "numbers", "see my numbers", "my numbers", "continue",
                     "show me", "lets go", "provisional", "continue with provisional numbers",
                     "see numbers", "show numbers", "alternatives", "see my alternatives",
                     "what are my options", "options", "what else"),
    },
}
#: Yes / No / Not sure questions; and the words for the yes/no part of the checkpoints.
YES_NO_UNSURE_WORDS: dict[str, tuple[str, ...]] = {"yes": YES, "no": NO, "unsure": UNSURE}

#: Paychecks: "all" of the year's, or the rest of them.
ALL_PAYCHECKS = ("all", "all of them", "whole year", "the whole year", "full year", "the full year",
                 "entire year", "every paycheck", "all year")
REST_OF_YEAR = ("rest of the year", "the rest", "rest", "remaining", "the remaining ones",
                "rest of year", "whats left", "what is left", "remainder of the year",
                "rest of the year only", "the rest of them", "rest of yr", "rest of the yr",
                "rest of this yr", "rest of this year")

#: Tax year: words relative to today's year.
YEAR_WORDS: dict[str, int] = {
    "this year": 0, "this": 0, "current year": 0, "current": 0, "now": 0, "this tax year": 0,
    "the current year": 0, "last year": -1, "previous year": -1, "prior year": -1, "last": -1,
    "next year": 1, "next": 1, "this yr": 0, "last yr": -1, "this tax yr": 0, "current tax year": 0,
    "next yr": 1, "nxt yr": 1, "nxt year": 1, "this one": 0, "same year": 0, "ths year": 0, "lst yr": -1,
}

_SYMBOLS = {"?": "?", "👍": "👍", "✅": "✅", "✔": "✔", "☑": "☑", "👌": "👌", "👎": "👎", "❌": "❌",
            "✖": "✖", "🚫": "🚫", "🤷": "🤷", "🤔": "🤔", "⏭": "⏭", "-": "-"}
_PUNCTUATION = frozenset("?-")
_NOT_WORD = re.compile(r"[^0-9a-z%]+")


def key(text: str) -> str:
    """Lower case, letters, digits and % only; a text of symbols only keeps its known symbols."""
    cleaned = unicodedata.normalize("NFKC", text).lower().replace("'", "").replace("’", "")
    compact = _NOT_WORD.sub("", cleaned)
    if compact:
        return compact
    symbols = [ch for ch in cleaned if ch in _SYMBOLS]
    emoji = [ch for ch in symbols if ch not in _PUNCTUATION]
    if emoji:  # "👍?!" is a thumbs up: punctuation around an emoji does not change it
        return emoji[0]
    return "".join(symbols)[:2]


_WORD = re.compile(r"[0-9a-z%]+")


def words_of(text: str) -> str:
    """' '-joined words: 'It's a 403(b)!' -> 'its a 403 b'."""
    cleaned = unicodedata.normalize("NFKC", text).lower().replace("'", "").replace("’", "")
    return " ".join(_WORD.findall(cleaned))


def find_phrase(text: str, phrases: dict[str, str]) -> str | None:
    """The value of the longest phrase found as whole words in a longer answer ("yes I think so",
    "it's a 403b", "there is no cap"); None when none is found, or the longest ones disagree."""
    padded = f" {words_of(text)} "
    found = [(len(p), v) for p, v in phrases.items() if p and f" {p} " in padded]
    if not found:
        return None
    if {"yes", "no"} <= {v for _length, v in found}:  # "no, I don't think they do": ask again
        return None
    longest = max(length for length, _v in found)
    values = {v for length, v in found if length == longest}
    return values.pop() if len(values) == 1 else None


def phrase_table(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {words_of(word): value for value, words in table.items() for word in words if words_of(word)}


def _keys(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(key(w) for w in words)


YES_KEYS, NO_KEYS, UNSURE_KEYS, SKIP_KEYS = _keys(YES), _keys(NO), _keys(UNSURE), _keys(SKIP)
ALL_KEYS, REST_KEYS = _keys(ALL_PAYCHECKS), _keys(REST_OF_YEAR)
YEAR_KEYS = {key(word): offset for word, offset in YEAR_WORDS.items()}
CHOICE_KEYS: dict[str, dict[str, str]] = {
    qid: {key(word): value for value, words in table.items() for word in words}
    for qid, table in CHOICE_WORDS.items()
}
YES_NO_UNSURE_KEYS: dict[str, str] = {
    key(word): value for value, words in YES_NO_UNSURE_WORDS.items() for word in words
}
CHOICE_PHRASES: dict[str, dict[str, str]] = {qid: phrase_table(table) for qid, table in CHOICE_WORDS.items()}
YES_NO_UNSURE_PHRASES = phrase_table(YES_NO_UNSURE_WORDS)
