"""Classes of real SPD wording the sentence rules must read, one realistic sentence per class.

The sentences are written for these tests in the way recordkeeper templates (Fidelity, Vanguard,
Empower, Principal) and university 403(b) SPDs word these terms; a comment cites a sentence that is
quoted from a real document. Each class is a rule's reason, not one passage's words: the same rule
must read every sentence of its class.
"""

from __future__ import annotations

import pytest

from flows.spd import read_text

Q1, Q2, Q3 = "after_tax_allowed", "in_plan_conversion", "in_service_withdrawal"


def _answer(text: str, question: str) -> str:
    return read_text(text).answers[question].answer


# ------------------------------------------------ after-tax (non-Roth) contributions

AFTER_TAX_YES = [
    # the canonical sentence typed without its comma
    "In addition to your pre-tax and Roth deferrals you may make after-tax contributions of up to 15% of "
    "pay.",
    # after-tax saving held only to the 415(c) limit (Roth is held to the deferral limit)
    "You may save a dollar amount of your pay on an after-tax basis, subject to the maximum contribution "
    "limit of $72,000 or 100% of compensation.",
    # after-tax money whose interest is shielded from taxes until withdrawn, and voluntary money made post-tax
    "The voluntary account lets you save up to 10% of pay, with the interest shielded from taxes until "
    "withdrawn. Investments must be made with after-tax money.",
    "Additional Contributions is a voluntary contribution to save more for retirement. Your contributions "
    "are made post-tax from your paycheck, subject to IRS limits.",
    # past the deferral limit that Roth shares, told in a gloss
    "After you have contributed the maximum 401(k) deferral (pre-tax or Roth 401(k)) to the plan, you may "
    "make after-tax contributions up to the 415(c) limit.",
    # voluntary contributions taxed before they go in, no Roth anywhere (public and union plans)
    "Members may make additional contributions on a voluntary basis of up to 10% of pay. These contributions "
    "are subject to federal income tax when made.",
    "As an active member you may elect to contribute to a Voluntary Account by payroll deduction on an "
    "after-tax basis only.",
    "You may contribute on an after-tax basis up to 50% of your pay. Taxes are paid before these monies go "
    "in. The investment return on them will be taxable when the account is distributed.",
    # the mega backdoor named among the plan's options is made of non-Roth after-tax contributions
    "You can save in the plan through pre-tax contributions, Roth contributions, or an after-tax "
    "in-plan Roth conversion (the so-called mega backdoor Roth).",
    "Our 401(k) now offers the Mega Backdoor Roth option for employees who have maxed out their deferrals.",
    # after-tax money whose earnings are taxed only when paid out cannot be Roth
    "Participant contributions are made on an after-tax basis. Earnings on them are tax-deferred until a "
    "distribution is made.",
    # quoted in the brief from a real SPD: an explicit "non-Roth" wins over the nearby "Roth"
    "In addition to your pre-tax and Roth 401(k) deferrals, you may elect to make after-tax (non-Roth) "
    "contributions of up to 15 percent of your eligible pay.",
    "You may make voluntary after-tax contributions of 1% to 10% of your eligible compensation.",
    "Supplemental after-tax contributions may be made once you reach the IRS pre-tax limit.",
    "You may also make unmatched after-tax contributions of up to 20% of your pay.",
    "In addition to your pre-tax and Roth contributions, you may make after-tax contributions of up to "
    "25% of your eligible pay.",
    "You can contribute on a pre-tax, Roth, or after-tax basis, or any combination of the three.",
    "The Plan permits after-tax contributions of up to 10% of Compensation.",
    "After-tax contributions are permitted under the Plan, up to 30% of your pay.",
    "You may contribute up to 50% of your eligible pay as after-tax, non-Roth contributions.",
    "You may contribute up to 75% of pay, on a before-tax basis, an after-tax basis, or a Roth basis.",
    "You may contribute to the plan with pre-tax dollars, Roth dollars, or after-tax dollars.",
    "You may also make after-tax (nonRoth) contributions.",
    "The Plan accepts after-tax employee contributions.",
    "You may make Employee Contributions (after-tax) of up to 10% of Compensation.",
    # the older plan-document name for after-tax contributions
    "Participants may make voluntary nondeductible employee contributions.",
    "You may elect to contribute a percentage of your pay to the Plan on an after-tax basis (separate from "
    "Roth).",
    "Your contributions can be pre-tax, Roth, after-tax, or a combination.",
    # beyond the IRS deferral limit, which Roth contributions count toward
    "Employees can contribute after-tax dollars above the 402(g) limit.",
    "Post-tax contributions: You may contribute 1% to 15% of your pay on a post-tax basis in addition to "
    "pre-tax and Roth contributions.",
    "You can contribute on an after-tax basis (not Roth) up to 10% of eligible pay.",
    "After you reach the IRS limit on pre-tax and Roth contributions, you may continue to contribute on an "
    "after-tax basis.",
    # a plan-highlights label and its value
    "Voluntary After-Tax Contributions: Permitted",
    "After-tax contributions: Yes, 1% to 10% of eligible pay",
]

AFTER_TAX_NO = [
    "You can elect to make pre-tax contributions only.",
    "The 457(b) Plan offers you the option of making pre-tax contributions as well as the option of making "
    "Roth (after-tax) contributions.",
    "Through payroll deductions, the plans let employees save regularly with before-tax and Roth (after-tax) "
    "dollars.",
    # an employer-funded account: no money of the employee's own
    "Your account holds all contributions made on your behalf by the contributing employers and the "
    "earnings on them.",
    "This plan is funded entirely by employee contributions on a pre-tax basis.",
    "The deferred compensation plans you can choose include two pre-tax options: 457(b) and 401(k), and "
    "three after-tax options: Roth 457(b), Roth 401(k) and Deemed Roth IRA",
    "The 401(k) feature permits you to make pre-tax, as well as post-tax Roth 401(k), contributions to "
    "the Plan.",
    # closed list of two options, the after-tax one being Roth (real 403(b) page, held-back D056 form)
    "Your plan offers two options: 1. Pre-Tax Contributions 2. After-Tax Contributions (Roth)",
    "The Plan does not accept after-tax contributions other than Roth contributions.",
    "No after-tax contributions are permitted under the Plan.",
    "The Plan does not have an after-tax contribution feature.",
    "Employee after-tax contributions ceased effective January 1, 2012.",
    "You may not make non-Roth after-tax contributions to the Plan.",
    "You will not be able to make after-tax contributions.",
    "The Plan does not permit after-tax contributions (other than Roth).",
    "You may not contribute on an after-tax basis except through Roth contributions.",
    "You may contribute on a before-tax basis, an after-tax (Roth) basis, or both.",
    # only pre-tax and Roth contributions: no non-Roth kind, though "after-tax" is never written
    "The Plan only accepts pre-tax and Roth contributions.",
    "Only pre-tax and Roth contributions are permitted.",
    "The Plan offers pre-tax and Roth contributions only.",
    # a short refusal after a closed list is a sentence, not a heading
    "You may make pre-tax contributions, Roth contributions, or both. After-tax contributions are not "
    "permitted.",
    # the plan's own Q&A answering no
    "Can I make after-tax contributions to the Plan? No.",
    # a plan-highlights label and its value
    "Employee voluntary after-tax contributions: Not permitted.",
    "After-tax contributions: Not available",
    # a closed choice of pre-tax or Roth, the Roth one called after-tax
    "You may make pre-tax contributions or after-tax Roth 401(k) contributions.",
]

AFTER_TAX_NEVER_YES = [
    # the after-tax money of an IRA set up beside the plan
    "Plan participants can also add a supplemental Roth IRA. After-tax contributions may be made up to "
    "$7,000 per year.",
    "You may save on an after-tax basis through the Roth 401(k), subject to 100% of compensation.",
    "Your account holds employer contributions and your salary deferrals. Salary deferrals are pre-tax.",
    "Members may make additional contributions on a voluntary basis to the Roth account. These contributions "
    "are subject to federal income tax when made.",
    "You may contribute on an after-tax basis to the Roth 401(k). The investment return will be taxable when "
    "the account is distributed unless the distribution is qualified.",
    "If your plan offers the mega backdoor Roth, you can contribute after-tax money beyond the "
    "deferral limit.",
    "Our plan does not offer the mega backdoor Roth.",
    "Member contributions are made on an after-tax basis through the Roth 457 option. Earnings are tax-free "
    "when a qualified distribution is made.",
    # advice about plans in general, not this plan's terms
    "If your plan offers non-Roth after-tax contributions, the plan can allow those contributions and "
    "their earnings to be withdrawn at any time, even before age 59 ½.",
    "Depending on your plan, you may be able to make voluntary after-tax contributions.",
    # taking after-tax money out says an account exists, not that new contributions are allowed
    "You may withdraw your pre-1987 voluntary after-tax contributions at any time.",
    # Roth called after-tax, with a permission
    "Roth after-tax contributions: Yes",
    "In addition to pre-tax contributions, you may make Roth after-tax contributions.",
    # an account or old money named, not new contributions allowed
    "A Participant shall at all times be fully vested in the balance of his After-Tax Account, Tax "
    "Deductible Contribution Account, and Rollover Account.",
    "The Plan shall separately account for pre-1987 Voluntary After-Tax Contributions.",
    # a conversion sentence lists what may be converted, not which contributions the plan takes
    "This option allows you to convert all or a portion of your pre-tax contributions and non-Roth assets "
    "(including after-tax contributions) to Roth assets within the Plan.",
    # a match rule names contribution types, not the only ones the plan takes
    "The Company matches only pre-tax and Roth contributions.",
    # commentary about 401(k) plans in general (real sentence, employment-lawexperts.com)
    "Plan sponsors seeking to provide employees with the ability to make after-tax contributions to a 401(k) "
    "plan may be interested in adding, along with the common Roth contribution feature, non-Roth after-tax "
    "contribution and in-plan Roth rollover features to their 401(k) plans.",
    # a possibility for the future, or an employer's choice, is not today's terms
    "Your employer may choose to permit after-tax contributions in a future plan year.",
    "If after-tax contributions are permitted under the Plan, you may make them by payroll deduction.",
    # contributions to another plan
    "You may make after-tax contributions to an IRA outside the plan.",
    "Employees may elect to make after-tax contributions to the Employee Stock Purchase Plan.",
    # after-tax money rolled in from another plan is not after-tax contributions
    "The Plan accepts rollovers of after-tax contributions from other qualified plans.",
    # a suspension after a withdrawal is not a ban, nor a permission
    "If you withdraw after-tax contributions, you may not make after-tax contributions for 6 months.",
]


AFTER_TAX_DEPENDS = [
    # a limit aimed at highly compensated employees: it depends on the reader's pay
    "Highly compensated employees may not make after-tax contributions.",
    "After-tax contributions are not available to highly compensated employees.",
    "You may make after-tax contributions only if you are not a highly compensated employee.",
    # a label whose yes waits on the employer's election
    "After-tax contributions: Yes, if elected by your employer",
]


@pytest.mark.parametrize("text", AFTER_TAX_YES)
def test_after_tax_wording_that_allows_non_roth_contributions(text: str) -> None:
    assert _answer(text, Q1) == "yes"


@pytest.mark.parametrize("text", AFTER_TAX_NO)
def test_after_tax_wording_that_closes_the_door(text: str) -> None:
    assert _answer(text, Q1) == "no"


@pytest.mark.parametrize("text", AFTER_TAX_DEPENDS)
def test_after_tax_wording_that_depends_on_the_reader_or_the_employer(text: str) -> None:
    assert _answer(text, Q1) == "conditional"


@pytest.mark.parametrize("text", AFTER_TAX_NEVER_YES)
def test_after_tax_wording_that_is_never_a_yes(text: str) -> None:
    assert _answer(text, Q1) in ("not_stated", "conditional")


# ------------------------------------------------ in-plan Roth conversion

