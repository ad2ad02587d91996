"""The words the sentence rules look for, one named pattern each (lower-case text unless noted)."""

from __future__ import annotations

import re


def _r(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    return re.compile(pattern, flags)


AT = r"(?:after|post)[\s-]?tax|aftertax"
# Words each question's patterns all need (lower case): a sentence without any of them is skipped.
Q1_WORDS = (
    "tax", "regular savings", "deductible", "funded", "not contribut", "t contribut", "permitted to make",
    "account holds", "account includes", "balance includes", "account consists",
)
Q2_WORDS = ("roth", "xxxx", "irr", "conver")
Q3_WORDS = ("withdraw", "distribut", "remove", "take", "taking", "access", "draw ")
# "Roth" that is not "non-Roth": an explicit "non-Roth" is never Roth money.
ROTH = r"(?<!non-)(?<!non )(?<!non)\b(?:roth|xxxx)\b"
AFTER_TAX = _r(AT)
# An after-tax contribution that is not Roth, named as such.
NON_ROTH = _r(
    rf"\b(?:regular|traditional|voluntary|supplemental|unmatched)\s+(?:{AT})"
    rf"|(?:{AT})\s+spillover|(?:{AT})(?:\s+(?:basis|contributions?|dollars))?\s*[(,\u2013\u2014-]?\s*"
    r"(?:non[\s-]?roth|not roth|other than roth)"
    rf"|(?:{AT})\s+contributions?\s+\(?(?:other than|except|besides)\s+roth"
    # "an after-tax basis (including Roth contributions)": after-tax is wider than Roth here
    rf"|(?:{AT})[^.;()]{{0,20}}\(\s*including (?:roth|xxxx)\b"
    rf"|\bnon[\s-]?roth\)?\s+(?:or\s+voluntary\s+)?(?:{AT})"
    r"|\bnon-?deductible (?:voluntary |employee )*contributions|\bvoluntary non-?deductible"
    rf"|regular "
    rf"savings|(?:{AT})\s+(?:employee\s+)?contributions?\s+(?:sub-?)?account|(?:{AT})\s+(?:sub-?)?account"
)
# After-tax named beside Roth as a type of its own: "in addition to your pre-tax and Roth contributions,
# you may make after-tax contributions", "on a pre-tax, Roth, or after-tax basis". Roth deferrals are
# elective deferrals; an after-tax contribution beside them is the other, non-Roth kind.
_NOT_ROTH_AFTER = r"(?![^.;]{0,4}\broth\b)"
_PRE = r"(?:pre|before)[\s-]?tax(?: contributions)?"
# a Roth item of a list, also when it is called after-tax with its name in brackets ("post-tax (Roth)")
_ROTH_TYPE = (
    rf"(?:(?:{AT})\s*\(\s*{ROTH}(?: 401\(k\)| 403\(b\))?(?: contributions?)?\s*\)"
    rf"|{ROTH}(?: 401\(k\))?(?: contributions)?)"
)
_PRE_ITEM = r"(?:pre|before)[\s-]?tax(?: basis| dollars| contributions)?"
_AND_OR = r",?\s+(?:and|or|and/or)\s+"
# Items of a list: "pre-tax, Roth, after-tax, or ...", "pre-tax, Roth and after-tax".
_SEP = r"(?:,\s*(?:and/or\s+|and\s+|or\s+)?|\s+(?:and|or|and/or)\s+)"
_IN_ADDITION = r"\bin addition to (?:your |any |the )?"
_ITEM_LEAD = r"(?:as )?(?:an? )?"  # "a Roth basis", "as Roth contributions"
# A stretch of words in one sentence without "Roth": what continues past a limit "as Roth contributions on an
# after-tax basis" or "on a Roth after-tax basis" is Roth money.
_NO_ROTH_GAP = r"(?:(?!\broth\b)[^.;])"
BESIDE_ROTH = _r(
    rf"{_IN_ADDITION}[^.;,]{{0,40}}?{ROTH}[^.;,]{{0,30}},[^.;]{{0,60}}?(?:{AT}){_NOT_ROTH_AFTER}"
    # the same without the comma: "In addition to your pre-tax and Roth deferrals you may make after-tax …"
    rf"|{_IN_ADDITION}[^.;,]{{0,40}}?{ROTH}(?: 401\(k\))?\s+(?:deferrals?|contributions?|savings)\s+"
    rf"(?:you|participants|employees|members)\s+(?:may|can|are able to)\b[^.;]{{0,60}}?"
    rf"(?:{AT}){_NOT_ROTH_AFTER}"
    rf"|(?<!roth )(?:{AT})(?:\s+(?:contributions?|basis|dollars))?[^.;]{{0,60}}?{_IN_ADDITION}[^.;]{{0,30}}?"
    rf"{ROTH}"
    rf"|{_PRE},\s*{_ROTH_TYPE}{_AND_OR}(?:{AT}){_NOT_ROTH_AFTER}"
    rf"|{_PRE},\s*(?:{AT})(?: contributions)?{_AND_OR}{ROTH}"
    rf"|{_PRE_ITEM}{_SEP}{_ITEM_LEAD}{ROTH}[^,.;]{{0,25}}?{_SEP}{_ITEM_LEAD}(?:{AT}){_NOT_ROTH_AFTER}"
    rf"|{_PRE_ITEM}{_SEP}{_ITEM_LEAD}(?:{AT})(?![^,.;]{{0,8}}\broth\b)[^,.;]{{0,25}}?{_SEP}{_ITEM_LEAD}{ROTH}"
    # "Roth and after-tax contributions": two kinds named side by side, so the after-tax one is not Roth
    rf"|{ROTH}(?: 401\(k\))?(?: contributions)?{_AND_OR}(?:{AT}){_NOT_ROTH_AFTER}"
    rf"|(?:{AT}){_NOT_ROTH_AFTER}[^.;]{{0,20}}\(?(?:separate from|apart from|distinct from|in addition to) "
    rf"(?:your |any )?{ROTH}"
    # beyond the IRS deferral limit, which Roth contributions count toward
    rf"|\b(?:once|when|after) you (?:reach|hit|exceed|meet)\b[^.;]{{0,60}}\blimits?\b"
    rf"{_NO_ROTH_GAP}{{0,80}}(?:{AT}){_NOT_ROTH_AFTER}"
    rf"|(?:{AT}){_NOT_ROTH_AFTER}[^.;]{{0,30}}\b(?:above|beyond|over|in excess of)\s+(?:the\s+)?"
    r"(?:irs |402\(g\) |annual |pre-tax |deferral |elective )*(?:deferral )?limits?\b"
)
# The plan's only contribution types are pre-tax and Roth ("The Plan only accepts pre-tax and Roth
# contributions"): no after-tax kind beyond Roth.
_PRE_AND_ROTH = rf"{_PRE_ITEM}(?: and| or|,)+ (?:designated )?roth\b(?![^.;]{{0,30}}(?:{AT}))"
ONLY_PRE_AND_ROTH = _r(
    rf"\b(?:accepts|permits|allows|offers|provides for|make|contribute)\s+only\s+{_PRE_AND_ROTH}"
    rf"|\bonly (?:accepts|permits|allows|offers|provides for)\s+{_PRE_AND_ROTH}"
    rf"|^only\s+{_PRE_AND_ROTH}[^.;]{{0,30}}\b(?:are|is|may be) (?:permitted|accepted|allowed)"
    rf"|\b(?:accepts|permits|allows|offers|provides for)\s+{_PRE_AND_ROTH}(?: contributions| deferrals)?"
    r" only\b"
)
# Only some people may contribute: those who already did before a date (grandfathered), or a group named
# by place or bargaining unit ("members in non-US locations", "an Employer domiciled in Puerto Rico").
GRANDFATHERED = _r(
    r"\b(?:who|that) (?:were|was|had been|have been)\b[^.;]{0,60}\b(?:prior to|before)\b[^.;]{0,40}"
    r"(?:19|20)\d\d[^.;]{0,80}\bmay continue\b|\bgrandfather"
)
GROUP = _r(
    r"\bpuerto ric|\bnon-?u\.?s\.?\b|\boutside (?:of )?the (?:united states|u\.s\.)"
    r"|\bcollective(?:ly)? bargain|\bbargaining unit|\bunion (?:employees|members)"
)
# Roth is the only after-tax kind: "except through Roth contributions", "(other than Roth)".
ROTH_EXCEPTED = _r(rf"\b(?:except|other than|besides)\b[^.;]{{0,30}}{ROTH}")
# A limit aimed at highly compensated employees: it depends on whether the reader is one.
HCE = _r(r"\bhighly[\s-]compensated\b|\bhces?\b|\bkey employees?\b")
# A label and its value, as plan highlights print them: "Voluntary after-tax contributions: Not permitted",
# "In-plan Roth conversions: Available".
LABEL = _r(r"^(?P<label>[^:.;?]{3,70}):\s*(?P<value>[^:]{0,100})$")
LABEL_NO = _r(r"^(?:not permitted|not allowed|not available|not offered|none|no|n/a)\.?$")
# A yes with a gate after it ("Available at age 59½", "Yes, if elected") is not a plain yes.
LABEL_YES = _r(
    r"^(?:yes|permitted|allowed|available|offered|(?:at )?any time"
    r"|(?:once|twice|up to \w+ times) (?:per|a|each|every))\b"
    r"(?![^;]{0,80}\b(?:if|only|unless|age|59|after(?![\s-]?tax)|upon|when"
    r"|once you|terminat\w*|separat\w*|retire\w*|hardship|disab\w*|elected|employer)\b)"
)
CONTRIBUTIONS_CAN_BE = _r(r"\bcontributions? (?:can|may) be\b")
# Capitalised defined term, as plan documents write it (case-sensitive).
AFTER_TAX_TERM = re.compile(
    r"[Aa]fter-?\s?[Tt]ax (?:[Ee]mployee )?[Cc]ontributions?\b(?! (?:rate|election|account))"
    r"|[Aa]fter[\s-]tax contribution (?:feature|option|program)|[Cc]ontributions? \((?:after|post)[\s-]tax\)"
)
ROTH_WORD = _r(rf"{ROTH}|\bxxxx\b")
# "Roth after-tax", "after-tax Roth", "after-tax (Roth 401(k))", "Roth post-tax", "Roth 401(k) ... after-tax"
ROTH_BOUND = _r(
    rf"{ROTH}\s+(?:401\(k\)\s+)?(?:{AT})|(?:{AT})\s*\(?\s*{ROTH}|(?:{AT})\s+contributions?\s*\(roth\)"
    rf"|{ROTH}[^.;,]{{0,80}}?(?:{AT})|(?:{AT})[^.;,]{{0,60}}?{ROTH}"
)
PRE_TAX = _r(r"\b(?:pre|before)[\s-]?tax|tax[\s-]deferred|traditional 401\(k\)")
CHOICE = _r(r"\bor\b|\btwo (?:ways|options|types)\b|choice between|combination")
# Putting money in (a verb, not the noun "contributions" that names whose money is withdrawn).
CONTRIBUTE_ACT = _r(
    r"\bcontribut(?:e|es|ing)\b|\bmak(?:e|es|ing)\b[^.;]{0,40}\bcontributions?\b|\bsav(?:e|es|ing)\b|election"
    r"|\bdeduct(?:s|ed|ions?)?\b|\belect to (?:make|contribute|save)"
)
# A stop for a time after a withdrawal ("you may not make contributions for 6 months") is not a ban.
SUSPENSION = _r(r"\bsuspen|\bfor (?:a period of )?(?:\d{1,2}|one|two|three|six|twelve) (?:full )?months?\b")
PERMISSION = _r(
    r"(?<!not )(?<!never )(?<!not be )(?<!n't be )(?<!never be )"
    r"\b(?:may|can|could|allowed to|able to|eligible to|permitted to|will be able|entitled to)\b"
    r"(?!\s+not\b)"
    r"(?:\s+\w+){0,3}\s+"
    r"(?:make|contribute|elect|save|withdraw|request|remove|receive|take|taking|receiving|withdrawing|convert"
    r"|be made|choose|decide)"
    r"|\bis available\b|\bare available\b|\ballows? (?:you|participants|employees)\b|\bpermits? (?:you|a "
    r"participant)"
    r"|\bchoose\b|\bdecide\b|you can\b|\bavailable to\b|will continue at a rate"
    r"|\b(?:is|are) (?:permitted|allowed|accepted)\b|\bthe plan (?:permits|allows|accepts|offers)\b"
    # "may, by written notice to the Committee, withdraw": a clause between the modal and its verb
    r"|\b(?:may|can)\s*,[^,.;]{0,100},\s*(?:make|contribute|elect|withdraw|request|receive|take|convert)"
)
SPILLOVER = _r(r"spillover|switch\w*\s+you\s+to\b.*(?:once|when)\b.*\blimit")
BUY_BACK = _r(r"buy[\s-]?back|previously forfeited")
HISTORY = _r(
    r"\b(?:created|established|founded)\b.*\b(?:19|20)\d\d\b|\b(?:19|20)\d\d\b.*\b(?:created|established)\b"
)
# Money of a past vintage: "pre-1987 Voluntary After-Tax Contributions", "made before January 1, 1987".
VINTAGE = _r(
    r"\bpre-(?:19|20)\d\d\b|\b(?:made|contributed) (?:before|prior to) (?:\w+ \d{1,2}, )?(?:19|20)\d\d"
)
PENSION = _r(r"\bmember contributions\b|defined benefit|\bpension\b")
# A pension's contributions, set by the plan and not chosen ("Your mandatory 3% contributions", "As a
# condition of employment, you contribute 5%", "contributions to the Retirement System").
SET_CONTRIBUTIONS = _r(
    r"\b(?:mandatory|required)\s+(?:\S+\s+)?contributions?\b"
    r"|\bcondition of employment\b|\bretirement system\b"
)
ROLLED_IN = _r(r"\brolled?[\s-]?(?:in|over)\b|prior plan|transferred (?:from|to)")
# After-tax money as the thing rolled over ("accepts rollovers of after-tax contributions").
ROLLOVER_OF_AFTER_TAX = _r(rf"\brollovers? (?:contributions? )?of (?:your |any |other )*(?:{AT})")
# Advice about plans in general ("if your plan offers ...", "depending on your plan"), not a plan's terms.
# Not today's terms: a possibility for the future ("may permit ... in the future", "reserves the right").
# A refusal today ("does not currently offer ..., but may in the future") is still a refusal.
FUTURE = _r(
    r"^(?!.*\b(?:not|no longer)\b).*(?:\bin the future\b|\bfuture (?:plan )?years?\b|\breserves? the right\b"
    r"|\b(?:may|could|can) (?:also )?be added\b"
    # "once the Plan adopts this feature", "if the Plan is amended to permit it"
    r"|\b(?:once|if|when|after|until) the plan (?:is amended|adopts|adds)\b)"
)
# A plan other than this one: money put into, or taken from, an IRA, HSA or stock purchase plan.
OTHER_PLAN = (
    r"(?:roth |traditional )?ira\b|individual retirement|health savings|\bhsa\b|(?:employee )?stock purchase"
    r"|\bespp\b"
)
INTO_OTHER_PLAN = _r(rf"\b(?:contribut\w*|make|made)\b[^.;]{{0,60}}\bto (?:an? |your |the )?(?:{OTHER_PLAN})")
FROM_OTHER_PLAN = _r(rf"\bfrom (?:an? |your |the )?(?:{OTHER_PLAN})")
# "If after-tax contributions are permitted under the Plan, ...": it depends on the plan.
IF_PERMITTED = _r(
    r"\bif (?:the plan|your plan|the employer|your employer|[^.,;]{0,60}\b(?:are|is)) "
    r"(?:permit|allow|offer|accept)\w*"
    r"|\b(?:employer|company|plan sponsor|board|committee) may (?:choose |elect |decide )?(?:to )?"
    r"(?:permit|allow|offer)"
)
COMMENTARY = _r(
    r"\b(?:many|most|some) plans\b|not all (?:401\(k\) )?plans|\bnot all\b[^.;]{0,40}\bplans\b"
    # "401(k) and 403(b) plans currently offering Roth features may allow …": plans in general
    r"|\bplans\b[^.;]{0,40}\bmay (?:allow|permit|offer)\b"
    r"|\bif (?:your|the|a) (?:401\(k\) |403\(b\) )?plan (?:offers|allows|permits|has|accepts)\b"
    # "If your plan's in-plan Roth conversion feature is available, …": whether this plan has it is open
    r"|\bif (?:your|a) (?:401\(k\) |403\(b\) )?plan(?:'s|’s) [^.;,]{0,60}\b(?:is|are) (?:available|offered)\b"
    r"|\bplan sponsors\b|(?<!the )(?<!this )(?<!your )\b(?:401\(k\) |403\(b\) |retirement |qualified )?plans "
    r"(?:may|can|that|are allowed)\b"
    r"|\bdepending on (?:your|the) plan\b|\bcheck (?:with )?your (?:plan|employer)\b"
)
FROZEN = _r(
    r"\b(?:could|were|was)\b.*\b(?:prior to|before)\s+(?:\w+\s+\d{1,2},\s+)?(?:19|20)\d\d"
    r"|\b(?:prior to|before)\s+(?:\w+\s+\d{1,2},\s+)?(?:19|20)\d\d\b.*\bcould\b"
)
STOPPED = _r(
    rf"(?:{AT})[^.]*\b(?:discontinued|eliminated|ceased|(?:were|was|are|is) frozen"
    rf"|no longer (?:be )?(?:permitted|accepted|available|offered))"
    rf"|no longer\b[^.]*(?:{AT})"
)
NEG_PERMIT = _r(
    r"\b(?:does|do|did|will|shall) not (?:currently |presently |yet )?"
    r"(?:permit|allow|support|offer|accept|provide|have(?! to\b)|include)"
    r"|\b(?:cannot|can not|may not|are not able to|not be able to) convert"
    r"|(?:\bnot|n't|\bnever) be able to (?:make|contribute|elect|save)"
    r"|\bno\b[^.;]{0,40}\b(?:are|is|will be|may be|shall be) (?:permitted|allowed|accepted|made)\b"
    r"|\b(?:is|are) not (?:currently |presently |yet )?(?:permitted|allowed|available|offered|accepted)"
    r"|\bmay not (?:make|elect|contribute)"
    r"|\bcannot (?:make|contribute)|\bnot support\b|\bunable to support|\bnot be permitted"
)
# An exception after a refusal ("not while employed, except from your after-tax account").
EXCEPT = _r(r"\b(?:except|other than|apart from|with the exception of)\b")
# "even if" after a permission widens it ("may convert even if the amounts are not distributable").
CONCESSION = _r(r"\beven if\b")
HYPOTHETICAL = _r(r"\beven if\b|\bwould need\b|\bif\b[^.,]*\bnot\b|\bunless\b")
TEMPLATE = re.compile(
    r"Adoption Agreement|\bAA\s*§|[Ii]f elected|[Uu]nless elected|[Ii]f authorized|select all that apply"
    r"|do not check|[Ii]f the Employer elects|_{3,}|[Ii]f (?:After-Tax|Voluntary)[^.]*(?:will not be|are) "
    r"(?:permitted|authorized)"
    # a plan document leaving the choice to the employer ("The Employer may elect under Part 4D to allow")
    r"|(?i:\b(?:employer|plan sponsor|company) (?:may|can) (?:elect|choose|decide)\b(?! not\b))"
)
# A form's box, also after the option's own number ("iii. ☒ In-Plan Roth Rollover Contributions").
_OPTION_NO = r"(?:(?:[ivx]{1,4}|[a-z]|\d{1,2})[.)]\s*\|?\s*)?"  # a table's "iii. | ☒ |" too
CHECKED_LEAD = _r(rf"^\s*(?:\[\s*[x✓✔]\s*\]|{_OPTION_NO}[\u2611\u2612]|x(?=\s+\(?[0-9a-z]{{1,2}}[.)]))")
UNCHECKED_LEAD = _r(rf"^\s*(?:\[\s*\]|{_OPTION_NO}[\u2610\u25a1\u00a8\U0001f78e])")
# An inline choice on a form: "The Plan □ does / X does not (check one) permit ...".
_BOX = r"[\u2610\u25a1\u00a8\U0001f78e]"
INLINE_CHOICE = _r(rf"{_BOX}\s*\w+(?:\s+not)?\s*/\s*x\s+\w+|\bx\s+\w+(?:\s+not)?\s*/\s*{_BOX}")
INLINE_X_NOT = _r(r"(?:^|/|\s)x\s+(?:does|do|will|is|are|shall)\s+not\b")
# Amounts that could not otherwise be withdrawn (the separate election of IRC 402A(c)(4)(E)).
NONDISTRIBUTABLE = _r(r"\bnot otherwise distributable|\bnon-?distributable|otherwise non-?distributable")
UNCHECKED_INSIDE = _r(
    r"[\u2610\u25a1\u00a8\U0001f78e]\s*\(?[0-9a-z]{1,2}[.)]"
    # a form's question with both answers left empty ("□ Yes □ No"): not answered yet
    r"|[\u2610\u25a1\u00a8\U0001f78e]\s*yes\b[^\u2611\u2612]{0,20}?[\u2610\u25a1\u00a8\U0001f78e]\s*no\b"
)

# A rollover inside the plan to its designated Roth account (IRC 402A(c)(4)); a Roth IRA is outside it.
TO_DESIGNATED_ROTH = (
    r"roll\w*\s+over[^.]{0,80}\b(?:to|into) (?:a |your |the )?designated roth (?:account|source)"
)
ROTH_IRA = _r(r"\b(?:roth |traditional |rollover )?ira\b|individual retirement")
WITHIN_PLAN = _r(r"within the plan|in[\s-]?plan\b|inside the plan|designated roth")
# Moving money to the Roth account of this plan ("transfer after-tax balances to their Roth account within
# the Plan").
TO_ROTH_IN_PLAN = (
    r"\b(?:roll\w*\s+over|transfer\w*|mov\w*)\b[^.]{0,80}\b(?:to|into) (?:a |your |their |the )?roth "
    r"(?:account|source|subaccount)s?\b[^.]{0,10}\b(?:within|in|inside|under) (?:the|this) plan"
)
# The plan names its own conversion feature ("via the 401(k) plan's in-plan Roth rollover feature", "our
# plan's in-plan Roth conversion option"); "your plan's" may be any plan and is commentary.
PLANS_OWN_FEATURE = _r(
    r"\b(?:the|our|this)(?: 401\(k\)| 403\(b\)| 457\(b\)| savings)? plan(?:'s|’s) (?:own )?"
    r"in[\s-]?plan (?:roth|xxxx) (?:rollover|conversion)s? (?:feature|option|provision)\b"
)
CONVERSION = _r(
    rf"{TO_DESIGNATED_ROTH}|{TO_ROTH_IN_PLAN}|\bconversions? to (?:a )?roth\b|"
    r"in[\s-]?plan\s+(?:roth|xxxx)\s+(?:rollover|conversion|convert)|\birr\b|roth\s+in[\s-]?plan\s+conversion"
    r"|\bconvert\w*\b[^.]{0,160}\broth\b|in[\s-]?plan\s+conversion|roll\s+over[^.]{0,80}into your roth"
    r"|\broth conversions?\b[^.]{0,30}\b(?:within|inside) the plan|roth conversion option"
    r"|in[\s-]?plan\s+roth\s+transfer|in[\s-]?plan\s+roth\s+conversions?"
    # a Roth conversion told by its tax effect: pre-tax (deferred) money made after-tax inside the plan
    r"|\bconvert\w*\b[^.]{0,80}\b(?:pre|before)[\s-]?tax\b[^.]{0,60}\bto\b[^.]{0,40}\b(?:after|post)[\s-]?tax\b"
)
BENEFICIARY = _r(r"\bbeneficiar")
# Participants named beside beneficiaries ("participants, spousal beneficiaries and spousal alternate payees
# may …"): the sentence is about participants too.
PARTICIPANTS_TOO = _r(
    r"\bparticipants\b[^.;]{0,20},[^.;]{0,40}\bbeneficiar"
    r"|\bparticipants (?:and|or) (?:their )?(?:spousal )?beneficiar"
)
MAY_PERMIT = _r(r"\bmay permit\b|check your summary plan description|if permitted by (?:your|the) plan")
AGE_59 = _r(r"59½|\bage 59\b")
UNABLE = _r(
    r"unable to support|does not (?:support|offer|permit)|(?:is|are) not (?:available|offered|permitted)"
)
_IPR = r"(?:in[\s-]?plan roth|roth in[\s-]?plan)"
CONVERT_PERMISSION = _r(
    # what the plan does by itself: "your after-tax contributions are automatically converted to Roth"
    r"\b(?:are|is|will be|get)\s+(?!not\b)(?:\w+\s+)?converted\b|\bautomatic(?:ally)?\b[^.]{0,60}\bconver"
    r"|\b(?:allows?|able to|may elect|you may|you can|may convert|permits?|option)\b[^.]{0,120}\bconvert"
    r"|conversion option (?:was|is|has been) added|\bconvert\w*[^.]{0,80}\b(?:is|are) (?:available|permitted)"
    r"|\b(?:can|may) be (?:\w+ )?"
    r"converted\b|\ballow\w*\b[^.]{0,80}\bconversion\b|\bconversion\b[^.]{0,60}\ballows? you\b"
    r"|\bconversions?\b[^.]{0,60}\b(?:is|are) (?:allowed|permitted|available)\b"
    r"|\b(?:may|can) (?:make|elect|request) an? (?:in[\s-]?plan roth|roth in[\s-]?plan)\b"
    r"|\b(?:may|can) convert\b|\bmay consider an? (?:in[\s-]?plan roth|roth in[\s-]?plan)"
    r"|\blets? you\b[^.]{0,40}\bconvert"
    # what a Roth conversion account holds: "assets you elect to convert from existing non-Roth accounts"
    r"|(?<!\bif )(?<!\bwhen )\b(?:you|participants|a participant) (?:elects?|chooses?) to convert\b"
    rf"|\b(?:may|can|permits? you to|allows? you to)\b[^.]{{0,40}}(?:{TO_DESIGNATED_ROTH}|{TO_ROTH_IN_PLAN})"
    rf"|\b(?:permits?|allows?|offers?|includes?|provides? for|features?)\b[^.]{{0,60}}\b{_IPR} "
    r"(?:rollover|conversion|transfer)"
    rf"|\b{_IPR} (?:rollovers?|conversions?|transfers?)\b[^.]{{0,40}}\b(?:is|are) (?:also |now )?"
    r"(?:available|permitted|allowed)"
)
# A conversion made with a distribution ("When taking an eligible distribution, you may elect to convert"):
# the distribution's own conditions (an age) apply.
WITH_DISTRIBUTION = _r(
    r"\b(?:when|upon|if|at the time) (?:taking|you take|receiving|you receive) an? (?:eligible )?distribution"
    r"|\beligible distribution\b"
)
DISTRIBUTABLE_ONLY = _r(
    r"otherwise be (?:withdrawn|distributed)|otherwise distributable|eligible for (?:a )?distribution"
)

# A loan named without a withdrawal or distribution.
LOAN_ONLY = _r(r"^(?!.*\b(?:withdraw|distribut)).*\bloans?\b")
WITHDRAWAL = _r(
    r"\bwithdraw|\btak(?:e|ing) (?:\w+ ){0,2}out\b|\bin[\s-]?service distribution|\bdistributed\b"
    r"|\bdraw (?:benefits|money|funds)\b"
    r"|\bdistributions?\b|\bremove\b"
)
# The plan's whole list of withdrawals while employed ("There are three types of withdrawals while you
# remain employed", "The following in-service withdrawals are available:", "In-service withdrawals are
# limited to the following").
TYPES_OF_WITHDRAWAL = _r(
    r"\b(?:two|three|four|five|six) (?:types|kinds|forms) of "
    r"(?:in[\s-]?service )?(?:retirement )?(?:withdrawals?|distributions?|benefits|payments)"
    # a vague count ("several", "a few", "the following") is a whole list only when its items follow a colon
    r"|\b(?:several|a few|the following) (?:types|kinds|forms) of "
    r"(?:in[\s-]?service )?(?:retirement )?(?:withdrawals?|distributions?|benefits|payments)(?=[^.:]{0,60}:)"
    r"|\bthe following (?:in[\s-]?service )?(?:withdrawals?|distributions?)\b(?! (?:of|from))(?=[^.:]{0,60}:)"
    r"|\bin[\s-]?service (?:withdrawals?|distributions?) (?:are|is) (?:available|permitted|allowed) only\b"
    # the plan's list of events on which money may be paid out ("may be distributed under any of the following
    # circumstances: unforeseeable emergencies, separation from service, your death")
    r"|\b(?:distributed|withdrawn|paid|made available)\W{0,3}\b[^.:]{0,40}\b(?:any|one) of the following "
    r"(?:circumstances|events|reasons|situations)"
    r"(?=[^.:]{0,60}[:.])"
    # the same list told as events ("withdraw money in these events:", "made available upon the occurrence
    # of: …")
    r"|\b(?:withdraw|withdrawn|distributed|paid|made available|access)\W{0,3}\b[^.:]{0,40}"
    r"\b(?:in|on|under|at) (?:these|the following) (?:events|circumstances|situations|times)(?=[^.:]{0,20}:)"
    # the events named inline, three or more ("may withdraw funds in the event of termination of employment,
    # retirement, death, permanent disability, attainment of age 59½, or hardship")
    r"|\bwithdraw\w*\b[^.:]{0,30}\bin the event of\b(?=[^.]{0,60},[^.]{0,60},[^.]{0,120}\bor\b)"
    r"|\b(?:distributed|withdrawn|paid|made available)\W{0,3}\b[^.:]{0,20}\bupon the occurrence of\b"
    r"(?=[^.:]{0,30}:)"
    r"|\bavailable (?:types|kinds|forms) of (?:in[\s-]?service )?(?:withdrawals?|distributions?)"
    r"|\b(?:withdrawals?|distributions?) (?:while (?:you are |you remain )?employed|in[\s-]?service)"
    r"[^.]{0,20}\b(?:are|is) limited to\b"
)
# A list of withdrawals given "in addition to your other withdrawal rights" is not the plan's whole list.
MORE_THAN_LISTED = _r(
    r"\bother (?:in[\s-]?service )?(?:withdrawal|distribution) (?:rights|options)\b"
    r"|\bin addition to (?:the |your |any )?(?:other )?(?:in[\s-]?service )?(?:withdrawals?|distributions?)\b"
)
TAX_TALK = _r(r"\btaxed\b|\btaxable\b|tax[\s-]free|subject to (?:ordinary )?income tax|penalt")
AFTER_TAX_SOURCE = _r(rf"(?:{AT})(?![^.]{{0,3}}roth)|\bvoluntary contributions\b|regular savings")
GENERAL_SOURCE = _r(
    r"employee contributions|your own contributions|\bmoney\b|savings account|the following contributions"
    r"|\bremainder of\b|\b(?:his|her|your|their|member's|participant's) (?:vested )?(?:plan )?accounts?\b"
    r"|\bin-service withdrawals? "
    r"(?:are|is|may)"
)
# Money rolled into this plan from another: its own source, whatever else the sentence calls it ("money").
ROLLED_MONEY = r"\brolled[\s-]?(?:over|in)\b"
OTHER_SOURCE = _r(
    rf"rollover|{ROLLED_MONEY}|{ROTH}|match|employer contributions|\bpre[\s-]?tax|before[\s-]tax"
    r"|deferral|safe harbor"
)
# A withdrawal allowed only to feed an in-plan Roth rollover or conversion: the money stays in the plan, so
# it is not a cash withdrawal ("apply solely for purposes of making In-Plan Roth Rollover Contributions").
ONLY_TO_CONVERT = _r(
    r"\b(?:solely|only|exclusively) (?:for (?:the )?purposes? of|in order to|to|for)\b[^.]{0,40}?"
    r"(?:in[\s-]?plan (?:roth|xxxx)|(?:roth|xxxx) (?:in[\s-]?plan )?(?:rollover|conversion)"
    r"|\bconver(?:t|sion))"
)
SELECT = _r(r"select one or more|select all")
# Withdrawals while employed only for hardship (financial need): after-tax money cannot come out freely.
# ("non-hardship withdrawals" are the opposite: withdrawals at will)
HARDSHIP = (
    r"(?:financial )?(?<!non-)(?<!non)hardship|financial need|immediate and heavy|unforeseeable emergenc"
)
DISCRETION = _r(r"\b(?:employer|board|administrator|committee) may (?:elect to )?(?:permit|allow)")
# A permission left to a plan body ("To the extent permitted by the Committee, each Participant may ...",
# "at the discretion of the Plan Administrator"); "to the extent permitted by law" is not such a body.
_BODY = r"(?:committee|(?:plan )?administrator|employer|company|board(?: of \w+)?|trustees?|plan sponsor)"
AT_DISCRETION = _r(
    rf"\bto the extent (?:permitted|allowed|authori[sz]ed|approved|provided) by the {_BODY}\b"
    rf"|\bif (?:and to the extent )?(?:permitted|allowed|authori[sz]ed|approved) by the {_BODY}\b"
    rf"|\b(?:at|in) the (?:sole |absolute )?discretion of the {_BODY}\b"
    rf"|\bin the {_BODY}'s (?:sole |absolute )?discretion\b"
    rf"|\b{_BODY} may,? (?:in its (?:sole )?discretion,? )?(?:elect to )?(?:permit|allow|authori[sz]e)\b"
)
# A sentence that names its withdrawals only by pointing back ("These withdrawals can be made at any
# time"): whose money they are is said in the sentence before.
POINTS_BACK = _r(r"^(?:\w+:\s*)?(?:these|such|those|the above) (?:withdrawals?|distributions?)\b")
# Someone else's approval: it depends on that approval.
APPROVAL = _r(r"\b(?:discretion|approv\w*|consent)\b")
# A permission for hardship (not at will): "you may withdraw your after-tax account for a hardship".
FOR_HARDSHIP = _r(
    rf"\b(?:for|in the event of|on account of|due to|because of|in case of)\s+(?:an?\s+)?(?:{HARDSHIP})"
)
HARDSHIP_WITHDRAWALS = _r(rf"\b(?:{HARDSHIP}) (?:withdrawals?|distributions?)\b")
HARDSHIP_ONLY = _r(
    r"\bonly (?:in (?:the )?cases? of|for|in the case of|upon|on account of|in the event of|because of|due to"
    rf"|if you (?:have|suffer|experience|incur|demonstrate|can show))\b[^.;]{{0,30}}\b(?:{HARDSHIP})"
    rf"|\b(?:the )?only (?:type of |kind of )?(?:in[\s-]?service )?(?:withdrawal|distribution)s?\b"
    rf"[^.;]{{0,50}}\b(?:{HARDSHIP})|\b(?:{HARDSHIP}) withdrawals? (?:is|are) the only\b"
    rf"|\blimited to (?:a )?(?:{HARDSHIP})"
    rf"|\b(?:except|other than)\b[^.;]{{0,30}}\b(?:{HARDSHIP})(?![^.;]{{0,60}}\b(?:or|and)\b[^.;]{{0,30}}"
    rf"\b(?:after[\s-]?tax|any reason|any time)\b)"
)
# Events at or after the end of work (or death, disability): money paid then is not an in-service withdrawal.
LEAVING = (
    r"terminat\w*|separat\w*|retire\w*|leav(?:e|es|ing)(?! of absence)|left|(?:your )?employment ends|death"
    r"|dies?\b|disab\w*|beneficiar\w*|stop working"
)
AFTER_LEAVING = _r(
    r"\b(?:upon|after|when|once|following|at|on|in the event of|if)\s+"
    r"(?:(?:your|you|the|a|of|are|become|becomes|have|his|her|their|employment|service|participant'?s?|member)\s+){0,3}"
    rf"(?:{LEAVING})"
)
# People who have left work ("former employees", "participants who have terminated employment").
ACTIVE = _r(r"\bactive (?:employees?|participants?|members?|or|and)\b|\bwhile (?:employed|working)")
FORMER_EMPLOYEES = _r(
    r"\bformer (?:employees|participants|members)\b"
    r"|\bwho (?:have|has) (?:separated|terminated|retired|left)\b"
    r"|\b(?:terminated|separated|retired) (?:participants|employees|members)\b"
)
NEG_WITHDRAW = _r(
    r"\bdistributions? (?:of funds )?only upon (?:retirement|termination|separation)"
    rf"|\bonly (?:upon|after|when|if|at|on|following|in the event of)\b[^.;]{{0,30}}\b(?:{LEAVING})"
    r"|\bwithdrawals? before (?:age )?59½ (?:are|is) (?:restricted|prohibited)|"
    r"\bcan ?not (?:be )?withdraw|\bcannot withdraw|\bmay not (?:be )?withdraw"
    # "you may not have access to the funds until you have separated from City employment"
    # (not "you are not required to take a distribution until you retire", "need not take … until")
    rf"|(?<!\bneed )(?:\bnot|n't)\b(?!\s+(?:required|obliged|need)\b)(?!\s+have to\b)"
    rf"[^.;]{{0,30}}\b(?:access|withdraw\w*|take)\b[^.;]{{0,40}}\buntil\b[^.;]{{0,30}}(?:{LEAVING})"
    r"|(?:\bnot|n't|\bnever) be able to (?:withdraw|take|receive|request)"
    r"|\bnot (?:be )?allowed\b|\bnot (?:be )?permitted\b|\bnot (?:be )?entitled to (?:withdraw|receive)"
    r"|\bno in-service\b|\bcan not be withdrawn|\bnot (?:be )?accessible\b|\binaccessible\b"
    r"|\b(?:cannot|can not|may not|not be able to|are not able to) access\b"
    r"|\b(?:cannot|can not|may not|will not|do not|does not) have access\b"
    r"|\b(?:is|are) not available\b|\bno provision for\b|\bnot eligible to withdraw"
    # "No withdrawals are permitted while you are employed", "No distribution may be made before ..."
    r"|\bno\b[^.;]{0,30}\b(?:withdrawals?|distributions?)\b[^.;]{0,40}"
    r"\b(?:are|is|will be|may be|shall be|may) (?:permitted|allowed|available|made|taken)\b"
    r"|\b(?:may not|cannot|can not|are not able to|not eligible to) (?:take|make|request|receive)\b"
    r"[^.;]{0,25}\b(?:withdrawal|distribution)"
    r"|\b(?:does|do|will) not (?:currently )?(?:permit|allow|provide for|offer)\b[^.;]{0,30}"
    r"\b(?:withdrawal|distribution)"
)
AGE_59_GATE = _r(
    r"(?:reach(?:ed|ing)?|attain(?:ed|ing)?|after|over|\bat(?: least)?|once you (?:are|reach)|until"
    r"|turn(?:s|ed)?|\b(?:are|is|be))\s+(?:the\s+)?(?:age\s+(?:of\s+)?)?59½"
    r"|59½ (?:or|and) (?:older|over|later)|\bage 59½ (?:in-service )?(?:withdrawals?|distributions?)"
)
# Other conditions of a withdrawal while employed: an age other than 59½, years in the plan.
_COUNT = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)"
OTHER_GATE = _r(
    r"(?:reach(?:ed|ing)?|attain(?:ed|ing)?|after|over|at least|once you (?:are|reach)|until"
    r"|turn(?:s|ed)?)\s+(?:the\s+)?(?:age\s+(?:of\s+)?)?\d{2}\b"
    rf"|\b{_COUNT}\s+(?:or more\s+)?years? of (?:plan )?(?:participation|service|membership)"
    r"|\b(?:participated|been a (?:plan )?participant|been in the plan|been a member)\b"
    rf"[^.;]{{0,40}}\b{_COUNT} (?:or more )?(?:full )?years"
)
# "Withdrawals from your after-tax account are limited to one per Plan Year": allowed, that often.
FREQUENCY_LIMIT = _r(
    rf"\b(?:withdrawals?|distributions?)\b[^.;]{{0,60}}\b(?:are|is) limited to {_COUNT} "
    r"(?:per|each|a|in any)\b"
)
# An age named in the sentence before ("Once you reach the ages above", "that age").
THIS_AGE = _r(r"\b(?:this|that|these|those) ages?\b|\bthe ages? (?:above|listed|shown)\b")
MAY_BE_REQUESTED = _r(r"\b(?:may|can) be (?:requested|made|withdrawn|distributed|paid|taken)\b")
ANSWER_NO = _r(r"no\b(?!\s+\w+\s+(?:is|are)\b)")
IN_SERVICE = _r(
    r"in[\s-]?service|while (?:i am |you are |you remain |you're |i'm )?(?:still )?(?:employed|working)"
    r"|while (?:employed|working|you (?:are|remain) employed)|prior to (?:your )?termination"
    r"|before termination|before (?:you |your )?(?:retire|leave|terminat|separat)"
)
ANY_REASON = _r(r"for any reason|at any time")
CONDITIONS = _r(r"certain conditions|\bif you satisfy|only if\b")
LIST_INTRO = _r(r"\b(?:two|three) (?:ways|options|types)\b|the following (?:types|options)")
# The opening of a list of contribution types, its items after a colon ("There are two ways to contribute:").
LIST_INTRO_COLON = _r(r"\b(?:two|three) (?:ways|options|types)\b[^.:]{0,30}:")
# An item of that list that is plain (non-Roth) after-tax: "After-tax (non-Roth)." opens the sentence.
AFTER_TAX_ITEM = _r(rf"^\W*(?:{AT})\b(?![^.;]{{0,4}}\(?\s*roth)")
# Every contribution is pre-tax ("All contributions to the 403(b) plan are tax deferred, and reduce your
# taxable income"): no after-tax kind exists. "Tax-deferred" alone is not enough (after-tax earnings are too).
ALL_PRE_TAX = _r(
    r"\ball (?:of )?(?:your |employee |participant )?contributions\b[^.;]{0,40}\b(?:are|will be) (?:made )?"
    r"(?:on an? )?(?:pre|before)[\s-]?tax\b"
    r"|\ball (?:of )?(?:your |employee |participant )?contributions\b[^.;]{0,60}\breduces? [^.;]{0,30}"
    r"taxable (?:income|pay|wages)"
    r"|\bcontributions (?:are|may be|can be) made only (?:on an? )?(?:pre|before)[\s-]?tax\b"
    # "This plan is funded entirely by employee contributions on a pretax basis."
    r"|\bfunded (?:entirely|solely|only|exclusively) by (?:employee |participant |your )?contributions "
    r"(?:made )?on an? (?:pre|before)[\s-]?tax basis"
)
# The plan takes no money from employees at all ("only funded by pre-tax employer contributions").
EMPLOYER_FUNDED_ONLY = _r(
    r"\b(?:plan|fund|annuity|program) (?:is|are) (?:only |solely |entirely |exclusively )?funded "
    r"(?:only |solely |entirely |exclusively )?by (?:[\w-]+ )?(?:employer|company) contributions(?! and)"

    r"|\b(?:employees|participants|you) (?:do not|cannot|may not|can't) (?:make contributions|contribute)"
    r"(?: directly| yourself)? to (?:the|this) (?:plan|fund)\b(?=\s*(?:[.;,]|$))"
    # "You are not required or permitted to make salary reduction contributions to the plan"
    r"|\b(?:are|is) not (?:required or )?permitted to (?:make|contribute)\b"
    r"(?: (?:any|salary reduction|elective"
    r"|employee|payroll))*(?: contributions)? to (?:the|this) (?:plan|fund)\b(?=\s*(?:[.;,]|$))"
)
# The account told as holding the employers' contributions (and earnings, rolled-in money) with no money of
# the employee's own ("Your account holds all required contributions made on your behalf by Contributing
# Employers", "Your individual account balance includes monthly employer contributions and earnings").
ACCOUNT_OF_EMPLOYER_MONEY = _r(
    r"\baccount(?: balance)? (?:holds|includes|consists of|is made up of|contains)\b[^.;]{0,60}"
    r"\b(?:employer|contributing employers?|company)\b"
)
EMPLOYEE_MONEY = _r(
    r"\b(?:your|employee|participant|member|salary|elective|voluntary|after[\s-]?tax|roth) (?:own )?"
    r"(?:contributions?|deferrals?)\b|\byou (?:contribute|defer|elect)|\bsalary (?:reduction|deferral)"
)
# A list whose scope is salary deferrals (by law pre-tax or Roth only) or the "tax-advantaged" ways: it
# cannot leave out non-Roth after-tax contributions, which are neither.
DEFERRAL_SCOPE = _r(
    r"\b(?:salary|elective|pay|401\(k\)|403\(b\)) deferrals? (?:may|can|are|will|must)\b"
    r"|\btax[\s-](?:advantaged|favored|favoured) (?:ways|options|types)\b"
)
# The plan's contributions told as a number of kinds ("contributions … as having three separate buckets").
CONTRIBUTION_KINDS = _r(
    r"\bcontributions?\b[^;]{0,80}?\b(?:two|three|four) (?:separate |different |distinct )?"
    r"(?:\W?buckets|types|kinds|sources|categories)\b"
    r"|\b(?:two|three|four) (?:separate |different |distinct )?(?:types|kinds|sources|categories) of "
    r"(?:employee )?contributions\b"
)
ALSO = _r(r"\balso\b|\bin addition\b")
DEFINITION = re.compile(r"^(?!This\b|That\b|It\b|Which\b)[\"']?[A-Z][\w\s'()-]{0,60}?\b(?:means|shall "
                        r"mean|is defined as)\b"
                        r"|^[A-Z][A-Z\s-]{6,60}\.\s+Any (?:contribution|amount)\b")

