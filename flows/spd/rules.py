"""Small named sentence rules: what one sentence (with its neighbours) says about each question.

Each rule looks at one sentence and the sentences around it and returns a Finding (an answer and
how strongly the sentence supports it) or a reason to set the sentence aside. The rules run in a
fixed order per question; the first that applies decides. Words the rules look for are in
``flows/spd/terms.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Literal

from flows.spd import terms as t
from flows.spd.sentences import Sentence

Answer = Literal["yes", "no", "conditional", "aside"]
Question = Literal["after_tax_allowed", "in_plan_conversion", "in_service_withdrawal"]

# How much a sentence decides: a named checkbox or a closing date (4) beats a specific statement
# about after-tax money (3), which beats a general statement (2), which beats a hint (1).
CLOSED, SPECIFIC, GENERAL, HINT = 4, 3, 2, 1
NEIGHBOURS = 6  # sentences a rule may see on each side (a list's items, a heading's sentences)


@dataclass(frozen=True)
class Finding:
    question: Question
    answer: Answer
    strength: int
    rule: str
    why: str
    sentence: Sentence
    slots: dict[str, object] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Window:
    """A sentence and its neighbours (up to NEIGHBOURS before and after) in reading order."""

    before: tuple[Sentence, ...]
    this: Sentence
    after: tuple[Sentence, ...]

    @property
    def text(self) -> str:
        return self.this.text

    @cached_property
    def low(self) -> str:
        return self.this.text.lower()

    def near(self, pattern: re.Pattern[str], *, back: int = 2, ahead: int = 2) -> bool:
        before = self.before[max(0, len(self.before) - back) :] if back else ()
        return any(pattern.search(s.text) for s in (*before, *self.after[:ahead]))


def _box(window: Window) -> Literal["checked", "unchecked", None]:
    if t.CHECKED_LEAD.match(window.text) or t.INLINE_CHOICE.search(window.low):
        return "checked"
    if t.UNCHECKED_LEAD.match(window.text) or t.UNCHECKED_INSIDE.search(window.text):
        return "unchecked"
    return None


def _ticked_no(window: Window) -> bool:
    """The ticked option refuses: "X does not" in an inline choice ("□ does / X does not"), else a
    refusal in the ticked sentence."""
    if t.INLINE_CHOICE.search(window.low):
        return bool(t.INLINE_X_NOT.search(window.low))
    return bool(t.NEG_PERMIT.search(window.low))


# ---------------------------------------------------------------- after-tax contributions (Q1)


def _mentions(low: str, words: tuple[str, ...]) -> bool:
    """A quick look for the words every pattern of a question needs, before any pattern runs."""
    return any(word in low for word in words)


def after_tax_allowed(window: Window) -> Finding | None:
    if not _about_after_tax_contributions(window):
        return None
    return _first(_Q1_RULES, window)


def _first(rules: tuple[Callable[[Window], Finding | None], ...], window: Window) -> Finding | None:
    """The first rule that applies decides; a yes read from a sentence about converting money decides
    less than one about the question itself (its quote belongs to the conversion question)."""
    for rule in rules:
        found = rule(window)
        if found is not None:
            return _conversion_yes_weakened(found, window)
    return None


def _conversion_yes_weakened(found: Finding, window: Window) -> Finding:
    if found.question == "in_plan_conversion" or found.answer != "yes" or found.strength <= GENERAL:
        return found
    if not t.CONVERSION.search(window.text):
        return found
    return replace(found, strength=GENERAL, why=f"{found.why} (said in a sentence about conversions)")


def _about_after_tax_contributions(window: Window) -> bool:
    low = window.low
    if _mega_backdoor_offered(low) or t.TAXED_BEFORE_GOING_IN.search(low):
        return True
    if not _mentions(low, t.Q1_WORDS):
        return False
    if not t.AFTER_TAX.search(low) and not t.NON_ROTH.search(low) and not t.ONLY_PRE_AND_ROTH.search(low):
        return _no_after_tax_kind(window) is not None or _closed_kinds(window) is not None
    if t.DEFINITION.search(window.text) and not t.GROUP.search(low):
        return False  # a definition says what a word means (unless it names a group that may use it)
    if t.WITHDRAWAL.search(low) and not t.CONTRIBUTE_ACT.search(low):
        return False  # taking after-tax money out says it exists, not that new contributions are allowed
    # a heading names the subject; it decides nothing (unless it is an item of a list of contribution types)
    return (
        len(window.text.split()) >= 7
        or window.near(t.LIST_INTRO_COLON, back=2, ahead=0)
        or _box(window) == "checked"
        or bool(t.PERMISSION.search(low) or t.NEG_PERMIT.search(low))
        or _labelled_q1(window) is not None
    )


def _no_after_tax_kind(window: Window) -> tuple[int, str, str] | None:
    """Every contribution is pre-tax, or the plan takes none from employees: no after-tax contribution can
    exist. (Only the plan's own words: its question answered no, or a plain statement.)"""
    if t.ALL_PRE_TAX.search(window.low):
        return GENERAL, "all_pre_tax", "every contribution to the plan is pre-tax: no after-tax kind"
    if t.EMPLOYER_FUNDED_ONLY.search(window.low) or _employer_money_only(window):
        return HINT, "employer_funded_only", "the plan takes no contributions from employees"
    return None


def _employer_money_only(window: Window) -> bool:
    """The account is told as holding employers' contributions, and no money of the employee's own is named
    in the sentence or the two on each side."""
    if not t.ACCOUNT_OF_EMPLOYER_MONEY.search(window.low):
        return False
    return not (t.EMPLOYEE_MONEY.search(window.low) or window.near(t.EMPLOYEE_MONEY, back=2, ahead=2))


def q1_no_after_tax_kind(window: Window) -> Finding | None:
    found = _no_after_tax_kind(window)
    if found is None or _question(window):
        return None
    strength, rule, why = found
    return _q1(window, "no", strength, rule, why)


def _q1(window: Window, answer: Answer, strength: int, rule: str, why: str) -> Finding:
    return Finding("after_tax_allowed", answer, strength, rule, why, window.this)


# Sentences that mention after-tax money but are not a plan term about contributing it.
_FUTURE = "a possibility for the future, not today's terms"
_Q1_ASIDE = (
    (t.FUTURE, "future", _FUTURE),
    (t.INTO_OTHER_PLAN, "other_plan", "contributions to another plan (IRA, HSA, stock plan), not this one"),
    (t.BUY_BACK, "buy_back", "after-tax dollars here only buy back forfeited money"),
    (t.HISTORY, "history", "plan history, not today's contributions"),
    (t.PENSION, "pension", "pension member contributions, not a 401(k) after-tax option"),
    (t.COMMENTARY, "commentary", "general commentary, not this plan's terms"),
    (t.COMPARISON, "comparison", "a comparison of tax effects, not this plan's terms"),
)


def _question(window: Window) -> bool:
    return window.text.rstrip().endswith("?")


def _answered_no(window: Window) -> bool:
    """A question in the plan's own Q&A whose answer is "No" ("Can I ...? No, except for hardship.")."""
    if not _question(window) or not window.after:
        return False
    answer = window.after[0].text.lower()
    exception = t.EXCEPT.search(answer)
    return bool(t.ANSWER_NO.match(answer)) and not (exception and _lists_after_tax(answer[exception.end() :]))


_QA_NO = "the plan's own Q&A answers this question no"


def q1_not_a_plan_term(window: Window) -> Finding | None:
    if _question(window):
        if _answered_no(window) and (
            t.NON_ROTH.search(window.low) or t.AFTER_TAX.search(t.ROTH_BOUND.sub("", window.low))
        ):
            return _q1(window, "no", GENERAL, "answered_no", _QA_NO)
        return _q1(window, "aside", HINT, "question", "a question, not a plan term")
    aside = _q1_aside(window)
    return None if aside is None else _q1(window, "aside", HINT, *aside)


def _q1_aside(window: Window) -> tuple[str, str] | None:
    """Why a sentence that mentions after-tax money is not a plan term about contributing it (rule, why)."""
    if t.VINTAGE.search(window.low):
        return "vintage", "after-tax money from past years (grandfathered), not today's contributions"
    if _into_ira_beside(window):
        return "ira_beside", _IRA_BESIDE
    for pattern, rule, why in _Q1_ASIDE:
        if pattern.search(window.low):
            return rule, why
    rolled_in = t.ROLLED_IN.search(window.low) and not t.PERMISSION.search(window.low)
    rolled_in = rolled_in and not _employer_money_only(window)  # rolled-in money beside the employers' only
    if rolled_in or t.ROLLOVER_OF_AFTER_TAX.search(window.low):
        return "rolled_in", "after-tax money rolled in from an old plan is not after-tax contributions"
    return None


_IRA_BESIDE = "after-tax money of the IRA the sentence before sets up beside the plan, not the plan's"


def _into_ira_beside(window: Window) -> bool:
    """"Participants can add a supplemental Roth IRA. After-tax contributions may be made …": the sentence's
    after-tax money is the IRA's (unless it names the plan or a non-Roth kind)."""
    low = window.low
    if not t.AFTER_TAX.search(low) or t.NON_ROTH.search(low) or t.PLAN_NAMED.search(low):
        return False
    return window.near(t.IRA_BESIDE, back=3, ahead=0)


def _labelled(window: Window) -> tuple[str, Literal["yes", "no"]] | None:
    """A summary's label and its value ("Voluntary after-tax contributions: Not permitted")."""
    match = t.LABEL.match(window.text.strip())
    if match is None:
        return None
    value = match["value"].strip().lower()
    if t.LABEL_NO.match(value):
        return match["label"].lower(), "no"
    if t.LABEL_YES.match(value):
        return match["label"].lower(), "yes"
    return None


_LISTED = {"yes": "available", "no": "not available"}


def _labelled_q1(window: Window) -> Literal["yes", "no"] | None:
    found = _labelled(window)
    if found is None:
        return None
    label, value = found
    about = t.AFTER_TAX.search(label) and not t.ROTH_WORD.search(label)
    return value if about and not t.WITHDRAWAL.search(label) and not t.CONVERSION.search(label) else None


def q1_labelled(window: Window) -> Finding | None:
    """A summary's label and value ("Voluntary after-tax contributions: Not permitted")."""
    value = _labelled_q1(window)
    if value is None:
        return None
    why = f"the plan's summary lists after-tax contributions as {_LISTED[value]}"
    return _q1(window, value, GENERAL if value == "yes" else SPECIFIC, "labelled", why)


def q1_only_pre_tax_and_roth(window: Window) -> Finding | None:
    """The plan takes only pre-tax and Roth contributions: no non-Roth after-tax kind."""
    if t.ONLY_PRE_AND_ROTH.search(window.low):
        why = "the plan takes only pre-tax and Roth contributions"
        return _q1(window, "no", GENERAL, "only_pre_tax_and_roth", why)
    return None


def q1_checkbox_or_template(window: Window) -> Finding | None:
    box = _box(window)
    if box == "unchecked":
        return _q1(
            window,
            "conditional",
            GENERAL,
            "unchecked_box",
            "a form option that is not ticked: it depends on the employer's election",
        )
    if box == "checked":
        negative = _ticked_no(window)
        unmarked = t.AFTER_TAX.search(t.ROTH_BOUND.sub("", window.low))
        if not negative and not unmarked and not t.NON_ROTH.search(window.low):
            why = "a ticked Roth option: Roth, not after-tax money"
            return _q1(window, "aside", HINT, "ticked_roth", why)
        return _q1(
            window, "no" if negative else "yes", CLOSED, "checked_box", "a ticked option on the plan's form"
        )
    if t.TEMPLATE.search(window.text) or t.IF_PERMITTED.search(window.low):
        return _q1(
            window,
            "conditional",
            GENERAL,
            "template",
            "template wording: it depends on what the employer elected (Adoption Agreement)",
        )
    return None


def q1_at_discretion(window: Window) -> Finding | None:
    """Allowed only "to the extent permitted by the Committee" (or at a plan body's discretion): the
    permission is the committee's to give or withdraw, so it depends on what it has decided."""
    if t.AT_DISCRETION.search(window.low) and not t.NEG_PERMIT.search(window.low):
        why = "left to the committee's or employer's discretion: it depends on what it has decided"
        return _q1(window, "conditional", GENERAL, "at_discretion", why)
    return None


def q1_only_some_employees(window: Window) -> Finding | None:
    """Allowed only to those who contributed before a date (grandfathered) or to a named group: it depends
    on who the reader is."""
    low = window.low
    if t.GRANDFATHERED.search(low) or (t.GROUP.search(low) and not t.NEG_PERMIT.search(low)):
        why = "only some employees may make after-tax contributions (grandfathered, or a named group)"
        return _q1(window, "conditional", SPECIFIC, "only_some_employees", why)
    return None


def q1_closed_by_date(window: Window) -> Finding | None:
    if t.FROZEN.search(window.low) or t.STOPPED.search(window.low):
        return _q1(window, "no", CLOSED, "closed_by_date", "after-tax contributions stopped at a past date")
    return None


def q1_highly_compensated(window: Window) -> Finding | None:
    """After-tax contributions refused to (or allowed only outside) highly compensated employees: the
    answer depends on whether the reader is one."""
    low = window.low
    limited = t.NEG_PERMIT.search(low) or t.CONDITIONS.search(low) or "non-highly" in low
    if not t.HCE.search(low) or not limited or not t.AFTER_TAX.search(t.ROTH_BOUND.sub("", low)):
        return None
    why = "the plan limits after-tax contributions for highly compensated employees: it depends on your pay"
    return _q1(window, "conditional", GENERAL, "highly_compensated", why)


def q1_negated(window: Window) -> Finding | None:
    low = window.low
    if not t.NEG_PERMIT.search(low) or t.HYPOTHETICAL.search(low) or t.SUSPENSION.search(low):
        return None
    unmarked = t.AFTER_TAX.search(t.ROTH_BOUND.sub("", low))
    if t.NON_ROTH.search(low) or unmarked or t.ROTH_EXCEPTED.search(low):
        return _q1(
            window, "no", SPECIFIC, "not_permitted", "the plan says it does not permit non-Roth after-tax"
        )
    return None


# A closed-world no: the plan's contributions told as a complete set that leaves out non-Roth after-tax money.
# The proposal says so plainly (the person reads what is missing, not a refusal), hence its own slot.
CLOSED_WORLD: dict[str, object] = {"closed_world": True}
_NAMES_NO_AFTER_TAX = "it names no after-tax (non-Roth) contributions"
_LISTS_PRE_AND_ROTH = f"the document lists pre-tax and Roth contributions only; {_NAMES_NO_AFTER_TAX}"
_ONLY_PRE_TAX = f"the document says the plan takes pre-tax contributions only; {_NAMES_NO_AFTER_TAX}"
_AFTER_TAX_OPTIONS_ROTH = f"every after-tax option it lists is a Roth option; {_NAMES_NO_AFTER_TAX}"
_DESCRIBED_PRE_TAX = f"the document describes the plan's contributions as pre-tax; {_NAMES_NO_AFTER_TAX}"


def _after_tax_named_near(window: Window) -> bool:
    """Non-Roth after-tax money named in this sentence or the three on each side: the description is then one
    part of a longer contributions section, not the whole set."""
    for sentence in (*window.before[-3:], window.this, *window.after[:3]):
        low = sentence.text.lower()
        within_limit = t.AFTER_TAX_WITHIN_DEFERRAL_LIMIT.search(low)  # within the deferral limit: Roth
        unmarked = t.AFTER_TAX.search(t.ROTH_BOUND.sub("", low)) and not within_limit
        if t.NON_ROTH.search(low) or unmarked:
            return True
    return False


def _kind_heading(window: Window) -> bool:
    """A heading right before that names one kind ("Before-Tax Contributions"): the sentence under it is about
    that kind."""
    heading = _heading(window)
    return heading is not None and bool(t.PRE_TAX.search(heading.text) or t.ROTH_WORD.search(heading.text))


def _closed_kinds(window: Window) -> tuple[int, str, str] | None:
    """The plan's contributions told as a complete set without a non-Roth after-tax kind: pre-tax and Roth
    closed by "both", "a combination" or a total; "only allows pre-tax contributions"; or the contributions
    as a whole described as pre-tax ("Contributions may be made on a pre-tax basis": a description, so a
    hint)."""
    low = window.low
    if _after_tax_named_near(window):
        return None
    if t.CLOSED_PRE_AND_ROTH.search(low) or t.PRE_AND_AFTER_ROTH_GLOSS.search(low):
        if t.DEFERRAL_SCOPE.search(low) or window.near(t.DEFERRAL_SCOPE, back=3, ahead=0):
            return None  # salary deferrals are pre-tax or Roth by law; the list cannot leave after-tax out
        return GENERAL, "closed_pre_tax_and_roth", _LISTS_PRE_AND_ROTH
    if t.ONLY_PRE_TAX.search(low):
        return GENERAL, "only_pre_tax", _ONLY_PRE_TAX
    if t.AFTER_TAX_OPTIONS_ALL_ROTH.search(low):
        return GENERAL, "after_tax_options_all_roth", _AFTER_TAX_OPTIONS_ROTH
    return _described_pre_tax(window)


def _described_pre_tax(window: Window) -> tuple[int, str, str] | None:
    """The contributions as a whole described as pre-tax (or pre-tax or Roth): "Contributions to your 401(k)
    plan are from pre-tax income". A named kind ("Matching contributions are pre-tax") or a heading naming one
    closes nothing."""
    low = window.low
    described = t.CONTRIBUTIONS_PRE_TAX.search(low)
    if described is None or _kind_heading(window):
        return None
    word = described["word"] or described["word2"]
    except_roth = t.EXCEPT_ROTH.search(low[: described.start()])  # "Except for Roth, these contributions …"
    if word is not None and word.strip("'’") in t.CONTRIBUTION_KIND_WORDS and not except_roth:
        return None
    rest = low[described.end() :]
    if except_roth:
        return HINT, "pre_tax_except_roth", _LISTS_PRE_AND_ROTH
    if t.OR_ROTH_ONLY.match(rest):
        return HINT, "described_pre_tax_or_roth", _LISTS_PRE_AND_ROTH
    return None if t.CHOICE.search(rest) else (HINT, "described_pre_tax", _DESCRIBED_PRE_TAX)


def q1_closed_world(window: Window) -> Finding | None:
    """A closed-world no: the plan's contributions listed or described as a complete set (pre-tax and Roth,
    "both", "a combination of the two", "from pre-tax income") with no non-Roth after-tax kind. Real SPDs
    rarely refuse after-tax contributions in so many words; they list what the plan takes."""
    found = _closed_kinds(window)
    if found is None or _question(window):
        return None
    strength, rule, why = found
    return replace(_q1(window, "no", strength, rule, why), slots=CLOSED_WORLD)


def _mega_backdoor_offered(low: str) -> bool:
    """The plan lists the mega backdoor among its options ("or via an after-tax in-plan Roth conversion (also
    known as the Mega Roth Backdoor)"); not refused, not a question, not commentary about plans in general."""
    if not t.MEGA_BACKDOOR.search(low) or not t.MEGA_OFFERED.search(low):
        return False
    refused = t.ANY_NEGATION.search(low) or t.MEGA_REMOVED.search(low)
    return not (refused or t.COMMENTARY.search(low) or t.HYPOTHETICAL.search(low))


def q1_mega_backdoor_offered(window: Window) -> Finding | None:
    """The mega backdoor is non-Roth after-tax contributions converted to Roth: a plan that offers it takes
    them."""
    if not _mega_backdoor_offered(window.low):
        return None
    why = "offers the mega backdoor Roth, which is made of non-Roth after-tax contributions"
    return _q1(window, "yes", GENERAL, "mega_backdoor_offered", why)


ROTH_REACH = 3  # sentences on each side in which a named Roth may be what "after-tax" means


def _roth_around(window: Window) -> bool:
    """Roth named in the sentence or near it: its "after-tax" may be Roth, so no tax-treatment rule may
    read it as the non-Roth kind."""
    return bool(t.ROTH_WORD.search(window.low)) or window.near(t.ROTH_WORD, back=ROTH_REACH, ahead=ROTH_REACH)


def q1_after_tax_taxed_later(window: Window) -> Finding | None:
    """Contributions said to be after-tax whose earnings are taxed only when paid out: Roth earnings never
    are, so with no Roth named around, the after-tax money is non-Roth."""
    if not t.CONTRIBUTIONS_AFTER_TAX.search(window.low) or t.NEG_PERMIT.search(window.low):
        return None
    if t.SET_CONTRIBUTIONS.search(window.low):
        return None  # a pension's set contributions, not a voluntary after-tax kind
    if _roth_around(window):
        return None
    taxed_later = t.EARNINGS_TAX_DEFERRED
    if not (taxed_later.search(window.low) or window.near(taxed_later, back=1, ahead=3)):
        return None
    why = "after-tax contributions whose earnings are taxed only when paid out (Roth earnings never are)"
    return _q1(window, "yes", GENERAL, "after_tax_taxed_later", why)


def q1_voluntary_taxed_first(window: Window) -> Finding | None:
    """Voluntary contributions the plan grants, taxed before they go in, with no Roth named around: the
    non-Roth after-tax kind (public and union plans' voluntary accounts)."""
    low = window.low
    if not _taxed_going_in(low) or t.NEG_PERMIT.search(low):
        return None
    if _roth_around(window):
        return None
    grant = _voluntary_grant(window)
    if grant is None or t.PRE_TAX.search(grant) or t.VOLUNTARY_ELSEWHERE.search(grant):
        return None  # voluntary money granted pre-tax, or for an IRA or service credit
    why = "voluntary contributions taxed before they go in, no Roth named: the non-Roth after-tax kind"
    return _q1(window, "yes", GENERAL, "voluntary_taxed_first", why)


def _taxed_going_in(low: str) -> bool:
    """Income tax told on contributions as they go in: not on their way out (excess, withholding on payment),
    not a state's or a city's tax alone (some tax pre-tax contributions too)."""
    if not t.TAXED_BEFORE_GOING_IN.search(low) or t.TAXED_ON_THE_WAY_OUT.search(low):
        return False
    return not (t.STATE_TAX.search(low) and not t.FEDERAL.search(low))


def _voluntary_grant(window: Window) -> str | None:
    """The sentence granting voluntary contributions (this one or one of the two before), lower case."""
    for sentence in (window.this, *reversed(window.before[-2:])):
        if t.VOLUNTARY_GRANT.search(sentence.text):
            return sentence.text.lower()
    return None


def q1_after_tax_to_415c(window: Window) -> Finding | None:
    """After-tax saving whose only limit is 415(c)'s ("on an after-tax basis, subject to the maximum
    contribution limit of $66,000.00 or 100% of compensation"): Roth contributions are held to the
    deferral limit instead, so this after-tax money is non-Roth."""
    low = window.low
    saving = t.AFTER_TAX.search(t.AFTER_TAX_PAY.sub("", low)) and not t.PRE_TAX.search(low)
    if not saving or _roth_around(window):
        return None
    if not (t.PERMISSION.search(low) or t.CONTRIBUTE_ACT.search(low)) or t.NEG_PERMIT.search(low):
        return None
    limit_415c = t.LIMIT_415C_ONLY.search(low) or window.near(t.LIMIT_415C_ONLY, back=1, ahead=1)
    if not limit_415c or t.LIMIT_402G.search(low):
        return None
    why = "after-tax saving held only to the 415(c) limit (Roth is held to the deferral limit): non-Roth"
    return _q1(window, "yes", GENERAL, "after_tax_to_415c", why)


def q1_spillover_at_limit(window: Window) -> Finding | None:
    """Contributions that switch to after-tax once the IRS limit is reached: Roth contributions count toward
    that limit, so what continues past it is non-Roth after-tax money."""
    low = window.low
    if t.SWITCH_TO_AFTER_TAX.search(low) and t.AT_LIMIT.search(low) and not t.ROTH_SWITCHES.search(low):
        why = "contributions continue as after-tax (non-Roth) money once the IRS limit is reached"
        return _q1(window, "yes", SPECIFIC, "spillover_at_limit", why)
    return None


def q1_beyond_roth_limit(window: Window) -> Finding | None:
    """After-tax contributions that let you save past the IRS limit on pre-tax and Roth contributions: Roth
    contributions count toward that limit, so after-tax money saved beyond it is non-Roth."""
    low = window.low
    beyond = t.BEYOND_ROTH_LIMIT.search(low)
    # the Roth named inside the limit is not the after-tax kind the sentence grants
    unmarked = beyond and t.AFTER_TAX.search(t.ROTH_BOUND.sub("", t.BEYOND_ROTH_LIMIT.sub(" ", low)))
    saving = t.CONTRIBUTE_ACT.search(low) or "additional" in low
    if unmarked and saving and not t.ANY_NEGATION.search(low):
        why = "after-tax contributions past the limit that Roth contributions count toward: non-Roth money"
        return _q1(window, "yes", SPECIFIC, "beyond_roth_limit", why)
    return None


def q1_non_roth_named(window: Window) -> Finding | None:
    low = window.low
    if not t.NON_ROTH.search(low):
        return None
    if _only_converting(low):
        why = "about converting after-tax money already in the plan, not contributing it"
        return _q1(window, "aside", HINT, "converting", why)
    if t.TREATMENT.search(low) and not t.OPTION.search(low):
        why = "describes how non-Roth after-tax contributions are taxed or limited (a general statement)"
        return _q1(window, "yes", GENERAL, "treatment_described", why)
    if t.PERMISSION.search(low) or t.CONTRIBUTE_ACT.search(low) or t.OPTION.search(low):
        return _q1(window, "yes", SPECIFIC, "non_roth_named", "names a non-Roth after-tax contribution")
    why = "names a non-Roth after-tax account, not that new contributions are allowed"
    return _q1(window, "aside", HINT, "account_named", why)


def _only_converting(low: str) -> bool:
    """The sentence's only permission is to convert ("You may convert all of your after-tax account
    balances"): money already in the plan, which says nothing of new contributions (unless the plan "offers"
    them)."""
    permission = t.PERMISSION.search(low)
    return bool(
        permission
        and t.CONVERT_VERB.search(low[permission.start() :])
        and not t.PERMISSION.search(t.CONVERT_VERB.sub("", low))
        and not t.CONTRIBUTE_ACT.search(low)
        and not t.OFFERED.search(low)
    )


def q1_positive(window: Window) -> Finding | None:
    low = window.low
    if t.BESIDE_ROTH.search(low) and (
        t.PERMISSION.search(low) or t.CONTRIBUTE_ACT.search(low) or t.CONTRIBUTIONS_CAN_BE.search(low)
    ):
        why = "names after-tax contributions as a type of its own, beside Roth (so non-Roth)"
        return _q1(window, "yes", SPECIFIC, "beside_roth", why)
    if t.ROTH_WORD.search(low):
        return None
    if t.PRE_TAX.search(low) and t.CHOICE.search(low) and window.near(t.ROTH_BOUND, back=1, ahead=1):
        return None  # "pre-tax or after-tax" beside a sentence that calls Roth after-tax: it may be Roth
    granted = t.PERMISSION.search(low) or (t.MAY_CONTRIBUTE.search(low) and not t.NEG_PERMIT.search(low))
    if t.AFTER_TAX_TERM.search(window.text) and granted:
        return _q1(window, "yes", SPECIFIC, "after_tax_permitted", "permits After-Tax Contributions")
    if t.SPILLOVER.search(low):
        return _q1(
            window, "yes", GENERAL, "spillover", "switches to after-tax contributions at the IRS limit"
        )
    return None


def q1_kinds_beside_roth(window: Window) -> Finding | None:
    """The plan's contributions counted as kinds ("three separate buckets: pre-tax, Roth, and after-tax"):
    after-tax named as a kind of its own beside Roth is the non-Roth kind."""
    if t.BESIDE_ROTH.search(window.low) and t.CONTRIBUTION_KINDS.search(window.low):
        why = "counts after-tax beside Roth among the plan's kinds of contributions (so non-Roth)"
        return _q1(window, "yes", GENERAL, "kinds_beside_roth", why)
    return None


def q1_roth_only(window: Window) -> Finding | None:
    low = window.low
    if t.CONVERSION.search(window.text):
        why = "about converting money to Roth, not which contributions the plan takes"
        return _q1(window, "aside", HINT, "conversion", why)
    unmarked = t.AFTER_TAX.search(t.ROTH_BOUND.sub("", low))
    roth_here = bool(t.ROTH_WORD.search(low))
    # Roth named next (or just called after-tax in the sentence before: "Roth accounts are post tax")
    resolved = window.near(t.ROTH_WORD, back=0, ahead=2) or window.near(t.ROTH_BOUND, back=1, ahead=0)
    if not roth_here and not (unmarked and t.CHOICE.search(low) and resolved):
        return None
    # the list's opening before it, or in the sentence itself ("two options for making contributions: 1. …")
    opening = window.near(t.LIST_INTRO, back=3, ahead=0) or t.LIST_INTRO_COLON.search(low)
    listed = opening and not t.ALSO.search(low)
    listed = listed and not window.near(t.AFTER_TAX_ITEM, back=3, ahead=3)
    choice = t.CHOICE.search(low) or t.PRE_AND_ROTH_PAIR.search(low)
    closed = (t.PRE_TAX.search(low) and choice) or listed
    pre_tax = t.PRE_TAX.search(low)
    scope = _clause(low, pre_tax.start()) if pre_tax else low  # the list's own clause
    if closed and (t.DEFERRAL_SCOPE.search(scope) or window.near(t.DEFERRAL_SCOPE, back=3, ahead=0)):
        why = "a list of salary deferral kinds (pre-tax or Roth by law) says nothing about after-tax money"
        return _q1(window, "aside", HINT, "deferral_kinds", why)
    # a non-Roth kind named around ("Regular after-tax contributions are also permitted") opens the list
    if closed and not t.BESIDE_ROTH.search(low) and not window.near(t.NON_ROTH, back=3, ahead=3):
        why = f"{_LISTS_PRE_AND_ROTH} (its after-tax kind is Roth)"
        return replace(_q1(window, "no", GENERAL, "closed_list_roth", why), slots=CLOSED_WORLD)
    return _q1(
        window, "aside", HINT, "roth_after_tax", "'Roth after-tax' means Roth 401(k), not after-tax money"
    )


def q1_ambiguous(window: Window) -> Finding | None:
    if t.CHOICE.search(window.low) and t.PRE_TAX.search(window.low):
        return _q1(
            window,
            "aside",
            HINT,
            "ambiguous_after_tax",
            "'after-tax basis' here may mean Roth; the sentence does not say non-Roth",
        )
    return None


_Q1_RULES = (
    q1_not_a_plan_term,
    q1_labelled,
    q1_only_pre_tax_and_roth,
    q1_no_after_tax_kind,
    q1_checkbox_or_template,
    q1_at_discretion,
    q1_only_some_employees,
    q1_closed_by_date,
    q1_highly_compensated,
    q1_negated,
    q1_mega_backdoor_offered,
    q1_closed_world,
    q1_spillover_at_limit,
    q1_beyond_roth_limit,
    q1_non_roth_named,
    q1_positive,
    q1_kinds_beside_roth,
    q1_after_tax_taxed_later,
    q1_voluntary_taxed_first,
    q1_after_tax_to_415c,
    q1_roth_only,
    q1_ambiguous,
)


# ---------------------------------------------------------------- in-plan Roth conversion (Q2)


def in_plan_conversion(window: Window) -> Finding | None:
    if not _mentions(window.low, t.Q2_WORDS):
        return None
    if not _about_conversion(window) or t.DEFINITION.search(window.text):
        return None
    for rule in _Q2_RULES:
        found = rule(window)
        if found is not None:
            return found
    return None


def _about_conversion(window: Window) -> bool:
    """A conversion named as such, or asked for ("can request 26 Roth conversions a year"), or money converted
    right after a sentence about in-plan Roth conversions, with Roth in the sentence or beside it."""
    if t.CONVERSION.search(window.text) or t.CONVERSION_REFUSED_IN_PLAN.search(window.low):
        return True
    # Roth beside it, or "non-Roth" sources (what a Roth conversion converts)
    roth_near = any(
        pattern.search(window.low) or window.near(pattern, back=1, ahead=1)
        for pattern in (t.ROTH_WORD, t.NON_ROTH_SOURCE)
    )
    if t.REQUEST_CONVERSION.search(window.low) and roth_near:
        return True
    return bool(t.CONVERT_VERB.search(window.low)) and window.near(t.CONVERSION, back=2, ahead=0)


def _q2(window: Window, answer: Answer, strength: int, rule: str, why: str) -> Finding:
    return Finding("in_plan_conversion", answer, strength, rule, why, window.this)


_Q2_ASIDE = (
    (t.COMMENTARY, "commentary", "general commentary, not this plan's terms"),
    (t.FUTURE, "future", _FUTURE),
    (t.BENEFICIARY, "beneficiary", "this is about beneficiaries, not participants"),
)


def q2_not_a_plan_term(window: Window) -> Finding | None:
    if _question(window):
        if _answered_no(window):
            return _q2(window, "no", GENERAL, "answered_no", _QA_NO)
        return _q2(window, "aside", HINT, "question", "a question, not a plan term")
    for pattern, rule, why in _Q2_ASIDE:
        participants_too = rule == "beneficiary" and t.PARTICIPANTS_TOO.search(window.low)
        if pattern.search(window.low) and not participants_too:
            return _q2(window, "aside", HINT, rule, why)
    if _about_converted_money(window.low):
        why = "about taking out (or the tax on) money already converted, not whether you may convert"
        return _q2(window, "aside", HINT, "converted_money", why)
    if t.ROTH_IRA.search(window.low) and not t.WITHIN_PLAN.search(window.low):
        why = "a rollover to a Roth IRA leaves the plan; it is not an in-plan conversion"
        return _q2(window, "aside", HINT, "roth_ira", why)
    return None


def _about_converted_money(low: str) -> bool:
    """Conversions named only as a kind of money ("a withdrawal of Roth sources (including in-plan Roth
    conversion amounts)", "the five-year period begins with your first in-plan Roth conversion"): the
    sentence is about withdrawing or taxing that money; no verb of converting, no conversion offered."""
    about_money = t.WITHDRAWAL.search(low) or t.FIVE_YEAR.search(low)
    offered = (
        t.CONVERT_VERB.search(low)
        or t.ROLL_VERB.search(low)
        or t.WITH_DISTRIBUTION.search(low)
        or t.NEG_PERMIT.search(low)
    )
    return bool(about_money and not offered and not t.CONVERT_PERMISSION.search(low))


def q2_labelled(window: Window) -> Finding | None:
    """A summary's label and value ("In-plan Roth conversions: Available")."""
    found = _labelled(window)
    if found is None or not t.CONVERSION.search(found[0]):
        return None
    value = found[1]
    why = f"the plan's summary lists in-plan Roth conversions as {_LISTED[value]}"
    return _q2(window, value, GENERAL if value == "yes" else SPECIFIC, "labelled", why)


def q2_checkbox_or_template(window: Window) -> Finding | None:
    box = _box(window)
    if box == "checked" and _ticked_no(window) and t.NONDISTRIBUTABLE.search(window.low):
        why = "the form refuses conversions only of money that could not be withdrawn; the rest depends"
        return _q2(window, "conditional", GENERAL, "nondistributable_refused", why)
    if box == "checked" and not _ticked_no(window) and t.AGE_59.search(window.text):
        return _q2(window, "conditional", CLOSED, "ticked_age", "a ticked option only from age 59½")
    if box == "checked":
        negative = _ticked_no(window)
        return _q2(
            window, "no" if negative else "yes", CLOSED, "checked_box", "a ticked option on the plan's form"
        )
    if t.NEG_PERMIT.search(window.low) and not t.HYPOTHETICAL.search(window.low):
        return _q2(
            window, "no", SPECIFIC, "not_permitted", "the plan says it does not permit in-plan conversions"
        )
    template = (
        t.TEMPLATE.search(window.text)
        or window.near(t.TEMPLATE, back=0, ahead=1)
        or t.IF_PERMITTED.search(window.low)
    )
    discretion = t.DISCRETION.search(window.low)  # "The Board may allow ... to convert"
    if box == "unchecked" or template or t.MAY_PERMIT.search(window.low) or discretion:
        return _q2(
            window,
            "conditional",
            GENERAL,
            "template",
            "it depends on what the employer elected (or the plan's own SPD)",
        )
    return None


def q2_age_gated(window: Window) -> Finding | None:
    if t.AGE_59.search(window.text):
        return _q2(window, "conditional", SPECIFIC, "age_59", "only for amounts withdrawn at age 59½")
    left_work = t.FORMER_EMPLOYEES.search(window.low) or t.AFTER_LEAVING.search(window.low)
    if left_work and not t.ACTIVE.search(window.low):
        why = "only after leaving work, not while employed"
        return _q2(window, "conditional", SPECIFIC, "after_leaving", why)
    gated = window.near(t.AGE_59_GATE, back=0, ahead=3) or window.near(t.OTHER_GATE, back=0, ahead=3)
    if t.WITH_DISTRIBUTION.search(window.low) and gated:
        why = "only together with a distribution, which an active employee may take only from a certain age"
        return _q2(window, "conditional", SPECIFIC, "with_distribution", why)
    return None


def q2_negated_next(window: Window) -> Finding | None:
    if t.HYPOTHETICAL.search(window.low) and window.near(t.UNABLE, back=0, ahead=1):
        return _q2(
            window, "no", SPECIFIC, "not_supported", "the next sentence says the plan does not support it"
        )
    return None


def q2_conversion_limit(window: Window) -> Finding | None:
    """A refusal of some money or of more than so many a year limits conversions the plan has; it does not
    say whether the plan converts."""
    if _box(window) is None and t.NEG_PERMIT.search(window.low) and _conversion_limit(window.low):
        why = "a limit on which money may be converted or how often, not whether the plan converts"
        return _q2(window, "aside", HINT, "conversion_limit", why)
    return None


def _conversion_limit(low: str) -> bool:
    """"You may not convert unvested amounts", "… more than twice a year": which money or how often."""
    return bool(t.CONVERSION_OF_SOME_MONEY.search(low) or t.MORE_THAN_TIMES.search(low))


def q2_refused_in_plan(window: Window) -> Finding | None:
    """"You can not do a Roth conversion inside of the plan": an in-plan conversion refused outright."""
    low = window.low
    refused = t.CONVERSION_REFUSED_IN_PLAN.search(low) and not _conversion_limit(low)
    if refused and not t.HYPOTHETICAL.search(low):
        why = "says a Roth conversion cannot be done inside the plan"
        return _q2(window, "no", SPECIFIC, "refused_in_plan", why)
    return None


def q2_mega_backdoor_offered(window: Window) -> Finding | None:
    """The plan lists an after-tax in-plan Roth conversion ("the Mega Roth Backdoor") among its options."""
    if t.CONVERSION.search(window.text) and _mega_backdoor_offered(window.low):
        why = "lists an after-tax in-plan Roth conversion (the mega backdoor) among the plan's options"
        return _q2(window, "yes", GENERAL, "mega_backdoor_offered", why)
    return None


def _hypothetical(low: str, granted_at: int) -> bool:
    """"If ... not", "unless", "even if" before the permission make it hypothetical; an "even if" after it
    is a concession that widens it ("You may convert even if the amounts are not otherwise distributable")."""
    found = t.HYPOTHETICAL.search(low)
    if found is None:
        return False
    concession = t.CONCESSION.search(low, granted_at)
    return not (concession is not None and found.start() == concession.start())


def q2_positive(window: Window) -> Finding | None:
    granted = t.CONVERT_PERMISSION.search(window.low) or t.REQUEST_CONVERSION.search(window.low)
    if granted is not None and not _hypothetical(window.low, granted.start()):
        specific = t.NON_ROTH.search(window.low) or t.AFTER_TAX.search(window.low) or "non-roth" in window.low
        slots: dict[str, object] = {}
        if t.DISTRIBUTABLE_ONLY.search(window.text) or window.near(t.DISTRIBUTABLE_ONLY, back=0, ahead=2):
            slots["limited_to_distributable"] = True
        return Finding(
            "in_plan_conversion",
            "yes",
            SPECIFIC if specific else GENERAL,
            "conversion_permitted",
            "permits converting non-Roth money to Roth inside the plan",
            window.this,
            slots,
        )
    return None


def q2_plans_own_feature(window: Window) -> Finding | None:
    """The plan names its own in-plan Roth rollover feature ("converted to Roth via the 401(k) plan's in-plan
    Roth rollover feature"): a plan only names a feature it has."""
    if t.PLANS_OWN_FEATURE.search(window.low) and not t.NEG_PERMIT.search(window.low):
        why = "names the plan's own in-plan Roth conversion feature"
        return _q2(window, "yes", GENERAL, "plans_own_feature", why)
    return None


_Q2_RULES = (
    q2_not_a_plan_term,
    q2_labelled,
    q2_conversion_limit,
    q2_checkbox_or_template,
    q2_age_gated,
    q2_refused_in_plan,
    q2_negated_next,
    q2_positive,
    q2_mega_backdoor_offered,
    q2_plans_own_feature,
)


# ---------------------------------------------------------------- in-service withdrawal (Q3)


def in_service_withdrawal(window: Window) -> Finding | None:
    low = window.low
    if not _mentions(low, t.Q3_WORDS):
        return None
    named = (
        t.WITHDRAWAL.search(low)
        or t.TYPES_OF_WITHDRAWAL.search(low)
        or t.NOT_ACCESSIBLE.search(low)
        or t.LIMITED_TO_HARDSHIP.search(low)
    )
    if not named:
        return None
    if t.DEFINITION.search(window.text):
        return None
    if t.TAX_TALK.search(low) and not t.PERMISSION.search(low) and not t.NEG_WITHDRAW.search(low):
        return None
    return _first(_Q3_RULES, window)


def _q3(window: Window, answer: Answer, strength: int, rule: str, why: str) -> Finding:
    return Finding("in_service_withdrawal", answer, strength, rule, why, window.this)


def _source(low: str) -> Literal["after_tax", "other", "general"]:
    """Whose money a withdrawal sentence is about ("Roth after-tax" money is Roth money; an explicit non-Roth
    name, "traditional after-tax" or "voluntary nondeductible", is after-tax money even beside Roth)."""
    if t.NON_ROTH.search(low) or t.AFTER_TAX_SOURCE.search(t.ROTH_BOUND.sub(" roth ", low)):
        return "after_tax"
    if re.search(t.ROLLED_MONEY, low):
        return "other"
    if t.GENERAL_SOURCE.search(low):
        return "general"
    return "other" if t.OTHER_SOURCE.search(low) else "general"


def q3_question(window: Window) -> Finding | None:
    """A question decides nothing, unless the plan's own Q&A answers it "No"."""
    if not _question(window):
        return None
    source = _source(window.low)
    about = source == "after_tax" or (source == "general" and t.IN_SERVICE.search(window.low))
    if _answered_no(window) and about:
        return _q3(window, "no", GENERAL, "answered_no", _QA_NO)
    return _q3(window, "aside", HINT, "question", "a question, not a plan term")


# Sentences about withdrawals that are not about taking after-tax money out while employed.
_Q3_ASIDE = (
    (t.COMMENTARY, "commentary", "general commentary, not this plan's terms"),
    (t.FUTURE, "future", _FUTURE),
    (t.FROM_OTHER_PLAN, "other_plan", "withdrawals from another plan (an IRA), not this one"),
    (t.LOAN_ONLY, "loan", "a loan is repaid; it is not a withdrawal"),
)


def q3_not_a_plan_term(window: Window) -> Finding | None:
    if _question(window):
        return None
    elsewhere = _q3_elsewhere(window)
    if elsewhere is not None:
        return _q3(window, "aside", HINT, *elsewhere)
    if _points_back_to_other_money(window):
        why = "its withdrawals are those of the sentence before, which is about other money (rollover, match)"
        return _q3(window, "aside", HINT, "other_money_before", why)
    employer_money = t.EMPLOYER_MONEY.search(window.low) and not t.AFTER_TAX.search(window.low)
    opens_list = _list_opening(window) == 0  # a list's opening is decided by the whole list
    if (_source(window.low) == "other" or employer_money) and not opens_list:
        return _q3(
            window,
            "aside",
            HINT,
            "other_money",
            "about other money (pre-tax, Roth, match or rollover), not after-tax contributions",
        )
    if t.CONVERSION.search(window.text) and not t.AFTER_TAX_SOURCE.search(window.low):
        return _q3(window, "aside", HINT, "conversion", "about conversions, not withdrawals")
    return None


def _q3_elsewhere(window: Window) -> tuple[str, str] | None:
    """Withdrawal talk that is not this plan's terms today: commentary, the future, another plan, a loan,
    the IRA the sentences before set up beside the plan (rule, why)."""
    for pattern, rule, why in _Q3_ASIDE:
        if pattern.search(window.low) and not (rule == "loan" and t.LIMITED_TO_HARDSHIP.search(window.low)):
            return rule, why
    return ("ira_beside", _IRA_BESIDE) if _into_ira_beside(window) else None


def _points_back_to_other_money(window: Window) -> bool:
    """"These withdrawals can be made at any time" names no money of its own: it is about the money of
    the sentence before, and that money is not after-tax contributions."""
    if not t.POINTS_BACK.search(window.low) or _source(window.low) != "general" or not window.before:
        return False
    return _source(window.before[-1].text.lower()) == "other"


def q3_only_to_convert(window: Window) -> Finding | None:
    """A withdrawal allowed only to feed an in-plan Roth rollover (said here or in the form's lines around
    it) moves the money into a Roth account inside the plan: no cash comes out, so it decides nothing
    about withdrawing after-tax money while employed."""
    if t.ONLY_TO_CONVERT.search(window.low) or window.near(t.ONLY_TO_CONVERT, back=2, ahead=1):
        why = "a withdrawal only to convert money to Roth inside the plan, not a cash withdrawal"
        return _q3(window, "aside", HINT, "only_to_convert", why)
    return None


def q3_labelled(window: Window) -> Finding | None:
    """A summary's label and value ("After-tax withdrawals: Available", "In-service withdrawals: None")."""
    found = _labelled(window)
    if found is None:
        return None
    label, value = found
    source = _source(label)
    if source == "other" or not (source == "after_tax" or t.IN_SERVICE.search(label)):
        return None
    strength = SPECIFIC if source == "after_tax" or value == "no" else GENERAL
    why = f"the plan's summary lists these withdrawals as {_LISTED[value]}"
    return _q3(window, value, strength, "labelled", why)


def _q3_ticked(window: Window) -> Finding:
    """A ticked withdrawal option grants only what it names: hardship is not a withdrawal at will, an age is
    a gate."""
    low = window.low
    if _ticked_no(window):
        return _q3(window, "no", CLOSED, "checked_box", "a ticked option on the plan's form")
    if re.search(t.HARDSHIP, low):
        why = "a ticked hardship option, not a withdrawal at will"
        return _q3(window, "aside", HINT, "ticked_hardship", why)
    if t.AGE_59.search(low) or t.OTHER_GATE.search(low):
        return _q3(window, "conditional", GENERAL, "ticked_age", "a ticked option from a certain age")
    if _source(low) == "after_tax":
        return _q3(window, "yes", CLOSED, "checked_box", "a ticked option on the plan's form")
    return _q3(window, "yes", CLOSED, "checked_box", "a ticked option on the plan's form")


def q3_checkbox_or_template(window: Window) -> Finding | None:
    box = _box(window)
    if box == "checked":
        return _q3_ticked(window)
    if box == "unchecked":
        return _q3(window, "aside", HINT, "unchecked_box", "an option on the plan's form that is not ticked")
    if t.TEMPLATE.search(window.text) or t.SELECT.search(window.low):
        return _q3(
            window,
            "conditional",
            HINT if t.SELECT.search(window.low) else GENERAL,
            "template",
            "it depends on what the employer elected (Adoption Agreement)",
        )
    return None


def q3_for_hardship(window: Window) -> Finding | None:
    """A withdrawal of after-tax money permitted for hardship is not a withdrawal at will."""
    low = window.low
    hardship = t.FOR_HARDSHIP.search(low) or (
        t.HARDSHIP_WITHDRAWALS.search(low) and _source(low) == "after_tax"
    )
    if hardship and _permits(low) and not t.ANY_REASON.search(low):
        return _q3(window, "no", GENERAL, "for_hardship", "allowed for hardship, not at will")
    return None


def q3_discretion(window: Window) -> Finding | None:
    if t.DISCRETION.search(window.low):
        strength = SPECIFIC if _source(window.low) == "after_tax" else GENERAL
        return _q3(
            window, "conditional", strength, "discretion", "the employer or board may allow it, on its terms"
        )
    if t.APPROVAL.search(window.low) and _permits(window.low):
        return _q3(window, "conditional", HINT, "approval", "allowed with someone's approval, on their terms")
    return None


LIST_REACH = NEIGHBOURS  # the sentences after a list's opening that are read as its items


def _list_opening(window: Window) -> int | None:
    """How many sentences back the plan's list of withdrawal types opens (0: this sentence)."""
    for back, sentence in enumerate((window.this, *reversed(window.before))):
        if back <= LIST_REACH and t.TYPES_OF_WITHDRAWAL.search(sentence.text):
            return None if t.MORE_THAN_LISTED.search(sentence.text.lower()) else back
    return None


def _closed_list_text(window: Window, back: int) -> str:
    """The list's own words: from its opening (``back`` sentences before this one) through its items."""
    sentences = (*window.before, window.this, *window.after)
    opening = len(window.before) - back
    match = t.TYPES_OF_WITHDRAWAL.search(sentences[opening].text)
    rest = sentences[opening].text[match.end() :] if match else ""
    items = sentences[opening + 1 : opening + 1 + LIST_REACH]
    return " ".join((rest, *(s.text for s in items))).lower()


def _lists_after_tax(text: str) -> bool:
    return bool(t.AFTER_TAX_SOURCE.search(t.ROTH_BOUND.sub(" roth ", text)))


def q3_closed_list(window: Window) -> Finding | None:
    """The plan's whole list of in-service withdrawal types, with no after-tax type in it, means after-tax
    money cannot be withdrawn freely while employed."""
    if t.TYPES_OF_WITHDRAWAL.search(window.text) and t.MORE_THAN_LISTED.search(window.low):
        why = "a list of withdrawals given in addition to others; its items decide"
        return _q3(window, "aside", HINT, "open_list", why)
    if _list_opening(window) != 0 or _lists_after_tax(_closed_list_text(window, 0)):
        return None
    why = "the document lists its in-service withdrawal types; after-tax money is not among them"
    return replace(_q3(window, "no", GENERAL, "closed_list", why), slots=CLOSED_WORLD)


def q3_list_item(window: Window) -> Finding | None:
    """One item of that closed list (e.g. age-59½ withdrawals) is decided by the list, not on its own."""
    back = _list_opening(window)
    if not back or _lists_after_tax(_closed_list_text(window, back)):
        return None
    return _q3(
        window, "aside", HINT, "list_item", "an item of the plan's list of withdrawal types; the list decides"
    )


def q3_listed_after_tax(window: Window) -> Finding | None:
    """An item of the plan's list of withdrawal types that names after-tax money ("After-tax Withdrawal: all
    or a portion of after-tax contributions"): the plan lists it among the withdrawals available while
    employed."""
    back = _list_opening(window)
    if not back or not _lists_after_tax(window.low):
        return None
    if not t.WITHDRAWAL.search(window.low) and not window.near(t.WITHDRAWAL, back=back, ahead=0):
        return None  # the item must be a withdrawal (named in it, its heading or the list's opening)
    if t.AGE_59.search(window.low) or t.OTHER_GATE.search(window.low):
        return _q3(window, "conditional", GENERAL, "age_59", "only from a certain age")
    if re.search(t.HARDSHIP, window.low):
        return None
    why = "the plan lists after-tax withdrawals among the withdrawals available while employed"
    return _q3(window, "yes", GENERAL, "listed_after_tax", why)


def q3_hardship_only(window: Window) -> Finding | None:
    """Withdrawals while employed only for hardship (also "limited to severe financial hardships", "limited
    access ... for loans or hardships"): after-tax money cannot come out at will. A clause about other money
    ("pre-tax contributions only for hardship") decides nothing about after-tax money."""
    match = t.HARDSHIP_ONLY.search(window.low) or t.LIMITED_TO_HARDSHIP.search(window.low)
    if match is None or _source(_clause(window.low, match.start())) == "other":
        return None
    strength = SPECIFIC if _source(window.low) == "after_tax" else GENERAL
    found = _q3(window, "no", strength, "hardship_only", "in-service withdrawals only for hardship")
    return found if _source(window.low) == "after_tax" else replace(found, slots=CLOSED_WORLD)


_LIMITS_WITHDRAWALS = (
    "the document limits withdrawals to {events} only; "
    "it names no withdrawal of after-tax money while employed"
)


def _gated_events(window: Window) -> tuple[list[str], bool] | None:
    """The events on which the sentence lets money come out, when every one is a gate (leaving work, death,
    disability, an age, a hardship, a loan), and whether the sentence says "only"."""
    low = _with_items(window)
    found = t.WITHDRAWAL_EVENTS.search(low)
    if found is None or t.AT_WILL.search(low):
        return None
    events = [e.strip(" .:") for e in t.EVENT_SPLIT.split(found["events"]) if e.strip(" .:")]
    if not events or not all(t.GATE_EVENT.search(e) for e in events):
        return None
    return events, "only" in low[: found.start("events")].split() or "only" in found["events"].split()[:1]


def _with_items(window: Window) -> str:
    """The sentence with the items of the list it opens ("You may draw benefits when these events occur:"
    then "• you become disabled;" …), joined as one list; other sentences alone."""
    if not window.text.rstrip().endswith(":"):
        return window.low
    items = []
    for sentence in window.after[:LIST_REACH]:
        if not t.LIST_ITEM.match(sentence.text):
            break
        item = t.LIST_ITEM.sub("", sentence.text, count=1).lower()
        items.append(re.sub(r"[\s;,.]*(?:\b(?:or|and))?[\s;,.]*$", "", item))
    return f"{window.low} {', '.join(items)}" if items else window.low


def _more_than_listed(window: Window) -> bool:
    """The list is not the plan's whole word on withdrawals: "also", a pointer to more ("Your Plan may allow
    for additional types of withdrawals", "as described later"), "depending on plan provisions", tax talk
    (the IRS penalty's exceptions), or money paid once you have left ("Upon your retirement, you may
    withdraw ...")."""
    low = window.low
    if t.ALSO.search(low) or t.OPEN_ENDED.search(low) or t.TAX_TALK.search(low):
        return True
    found = t.WITHDRAWAL_EVENTS.search(low)
    if found is not None and t.AFTER_LEAVING.search(low[: found.start("events")]):
        return True
    return window.near(t.OPEN_ENDED, back=0, ahead=2) or window.near(t.ALSO_IN_SERVICE, back=0, ahead=2)


def _after_tax_withdrawal_near(window: Window) -> bool:
    """After-tax money named in this sentence or the three on each side: a separate withdrawal right may be
    told there."""
    return any(
        _source(s.text.lower()) == "after_tax" for s in (*window.before[-3:], window.this, *window.after[:3])
    )


def q3_closed_events(window: Window) -> Finding | None:
    """A closed-world no: money may come out only on events that are each a gate ("You may only withdraw
    from your account at separation from service, retirement, death or by demonstrating a severe financial
    hardship", "You may access your 403(b) money: when you have terminated employment, when you reach age
    59½, for an approved loan, for an approved hardship"). Real SPDs list when money comes out rather than
    refuse a withdrawal at will. A list of leaving events only ("Funds are available at retirement, death,
    disability, or termination") is every SPD's distribution section, so it is only a hint."""
    low = window.low
    if _source(low) != "general" or _after_tax_withdrawal_near(window) or _more_than_listed(window):
        return None
    gated = _gated_events(window)
    if gated is None:
        return None
    events, only = gated
    if t.IN_SERVICE.search(low) and any(t.AN_AGE.search(e) or t.AGE_59.search(e) for e in events):
        return None  # "in-service distributions … only at 59½": a route while employed from an age
    while_employed = [e for e in events if not t.AFTER_LEAVING.search(e) and not re.search(t.LEAVING, e)]
    if not only and len(events) < 2:
        return None
    strength = GENERAL if only or while_employed else HINT
    named = ", ".join(_event_name(e) for e in events)
    why = _LIMITS_WITHDRAWALS.format(events=named)
    return replace(_q3(window, "no", strength, "closed_events", why), slots=CLOSED_WORLD)


_EVENT_NAMES = (
    ("hardship", t.HARDSHIP_WORDS),
    ("age 59½", t.AGE_59),
    ("a loan", t.LOAN_WORD),
    ("an age", t.AN_AGE),
    ("death", t.DEATH),
    ("disability", t.DISABILITY),
    ("retirement", t.RETIREMENT),
    ("leaving work", t.LEAVING_WORK),
)


def _event_name(event: str) -> str:
    return next((name for name, pattern in _EVENT_NAMES if pattern.search(event)), event)


def _clause(text: str, at: int) -> str:
    start = text.rfind(";", 0, at) + 1
    end = text.find(";", at)
    return text[start:] if end < 0 else text[start:end]


def q3_negated(window: Window) -> Finding | None:
    refusal = t.NEG_WITHDRAW.search(window.low)
    hypothetical = t.HYPOTHETICAL.search(window.low)
    # "cannot request a distribution unless I am terminated": leaving work is no way out while employed
    unless_leaving = hypothetical is not None and t.UNLESS_LEAVING.match(window.low, hypothetical.start())
    if refusal is None or (hypothetical and not unless_leaving):
        return None
    exception = t.EXCEPT.search(window.low, refusal.end())
    if exception is not None and _lists_after_tax(window.low[exception.end() :]):
        return _q3_excepted(window, window.low[exception.end() :])
    strength = SPECIFIC if _source(window.low) == "after_tax" else GENERAL
    return _q3(window, "no", strength, "not_permitted", "withdrawals are not allowed while employed")


def _q3_excepted(window: Window, exception: str) -> Finding:
    """A refusal whose exception names after-tax money permits that money (on the exception's terms)."""
    if t.AGE_59.search(exception):
        return _q3(window, "conditional", GENERAL, "age_59", "only from age 59½")
    if re.search(t.HARDSHIP, exception):
        return _q3(window, "no", SPECIFIC, "hardship_only", "in-service withdrawals only for hardship")
    why = "withdrawals while employed are refused except from after-tax money"
    return _q3(window, "yes", SPECIFIC, "except_after_tax", why)


def q3_age_gated(window: Window) -> Finding | None:
    gated = t.AGE_59_GATE.search(window.text) or (
        t.THIS_AGE.search(window.low) and window.near(t.AGE_59, back=2, ahead=0)
    )
    if gated and (t.PERMISSION.search(window.low) or t.IF_AGE.search(window.low)):
        return _q3(window, "conditional", GENERAL, "age_59", "only from age 59½")
    return None


def q3_after_leaving(window: Window) -> Finding | None:
    """Money paid on leaving work, retiring, death or disability is not a withdrawal while employed."""
    if not t.AFTER_LEAVING.search(window.low) or t.IN_SERVICE.search(window.low):
        return None
    if _out_when_leaving(window):
        why = "it lets money out only once you have left work (or at death or disability), not while employed"
        return replace(_q3(window, "no", HINT, "only_after_leaving", why), slots=CLOSED_WORLD)
    why = "about money paid after leaving work (or at death or disability), not while employed"
    return _q3(window, "aside", HINT, "after_leaving", why)


def _out_when_leaving(window: Window) -> bool:
    """The sentence says when money may come out, and that is on leaving ("Participants may withdraw from
    their accounts upon termination of employment"); not a payout's form framed by retirement ("Upon your
    retirement, you may withdraw your account in a lump sum"), and no other route told around it."""
    low = window.low
    granted = t.PERMISSION.search(low) or t.MAY_BE_REQUESTED.search(low)
    leaving = t.AFTER_LEAVING.search(low)
    if granted is None or leaving is None or leaving.start() < granted.start():
        return False
    return not (_after_tax_withdrawal_near(window) or _more_than_listed(window))


def q3_other_gate(window: Window) -> Finding | None:
    """Allowed only from an age (other than 59½) or after years in the plan: it depends on the reader."""
    if t.OTHER_GATE.search(window.low) and _permits(window.low):
        why = "only from a certain age or after years in the plan"
        return _q3(window, "conditional", GENERAL, "other_gate", why)
    return None


def _permits(low: str) -> bool:
    return bool(t.PERMISSION.search(low) or t.MAY_BE_REQUESTED.search(low) or t.FREQUENCY_LIMIT.search(low))


def q3_positive(window: Window) -> Finding | None:
    low = window.low
    if not _permits(low):
        return None
    source = _source(low)
    if source == "after_tax":
        return _q3(
            window,
            "yes",
            SPECIFIC,
            "after_tax_withdrawal",
            "permits withdrawing after-tax money while employed",
        )
    if t.IN_SERVICE.search(low) or t.ANY_REASON.search(low):
        if t.AGE_59.search(low) or t.OTHER_GATE.search(low):
            why = "in-service withdrawals named beside an age: it depends on the reader's age"
            return _q3(window, "conditional", GENERAL, "beside_an_age", why)
        if t.CONDITIONS.search(low):
            return _q3(window, "conditional", HINT, "conditions", "in-service withdrawals only on conditions")
        return _q3(window, "yes", GENERAL, "in_service_permitted", "permits in-service withdrawals")
    return None


_Q3_RULES = (
    q3_question,
    q3_not_a_plan_term,
    q3_only_to_convert,
    q3_labelled,
    q3_checkbox_or_template,
    q3_closed_list,
    q3_list_item,
    q3_closed_events,
    q3_hardship_only,
    q3_for_hardship,
    q3_discretion,
    q3_negated,
    q3_age_gated,
    q3_after_leaving,
    q3_other_gate,
    q3_listed_after_tax,
    q3_positive,
)

RULES = (after_tax_allowed, in_plan_conversion, in_service_withdrawal)


# ---------------------------------------------------------------- a sentence under its heading

_HEADING_WORDS = 8


def _heading(window: Window) -> Sentence | None:
    """The heading right before this sentence ("After-Tax Withdrawals"): short, title case, no full stop."""
    if not window.before:
        return None
    text = window.before[-1].text.strip()
    words = text.split()
    # a plan document's or a code's section title ("§ 5.26.065." then "After-Tax Contributions.")
    if text.endswith(".") and len(window.before) > 1 and t.SECTION_NUMBER.match(window.before[-2].text):
        text = text[:-1]
    if not words or len(words) > _HEADING_WORDS or text[-1] in ".?:;," or not text[0].isupper():
        return None
    if all(w[0].isupper() or not w[0].isalpha() or len(w) <= 3 for w in words):
        return window.before[-1]
    return None


def _another_kind_than_heading(framed: Finding, window: Window) -> bool:
    """A yes only the heading gives, to a sentence that names money of another kind (pre-tax, deferrals, the
    employer's): the heading is the section's subject, not what the sentence grants."""
    return framed.answer == "yes" and bool(t.ANOTHER_KIND_OF_MONEY.search(window.low))


HEADINGS_RUN_WORDS = 12  # a table of contents flattened into one line has many short title-case headings
_HEADINGS_CAPITALISED = 0.85


def _run_of_headings(text: str) -> bool:
    """A table of contents or a run of headings flattened into one "sentence" ("WITHDRAWALS WHILE EMPLOYED
    After-Tax Withdrawals Post Age 59½ Hardship Withdrawals TAKING A LOAN ..."): it names subjects and says
    nothing about them."""
    words = [w for w in text.split() if w[:1].isalpha()]
    if len(words) < HEADINGS_RUN_WORDS or t.GRANT_OR_REFUSAL_WORD.search(text):
        return False
    return sum(w[0].isupper() for w in words) >= _HEADINGS_CAPITALISED * len(words)


def find(window: Window) -> list[Finding]:
    """What this sentence says about each question. A sentence is read under its heading too: "You may
    withdraw this account at any time" under "After-Tax Withdrawals" is about after-tax money (a general
    statement), and a yes under "Hardship Withdrawals" or "Distributions After You Leave" is read as the
    heading frames it."""
    if _run_of_headings(window.text):
        return []
    heading = _heading(window)
    out = []
    for rule in RULES:
        found = rule(window)
        if heading is not None and (found is None or found.answer == "yes"):
            framed = rule(replace(window, this=replace(window.this, text=f"{heading.text}: {window.text}")))
            if framed is not None and found is None and not _another_kind_than_heading(framed, window):
                found = replace(framed, sentence=window.this, strength=min(framed.strength, GENERAL))
            elif framed is not None and framed.answer != "yes":
                found = replace(framed, sentence=window.this)
        if found is not None:
            out.append(found)
    return out