CONVERSION_YES = [
    # participants named beside beneficiaries: not a beneficiaries-only rule
    "Under the new law, participants, spousal beneficiaries and spousal alternate payees may consider an "
    "In Plan Roth conversion for any eligible Plan account balance.",
    "Employees with a traditional 403(b) balance may convert it to the Roth 403(b) option.",
    "You can contribute pre-tax, Roth, or via an after-tax in-plan Roth conversion (the Mega Backdoor Roth).",
    "Roth In-Plan Conversion (IRC): You can convert all or a portion of your vested non-Roth balance to "
    "your Roth account.",
    "The Plan permits in-plan Roth rollovers of your after-tax contributions.",
    "In-plan Roth conversions are available for your after-tax and pre-tax accounts.",
    "The Plan offers a Roth in-plan conversion feature for after-tax contributions.",
    "You may convert your after-tax contributions to Roth within the Plan at any time.",
    # a rollover to the plan's designated Roth account is the in-plan rollover (IRC 402A(c)(4))
    "In-Plan Roth Rollovers. The Plan permits you to roll over eligible amounts to a designated Roth "
    "account.",
    "The plan's in-plan Roth conversion feature lets you convert after-tax savings to Roth.",
    "Roth conversions within the plan are allowed once per quarter.",
    # what the plan does by itself
    "Your after-tax contributions are automatically converted to Roth each day.",
    "Roth In-Plan Conversion (IRC): Available for after-tax contributions.",
    "In-Plan Roth Conversions: If you'd like to convert eligible non-Roth vested balances to Roth, you can "
    "make an in-plan Roth conversion.",
    "In-plan Roth conversions: Available",
    "Participants may transfer after-tax balances to their Roth account within the Plan.",
    # real sentences (MMC benefits handbook)
    "An in-plan Roth conversion allows you to convert after-tax account balances into in-plan Roth "
    "conversion accounts.",
    "You can make an in-plan Roth conversion if you are an active or terminated employee (including if you "
    "are on leave of absence or long term disability) with after-tax accounts.",
    "The Plan includes an in-plan Roth conversion feature.",
    "The Plan provides for In-Plan Roth Rollovers.",
    "After-tax contributions can be automatically converted to Roth through the Plan's automatic Roth "
    "in-plan conversion feature.",
]

CONVERSION_NO = [
    "No, you cannot do a Roth conversion inside of the Savings Program.",
    "Participants may not make a Roth conversion within the plan; a conversion is possible only in an IRA.",
    "In-plan Roth conversions are not available under the Plan.",
    "The Plan does not offer an in-plan Roth rollover feature.",
    "The Plan does not permit in-plan Roth conversions.",
    "You cannot convert your after-tax contributions to Roth within the Plan.",
    "A conversion to Roth is not available.",
    "Does the Plan allow in-plan Roth conversions? No.",
    "In-Plan Roth Rollover: No",
    "The Plan does not currently offer in-plan Roth conversions, but may add this feature in the future.",
]

CONVERSION_NEVER_YES = [
    # limits on conversions the plan has: which money, how often (neither a yes nor a refusal)
    "You may not make an in-plan Roth conversion of any amount that is a required minimum distribution.",
    "You may not make more than two in-plan Roth conversions a year within the Plan.",
    "Spousal beneficiaries may consider an In Plan Roth conversion of an inherited account balance.",
    # plans in general, not this plan
    "Not all employer-sponsored retirement plans offer the In-Plan Roth Rollover feature.",
    "Effective immediately, 401(k) and 403(b) plans currently offering Roth features may allow eligible "
    "participants to convert pre-tax savings to Roth savings within the plan.",
    "Can I make an after-tax in-plan Roth conversion (the mega backdoor Roth)?",
    # a Roth IRA is outside the plan: a rollover there is not an in-plan conversion
    "You may roll over your after-tax account to a Roth IRA.",
    "You may convert your pre-tax account to a Roth IRA after you leave.",
    "You may transfer your Roth account to a Roth IRA.",
    # advice about plans in general
    "Many plans now allow in-plan Roth conversions.",
    "If your plan allows in-plan Roth conversions, you can convert after-tax money to Roth.",
    "The Plan may permit in-plan Roth rollovers in the future.",
    # real sentence (porteval.com): a feature that may be added
    "If Roth Elective Deferrals are allowed, a Roth In-Plan conversion feature may also be added, which "
    "allows participants to convert their existing pre-tax contributions and employer contributions as well "
    "as after-tax deferrals to a Roth Source Account.",
]


@pytest.mark.parametrize("text", CONVERSION_YES)
def test_conversion_wording_that_allows_it(text: str) -> None:
    assert _answer(text, Q2) == "yes"


@pytest.mark.parametrize("text", CONVERSION_NO)
def test_conversion_wording_that_refuses_it(text: str) -> None:
    assert _answer(text, Q2) == "no"


@pytest.mark.parametrize("text", CONVERSION_NEVER_YES)
def test_conversion_wording_that_is_never_a_yes(text: str) -> None:
    assert _answer(text, Q2) == "not_stated"


# ------------------------------------------------ in-service withdrawal of after-tax money

WITHDRAWAL_YES = [
    "Upon retirement you may withdraw your whole account. You may also withdraw your after-tax "
    "contributions at any time while employed.",
    "You may withdraw your after-tax contributions at any time.",
    "Your after-tax account is available for withdrawal at any time, for any reason.",
    "Withdrawals of after-tax contributions are permitted once per calendar year.",
    "After-tax contributions and their earnings may be withdrawn while you are employed.",
    "You may not withdraw money from the Plan while you are employed, except from your after-tax and "
    "rollover accounts.",
    "You may withdraw your non-Roth after-tax contributions at any time.",
    "You may withdraw your after-tax account at any time; pre-tax contributions may be withdrawn only "
    "for hardship.",
    "Withdrawals from your After-Tax Account are limited to one per Plan Year.",
    "You may withdraw your after-tax account at any time before you retire.",
    "Generally, you may not withdraw money while you are still employed. However, you may withdraw your "
    "after-tax contributions.",
    "After-tax withdrawals: Available at any time, up to twice per year",
    "Withdrawal of after-tax contributions: Once per year",
    "Your after-tax account may be distributed to you at any time upon your request.",
    # a non-hardship withdrawal is a withdrawal at will
    "Non-hardship withdrawals may be taken from your after-tax account once per year.",
]

WITHDRAWAL_NO = [
    "While you may stop your deductions at any time, you may not have access to the funds until you have "
    "separated from employment.",
    # money out only once you have left: the closed-world no of a plan that names no other route
    "Participants may withdraw from their accounts upon termination of employment with the County.",
    # a list opened by a colon, its items bulleted sentences
    "You may draw benefits when these events occur: \u2022 you become disabled; \u2022 you face a financial "
    "hardship; or \u2022 you reach age 59\u00bd.",
    "The only in-service withdrawal the Plan permits is a hardship withdrawal.",
    "While employed, you may withdraw from your account only if you have a financial hardship.",
    # discretion limited to hardship (held-back D044 form)
    "The Plan Administrator may permit a withdrawal while you are employed only in the event of a hardship.",
    "You may not take a withdrawal while you are employed, except in the case of financial hardship.",
    "In-service withdrawals are limited to hardship withdrawals.",
    # the plan's whole list, without after-tax money (held-back D036 form)
    "While you are employed, the Plan offers the following types of withdrawals: Hardship Withdrawals. "
    "Age 59½ Withdrawals - once you reach age 59½ you may withdraw your vested account. Rollover Account "
    "Withdrawals - you may withdraw your rollover account at any time.",
    "You may not withdraw your account balance while employed except after age 59½ or for a hardship.",
    # for hardship: not at will
    "You may withdraw your after-tax account for a hardship.",
    "Hardship withdrawals may be taken from your after-tax account.",
    # only at the end of work: not while employed
    "Your after-tax contributions may be withdrawn only upon termination of employment.",
    "You may withdraw your after-tax account only when you retire or terminate employment.",
    "In-service withdrawals are not available from your after-tax account.",
    "You are not eligible to take an in-service withdrawal.",
    "You may not take a withdrawal while you are employed.",
    "The Plan does not provide for in-service withdrawals.",
    "Distributions from your 403(b) account are generally not permitted until you reach age 59½, terminate "
    "employment, become disabled, or die.",
    "You will not be able to withdraw your after-tax contributions while employed.",
    "Can I withdraw money from my account while I am still working? No, except in the case of a hardship.",
    "Can I take money out of my after-tax account while I am employed? No.",
    "In-service withdrawals: None",
]

WITHDRAWAL_NEVER_YES = [
    "Participants can add a supplemental Roth IRA through payroll. After-tax contributions may be made up to "
    "$7,000 per year. These after-tax contributions can be withdrawn at any time.",
    # a question list decides nothing, whatever it asks
    "May I withdraw money from my 403(b) account while I am still employed?",
    "Can I take money out of my account while working? When may I start withdrawals without a penalty?",
    "You may withdraw your Roth after-tax contributions after age 59½.",
    "You may withdraw your rollover account at any time.",
    "If your plan allows it, after-tax contributions can be withdrawn at any time.",
    "Once you reach age 59½, you may withdraw all or part of your after-tax account.",
    "Once you reach age fifty-nine and one-half, you may withdraw all or part of your after-tax account.",
    "Once you turn 59½, you may withdraw your after-tax contributions at any time.",
    # money paid on leaving, at death or disability is not an in-service withdrawal
    "You may withdraw your after-tax contributions upon separation from service.",
    "You may request a distribution of your after-tax account after your employment ends.",
    "If you become disabled you may withdraw your after-tax account.",
    "Upon your death, your beneficiary may withdraw your after-tax account.",
    # other gates: an age other than 59½, years in the plan
    "You may withdraw your after-tax contributions if you are at least age 55.",
    "Once you have five years of participation, you may withdraw your after-tax account.",
    # a label whose value has a gate is not a plain yes
    "After-tax withdrawals: Available at age 59½",
    # a possibility for the future; another plan's money
    "The Plan may permit withdrawals of after-tax contributions in the future.",
    "You may withdraw after-tax contributions from an IRA at any time.",
    # with someone's approval: not at will
    "Withdrawals of after-tax contributions are allowed if your employer approves.",
    "At the Committee's discretion, you may withdraw your after-tax account.",
    # real sentence (lawinsider.com): hardship needs after-tax money taken first; it permits nothing here
    "To be eligible for a hardship distribution, an employee must have exhausted all other financial "
    "resources - including a distribution of any money in the DC Plan After-Tax Account.",
    # a loan is not a withdrawal
    "You may take a loan from your after-tax contributions at any time.",
    "You may take out a loan from your after-tax account.",
]


@pytest.mark.parametrize("text", WITHDRAWAL_YES)
def test_withdrawal_wording_that_allows_after_tax_money_out(text: str) -> None:
    assert _answer(text, Q3) == "yes"


@pytest.mark.parametrize("text", WITHDRAWAL_NO)
def test_withdrawal_wording_that_keeps_after_tax_money_in(text: str) -> None:
    assert _answer(text, Q3) == "no"


@pytest.mark.parametrize("text", WITHDRAWAL_NEVER_YES)
def test_withdrawal_wording_that_is_never_a_yes(text: str) -> None:
    assert _answer(text, Q3) in ("not_stated", "conditional")


def test_a_bulleted_list_is_read_to_its_last_item() -> None:
    items = [
        "Hardship withdrawals",
        "Age 59½ withdrawals of your vested account",
        "Rollover account withdrawals",
        "Withdrawals of qualified reservist distributions",
    ]
    opening = "While you are employed, you may make the following withdrawals: "
    closed = opening + " ".join(f"• {item}" for item in items)
    assert _answer(closed, Q3) == "no"
    open_ = closed + " • After-tax account withdrawals at any time"
    assert _answer(open_, Q3) == "yes"


def test_a_list_with_an_after_tax_item_is_not_closed() -> None:
    text = (
        "While you are employed, the Plan offers the following types of withdrawals: After-Tax Withdrawals "
        "- you may withdraw your after-tax account once a year. Age 59½ Withdrawals - once you reach age "
        "59½ you may withdraw your vested account."
    )
    proposal = read_text(text).answers[Q3]
    assert proposal.answer == "yes"
    assert proposal.details["per_year"] == 1