# A comparison of tax effects ("than it would be if you saved on an after-tax basis"): not a plan term.
COMPARISON = _r(r"\bthan (?:it |they |you )?would\b|\bwould be if\b|\bthan if you\b")
# Contributions that move to after-tax once the IRS limit is reached (spillover). Roth contributions count
# toward that limit, so the after-tax contributions past it are non-Roth.
SWITCH_TO_AFTER_TAX = _r(
    rf"\b(?:switch|spill|continue|move|roll|change|deduct)\w*\b{_NO_ROTH_GAP}{{0,60}}"
    rf"\b(?:to|on|into|as) (?:an? |your )?(?:{AT}){_NOT_ROTH_AFTER}"
)
AT_LIMIT = _r(r"\b(?:reach|hit|exceed|meet|max(?:imize)? out)\w*\b[^.;]{0,60}\blimits?\b")
# Saving past the IRS limit that pre-tax and Roth contributions share ("save beyond the IRS limit placed on
# Roth 401(k) contributions", "If you've contributed the IRS maximum of pre-tax and Roth ... additional").
_PAST = r"\b(?:beyond|above|past|in excess of|exceed\w*|reach\w*|contributed|hit|max(?:ed)? out)\b"
BEYOND_ROTH_LIMIT = _r(
    rf"{_PAST}[^.;]{{0,40}}\b(?:limits?|maximum)\b(?: placed)?(?: on| of| for)?(?: your| the)?"
    r"(?: (?:pre[\s-]?tax|before[\s-]tax)\s*(?:and|or|,|&))? roth\b"
    r"|\bbeyond (?:the |your )?(?:(?:pre[\s-]?tax|before[\s-]tax) and )?roth\b[^.;]{0,30}\blimits?\b"
    # "After we have contributed the maximum allowed 401K contribution (Roth 401K or pre-tax 401K)"
    rf"|{_PAST}[^.;]{{0,40}}\b(?:limits?|maximum)\b(?:[^.;()]|\([kb]\)){{0,40}}\((?:[^.;)]{{0,30}}\b)?roth\b"
)
ANY_NEGATION = _r(r"\bnot\b|n't\b|\bcannot\b|\bno\b|\bnever\b")
# Two kinds joined by "and", the second glossed as Roth: "on a pre-tax and after-tax (Roth) basis" (the
# plan's own gloss says its after-tax kind is Roth).
PRE_AND_ROTH_PAIR = _r(
    rf"\b(?:pre|before)[\s-]?tax\b[^.;,]{{0,15}}\band (?:{AT})\s*\((?:designated )?roth\b"
    # "before-tax and Roth (after-tax) dollars", "pre-tax contributions as well as … Roth (after-tax)"
    rf"|\b(?:pre|before)[\s-]?tax\b[^.;,]{{0,40}}\b(?:and|as well as)\b[^.;,]{{0,40}}\broth\s*\((?:{AT})\)"
)
# A verb of converting (money already in the plan), not of contributing new money.
CONVERT_VERB = _r(r"\bconvert")
# Asking for a conversion ("can request a maximum of 26 Roth conversions", "eligible to request a
# conversion").
REQUEST_CONVERSION = _r(
    r"\b(?:may|can|eligible to|able to)\s+(?:\w+\s+){0,2}(?:request|make|elect)\b[^.]{0,40}\bconversions?\b"
    r"|\bconversions?\b[^.]{0,20}\b(?:you|participants) (?:may|can) (?:request|make|elect)\b"
    r"|\bconversions?\b[^.]{0,20}\b(?:can|may) be (?:requested|made|elected)\b"
    # how to ask for one ("To request an in-plan Roth conversion, log on to ...")
    r"|\bto (?:request|make|elect|initiate) an? (?:in[\s-]?plan roth|roth in[\s-]?plan) "
    r"(?:conversion|rollover)"
)
# "not accessible while working": a refusal of withdrawals while employed.
NOT_ACCESSIBLE = _r(
    r"\bnot (?:be )?accessible\b|\binaccessible\b"
    r"|\b(?:cannot|can not|may not|not be able to|are not able to) access\b"
    r"|\b(?:cannot|can not|may not|will not|do not|does not) have access\b"
)
# Money the employer put in ("contributions made by the University"): not the employee's after-tax money.
EMPLOYER_MONEY = _r(
    r"\b(?:made|paid) by (?:the |your )?(?:university|employer|company|college|school|institution|state"
    r"|county|city|district)\b"
    # a pension's account (defined benefit, cash balance): the employer's money, not after-tax contributions
    r"|\bcash (?:balance|accumulation) account|\bdefined benefit\b|\bpension (?:plan|benefit|account)"
)
# A plan that offers a kind of contribution ("offered our company plan - Non Roth After Tax Contributions").
OFFERED = _r(r"\boffer(?:s|ed)?\b|\badded\b")
# A withdrawal offered on an age condition ("Make withdrawals while you are working if you are at least age
# 59½"): the condition is the gate even without "may".
IF_AGE = _r(r"\bif you (?:are|have reached|reach|have attained|attain|turn)\b[^.;]{0,20}\b(?:59½|\d{2}\b)")
# The five-year rule for Roth money (when a withdrawal of converted money is tax-free).
FIVE_YEAR = _r(r"\bfive(?:-| )(?:taxable |tax )?years?\b|\b5-(?:taxable-)?year\b|\bqualified distribution")
# Moving money to Roth inside the plan by a rollover or transfer (a verb, not the noun "rollovers").
ROLL_VERB = _r(r"\broll(?:s|ed|ing)?\s+(?:\w+\s+)?over\b|\btransfer(?:s|red|ring)?\b(?! of)")
# How a kind of contribution is taxed or limited ("are not subject to the same IRS limits", "count toward"):
# it describes the kind; the sentence that grants it is the better proof.
TREATMENT = _r(
    r"\b(?:are|is) (?:not )?(?:subject to|taxed|taxable|limited)\b|\bcounts? (?:toward|against)\b"
)
# A contribution option the plan grants ("you will have a new contribution option: after-tax (non-Roth)").
OPTION = _r(r"\b(?:contribution|savings) option\b|\boption to (?:make|contribute|save)\b")
# The plan says it has no Roth contributions ("The Plan does not offer a Roth 401(k)"); not a Roth IRA,
# not conversions.
_ROTH_KIND = r"401\(k\)|403\(b\)|457\(b\)|contributions?|deferrals?|elective|option|feature|savings"
NO_ROTH = _r(
    r"\b(?:does|do|will) not (?:currently )?(?:offer|permit|allow|have|include|provide(?: for)?|accept)\b"
    rf"[^.;]{{0,20}}\broth (?:{_ROTH_KIND})|\bno roth (?:{_ROTH_KIND})"
)
# Roth contributions as what switches or continues ("your Roth contributions continue on an after-tax basis"):
# not a spillover to non-Roth money.
ROTH_SWITCHES = _r(
    rf"{ROTH}(?: 401\(k\))?(?: contributions| deferrals)?\s+(?:will |would )?(?:automatically )?"
    r"(?:switch|spill|continue|move|roll|change|(?:be )?deduct\w*)"
)
# Money that is not Roth ("each non-Roth payroll account source"): what a Roth conversion converts.
NON_ROTH_SOURCE = _r(r"\bnon[\s-]?roth\b")
# Words that grant or refuse: a line holding one is a plan term, not a run of headings.
GRANT_OR_REFUSAL_WORD = _r(r"\b(?:may|shall|must|permit\w*|allow\w*|not|no|only|available)\b")