# Sentences every SPD carries around the three answers (taxes, payment, leaving work, hardship rules,
# ages): in a whole document none of them may say yes to any question.
BOILERPLATE = [
    "You may withdraw your vested account balance while employed if you are at least age 59½.",
    "If you are age 59½ or older, you may withdraw your after-tax account.",
    "Make withdrawals while you are working if you are at least age 59½, or in the case of serious financial "
    "hardship.",
    "If you are facing a financial hardship, you can make a withdrawal with the consent of your employer and "
    "plan administrator.",
    "You may receive a distribution of the vested portion of some or all of your accounts in the Plan when "
    "you terminate employment with the Employer.",
    "As to the possibility of receiving a distribution while you are still employed with the Employer, see "
    'the Article in this SPD entitled "Distributions Prior to Termination of Employment."',
    "You may withdraw money for financial hardship if you satisfy certain conditions.",
    "In the event of your death, your beneficiary is entitled to receive the balance in your Account.",
    "If you withdraw your after-tax contributions, you will be taxed on the earnings.",
    "You can request a withdrawal online or by calling the Service Center.",
    "You may withdraw money from the plan at any time after you terminate employment.",
    "The annual additions limit includes your pre-tax, Roth and after-tax contributions as well as employer "
    "contributions.",
    "Roth contributions are taxed now, and after-tax contributions are not taxed again when withdrawn.",
    "Catch-up contributions may be made on a pre-tax or Roth basis.",
    "You may roll over your account to an IRA or another employer's plan.",
    "A direct rollover to a Roth IRA is taxable.",
    "Amounts converted to Roth in an in-plan Roth rollover are subject to income tax.",
    "Required minimum distributions from your after-tax account begin at age 73.",
]


@pytest.mark.parametrize("text", BOILERPLATE)
def test_boilerplate_never_says_yes(text: str) -> None:
    answers = read_text(text).answers
    assert [q for q, p in answers.items() if p.answer == "yes"] == []


# Form choices written inline, and who may use a feature.
FORMS_AND_GROUPS = [
    ("The Plan □ does / X does not (check one) permit after-tax contributions.", Q1, "no"),
    ("The Plan X does / □ does not (check one) permit in-plan Roth rollovers.", Q2, "yes"),
    ("The Plan □ will / X will not (check one) permit in-service withdrawals of after-tax contributions.", Q3,
     "no"),
    # refusing only the conversion of money that could not be withdrawn leaves the rest to depend
    ("The Plan □ will / X will not permit in-plan Roth rollovers of amounts that are not otherwise "
     "distributable.", Q2, "conditional"),
    # grandfathered, or a named group of employees
    ("Participants who were making after-tax contributions before January 1, 2012 may continue to make "
     "them.", Q1, "conditional"),
    ("Employees covered by a collective bargaining agreement may make after-tax contributions of up to 10% "
     "of pay.", Q1, "conditional"),
    ("After-Tax Contributions means contributions made by Employees of an Employer located in Puerto Rico.",
     Q1, "conditional"),
    ("A Participant shall be entitled to withdraw all or part of his After-Tax Account once each Plan Year.",
     Q3, "yes"),
    # the after-tax kind is wider than Roth when it includes Roth
    ("You may contribute on a pre-tax basis or an after-tax basis (including Roth contributions).", Q1,
     "yes"),
    # the plan's list of benefit types, with only hardship while working
    ("There are three types of benefits under the Plan: 1. Retirement at age 65 2. Termination of employment "
     "3. Disability In addition, hardship withdrawals are available.", Q3, "no"),
    # a conversion made with a distribution that an active employee may take only from an age
    ("When you take an eligible distribution, you may elect to convert it to a Roth account as an in-plan "
     "Roth rollover. An eligible distribution is a distribution to an active employee on or after attaining "
     "age 62, or a distribution upon termination of employment.", Q2, "conditional"),
]


@pytest.mark.parametrize(("text", "question", "expected"), FORMS_AND_GROUPS)
def test_form_choices_and_groups(text: str, question: str, expected: str) -> None:
    assert _answer(text, question) == expected


def test_the_quote_for_each_answer_is_its_own_sentence_not_a_conversion() -> None:
    text = (
        "You may make after-tax contributions of up to 10% of your pay. You may elect to convert all or part "
        "of your After-Tax Contribution Account to a Roth account within the Plan at any time. You may "
        "withdraw your after-tax contributions at any time."
    )
    answers = read_text(text).answers
    assert [e.quote for e in answers[Q1].evidence] == [
        "You may make after-tax contributions of up to 10% of your pay."
    ]
    assert [e.quote for e in answers[Q3].evidence] == [
        "You may withdraw your after-tax contributions at any time."
    ]
    assert answers[Q2].evidence[0].quote.startswith("You may elect to convert")


# A sentence read under its heading (real SPDs state a section's subject once, in its heading).
UNDER_HEADINGS = [
    # a code's or plan document's numbered section title, with its full stop
    ("\u00a7 5.26.065.\n\nAfter-Tax Contributions.\n\nSubject to the limitations of Section 5.26.160, a "
     "Participant may, pursuant to a Salary Deduction Agreement, have the County deduct from his Eligible "
     "Earnings and contribute to the Plan a percentage of his Eligible Earnings.", Q1, "yes"),
    ("\u00a7 5.26.066.\n\nAfter-Tax Contributions.\n\nA Participant may not, pursuant to any Salary "
     "Deduction Agreement, have the County contribute to the Plan after 2001.", Q1, "not_stated"),
    ("After-Tax Contributions\nYou may contribute from 1% to 10% of your eligible pay.", Q1, "yes"),
    ("After-Tax Contributions\nThe Plan does not permit these contributions.", Q1, "no"),
    ("After-Tax Withdrawals\nYou may withdraw all or part of this account at any time.", Q3, "yes"),
    ("In-Plan Roth Conversions\nYou may convert all or part of your vested balance at any time.", Q2, "yes"),
    # the heading frames a yes: hardship, age 59½, leaving work
    ("Hardship Withdrawals\nYou may withdraw your after-tax contributions and earnings.", Q3, "no"),
    ("Age 59½ Withdrawals\nYou may withdraw your after-tax account at any time.", Q3, "conditional"),
    ("Distributions After You Leave\nYou may withdraw your after-tax account at any time.", Q3, "not_stated"),
]


@pytest.mark.parametrize(("text", "question", "expected"), UNDER_HEADINGS)
def test_a_sentence_is_read_under_its_heading(text: str, question: str, expected: str) -> None:
    assert _answer(text, question) == expected


# Plan-document wording ("shall", a clause between "may" and its verb).
PLAN_DOCUMENT = [
    ("A Participant may, in accordance with procedures established by the Administrator, elect to make "
     "After-Tax Contributions.", Q1, "yes"),
    ("No After-Tax Contributions shall be made after December 31, 1986.", Q1, "no"),
    ("Effective January 1, 2002, After-Tax Contributions shall no longer be permitted.", Q1, "no"),
    ("The Plan shall not accept After-Tax Contributions.", Q1, "no"),
    ("A Participant may, by written notice to the Committee, withdraw all or any portion of his After-Tax "
     "Account.", Q3, "yes"),
    ("In-service withdrawals shall not be permitted.", Q3, "no"),
    ("A Participant shall not be entitled to withdraw any part of his After-Tax Account prior to termination "
     "of employment.", Q3, "no"),
    ("The Plan shall permit In-Plan Roth Rollovers of vested amounts.", Q2, "yes"),
]


@pytest.mark.parametrize(("text", "question", "expected"), PLAN_DOCUMENT)
def test_plan_document_wording(text: str, question: str, expected: str) -> None:
    assert _answer(text, question) == expected


# A conversion only for those who have left work does not serve a worker (it depends on leaving).
AFTER_LEAVING_WORK = [
    ("Only participants who have separated from service may elect an in-plan Roth rollover.", "conditional"),
    ("Upon termination of employment, you may elect an in-plan Roth rollover of your vested account.",
     "conditional"),
    ("Both active and former employees may elect an in-plan Roth conversion.", "yes"),
    # "leave of absence" is not leaving work (real sentence, MMC benefits handbook)
    ("You can make an in-plan Roth conversion if you are an active or terminated employee (including if you "
     "are on leave of absence or long term disability) with after-tax accounts.", "yes"),
]


@pytest.mark.parametrize(("text", "expected"), AFTER_LEAVING_WORK)
def test_a_conversion_only_after_leaving_work(text: str, expected: str) -> None:
    assert _answer(text, Q2) == expected


def test_a_vague_count_of_withdrawal_types_is_not_a_closed_list() -> None:
    hardship = [
        "Hardship Withdrawals",
        "You may withdraw your before-tax contributions if you have a financial hardship.",
        "A hardship must be an immediate and heavy financial need.",
        "You must first take all other withdrawals available to you.",
        "The amount may include taxes owed on the withdrawal.",
        "Your request must be made on the form provided by the Plan Administrator.",
        "Hardship withdrawals are paid in a single sum.",
    ]
    text = "\n".join(
        [
            "There are several types of withdrawals available under the Plan, described below.",
            *hardship,
            "After-Tax Withdrawals",
            "You may withdraw all or part of this account at any time.",
        ]
    )
    assert _answer(text, Q3) == "yes"


# ------------------------------------------------ classes of wording read from passages collected apart

# Spillover: contributions that go on as after-tax once the IRS limit is reached are non-Roth (Roth
# contributions count toward that limit). Real: "your deferrals will automatically switch to after-tax
# deferrals at the same deduction rate you elected" (a spillover page, set-1 passages).
SPILLOVER_AT_LIMIT = [
    ("Once your pre-tax and Roth 401(k) contributions reach the IRS limit, your election automatically "
     "switches to after-tax contributions for the rest of the year.", "yes"),
    ("If you hit the annual limit, your contributions will continue on an after-tax basis at the same rate.",
     "yes"),
    # a switch to Roth at the limit is not after-tax (non-Roth) money
    ("When you reach the pre-tax limit, your contributions will switch to Roth after-tax contributions.",
     "not_stated"),
]


@pytest.mark.parametrize(("text", "expected"), SPILLOVER_AT_LIMIT)
def test_contributions_that_switch_to_after_tax_at_the_limit(text: str, expected: str) -> None:
    assert _answer(text, Q1) == expected


Q1_CLASSES = [
    # Roth and after-tax named as two kinds (real: "electing to make Roth and after-tax contributions")
    ("You may elect to make Roth and after-tax contributions through payroll deduction.", "yes"),
    # a comparison of tax effects is not a plan term (real: "than it would be if you saved on a traditional
    # after-tax basis")
    ("Your take-home pay is higher with pre-tax saving than it would be if you made voluntary after-tax "
     "contributions.", "not_stated"),
    # a refused rollover of after-tax money says nothing of contributions (real: "rollovers of other
    # after-tax contributions are not permitted")
    ("Rollovers of Roth money are accepted, but rollovers of other after-tax contributions are not accepted.",
     "not_stated"),
    # converting after-tax money already in the plan is not contributing it (real: "You may convert all of
    # your after-tax account balances")
    ("You may convert part or all of your after-tax account balance.", "not_stated"),
    # "after-tax" called Roth in the sentence before: the choice that follows is pre-tax or Roth (real:
    # "Roth accounts are post tax but grow tax free.")
    ("Roth accounts are after-tax but grow tax-free. Employees may make tax-deferred or after-tax "
     "contributions to the plan.", "no"),
]


@pytest.mark.parametrize(("text", "expected"), Q1_CLASSES)
def test_after_tax_contribution_classes(text: str, expected: str) -> None:
    assert _answer(text, Q1) == expected


def test_a_plan_without_roth_reads_after_tax_basis_as_non_roth() -> None:
    # real (PG&E union SPD): "The Plan does not offer a Roth 401(k)." beside "on a pre-tax basis, an
    # after-tax basis, or a combination of both"
    grant = "You may save on a pre-tax basis, an after-tax basis, or both."
    assert _answer(grant, Q1) == "not_stated"  # alone, "after-tax basis" may mean Roth
    reading = read_text(f"The Plan does not offer Roth contributions.\n\n{grant}")
    assert reading.answers[Q1].answer == "yes"
    assert reading.answers[Q1].evidence[0].quote == grant
    # a plan without in-plan conversions may still have Roth contributions
    assert _answer(f"The Plan does not offer in-plan Roth conversions.\n\n{grant}", Q1) == "not_stated"


def test_the_granting_sentence_is_the_quote_not_a_description_of_tax_limits() -> None:
    # real (Microsoft 401(k) pages): "after-tax (non-Roth) contributions are not subject to the same IRS
    # limits ..., so they give you the chance to save more"
    describes = ("After-tax (non-Roth) contributions are not subject to the same IRS limits as pre-tax "
                 "contributions, so you can save more.")
    grants = "In addition to pre-tax and Roth contributions, you have a new contribution option: after-tax " \
             "(non-Roth) contributions."
    reading = read_text(f"{describes}\n\n{grants}")
    assert reading.answers[Q1].answer == "yes"
    assert [e.quote for e in reading.answers[Q1].evidence] == [grants]


CONVERSION_CLASSES = [
    # asking for a conversion (real: "Eligible participants can request a maximum of 26 Roth conversions per
    # account in a calendar year"; "no limit on the number of in-plan Roth conversions you may request")
    ("Participants may request up to 12 Roth conversions each plan year.", "yes"),
    ("There is no cap on the number of in-plan Roth conversions you can request.", "yes"),
    ("In-plan Roth conversions can be requested online or by phone.", "yes"),
    # real: "Active and separated participants ... are eligible to request a conversion. Participants must
    # maintain at least $500 ... in each non-Roth payroll account source."
    ("Active participants with a vested balance of at least $1,000 are eligible to request a conversion. A "
     "balance of $100 must remain in each non-Roth source.", "yes"),
    ("To request an in-plan Roth conversion, log on to the recordkeeper's website.", "yes"),
    # converting right after a sentence about in-plan Roth conversions
    ("In-Plan Roth Conversion. You may convert any part of your after-tax account.", "yes"),
    # real (Northwestern): "A Roth in-plan conversion feature is also available"
    ("An in-plan Roth conversion feature is also available through the recordkeeper.", "yes"),
    # conversions named only as a kind of money (withdrawals of it, the five-year rule) decide nothing
    ("A withdrawal of Roth money (including in-plan Roth conversion amounts) before age 59½ may be taxed.",
     "not_stated"),
    ("The five-year period starts with your first Roth contribution or your first in-plan Roth conversion.",
     "not_stated"),
]


@pytest.mark.parametrize(("text", "expected"), CONVERSION_CLASSES)
def test_conversion_classes(text: str, expected: str) -> None:
    assert _answer(text, Q2) == expected


WITHDRAWAL_CLASSES = [
    # "not accessible" while working refuses (real: "The accumulations are not accessible to employees while
    # they are still working"; "generally not accessible before age 59½ except in case of death, ...")
    ("Your account balance is not accessible while you remain employed by the University.", "no"),
    ("Supplemental account balances are not accessible before age 59½ except on death, disability or "
     "separation.", "no"),
    # the plan's list of events for paying money out, with only an emergency while working (real: "may be
    # distributed under any of the following circumstances: Unforeseeable emergencies Separation from
    # service Your death")
    ("Your account may be distributed only on one of the following events: an unforeseeable emergency, "
     "separation from service, or death.", "no"),
    # an after-tax item of the plan's list of available withdrawal types (real: "Below are the available
    # types of in-service withdrawals ... After-tax Withdrawal All or a portion of after-tax contributions")
    ("The available types of in-service withdrawals are described below.\n\nAfter-Tax Withdrawal\n\nAll or "
     "part of your after-tax contributions and their earnings.", "yes"),
    # an age condition without "may" (real: "Make withdrawals while you are working if you are at least age
    # 59½, or in the case of serious financial hardship.")
    ("Take withdrawals while still employed if you are at least age 59½.", "conditional"),
    # a yes beside an age is gated by it (real Penn page: "SRA - age 59 ½ ... Once you reach the ages above,
    # you become eligible to take withdrawals")
    ("In-service withdrawals: Supplemental account - age 59½. Once you reach that age you are eligible to "
     "take withdrawals while employed.", "conditional"),
    # "59.5" is 59½; a refusal of the employer's money says nothing of the employee's (real: "may begin
    # taking a distribution of their own funds starting at age 59.5 ... They may not take a distribution on
    # any contributions made by the University.")
    ("Employees may begin taking withdrawals of their own contributions at age 59.5 while employed. They may "
     "not take a distribution of contributions made by the employer.", "conditional"),
]


@pytest.mark.parametrize(("text", "expected"), WITHDRAWAL_CLASSES)
def test_withdrawal_classes(text: str, expected: str) -> None:
    assert _answer(text, Q3) == expected


def test_a_run_in_heading_is_not_part_of_the_quote() -> None:
    # real (Microsoft pages, as a PDF joins them): "After-tax withdrawal You can withdraw any or all of your
    # 401(k) after-tax balance."
    sentence = "You can withdraw all or part of your after-tax balance at any time."
    reading = read_text(f"After-tax withdrawal {sentence}")
    assert reading.answers[Q3].answer == "yes"
    assert reading.answers[Q3].evidence[0].quote == sentence


def test_a_bullet_is_not_part_of_the_quote() -> None:
    reading = read_text("• You may make voluntary after-tax contributions of 1% to 10% of pay.")
    assert reading.answers[Q1].evidence[0].quote.startswith("You may make")


NEVER_YES_NEAR_THE_NEW_CLASSES = [
    # Roth contributions are what continues past the limit: not a spillover to non-Roth money
    ("Once you reach the IRS limit, your Roth contributions will continue on an after-tax basis as catch-up "
     "contributions.", Q1),
    # a conversion asked for outside the plan
    ("You can request a Roth conversion of your traditional IRA through our brokerage service.", Q2),
    # a sentence about converting money that only follows a conversion sentence and names no Roth
    ("In-plan Roth conversions are described in the Roth section. You may not convert your account to an "
     "annuity.", Q2),
    # an after-tax sentence under a list of withdrawal types that is not a withdrawal item
    ("There are three types of withdrawals: hardship, age 59½ and rollover. Your after-tax contributions "
     "are shown on your quarterly statement.", Q3),
]


@pytest.mark.parametrize(("text", "question"), NEVER_YES_NEAR_THE_NEW_CLASSES)
def test_wording_near_the_new_classes_is_never_a_yes(text: str, question: str) -> None:
    assert _answer(text, question) != "yes"


def test_a_refusal_to_move_roth_money_does_not_make_a_plan_without_roth() -> None:
    grant = "You may save on a pre-tax basis, an after-tax basis, or both."
    text = f"The Plan does not permit Roth contributions to be rolled over to another plan.\n\n{grant}"
    assert _answer(text, Q1) == "not_stated"


LIST_AND_ACCESS_VARIANTS = [
    ("You can also make after-tax contributions to the Plan through payroll deductions, in addition to "
     "pre-tax and Roth contributions.", Q1, "yes"),
    # three kinds listed with "as": the after-tax one is not Roth (it was once read as a closed list)
    ("Your contributions can be made on a before-tax basis, as Roth contributions, or as after-tax "
     "contributions.", Q1, "yes"),
    ("You cannot access your account while you are still employed.", Q3, "no"),
    # "No withdrawals are permitted" refuses (it was once read as "are permitted")
    ("No withdrawals are permitted while you are employed.", Q3, "no"),
    # years in the plan, however worded, are a gate
    ("You may withdraw your after-tax account after you have been a participant for five years.", Q3,
     "conditional"),
    ("No distribution of your after-tax account may be made before you separate from service.", Q3, "no"),
]


@pytest.mark.parametrize(("text", "question", "expected"), LIST_AND_ACCESS_VARIANTS)
def test_list_and_access_variants(text: str, question: str, expected: str) -> None:
    assert _answer(text, question) == expected


def test_a_short_first_line_of_a_wrapped_sentence_is_not_a_heading() -> None:
    reading = read_text("Each year you may make\nVoluntary after-tax contributions of up to 10% of your pay.")
    assert reading.answers[Q1].answer == "yes"
    assert reading.answers[Q1].evidence[0].quote.startswith("Each year you may make")


def test_a_cap_on_after_tax_non_roth_money_is_not_a_cap_on_all_contributions() -> None:
    """'non-Roth' names after-tax money alone; 'pre-tax and Roth ... combined' is the cap on all."""
    alone = read_text("You may elect to make after-tax (non-Roth) contributions of 1% to 12% of your pay.")
    assert alone.answers["after_tax_allowed"].details["cap_is_combined"] is False
    together = read_text("You may make pre-tax, Roth and after-tax (non-Roth) contributions of up to 50% of "
                         "your pay combined.")
    assert together.answers["after_tax_allowed"].details["cap_is_combined"] is True


# ------------------------------------------------ money that is not a cash withdrawal of after-tax money

# Rolled-in money is not after-tax contributions. Real (unseen2 V010): "In-service withdrawals Amounts
# rolled over into this plan may be distributed at any time."
ROLLED_IN_MONEY = [
    "Amounts rolled over into this plan may be distributed at any time.",
    "Money you rolled over from a prior employer's plan may be withdrawn at any time.",
    "You may withdraw amounts rolled in to the Plan at any time while you are employed.",
    "Your rolled-over balance is available for withdrawal at any time.",
]


@pytest.mark.parametrize("text", ROLLED_IN_MONEY)
def test_rolled_in_money_is_not_after_tax_money(text: str) -> None:
    assert _answer(text, Q3) == "not_stated"


# A withdrawal that only feeds an in-plan Roth rollover leaves the money in the plan. Real (unseen2 V054,
# an adoption agreement): "The following withdrawal provisions apply solely for purposes of making In-Plan
# Xxxx Rollover Contributions. a. ☒ Withdrawal is permitted at any time from the following: i. ☒ After-Tax
# Contributions"
ONLY_TO_CONVERT = [
    "The following withdrawal provisions apply solely for purposes of making In-Plan Roth Rollover "
    "Contributions. Withdrawal is permitted at any time from your after-tax contributions.",
    "You may withdraw your after-tax contributions at any time, but only to convert them to Roth within "
    "the plan.",
    "After-tax contributions may be withdrawn at any time solely for the purpose of an in-plan Roth "
    "conversion.",
    "Your after-tax account may be distributed while you are employed only in order to make an in-plan "
    "Roth rollover.",
]
# Near misses: a cash withdrawal beside a conversion, or a conversion that is not the withdrawal's only use.
CASH_WITHDRAWAL_BESIDE_CONVERSION = [
    "You may withdraw your after-tax contributions at any time. You may also convert them to Roth within "
    "the plan.",
    "You may withdraw your after-tax contributions at any time, for any reason.",
]


@pytest.mark.parametrize("text", ONLY_TO_CONVERT)
def test_a_withdrawal_only_to_convert_is_not_a_cash_withdrawal(text: str) -> None:
    assert _answer(text, Q3) == "not_stated"


@pytest.mark.parametrize("text", CASH_WITHDRAWAL_BESIDE_CONVERSION)
def test_a_cash_withdrawal_beside_a_conversion_is_still_a_withdrawal(text: str) -> None:
    assert _answer(text, Q3) == "yes"


# A plan document that leaves after-tax contributions to the employer's election. Real (unseen2 V060):
# "The Employer may elect under Part 4D of the Nonstandardized 401(k) Agreement to allow Eligible
# Participants to make Employee After-Tax Contributions under the Plan."
EMPLOYER_ELECTS = [
    "The Employer may elect under Part 4D of the Agreement to allow Eligible Participants to make Employee "
    "After-Tax Contributions under the Plan.",
    "The Plan Sponsor may choose to permit participants to make voluntary after-tax contributions.",
    "Your employer can elect to allow after-tax contributions in its adoption of this prototype.",
    "The Company may decide to let Participants make nondeductible employee contributions.",
]


@pytest.mark.parametrize("text", EMPLOYER_ELECTS)
def test_an_employer_election_makes_after_tax_contributions_depend(text: str) -> None:
    assert _answer(text, Q1) == "conditional"


def test_an_employer_that_has_elected_still_grants() -> None:
    # near miss: the election is made, not left open
    elected = "The Company has elected to allow participants to make after-tax contributions."
    assert _answer(elected, Q1) == "yes"


# The plan's list of the events on which money is paid out, told as events rather than "types". Real
# (unseen2 V012): "Generally, the money in your account may be distributed* under any of the following
# circumstances. Separation from service Your retirement Total disability Financial hardship (employee
# contributions only) Your death"; (V037) "You may be able to withdraw money in these events: • …"
EVENT_LISTS_WITHOUT_AFTER_TAX = [
    "Your account may be distributed under any of the following situations. Termination of employment. "
    "Total and permanent disability. Financial hardship. Death.",
    "You may withdraw money in the following circumstances: • When you leave the company • Hardship "
    "• Death",
    "Distributions are made available upon the occurrence of: (a) termination (b) disability "
    "(c) unforeseeable emergency (d) death",
    "Funds can be withdrawn only under one of the following events: separation from service, retirement, "
    "or an unforeseeable emergency.",
]
# Near misses: the list names after-tax money, or the words open no list.
EVENT_LISTS_NEAR_MISSES = [
    (
        "You may withdraw money in these events: • Hardship • Withdrawals from your after-tax account at "
        "any time",
        "yes",
    ),
    ("Your account will be paid upon the occurrence of your death.", "not_stated"),
]