# ---------------------------------------------------------------- closed-world statements
# A plan's description of its contributions as a complete set, or of its withdrawals while employed as a
# complete set of gated events, names by leaving out: what it does not list, it does not have.

# The contributions as a whole described as pre-tax ("Contributions may be made on a pre-tax basis",
# "Contributions to your 401(k) plan are from pre-tax income", "these contributions are made before federal
# and state income taxes are assessed", "by contributing a portion of their pre-tax earnings"). The word
# before "contributions" is read by the rule: a named kind ("Matching contributions are pre-tax") closes
# nothing.
_PRE_WORD = r"(?:pre|before)[\s-]?tax"
CONTRIBUTIONS_PRE_TAX = _r(
    r"(?:^|(?P<word>[\w()'’-]+)\s+)contributions(?:\s+to\s+(?:your|the|this)\s+[\w() ]{0,30}?plan)?,?\s+"
    r"(?:are|is|may be|can be|will be|must be|shall be)\s+(?:made\s+|deducted\s+|taken\s+)?(?:only\s+)?"
    rf"(?:on\s+an?\s+|from\s+(?:your\s+)?|with\s+|out of\s+(?:your\s+)?|as\s+)?{_PRE_WORD}\b"
    r"|(?:^|(?P<word2>[\w()'’-]+)\s+)contributions(?:\s+to\s+(?:your|the|this)\s+[\w() ]{0,30}?plan)?\s+"
    r"(?:are|will be)\s+(?:made|deducted|taken)\s+"
    r"(?:from (?:your )?(?:pay|paycheck|salary|wages)\s+)?before\s+"
    r"(?:(?:federal|state|income|and|local|any)\s+){0,5}"
    r"taxes\b"
    rf"|\bcontribut(?:e|es|ing)\s+(?:a (?:portion|percentage|part) of\s+)?(?:your |their |his or her )?"
    rf"{_PRE_WORD}\s+(?:earnings|pay|income|salary|compensation|dollars)\b"
)
# Words that name one kind of contribution: a sentence about that kind says nothing of the others.
CONTRIBUTION_KIND_WORDS = frozenset(
    {
        "pre-tax", "pretax", "before-tax", "deferral", "deferred", "elective", "matching", "match",
        "employer", "company", "catch-up", "roth", "rollover", "nonelective", "harbor", "sharing", "qnec",
        "qmac", "supplemental", "voluntary", "after-tax", "mandatory", "required", "basic", "additional",
        "such", "these", "those", "401(k)", "403(b)", "457(b)", "457", "salary", "reduction", "tax-deferred",
        "university", "city", "county", "state", "union", "employer's",
    }
)
# The plan "only allows pre-tax contributions" (no Roth in sight): the plan's own closing word.
ONLY_PRE_TAX = _r(
    rf"\bonly (?:allows|permits|accepts|offers|provides for|takes)\s+{_PRE_WORD}(?: (?:employee )?"
    rf"(?:contributions|deferrals|savings))?\b(?!\s*(?:,|and|or)\s)"
    rf"|\b(?:allows|permits|accepts|offers|takes)\s+only\s+{_PRE_WORD}(?: (?:employee )?"
    rf"(?:contributions|deferrals|savings))?\b(?!\s*(?:,|and|or)\s)"
    # "You can elect to make pre-tax contributions only."
    rf"|\b(?:make|elect)\s+{_PRE_WORD}\s+(?:employee\s+)?(?:contributions|deferrals)\s+only\b"
)
# The contributions as a whole told as pre-tax and Roth together, closed by "both", "a combination" or a
# total ("direct all of your contributions to a traditional pretax account, to a Roth account or to a
# combination of the two", "supports both 401(k) (tax deferred) and Roth (taxed) contributions", "(pre-tax,
# Roth, or a combination of both)", "your total contributions (both Roth 401(k) deferrals and traditional
# pretax contributions)"). A bare "pre-tax and Roth contributions combined may not exceed the IRS limit" is
# not closed: that limit is the deferral limit, which after-tax contributions do not count toward.
_PRE_KIND = rf"(?:traditional\s+)?(?:{_PRE_WORD}|tax[\s-]deferred|401\(k\)|403\(b\)|457\(b\))"
_ROTH_KIND_ITEM = rf"(?:roth|{AT}\s*\(?\s*roth\b|roth\s+(?:{AT}))"
_PAIR_GAP = r"[^.;:]{0,40}?"
CLOSED_PRE_AND_ROTH = _r(
    rf"\bboth\s+(?:a\s+)?(?:{_PRE_KIND}|{_ROTH_KIND_ITEM}){_PAIR_GAP}\s+and(?:/or)?\s+"
    rf"(?:an?\s+)?(?:{_PRE_KIND}|{_ROTH_KIND_ITEM})"
    rf"|\b(?:{_PRE_KIND}|{_ROTH_KIND_ITEM}){_PAIR_GAP}(?:,|\bor\b|\band\b)\s*(?:to\s+)?(?:an?\s+)?"
    rf"(?:{_PRE_KIND}|{_ROTH_KIND_ITEM}){_PAIR_GAP}(?:,\s*)?(?:or|and)\s+(?:to\s+)?(?:an?\s+|any\s+)?"
    rf"(?:combination|mix)(?:\s+of\s+(?:the\s+two|both|them|the\s+two\s+types))?\b"
    rf"|\btotal\s+(?:employee\s+)?contributions\b[^.;]{{0,30}}\((?:both\s+)?(?:{_PRE_KIND}|{_ROTH_KIND_ITEM})"
    rf"[^.;)]{{0,40}}\band\s+(?:{_PRE_KIND}|{_ROTH_KIND_ITEM})[^.;)]{{0,30}}\)"
)
# Before and after tax named as a pair whose after-tax half the plan glosses as Roth: "both before and/or
# after tax (Roth) contributions".
PRE_AND_AFTER_ROTH_GLOSS = _r(
    rf"\b(?:pre|before)(?:[\s-]?tax)?\s+and(?:/or)?\s+(?:{AT})\s*\(\s*(?:designated\s+)?roth\b"
    # "pre-tax, as well as post-tax Roth 401(k), contributions": the after-tax kind named is Roth
    rf"|\b(?:pre|before)[\s-]?tax,?\s+as well as\s+(?:{AT})\s+roth\b"
)

# Withdrawals while employed limited to hardship, an unforeseeable emergency or a loan ("Withdrawal of funds
# for active employees is generally limited to severe financial hardships", "has elected to allow limited
# access ... for loans or hardships").
LIMITED_TO_HARDSHIP = _r(
    rf"\blimited to\b[^.;]{{0,30}}\b(?:{HARDSHIP})"
    rf"|\blimited access\b[^.;]{{0,160}}\bfor\s+(?:loans?\s+(?:or|and)\s+)?[\"“”']?(?:{HARDSHIP})"
)
# One event of a list on which money may come out, each a gate: leaving work, death, disability, an age, a
# hardship, a loan, military duty, a birth or adoption.
GATE_EVENT = _r(
    rf"\b(?:{LEAVING})|\bage\b|59½|\b(?:{HARDSHIP})|\bhardships?\b|\bloans?\b|\bmilitary\b|\bbirth\b"
    r"|\badoption\b|\bqbad\b|\bdisabled\b|\bseparation\b|\bretirement\b"
)
# The part of a sentence where money is said to come out, and the events after it ("You may access your 403b
# money: When you have terminated employment When you reach age 59½ ...", "Funds are available at
# retirement, death, disability, or termination of service", "may only withdraw dollars from your account at
# separation from service, retirement, death or by demonstrating a severe financial hardship").
WITHDRAWAL_EVENTS = _r(
    r"\b(?:withdraw\w*|access|distribut\w*|(?:is|are) (?:available|payable)|receive|paid|draw benefits"
    r"|take\b[^.;:]{0,30}\bout)\b"
    r"[^.;:]{0,60}?"
    r"(?::\s*|\s)(?P<events>(?:upon|when|once|at|on|after|if|in the event of|for|by)\b.*)$"
)
# An item of a list: a bullet, a dash or a number that opens the sentence ("• you become disabled;").
LIST_ITEM = re.compile(r"^\s*(?:[\u2022\u25cf\u25aa\u2013*-]|\(?\d{1,2}[.)]|\(?[a-h][.)])\s+")
# Words that open a withdrawal at will: a list with one of them is not closed.
AT_WILL = _r(r"\bany (?:time|reason)\b|\bat will\b")
EVENT_SPLIT = re.compile(
    r",\s*(?:or\s+|and\s+)?|;\s*|\s+or\s+(?!older\b|over\b|later\b|more\b)"
    r"|\s+(?=when |upon |if you |for an? |once you )",
    re.IGNORECASE,
)
# "unless I am terminated": a refusal whose only way out is leaving work is still a refusal.
UNLESS_LEAVING = _r(rf"\bunless\b[^.;]{{0,30}}\b(?:{LEAVING})")
# Names of the events a closed list gives, for the reason the person reads.
HARDSHIP_WORDS = _r(rf"\b(?:{HARDSHIP})|\bhardships?\b")
LOAN_WORD = _r(r"\bloans?\b")
AN_AGE = _r(r"\bage\b")
DEATH = _r(r"\bdeath\b|\bdies?\b")
DISABILITY = _r(r"\bdisab")
RETIREMENT = _r(r"\bretire")
LEAVING_WORK = _r(rf"\b(?:{LEAVING})|\bseparation\b")
# A list of withdrawal events that leaves room for more: "depending on plan provisions", "Your Plan may allow
# for additional types of withdrawals", "as described later", "see your plan".
OPEN_ENDED = _r(
    r"\bdepending on\b|\badditional (?:types of )?(?:withdrawals?|distributions?)\b"
    r"|\bdescribed (?:later|below)"
    r"|\bsee your (?:plan|employer)|\bmay (?:also )?allow\b|\bif (?:permitted|allowed|your plan)"
    r"|\bmay not allow all\b"
)
# A further withdrawal right told in the sentence after ("You may also be able to take a loan or distribution
# during Covered Employment").
ALSO_IN_SERVICE = _r(rf"\balso\b[^.;]{{0,60}}\b(?:withdraw|distribut|access)|{IN_SERVICE.pattern}")
# What follows "Contributions may be made on a pre-tax basis" when the sentence names Roth as the only other
# kind ("... on a pre-tax or Roth basis").
OR_ROTH_ONLY = _r(
    r"^(?:\s+(?:basis|dollars|income|contributions))?\s*(?:,|\bor\b|\band(?:/or)?\b)\s*(?:on\s+)?(?:an?\s+|as\s+)?"
    r"(?:designated\s+)?roth(?:\s+(?:basis|dollars|contributions|401\(k\)|403\(b\)|457\(b\)))?\s*[.;]?\s*$"
)
# After-tax money within the deferral limit is Roth money ("on both a before and/or after tax basis up to
# their annual IRS deferral limit"): non-Roth after-tax contributions do not count toward that limit.
AFTER_TAX_WITHIN_DEFERRAL_LIMIT = _r(
    rf"(?:{AT})[^.;]{{0,40}}\b(?:up to|within)\b[^.;]{{0,30}}"
    r"\b(?:deferral|402\(g\)|elective deferral) limits?\b"
)
# Every contribution described as pre-tax except Roth ("Except for contributions into the Roth Plan, these
# contributions are made before ... taxes"): the set is pre-tax and Roth.
EXCEPT_ROTH = _r(rf"\b(?:except|other than|besides)\b[^.;]{{0,60}}{ROTH}")