@pytest.mark.parametrize("text", EVENT_LISTS_WITHOUT_AFTER_TAX)
def test_a_list_of_payout_events_without_after_tax_money_is_a_no(text: str) -> None:
    assert _answer(text, Q3) == "no"


@pytest.mark.parametrize(("text", "expected"), EVENT_LISTS_NEAR_MISSES)
def test_payout_event_near_misses(text: str, expected: str) -> None:
    assert _answer(text, Q3) == expected


# After-tax named as its own item beside a Roth item that is called after-tax with its name in brackets.
# Real (unseen2 V048): "You are eligible to able to contribute 1- 75% of your base compensation on either a
# pre-tax, post-tax (Roth), or after-tax basis up to the IRS maximums."
AFTER_TAX_BESIDE_BRACKETED_ROTH = [
    "You may contribute on a pre-tax, after-tax (Roth), or after-tax basis, up to 60% of pay.",
    "Contributions may be pre-tax, post-tax (Roth 401(k)), or after-tax.",
    "You can save before-tax, after-tax (Roth) and after-tax (non-Roth) dollars.",
]
# Near misses: the bracketed Roth is the only after-tax item.
ROTH_IN_BRACKETS_ONLY = [
    "Your contributions may be made on a pre-tax or after-tax (Roth) basis.",
    "You can contribute on a pre-tax or post-tax (Roth) basis.",
]


@pytest.mark.parametrize("text", AFTER_TAX_BESIDE_BRACKETED_ROTH)
def test_after_tax_beside_a_bracketed_roth_is_a_yes(text: str) -> None:
    assert _answer(text, Q1) == "yes"


@pytest.mark.parametrize("text", ROTH_IN_BRACKETS_ONLY)
def test_a_bracketed_roth_as_the_only_after_tax_item_is_a_no(text: str) -> None:
    assert _answer(text, Q1) == "no"


# The items of a "two ways to contribute:" list, each a short line. Real (unseen2 V031): "There are two ways
# to contribute: Before-tax contributions – … Roth after-tax contributions – Your contributions are deducted
# after taxes are taken from your paycheck."
TWO_WAYS_ITEMS = [
    "There are two ways to save: Pre-tax contributions - taken out before taxes. Roth after-tax "
    "contributions - taxed now, tax-free later.",
    "There are two types of contributions: Before-tax. Roth after-tax.",
    "You have two options: Pre-tax contributions. Roth after-tax contributions.",
]


@pytest.mark.parametrize("text", TWO_WAYS_ITEMS)
def test_a_two_ways_list_of_pre_tax_and_roth_is_a_no(text: str) -> None:
    assert _answer(text, Q1) == "no"


def test_a_three_ways_list_with_plain_after_tax_is_never_a_no() -> None:
    # near miss: the third item is non-Roth after-tax
    assert _answer("You have three options: Pre-tax. Roth after-tax. After-tax (non-Roth).", Q1) != "no"


# A form's box after the option's own number, also in a table row. Real (unseen2 V053, an adoption
# agreement): "iii. ☒ In-Plan Xxxx Rollover Contributions. A. A Participant may elect to make an In-Plan
# Xxxx Rollover Contribution of any amount held in his Account … that is (select all that apply):"
NUMBERED_BOXES = [
    ("iii. ☒ In-Plan Roth Rollover Contributions.", Q2, "yes"),
    ("iv. | ☒ | In-plan Roth conversions | A. | A Participant may elect to convert any vested amount "
     "(select all that apply):", Q2, "yes"),
    ("2. ☐ In-Plan Roth Rollover Contributions.", Q2, "conditional"),
    ("b) ☒ Voluntary after-tax employee contributions are permitted.", Q1, "yes"),
    # near misses: the ticked option refuses; the withdrawal it ticks only feeds an in-plan Roth rollover
    ("iii. ☒ In-plan Roth rollovers are not permitted.", Q2, "no"),
    ("1. ☒ Withdrawal is permitted at any time from after-tax contributions. The following withdrawal "
     "provisions apply solely for purposes of making In-Plan Roth Rollover Contributions.", Q3, "not_stated"),
]


@pytest.mark.parametrize(("text", "question", "expected"), NUMBERED_BOXES)
def test_a_numbered_box_is_read_as_ticked_or_not(text: str, question: str, expected: str) -> None:
    assert _answer(text, question) == expected


# An explicit non-Roth name ("traditional after-tax", "voluntary nondeductible") makes a withdrawal about
# after-tax money even beside Roth. Real (unseen2 V032): "Anytime. You can withdraw your Roth and traditional
# after-tax contributions and Company contributions."; (V055) "prior to termination of Employment, each
# Participant with a … Participant Voluntary Nondeductible Contributions Account may elect to withdraw …"
NON_ROTH_NAMED_WITHDRAWALS = [
    (
        "While employed, you may withdraw your Roth and traditional after-tax contributions at any time.",
        "yes",
    ),
    ("Prior to termination of employment, a Participant may elect to withdraw all or part of his Voluntary "
     "Nondeductible Contributions Account.", "yes"),
    ("You can take out your regular after-tax and Roth contributions once a year while you are still "
     "working.", "yes"),
    # near misses: refused, gated, for hardship, or Roth only
    ("You cannot withdraw your Roth or traditional after-tax contributions while employed.", "no"),
    (
        "Your traditional after-tax and Roth contributions may be withdrawn after you reach age 59½.",
        "conditional",
    ),
    ("Voluntary nondeductible contributions may be withdrawn only upon termination of employment.", "no"),
    ("You may withdraw your traditional after-tax contributions only in case of financial hardship.", "no"),
    ("You may withdraw your Roth contributions at any time.", "not_stated"),
]


@pytest.mark.parametrize(("text", "expected"), NON_ROTH_NAMED_WITHDRAWALS)
def test_a_non_roth_name_makes_a_withdrawal_about_after_tax_money(text: str, expected: str) -> None:
    assert _answer(text, Q3) == expected


# Every contribution is pre-tax, or employees contribute nothing: no after-tax kind can exist. Real (unseen2
# V016): "All contributions to the 403(b) plan are tax deferred, and reduces employees' gross taxable income
# by the contribution amount."; (V043) "Can I contribute to the Annuity Fund? No. The annuity is only funded
# by pre-tax employer contributions."
NO_AFTER_TAX_KIND = [
    "All contributions to the plan are made on a pre-tax basis.",
    "All of your contributions reduce your taxable income for the year.",
    "Contributions are made only on a before-tax basis through payroll deduction.",
    "The plan is funded entirely by company contributions; employees do not contribute.",
    "Participants may not contribute to the Plan.",
]
# Near misses: tax-deferred growth, one account funded by the employer, a limit on how often, both kinds.
NO_AFTER_TAX_KIND_NEAR_MISSES = [
    ("All contributions to the plan grow tax-deferred until you withdraw them.", "not_stated"),
    ("The Retirement Income Account is funded entirely by company contributions.", "not_stated"),
    ("You may not contribute to the plan more than once a month.", "not_stated"),
    ("The plan is funded by employer contributions and your own pre-tax and after-tax contributions.",
     "not_stated"),
    ("All pre-tax contributions reduce your taxable income. You may also make after-tax contributions of up "
     "to 10% of pay.", "yes"),
]


@pytest.mark.parametrize("text", NO_AFTER_TAX_KIND)
def test_no_after_tax_kind_is_a_no(text: str) -> None:
    assert _answer(text, Q1) == "no"


@pytest.mark.parametrize(("text", "expected"), NO_AFTER_TAX_KIND_NEAR_MISSES)
def test_no_after_tax_kind_near_misses(text: str, expected: str) -> None:
    assert _answer(text, Q1) == expected


# Conversions: a concession after the permission widens it; a conversion account holding what participants
# elect to convert; a board's discretion, also when the conversion is told by its tax effect. Real (unseen2
# V001): "You may elect to make such an in-plan conversion even if the vested amounts are not otherwise
# distributable to you."; (V014) "The Roth Conversion Account contains assets you elect to convert from
# existing non-Roth accounts in the Savings Plan"; (V040) "The Public Employees Retirement Board may allow an
# eligible state employee … to convert compensation that was deferred on a pretax basis to compensation that
# is deferred on an after-tax basis"
CONVERSION_WIDENED_OR_LEFT_TO_A_BOARD = [
    ("You may convert your after-tax account to Roth within the plan even if you could not otherwise "
     "withdraw it.", "yes"),
    ("The In-Plan Roth Conversion Account holds amounts participants elect to convert from their pre-tax and "
     "after-tax accounts.", "yes"),
    ("Your Roth Conversion subaccount holds what you choose to convert from non-Roth sources within the "
     "Plan.", "yes"),
    ("The Committee may allow participants to convert pre-tax deferrals to after-tax Roth deferrals within "
     "the plan.", "conditional"),
    ("The board may permit members to convert amounts deferred on a pre-tax basis to an after-tax basis.",
     "conditional"),
    # near misses: "even if" before the permission, "if you elect", a Roth IRA outside the plan
    ("Even if your plan allowed it, you could not convert to Roth inside the plan.", "not yes"),
    ("If you elect to convert to Roth, you will owe tax on the converted amount.", "not yes"),
    ("You can convert pre-tax dollars to after-tax dollars by rolling them over to a Roth IRA.", "not yes"),
]


@pytest.mark.parametrize(("text", "expected"), CONVERSION_WIDENED_OR_LEFT_TO_A_BOARD)
def test_conversion_widened_or_left_to_a_board(text: str, expected: str) -> None:
    got = _answer(text, Q2)
    assert got != "yes" if expected == "not yes" else got == expected


# A list of salary deferral kinds (by law pre-tax or Roth only) or of the "tax-advantaged" ways cannot leave
# out non-Roth after-tax contributions, which are neither. Real (unseen2 V011): "Your salary deferrals may be
# pretax deferrals and/or Roth after-tax deferrals."; (V038) "There are two tax-advantaged ways you can
# contribute to the savings plan. You can make before-tax payroll deductions or after-tax “Roth”
# contributions."
DEFERRAL_KIND_LISTS = [
    "Your elective deferrals may be pre-tax or Roth after-tax deferrals.",
    "Salary deferrals can be made as before-tax or Roth (after-tax) contributions.",
    "There are two tax-favored ways to save: before-tax contributions or Roth after-tax contributions.",
]
# Near misses: the list is of contributions (deferrals named only in another clause).
CONTRIBUTION_KIND_LISTS = [
    "Your 401(k) deferrals are limited to $24,500 a year; your contributions may be pre-tax or Roth "
    "after-tax.",
    "There are two ways to contribute: pre-tax or Roth after-tax.",
]


@pytest.mark.parametrize("text", DEFERRAL_KIND_LISTS)
def test_a_list_of_deferral_kinds_decides_nothing(text: str) -> None:
    assert _answer(text, Q1) == "not_stated"


@pytest.mark.parametrize("text", CONTRIBUTION_KIND_LISTS)
def test_a_list_of_contribution_kinds_is_closed(text: str) -> None:
    assert _answer(text, Q1) == "no"


# A list of withdrawals given in addition to the plan's other withdrawal rights is not the whole list: it
# cannot leave after-tax money out. Real (unseen2 V005): "In addition, your other withdrawal rights under the
# Plan, you have the following in-service withdrawal rights: Withdrawals after age 59-1/2. You may request a
# withdrawal of all or a portion of your eTrauma Matching Contribution Account at any time after you have
# attained age 59-1/2."
OPEN_WITHDRAWAL_LISTS = [
    "In addition to your other withdrawal rights, you have the following in-service withdrawal rights: Age "
    "59½ withdrawals. You may withdraw your matching account after age 59½.",
    "In addition to the withdrawals described above, the following in-service withdrawals are available: "
    "Withdrawals of rollover money at any time.",
    "Along with your other distribution options, you have the following in-service withdrawals: Rollover "
    "account withdrawals.",
]
# Near misses: the plan's whole list, with or without after-tax money.
WHOLE_WITHDRAWAL_LISTS = [
    ("You have the following in-service withdrawals: Hardship withdrawals. Age 59½ withdrawals.", "no"),
    (
        "The plan offers three types of in-service withdrawals: hardship, age 59½ and rollover withdrawals.",
        "no",
    ),
    ("The plan offers three types of in-service withdrawals: hardship, rollover and after-tax withdrawals.",
     "yes"),
]