# ---------------------------------------------------------------- the mega backdoor named as a plan's option

# "an after-tax in-plan Roth conversion (also known as the Mega Roth Backdoor)": the name people give to
# non-Roth after-tax contributions converted to Roth inside the plan.
_MEGA = (
    r"(?:\bmega[\s-]+(?:roth[\s-]+)?backdoor|\bbackdoor[\s-]+mega\b"
    rf"|(?:{AT})\s+in[\s-]?plan\s+roth\s+(?:conversion|rollover)s?)"
)
MEGA_BACKDOOR = _r(_MEGA)
# The plan offering it, with the mega backdoor as what is offered: a way to save ("You can contribute …, or
# via an after-tax in-plan Roth conversion"), an option listed ("two options for after-tax, … the expanded
# after-tax in-plan Roth conversion"), the plan's verb ("now offers the Mega Backdoor Roth option") or "is
# available". A mention beside another verb ("may request information about the mega backdoor") offers
# nothing.
MEGA_OFFERED = _r(
    r"\b(?:you|participants|employees)\s+(?:can|may)\s+(?:also\s+)?"
    r"(?:contribute|save|make|elect|use|convert|take advantage of)\b"
    rf"[^.;]{{0,120}}{_MEGA}"
    rf"|\b(?:options?\b[^.;]{{0,80}}|(?:offers?|provides?|includes?|supports?|added)\s+(?:\w+\s+){{0,3}}){_MEGA}"
    rf"|{_MEGA}[^.;]{{0,50}}\b(?:is|are) (?:now )?(?:available|offered)\b(?![^.;]{{0,40}}\bplans\b)"
)
# A mega backdoor taken away ("The mega backdoor Roth option was removed from the Plan").
MEGA_REMOVED = _r(r"\b(?:removed|eliminated|discontinued|ended|terminated|frozen|suspended|no longer)\b")
# An after-tax kind whose earnings are taxed only when paid out: Roth earnings are never tax-deferred, so this
# after-tax money is non-Roth ("All earnings on the contributions are tax deferred until … a distribution").
EARNINGS_TAX_DEFERRED = _r(
    r"\b(?:earnings|investment returns?|interest)\b[^.;]{0,60}\b(?:tax[\s-]deferred|taxable|taxed"
    r"|subject to (?:federal )?income tax(?:es)?|shielded from tax(?:es|ation)?)\b"
    r"[^.;]{0,40}\b(?:until|when|upon)\b[^.;]{0,40}\b(?:distribut|withdraw|paid|payment)"
)
# Contributions said to be after-tax with no kind named ("All principal of contributions are on an after
# tax basis").
CONTRIBUTIONS_AFTER_TAX = _r(
    rf"\b(?:made|funded|paid) with (?:{AT}) (?:money|dollars|funds)\b|\bcontributions are made (?:{AT})\b"
    rf"|\bcontributions\b[^.;]{{0,40}}\b(?:are|is|will be) (?:made )?(?:on an? |with )?\W?(?:{AT})\b"
    # "You may contribute on an after-tax basis up to 100% of your compensation"
    rf"|\bcontribute\b[^.;]{{0,20}}\bon an? \W?(?:{AT})\W? basis"
)
# The after-tax options of a list are all Roth ("Three after-tax options: Roth 457(b) Roth 401(k) Deemed Roth
# IRA"): the after-tax kind is Roth.
AFTER_TAX_OPTIONS_ALL_ROTH = _r(
    rf"\b(?:{AT})\s+(?:options|choices|accounts)\s*:\s*"
    r"(?:(?:deemed\s+|designated\s+)?roth\s+(?:401\(k\)|403\(b\)|457\(b\)|ira|account|contributions?)[\s,;]*"
    r"(?:and\s+|or\s+)?){2,}\s*$"
)
# "you can not do a Roth conversion inside of the Thrift Savings Program", "cannot permit the conversion of
# pre-tax funds to Roth … inside the 403(b) plan": an in-plan conversion refused.
CONVERSION_REFUSED_IN_PLAN = _r(
    r"\b(?:cannot|can not|can't|may not) (?:do|make|elect|request|permit|allow)\b[^.;]{0,20}\b"
    r"(?:(?:a|an|the|any) )?(?:in[\s-]?plan )?(?:roth )?conversions?\b[^.;]{0,80}\b"
    r"(?:inside|within|in)(?: of)? (?:the|a|your|this|our) [^.;]{0,30}?\b(?:plan|program|tsp)\b"
)
# A conversion refused for some money only: already Roth, a hardship or required distribution, unvested
# ("cannot request an in-plan Roth conversion of amounts held in your Roth account"): a limit, not a refusal.
CONVERSION_OF_SOME_MONEY = _r(
    r"\bconversions?\b[^.;]{0,20}\bof\b[^.;]{0,40}\b(?:roth (?:account|contributions|money|balance)"
    r"|hardship|required (?:minimum )?distribution|unvested|loan)"
)
# A limit on how often, not a refusal ("You may not make more than two in-plan Roth conversions a year").
MORE_THAN_TIMES = _r(
    r"\bmore than (?:one|two|three|four|\d{1,2}|once|twice)\b[^.;]{0,60}\b(?:a|per|each) "
    r"(?:year|quarter|month|calendar year|plan year)|\bmore (?:often )?than (?:once|twice)"
)