@pytest.mark.parametrize("text", OPEN_WITHDRAWAL_LISTS)
def test_a_list_beside_other_withdrawal_rights_decides_nothing(text: str) -> None:
    assert _answer(text, Q3) == "not_stated"


@pytest.mark.parametrize(("text", "expected"), WHOLE_WITHDRAWAL_LISTS)
def test_the_whole_list_of_withdrawals_decides(text: str, expected: str) -> None:
    assert _answer(text, Q3) == expected


# The plan's contributions counted as kinds, after-tax one of them beside Roth. Real (unseen2 V017, a plan
# FAQ): "Think of contributions to your VMware, Inc. 401(k) as having three separate “buckets”: pre-tax,
# Roth, and after-tax."
CONTRIBUTION_KINDS_BESIDE_ROTH = [
    ("Think of contributions to your Acme, Inc. 401(k) as having three separate “buckets”: pre-tax, Roth, "
     "and after-tax.", "yes"),
    ("The plan has three types of employee contributions: pre-tax, Roth, and after-tax.", "yes"),
    ("Your contributions fall into three categories: before-tax, Roth and after-tax.", "yes"),
    # near misses: after-tax is the Roth kind; commentary about plans in general
    ("Your contributions fall into two categories: pre-tax and Roth after-tax.", "not yes"),
    ("Many plans have three types of contributions: pre-tax, Roth, and after-tax.", "not yes"),
]


@pytest.mark.parametrize(("text", "expected"), CONTRIBUTION_KINDS_BESIDE_ROTH)
def test_contribution_kinds_beside_roth(text: str, expected: str) -> None:
    got = _answer(text, Q1)
    assert got != "yes" if expected == "not yes" else got == expected


# A pension's account (defined benefit, cash balance) holds the employer's money: a refusal about it says
# nothing of after-tax contributions. Real (unseen2 V039, a pension booklet): "you cannot take any loans or
# withdrawals from your cash Accumulation Account."
PENSION_ACCOUNT_REFUSALS = [
    "You cannot take any loans or withdrawals from your cash balance account while you are employed.",
    "No withdrawals are permitted from the pension plan before you retire.",
    "Your defined benefit may not be withdrawn while you are employed.",
]


@pytest.mark.parametrize("text", PENSION_ACCOUNT_REFUSALS)
def test_a_pension_refusal_decides_nothing(text: str) -> None:
    assert _answer(text, Q3) == "not_stated"


def test_a_savings_plan_refusal_still_decides() -> None:
    # near miss: the plan's own account, not a pension's
    refusal = "You cannot take withdrawals from your savings plan account while you are employed."
    assert _answer(refusal, Q3) == "no"


# A ticked option grants only what it names: a Roth option is not after-tax money, a hardship option is not a
# withdrawal at will, an age is a gate. (My own adoption-agreement lines; the real ticked rows are unseen2
# V053 and V054.)
TICKED_OPTIONS = [
    ("b. ☒ Roth after-tax elective deferrals.", Q1, "not_stated"),
    ("☒ Roth (after-tax) deferrals are permitted.", Q1, "not_stated"),
    ("c. ☒ Voluntary after-tax contributions.", Q1, "yes"),
    ("☒ After-tax contributions are not permitted.", Q1, "no"),
    ("b. ☒ Hardship withdrawals are permitted.", Q3, "not_stated"),
    ("1. ☒ Age 59½ withdrawals.", Q3, "conditional"),
    ("a. ☒ In-service withdrawals permitted upon attainment of age 59½.", Q3, "conditional"),
    ("☒ Withdrawals of after-tax contributions at any time.", Q3, "yes"),
    ("[ ] 1. In-service withdrawals are not permitted in the Plan.", Q3, "not_stated"),
    ("☒ In-plan Roth conversions for participants who have attained age 59½.", Q2, "conditional"),
]


@pytest.mark.parametrize(("text", "question", "expected"), TICKED_OPTIONS)
def test_a_ticked_option_grants_only_what_it_names(text: str, question: str, expected: str) -> None:
    assert _answer(text, question) == expected


# ------------------------------------------------ a form's question left unanswered

BLANK_YES_NO = [
    # real (an adoption agreement): both answers empty
    "After-Tax Contributions. Are Employees permitted to make After-Tax Contributions under the Plan? "
    "□ Yes □ No [If “No” is checked, skip to Section 7.]",
    "Will the Plan permit voluntary after-tax contributions? ☐ Yes ☐ No",
    "Participants may make after-tax contributions: ☐ Yes ☐ No",
    "Are after-tax employee contributions permitted?  □ Yes  □ No (check one)",
]


@pytest.mark.parametrize("text", BLANK_YES_NO)
def test_a_form_question_with_both_boxes_empty_depends(text: str) -> None:
    assert _answer(text, Q1) == "conditional"


def test_a_form_question_answered_yes_still_grants() -> None:
    # near-miss: the Yes box is ticked, so the form answers the question
    assert _answer("After-tax contributions are permitted under the Plan: ☒ Yes ☐ No", Q1) == "yes"


# ------------------------------------------------ a permission left to a plan body

AT_DISCRETION = [
    # real (a plan document): the Committee decides whether and how much
    "To the extent permitted by the Committee, each Participant may make voluntary after-tax contributions "
    "to the Plan through payroll deductions or in a lump sum in cash.",
    "If permitted by the Plan Administrator, you may make after-tax contributions of up to 10% of pay.",
    "At the discretion of the Committee, Participants may make voluntary after-tax contributions.",
    "The Committee may, in its sole discretion, permit Participants to make after-tax contributions.",
    "Voluntary after-tax contributions may be made in the Employer's discretion.",
]


@pytest.mark.parametrize("text", AT_DISCRETION)
def test_after_tax_contributions_at_a_plan_bodys_discretion_depend(text: str) -> None:
    assert _answer(text, Q1) == "conditional"


@pytest.mark.parametrize(
    "text",
    [
        # near-misses: the law, not a plan body, sets the bound; the plan itself grants
        "To the extent permitted by law, you may make voluntary after-tax contributions of up to 15% of pay.",
        "You may make voluntary after-tax contributions, up to the limits the Committee sets each year.",
    ],
)
def test_a_limit_set_by_law_or_a_committee_still_grants(text: str) -> None:
    assert _answer(text, Q1) == "yes"


# ------------------------------------------------ "these withdrawals" are the sentence before's money

POINTS_BACK_TO_OTHER_MONEY = [
    # real (an SPD's table): the frequency belongs to the rollover withdrawals above it
    "Withdrawals of Rollover Contributions Amount: You may withdraw all or part of your Rollover "
    "Contributions and any earnings accrued on those contributions. Frequency: These withdrawals can be made "
    "at any time.",
    "You may withdraw your rollover account while employed. Such withdrawals may be made at any time.",
    "You may withdraw your vested matching contributions after five years of participation. These "
    "withdrawals can be requested at any time.",
]


@pytest.mark.parametrize("text", POINTS_BACK_TO_OTHER_MONEY)
def test_these_withdrawals_of_other_money_decide_nothing(text: str) -> None:
    assert _answer(text, Q3) == "not_stated"


def test_these_withdrawals_of_after_tax_money_still_grant() -> None:
    # near-miss: the sentence before is about after-tax money, so "these withdrawals" are too
    text = (
        "You may withdraw all or part of your after-tax contributions while employed. "
        "These withdrawals can be made at any time."
    )
    assert _answer(text, Q3) == "yes"


# ------------------------------------------------ "do not have to" frees from a duty; it refuses nothing

NO_DUTY = [
    # real (an SPD): the plan does not require contributions, so this sentence decides nothing about them
    "You do not have to make pretax or after-tax contributions to receive Retirement Contributions.",
    "You do not have to make after-tax contributions to share in the profit sharing contribution.",
    "Participants do not have to contribute on an after-tax basis to be eligible for the match.",
]


@pytest.mark.parametrize("text", NO_DUTY)
def test_no_duty_to_contribute_is_not_a_refusal(text: str) -> None:
    assert _answer(text, Q1) != "no"


def test_no_duty_beside_a_grant_leaves_the_grant() -> None:
    text = (
        "If you choose to make after-tax contributions to the Plan, your contributions will be made after "
        "federal income taxes have been withheld from your wages. "
        "You do not have to make pretax or after-tax contributions to receive Retirement Contributions."
    )
    assert _answer(text, Q1) == "yes"


def test_does_not_have_after_tax_contributions_still_refuses() -> None:
    # near-miss: "does not have" (without "to") still says the plan lacks the feature
    assert _answer("The Plan does not have after-tax contributions.", Q1) == "no"


# ------------------------------------------------ after-tax money saved past the limit Roth counts toward

BEYOND_ROTH_LIMIT = [
    # real (a plan's benefits site)
    "After-tax contributions are also taxed when they're deducted from your pay and allow you to save beyond "
    "the IRS limit placed on Roth 401(k) contributions.",
    # real (a plan's Roth page)
    "If you've contributed the IRS maximum of pre-tax and Roth 401(k) contributions, you may consider making "
    "additional after-tax contributions to the Cotality 401(k) plan.",
    "Once you reach the annual limit on pre-tax and Roth contributions, you can keep saving with after-tax "
    "contributions.",
    "After-tax contributions let you save above the IRS limit for pre-tax and Roth deferrals.",
    "You can make after-tax contributions beyond the pre-tax and Roth deferral limits.",
]


@pytest.mark.parametrize("text", BEYOND_ROTH_LIMIT)
def test_after_tax_saving_past_the_roth_limit_is_non_roth(text: str) -> None:
    assert _answer(text, Q1) == "yes"


@pytest.mark.parametrize(
    "text",
    [
        # near-misses: Roth money is what continues; refused; only a limit is described
        "Once you reach the IRS limit on pre-tax and Roth contributions, you may make catch-up contributions "
        "on a Roth after-tax basis.",
        "After-tax contributions cannot be made beyond the IRS limit on pre-tax and Roth contributions.",
        "Roth contributions count toward the same IRS limit as pre-tax contributions.",
    ],
)
def test_a_roth_limit_alone_grants_nothing(text: str) -> None:
    assert _answer(text, Q1) != "yes"


# ------------------------------------------------ a pair of kinds whose after-tax one the plan calls Roth

PAIR_GLOSSED_ROTH = [
    # real (a county 457(b) page)
    "You can contribute to the 457(b) plan on a pre-tax and after-tax (Roth) basis.",
    "Employees may contribute on a before-tax and after-tax (Roth) basis.",
    "The plan accepts pre-tax and post-tax (Roth) contributions through payroll.",
]


@pytest.mark.parametrize("text", PAIR_GLOSSED_ROTH)
def test_pre_tax_and_after_tax_glossed_as_roth_is_closed(text: str) -> None:
    assert _answer(text, Q1) == "no"


def test_a_third_kind_after_the_glossed_pair_is_not_closed() -> None:
    # near-miss: a non-Roth after-tax kind named beside the pair
    text = (
        "You can contribute on a pre-tax and after-tax (Roth) basis, and also make after-tax (non-Roth) "
        "contributions."
    )
    assert _answer(text, Q1) == "yes"


# ------------------------------------------------ the plan's events for taking money out, told inline

WHOLE_LIST_OF_EVENTS = [
    # real (a hospital benefits overview)
    "You can access your funds prior to retirement at the following times: age 59 and a half; if you become "
    "disabled as defined by the plan; and if you experience financial hardship as defined by the plan.",
    # real (a plan summary, cut off in the source)
    "Other Plan Features: • Withdrawals: You may withdrawal funds in the event of termination of employment, "
    "retirement, death, permanent disability, attainment of age 59-1/2, or “hards",
    "You may withdraw money from the plan in the event of retirement, death, disability, or financial "
    "hardship.",
    "You can take money out at these times: when you reach age 59½, if you become disabled, or for a "
    "financial hardship.",
]


@pytest.mark.parametrize("text", WHOLE_LIST_OF_EVENTS)
def test_a_whole_list_of_events_without_after_tax_refuses(text: str) -> None:
    assert _answer(text, Q3) == "no"


@pytest.mark.parametrize(
    "text",
    [
        # near-misses: a withdrawal on one event is not a list; a list naming the after-tax account is not a
        # refusal
        "You may withdraw your after-tax account at any time, and in the event of your death it is paid to "
        "your beneficiary.",
        "You may withdraw money at the following times: at any time from your after-tax account; at age 59½ "
        "from all accounts; and for hardship.",
    ],
)
def test_one_event_or_an_after_tax_item_is_not_a_refusal(text: str) -> None:
    assert _answer(text, Q3) != "no"


# ------------------------------------------------ spillover told as a payroll deduction

SPILLOVER_DEDUCTED = [
    # real (a 2008 limit notice of a plan without Roth)
    "If your before-tax contributions during 2008 reach this dollar limit of $15,500, any future "
    "contributions will be deducted from your pay on an after-tax basis or returned to you in your paycheck, "
    "per your election.",
    "Once you reach the IRS limit, your contributions will be deducted from your pay on an after-tax basis.",
    "If your pre-tax contributions reach the annual limit, further contributions are deducted as after-tax "
    "contributions.",
]


@pytest.mark.parametrize("text", SPILLOVER_DEDUCTED)
def test_contributions_deducted_after_tax_past_the_limit_are_non_roth(text: str) -> None:
    assert _answer(text, Q1) == "yes"


def test_roth_contributions_deducted_past_the_limit_are_not_a_spillover() -> None:
    # near-miss: what is deducted after tax is Roth money
    text = "After you reach the IRS limit, your Roth contributions will be deducted from your pay."
    assert _answer(text, Q1) != "yes"


# ------------------------------------------------ saving into a named non-Roth kind is contributing it

SAVING_NON_ROTH = [
    # real (an enrolment guide)
    "Explore the advantage of also saving after taxes through a Roth 401(k) or traditional after-tax "
    "contributions.",
    "You can keep saving through voluntary after-tax contributions once you reach the pre-tax limit.",
    "Participants may also save with unmatched after-tax contributions.",
]


@pytest.mark.parametrize("text", SAVING_NON_ROTH)
def test_saving_through_a_non_roth_kind_grants_it(text: str) -> None:
    assert _answer(text, Q1) == "yes"


def test_a_non_roth_account_named_without_saving_decides_nothing() -> None:
    # near-miss: a "Savings Plan" and an account name are not saving into it
    text = "Your traditional after-tax account in the Savings Plan is shown on your quarterly statement."
    assert _answer(text, Q1) == "not_stated"


# ------------------------------------------------ the plan names its own conversion feature

PLANS_OWN_FEATURE = [
    # real (a plan's benefits site)
    "Unlike Roth 401(k) contributions, any earnings on after-tax contributions are taxable upon withdrawal "
    "unless they are first converted to Roth via the 401(k) plan's in-plan Roth rollover feature.",
    "You can move after-tax savings to Roth with our plan's in-plan Roth conversion feature.",
    "The Plan's in-plan Roth rollover option lets you move pre-tax money to your Roth account.",
]


@pytest.mark.parametrize("text", PLANS_OWN_FEATURE)
def test_the_plans_own_conversion_feature_is_a_yes(text: str) -> None:
    assert _answer(text, Q2) == "yes"


@pytest.mark.parametrize(
    "text",
    [
        # near-misses: any plan's feature (commentary); the feature refused
        "If your plan's in-plan Roth conversion feature is available, you may convert after-tax money.",
        "The plan's in-plan Roth rollover feature is not available to active employees.",
    ],
)
def test_another_plans_or_a_refused_feature_is_not_a_yes(text: str) -> None:
    assert _answer(text, Q2) != "yes"


# ------------------------------------------------ a table of contents flattened into one line

HEADINGS_RUNS = [
    # real (an SPD's table of contents)
    ("PARTICIPANT ACCOUNTS Your Account Value Vesting Forfeitures WITHDRAWALS WHILE EMPLOYED After-Tax "
     "Withdrawals Post Age 59½ Hardship Withdrawals TAKING A LOAN FROM YOUR ACCOUNT Borrowing from Your "
     "Account How Much You Can Borrow", Q3),
    ("CONTRIBUTIONS Before-Tax Contributions After-Tax Contributions Roth Contributions Catch-Up "
     "Contributions Company Matching Contributions Rollover Contributions", Q1),
    ("IN-SERVICE WITHDRAWALS Hardship Withdrawals Age 59½ Withdrawals After-Tax Withdrawals Rollover "
     "Withdrawals LOANS PAYMENT OPTIONS", Q3),
]


@pytest.mark.parametrize(("text", "question"), HEADINGS_RUNS)
def test_a_run_of_headings_decides_nothing(text: str, question: str) -> None:
    assert _answer(text, question) == "not_stated"


def test_a_title_case_permission_is_not_a_run_of_headings() -> None:
    # near-miss: a form's title-case line that grants
    text = "Voluntary After-Tax Contributions Are Permitted Under The Plan Up To Ten Percent Of Pay Each Year"
    assert _answer(text, Q1) == "yes"


# What continues past a limit as Roth is Roth money, even when the sentence says "after-tax": never a
# yes for non-Roth after-tax contributions. Found while writing near-misses for the spillover rule.
ROTH_PAST_THE_LIMIT = [
    "Once you reach the IRS limit, your contributions will be deducted from your pay on a Roth after-tax "
    "basis.",
    "After you reach the pre-tax limit, future contributions will continue as Roth contributions on an "
    "after-tax basis.",
    "When you hit the plan limit, your savings switch to Roth 401(k) after-tax deferrals.",
]
SPILLOVER_PAST_THE_LIMIT = [
    "Once you reach the IRS limit on pre-tax and Roth contributions your contributions will continue as "
    "after-tax contributions.",
    "Once you reach the IRS limit, any future contributions will be deducted from your pay on an after-tax "
    "basis.",
]


@pytest.mark.parametrize("sentence", ROTH_PAST_THE_LIMIT)
def test_roth_money_past_a_limit_is_never_a_yes(sentence: str) -> None:
    assert read_text(sentence).answers[Q1].answer != "yes"


@pytest.mark.parametrize("sentence", SPILLOVER_PAST_THE_LIMIT)
def test_after_tax_money_past_the_limit_roth_counts_toward_is_a_yes(sentence: str) -> None:
    assert read_text(sentence).answers[Q1].answer == "yes"


def test_a_frequency_in_the_next_sentence_about_another_feature_is_not_this_ones() -> None:
    """Typed by the lead: 'once per year' of the withdrawals became 'Conversions once a year: convert
    in December' under a conversion allowed 'at any time'."""
    reading = read_text("You may convert your after-tax balance to Roth within the plan at any time. "
                        "Withdrawals of after-tax money are permitted once per year.")
    conversion = reading.answers["in_plan_conversion"].details
    assert conversion.get("any_time") is True
    assert conversion.get("per_year") is None
    assert reading.answers["in_service_withdrawal"].details.get("per_year") == 1
    same = read_text("You may convert your after-tax balance to Roth within the plan. You may do so twice a "
                     "year.")
    assert same.answers["in_plan_conversion"].details.get("per_year") == 2


# ------------------------------------------------ closed-world statements
# Real SPDs rarely refuse after-tax contributions or withdrawals in so many words: they list what the plan
# has. Written for these tests in the style of plan highlights, enrolment guides and SPD sections (none is a
# development passage); each class has near-misses that must not read as a closed list.

# The contributions told as pre-tax and Roth, closed by "both", "a combination" or a total.
CLOSED_PRE_AND_ROTH = [
    "You can direct your contributions to a traditional pretax account, to a Roth account or to a "
    "combination of the two.",
    "You may contribute on a before-tax basis, a Roth basis, or a combination of both.",
    "The Plan lets you save through both pre-tax and Roth 401(k) contributions.",
    "Your contributions may be made as pre-tax contributions, Roth contributions, or any combination.",
    "Our 403(b) plan offers both traditional pre-tax and Roth after-tax contributions.",
    "Your total contributions (both pre-tax and Roth) may not exceed 75% of your pay.",
    "Employees may elect to contribute on both a before and/or after tax (Roth) basis.",
    "You can choose pre-tax, Roth or a mix of both.",
    "Contributions may be made on a pre-tax or Roth basis.",
]
# The contributions as a whole described as pre-tax, or the plan taking pre-tax contributions only.
CLOSED_PRE_TAX_ONLY = [
    "Contributions may be made on a pre-tax basis.",
    "All of your contributions to the Plan are made before federal and state income taxes are withheld.",
    "Your contributions are deducted from your paycheck before taxes.",
    "Participants save for retirement by contributing a portion of their pre-tax salary.",
    "The Plan only accepts pre-tax contributions.",
    "Contributions to the 457 Plan are made from pre-tax income.",
]
# Near-misses: a pre-tax or pre-tax-and-Roth sentence that is one part of a longer contributions section, a
# kind named on its own, the deferral limit shared by pre-tax and Roth, and salary deferrals (pre-tax or Roth
# by law, so their list cannot leave after-tax money out).
NOT_A_CLOSED_LIST_OF_KINDS = [
    ("You can contribute on a pre-tax basis, a Roth basis, an after-tax basis, or a combination.", "yes"),
    ("Your pre-tax and Roth contributions combined may not exceed the IRS limit ($23,500 in 2025).",
     "not_stated"),
    ("Your salary deferrals may be pre-tax, Roth, or a combination of both.", "not_stated"),
    ("You may make both pre-tax and Roth contributions. You may also make after-tax contributions of up to "
     "10% of pay.", "yes"),
    ("Contributions can be pre-tax, Roth, or a combination of both. Once you reach the IRS limit, you can "
     "continue saving with voluntary after-tax contributions.", "yes"),
    ("Pre-tax contributions are made before taxes are withheld.", "not_stated"),
    ("Matching contributions are made on a pre-tax basis.", "not_stated"),
    ("Contributions may be made on a pre-tax basis. After-tax contributions may also be made, up to 10% of "
     "pay.", "yes"),
    ("Before-Tax Contributions\nYour contributions are made on a pre-tax basis, which lowers your taxable "
     "income.", "not_stated"),
    ("Your 401(k) contributions are made on a pre-tax basis.", "not_stated"),
    ("Is my contribution made on a pre-tax basis?", "not_stated"),
]


@pytest.mark.parametrize("text", CLOSED_PRE_AND_ROTH + CLOSED_PRE_TAX_ONLY)
def test_contributions_listed_as_a_complete_set_without_after_tax_are_a_no(text: str) -> None:
    answer = read_text(text).answers[Q1]
    assert answer.answer == "no"
    assert "names no after-tax (non-Roth) contributions" in answer.why
    assert answer.details.get("closed_world") is True


@pytest.mark.parametrize(("text", "expected"), NOT_A_CLOSED_LIST_OF_KINDS)
def test_a_pre_tax_sentence_that_is_not_the_whole_set_is_not_a_closed_list(text: str, expected: str) -> None:
    assert _answer(text, Q1) == expected


def test_a_closed_list_is_proposed_and_a_mere_description_only_hinted() -> None:
    # "both pre-tax and Roth" closes the set in so many words; "Contributions may be made on a pre-tax basis"
    # only describes them, so it decides a document that says nothing else but is not proposed
    listed = read_text("The Plan lets you save through both pre-tax and Roth 401(k) contributions.")
    described = read_text("Contributions may be made on a pre-tax basis.")
    assert listed.answers[Q1].confidence == "medium"
    assert described.answers[Q1].confidence == "low"
    assert read_text("Contributions may be made on a pre-tax basis. You may make after-tax (non-Roth) "
                     "contributions of up to 10% of pay.").answers[Q1].answer == "yes"