# Voluntary contributions the plan grants ("Members may make additional employee contributions on a voluntary
# basis", "you may elect to contribute to a Voluntary Account").
VOLUNTARY_GRANT = _r(
    r"\b(?:may|can)\b[^.;]{0,30}\b(?:make|elect|contribute)\b[^.;]{0,40}"
    r"\b(?:voluntary|additional) (?:employee |member )?(?:contributions?|account)\b"
    r"|\bcontributions on a voluntary basis\b|\bis a voluntary contribution\b"
)
# Contributions taxed before they go in ("are subject to federal income taxation", "are not tax
# deductible", "have already been taxed", "Taxes are paid on these monies before they are contributed").
TAXED_BEFORE_GOING_IN = _r(
    r"\bcontributions\b[^.;]{0,80}\b(?:are|is) subject to (?:federal |state )*income tax"
    r"|\bcontributions\b[^.;]{0,30}\b(?:are|is) not (?:tax[\s-])?deductible"
    r"|\btaxes are paid on (?:these|those|the) (?:monies|contributions|amounts) before"
    rf"|\bcontributions are made (?:{AT})\b"
    rf"|\bvoluntary (?:account|contributions?)\b[^.;]{{0,60}}\bon an? \W?(?:{AT})\W? basis"
)
# Tax told on money going out, not in ("Excess contributions returned to you are subject to federal income
# tax in the year distributed", "Contributions that exceed the 402(g) limit are … taxed twice").
TAXED_ON_THE_WAY_OUT = _r(
    r"\bexce(?:ss|ed\w*)\b|\brefund|\breturned\b|\bcorrect|\bdistribut|\bwithdraw|\btwice\b"
    r"|\bpaid (?:out|to you)\b|\bwithholding\b"
)
# A state's or a city's tax alone: it taxes some pre-tax contributions too ("For Pennsylvania residents, these
# contributions are subject to state income tax").
STATE_TAX = _r(r"\b(?:state|local|city)\b(?: (?:income )?tax\b| return\b)")
FEDERAL = _r(r"\bfederal\b")
# Voluntary money put to another use than saving after tax in the plan: an IRA beside it ("a deemed IRA
# under the Plan"), service bought back ("to purchase service credit"), a repayment.
VOLUNTARY_ELSEWHERE = _r(r"\bira\b|\bservice credit|\bpurchas|\bbuy\b|\brepay")