# Withdrawals while employed limited to hardship (or an unforeseeable emergency, or a loan).
LIMITED_TO_HARDSHIP = [
    "Withdrawals while you are employed are limited to hardship withdrawals.",
    "In-service withdrawals are limited to cases of unforeseeable emergency.",
    "Access to your account while employed is generally limited to financial hardship.",
    "The Plan allows limited access to your account before age 59½, for loans or hardships only.",
]
# Money comes out only on events that are each a gate: leaving work, death, disability, an age, a hardship.
GATED_EVENTS = [
    "You may only withdraw money from your account at retirement, separation from service, death, or in the "
    "event of an unforeseeable emergency.",
    "Funds in your account can be withdrawn only upon termination of employment, disability, or financial "
    "hardship.",
    "You can take money out of your account when you reach age 59½ or if you have a financial hardship.",
    "Your account may be distributed upon separation from service, attainment of age 70½, or an "
    "unforeseeable emergency.",
    "You can request a distribution of your account once you reach age 59½, or for a hardship.",
]
# Near-misses: a separate after-tax withdrawal right beside the gated list, hardship withdrawals of deferrals,
# money paid once you have left, a list left open, an age as the way out, tax-penalty exceptions. None is a no
# (the first reads "it depends" from its age, an older rule's reading, and the age-59½ refusal says nothing).
NOT_A_CLOSED_LIST_OF_WITHDRAWALS = [
    ("You may withdraw your after-tax contributions at any time; other money may be withdrawn at age 59½ or "
     "for a hardship.", "conditional"),
    ("You may withdraw money at age 59½ or for a hardship. You may also withdraw your voluntary after-tax "
     "contributions once a year.", "yes"),
    ("Hardship withdrawals are limited to your pre-tax contributions. You may withdraw your after-tax "
     "contributions at any time.", "yes"),
    ("Withdrawals of your elective deferrals are limited to hardship; you may withdraw your after-tax "
     "account at any time.", "yes"),
    ("Upon your retirement, you may withdraw your account in a lump sum or in installments.", "not_stated"),
    ("Withdrawals are generally permitted upon termination, retirement, disability or death. Your plan may "
     "allow additional types of withdrawals.", "not_stated"),
    ("You cannot withdraw money from the plan unless you are at least age 59½.", "not_stated"),
    ("The 10% penalty does not apply to a withdrawal after age 59½, a distribution due to your death, or a "
     "distribution due to disability.", "not_stated"),
]


@pytest.mark.parametrize("text", LIMITED_TO_HARDSHIP + GATED_EVENTS)
def test_withdrawals_limited_to_gated_events_are_a_no(text: str) -> None:
    answer = read_text(text).answers[Q3]
    assert answer.answer == "no"
    assert answer.details.get("closed_world") is True


@pytest.mark.parametrize(("text", "expected"), NOT_A_CLOSED_LIST_OF_WITHDRAWALS)
def test_a_gated_withdrawal_beside_another_right_is_not_a_closed_list(text: str, expected: str) -> None:
    assert _answer(text, Q3) == expected


def test_a_closed_list_of_withdrawals_says_which_events_it_names() -> None:
    why = read_text(GATED_EVENTS[1]).answers[Q3].why
    assert why == ("the document limits withdrawals to leaving work, disability, hardship only; it names no "
                   "withdrawal of after-tax money while employed")


def test_a_refusal_whose_only_way_out_is_leaving_work_is_still_a_refusal() -> None:
    # "unless" usually makes a refusal hypothetical; "unless you terminate employment" is no way out at work
    assert _answer("You cannot withdraw money from the plan unless you terminate employment.", Q3) == "no"
    assert _answer("I can not request a distribution of my money unless I am terminated from County "
                   "employment.", Q3) == "no"


# More of the same classes, each with its near-miss (text, expected).
CLOSED_WORLD_MORE = [
    # a list opened in the sentence itself whose after-tax item is the Roth option
    ("You have two options for making contributions: 1. After-tax contributions through the Roth option. "
     "2. Before-tax contributions.", Q1, "no"),
    ("There are two ways to save after taxes: 1. Roth contributions 2. Traditional after-tax contributions.",
     Q1, "yes"),
    # after-tax money within the deferral limit is Roth: it does not open the set
    ("The Plan now allows both before-tax and after-tax (Roth) contributions. Contributions may be made on a "
     "before-tax or after-tax basis up to the annual deferral limit.", Q1, "no"),
    ("You may contribute on a before-tax or after-tax basis up to 50% of pay.", Q1, "not_stated"),
    # every contribution pre-tax except Roth
    ("Other than Roth contributions, these contributions are deducted from your pay before taxes.", Q1, "no"),
    ("Except for after-tax contributions, contributions are made before taxes.", Q1, "not_stated"),
    # no contributions from employees at all
    ("You may not contribute directly to the Fund.", Q1, "no"),
    ("Participants are not permitted to make contributions to the Plan.", Q1, "no"),
    ("You may not contribute to the Plan until you complete one year of service.", Q1, "not_stated"),
    # "Roth after-tax" is Roth: a pair closed by "both" stays closed; a traditional after-tax kind opens it
    ("You may contribute on a pre-tax basis, on a Roth after-tax basis, or a combination of both.", Q1, "no"),
    ("Your contributions can be made before tax, as Roth after-tax contributions, or any combination of the "
     "two.", Q1, "no"),
    ("You may make pre-tax, Roth after-tax and traditional after-tax contributions, or a combination of "
     "them.", Q1, "yes"),
    # hardship withdrawals of deferrals beside a separate after-tax withdrawal right
    ("Hardship withdrawals are available from your pre-tax account only. Your after-tax contributions may be "
     "withdrawn twice a year.", Q3, "yes"),
    # an age named in a list of in-service withdrawals is a route while employed from that age
    ("In-service distributions from the plan are allowed only once you reach age 59½ or become disabled.", Q3,
     "conditional"),
    ("Withdrawals are permitted upon separation or after age 59½.", Q3, "no"),
]


@pytest.mark.parametrize(("text", "question", "expected"), CLOSED_WORLD_MORE)
def test_closed_world_variants_and_their_near_misses(text: str, question: str, expected: str) -> None:
    assert _answer(text, question) == expected


# Sentences near the rules that name the mega backdoor, taxed-first voluntary money, the 415(c) limit, a
# section heading, a closed pair of kinds and a refused conversion, each of which the plan's words do not
# make a yes (or a no): (text, question, what it must never read).
NEVER_READ_AS = [
    # the mega backdoor named, not offered by this plan
    ("You may have heard of the mega backdoor Roth. Employees can contribute pre-tax or Roth only.", Q1,
     "yes"),
    ("Participants may request information about the mega backdoor Roth from Fidelity; the Plan itself "
     "offers pre-tax contributions only.", Q1, "yes"),
    ("Employees can learn more about the mega backdoor Roth at the Benefits Center. This Plan provides "
     "pre-tax and Roth deferrals.", Q1, "yes"),
    ("The mega backdoor Roth is an option available to participants in some employer plans.", Q1, "yes"),
    ("The mega backdoor Roth option was removed from the Plan effective January 1, 2024.", Q1, "yes"),
    ("The after-tax in-plan Roth conversion option was eliminated effective July 1, 2023.", Q2, "yes"),
    # taxed-first money that is not voluntary after-tax contributions: a pre-tax grant and its excess,
    # money that buys service credit, a deemed IRA
    ("You may elect to make voluntary contributions on a pre-tax basis. Excess contributions returned to you "
     "are subject to federal income tax in the year distributed.", Q1, "yes"),
    ("You may elect to make voluntary contributions by payroll deduction. Contributions that exceed the "
     "402(g) limit are subject to federal income tax twice if not corrected.", Q1, "yes"),
    ("Members may make additional voluntary contributions to purchase service credit. These contributions "
     "are subject to federal income tax.", Q1, "yes"),
    ("You may make voluntary contributions to a deemed IRA under the Plan. These contributions are not tax "
     "deductible.", Q1, "yes"),
    # taxed by a state or on the way out: pre-tax money can be both
    ("You may elect to make voluntary contributions of 1% to 50% of pay. For Pennsylvania residents, these "
     "contributions are subject to state income tax.", Q1, "yes"),
    ("You may make additional contributions by payroll deduction. Contributions are subject to federal "
     "income tax withholding when paid out.", Q1, "yes"),
    ("You can contribute to a Voluntary Account. These contributions are not tax deductible on your state "
     "return.", Q1, "yes"),
    # "100% of compensation" beside after-tax pay or deductions, not an after-tax contribution
    ("You may contribute up to 100% of your compensation on a pre-tax basis, which lowers your taxable "
     "income and can increase your after-tax take-home pay.", Q1, "yes"),
    ("You may contribute up to 100% of your compensation after all other payroll deductions, including "
     "after-tax deductions for insurance.", Q1, "yes"),
    # a heading names after-tax contributions; the sentence under it grants pre-tax or employer money
    ("ARTICLE IV.\nAfter-Tax Contributions.\nParticipants may contribute only Pre-Tax Contributions to the "
     "Plan.", Q1, "yes"),
    ("Section 3.4.\nAfter-Tax Contributions.\nA Participant may, pursuant to a Salary Reduction Agreement, "
     "have the Employer deduct pre-tax Elective Deferrals and contribute them to the Trust.", Q1, "yes"),
    ("After-Tax Contributions\n\nThe Employer may, in its discretion, contribute an additional amount on "
     "behalf of each Participant.", Q1, "yes"),
    # a pension's set contributions, taxed first: not a voluntary after-tax kind
    ("Employee contributions to the Retirement System are made on an after-tax basis. Interest credited to "
     "your account is tax-deferred until distributed.", Q1, "yes"),
    ("Your mandatory contributions of 3% of pay are made on an after-tax basis, and the interest on them is "
     "taxable when paid to you.", Q1, "yes"),
    ("As a condition of employment, you contribute 5% of pay on an after-tax basis. Earnings are "
     "tax-deferred until distributed.", Q1, "yes"),
    # a conversion the plan would allow only once it is amended
    ("Participants may consider an in-plan Roth conversion once the Plan adopts this feature.", Q2, "yes"),
    ("Participants may consider an In-Plan Roth conversion if the Plan is amended to permit it.", Q2, "yes"),
    ("You may make after-tax contributions once the Plan is amended to allow them.", Q1, "yes"),
    # "not required to take … until you retire" is about having to, not being allowed to
    ("You are not required to take a distribution until you retire, but you may withdraw your after-tax "
     "account at any time.", Q3, "no"),
    ("After-tax contributions may be withdrawn at any time while employed; you need not take your pre-tax "
     "money out until you retire.", Q3, "no"),
    # a conversion refused for some money only (already Roth, a hardship distribution) is a limit
    ("You cannot request an in-plan Roth conversion of amounts held in your Roth account within the Plan, "
     "because they are already Roth.", Q2, "no"),
    ("You can not do a Roth conversion of a hardship distribution inside the plan.", Q2, "no"),
    # a pair of pre-tax and Roth, with a traditional after-tax kind in the next sentence: not closed
    ("You may contribute before-tax and Roth (after-tax) dollars. Regular after-tax contributions are also "
     "permitted up to 10% of pay.", Q1, "no"),
]


def test_an_in_plan_conversion_the_plan_grants_keeps_its_specific_reading() -> None:
    """The mega backdoor rule reads options named in passing; a plain grant keeps the grant's confidence."""
    reading = read_text("After-tax in-plan Roth conversions are available under the Plan.").answers[Q2]
    assert (reading.answer, reading.confidence) == ("yes", "high")


@pytest.mark.parametrize(("text", "question", "never"), NEVER_READ_AS)
def test_wording_near_the_new_rules_is_not_misread(text: str, question: str, never: str) -> None:
    assert _answer(text, question) != never


def test_a_table_of_plan_figures_with_dot_leaders_is_not_refused_as_contents() -> None:
    """Dot leaders to a percentage are a plan's highlights, not a table of contents's page numbers."""
    highlights = ("Plan Highlights\nPre-tax contribution limit (% of pay) ........ 50\n"
                  "Voluntary after-tax contributions permitted (% of pay) ........ 15\n"
                  "Employer match (% of pay) ........ 6\n")
    assert read_text(highlights).answers[Q1].answer in ("yes", "not_stated")


@pytest.mark.parametrize("text", [
    "You may not make an in-plan Roth conversion of unvested amounts.",
    "You may not make more than two in-plan Roth conversions a year within the Plan.",
    "You may not make an in-plan Roth conversion more than twice a year.",
])
def test_a_limit_on_conversions_is_not_read_as_a_refusal(text: str) -> None:
    """A rule on which money or how often limits a feature the plan has: read as a no, it was proposed
    with high confidence against a plan that converts."""
    assert _answer(text, Q2) == "not_stated"