# The only limit named on after-tax saving is 415(c)'s (annual additions: "$66,000 or 100% of compensation"):
# Roth contributions count toward the 402(g) deferral limit, so this after-tax money is non-Roth.
LIMIT_415C_ONLY = _r(
    r"\b415\s*\(?c\)?|\bannual additions\b|\b100\s*%\s*of (?:your )?(?:compensation|pay|salary)\b"
)
# After-tax words that name pay or deductions, not a contribution ("increase your after-tax take-home pay",
# "less any after-tax deductions").
AFTER_TAX_PAY = _r(rf"(?:{AT})\s+(?:take[\s-]home\s+)?(?:pay(?:check)?|income|(?:payroll\s+)?deductions?)\b")
LIMIT_402G = _r(r"\b402\s*\(?g\)?|\belective deferral limit|\bdeferral limit")
# A Roth IRA or other IRA set up beside the plan in the sentence before ("participants can add a
# supplemental Roth IRA. After-tax contributions may be made …"): the after-tax money goes there.
# The plan itself named in a sentence (not an IRA beside it).
PLAN_NAMED = _r(r"\bplan\b|401\(k\)|403\(b\)")
IRA_BESIDE = _r(r"\b(?:add|open|establish|set up)\b[^.;]{0,40}\b(?:roth |traditional |deemed )?ira\b")

# A sentence naming money of another kind than a heading's ("Participants may contribute only Pre-Tax
# Contributions" under "After-Tax Contributions", "The Employer may … contribute"): the heading does not
# frame it.
ANOTHER_KIND_OF_MONEY = _r(
    r"\b(?:pre|before)[\s-]?tax\b|\belective deferrals?\b|\bsalary (?:reduction|deferral)|\bmatching\b"
    r"|\b(?:the|your) (?:employer|company|county|city|state|university)\b(?:,[^,]{0,40},)?\s+"
    r"(?:may|will|shall|contributes|makes)\b"
)
# A section number standing alone before its title ("§ 5.26.065.", "Section 4.2.", "ARTICLE V."): the title
# after it is a heading even with its full stop.
SECTION_NUMBER = re.compile(r"^\s*(?:§+|section|sec\.|article)\s*[\dIVXivx][\w.()-]*\.?\s*$", re.IGNORECASE)
# "a Participant may, pursuant to a Salary Deduction Agreement, have the County deduct … and contribute":
# a grant whose verb comes after a clause.
MAY_CONTRIBUTE = _r(r"\b(?:may|can)\b(?!\s+not\b)[^.;]{0,80}\b(?:contribute|have [^.;]{0,20}deduct)")
