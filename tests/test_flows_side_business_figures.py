"""A day job's wages and a side business's net in one message: each figure read for its own
question and asked back with its meaning, never taken as another's. Typed as people write it;
the properties draw the phrasings, the figures and their order (hypothesis).

Hand-worked figure (2026; IRS Notice 2025-67: 415(c) $72,000, 402(g) $24,500; SSA 2026 fact sheet:
wage base $184,500; Schedule SE and Pub 560's worksheet for a sole proprietor's own rate):
net profit $80,000, day-job Social Security wages $150,000, age 40, deferrals the maximum, the
business's maximum:
  net earnings from self-employment: 92.35% x $80,000 = $73,880
  Social Security part: 12.4% x min($73,880, $184,500 - $150,000 = $34,500) = $4,278
  Medicare part: 2.9% x $73,880 = $2,142.52; SE tax $6,420.52, half of it $3,210.26
  $80,000 - $3,210.26 = $76,789.74; the business's 20%: $15,357.95 (rounded to the cent)
  compensation left: $76,789.74 - $15,357.95 = $61,431.79, below $72,000: the 415(c) limit
  after-tax room: $61,431.79 - $24,500 - $15,357.95 = $21,573.84
Without the day-job wages the Social Security part is 12.4% x $73,880 = $9,161.12 and the room
$20,108.90: the wages said in the message change the figure.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.terminal import run
from flows.interview import Event, new_conversation, step
from tests.flowkit import User

DECEMBER = date(2026, 12, 4)
WHOLE = ("I have a W-2 job paying 150k and a side LLC, my 1099 income nets about 80k, "
         "want a solo 401k")


def test_the_day_job_wages_and_the_business_net_are_read_and_asked_back_with_their_meaning() -> None:
    out = io.StringIO()
    script = [WHOLE, "yes", "yes", "yes", "yes", "yes", "2026", "40", "sole prop", "none", "max", "max",
              "monthly", "all", "no"]
    run(io.StringIO("\n".join(script) + "\n"), out, DECEMBER)
    text = out.getvalue()
    assert ('You said "nets about 80k": Is $80,000 your business\'s net profit (after expenses, before '
            'taxes)?') in text
    assert ('You said "job paying 150k": Is $150,000 your day job\'s Social Security wages '
            '(W-2 box 3)?') in text
    assert "What is your business's net profit" not in text  # confirmed, not asked again
    assert "Social Security wages for 2026 (W-2 box 3)?\n" not in text
    assert "After-tax room for 2026: $21,573.84" in text


def test_a_net_figure_not_confirmed_is_never_kept() -> None:
    user = User(today=DECEMBER)
    reply = user.type(WHOLE)
    assert "net profit (after expenses, before taxes)?" in reply.lines[0]
    again = user.type("no")  # take-home, not profit: asked for the figure itself
    assert "compensation" not in user.answers()
    assert user.state == "compensation"
    assert "net profit" in again.lines[0]
    user.type("95k")
    assert user.answers()["compensation"] == "95000"


def test_a_business_net_is_not_read_for_an_s_corp_owner() -> None:
    """An S-corp owner's plan pay is the W-2 pay the S-corp pays, not its net: asked, not read."""
    user = User(today=DECEMBER)
    user.type("solo 401k for my S-corp, the LLC nets about 80k")
    assert "compensation" not in user.answers()
    assert "pending" not in user.conv or user.conv["pending"]["q"] != "compensation"


def test_choosing_s_corp_after_a_net_profit_asks_the_pay_again() -> None:
    user = User(today=DECEMBER)
    user.type("solo 401k, my side business nets 80k")
    user.type("yes")  # $80,000 of net profit
    assert user.answers()["compensation"] == "80000"
    user.taps("yes", "yes", "continue", "2026")
    user.type("40")
    user.tap("s_corp")  # its pay is W-2 pay from the S-corp, not the net profit confirmed
    assert "compensation" not in user.answers()
    assert user.state == "compensation"


def test_a_plans_name_and_a_day_jobs_pay_are_never_employer_money() -> None:
    """'I have a 401k at work' is not $401,000 of employer money; 'my day job pays me 150k' is pay."""
    for message in ("I have a 401k at work, salary 200k", "solo 401k, my day job pays me 150k",
                    "my 403b at work, I make 90k"):
        kept = confirmed_everything(message)  # 'yes' to every question back
        assert "employer_contributions" not in kept, (message, kept)


# ---------------------------------------------------------------- properties

JOB = ("I have a W-2 job paying {a}", "my day job pays me {a}", "day job pays {a}", "w2 job paying {a}",
       "I make {a} at my day job", "my job pays {a}")
BUSINESS = ("my 1099 income nets about {b}", "side LLC nets {b}", "my side business nets around {b}",
            "the side gig nets {b}", "my business nets roughly {b}")
SOLO = ("want a solo 401k", "thinking solo 401k", "solo 401k for the business")
#: Questions a figure could be wrongly taken for.
MONEY = ("compensation", "day_job_ss_wages", "employee_deferrals", "employer_contributions",
         "after_tax_so_far", "day_job_deferrals")


def confirmed_everything(message: str) -> dict[str, Any]:
    """The message at the first question, then 'yes' to every question back: what would be kept."""
    conv = new_conversation()
    step(conv, Event("text", message), DECEMBER)
    for _ in range(6):
        if "pending" not in conv:
            break
        step(conv, Event("text", "yes"), DECEMBER)
    return dict(conv["answers"])


def dollars(raw: Any) -> set[str]:
    values = raw.values() if isinstance(raw, dict) else [raw]
    return {str(v) for v in values}


@settings(max_examples=150, deadline=None)
@given(st.tuples(st.sampled_from(JOB), st.sampled_from(BUSINESS), st.sampled_from(SOLO)),
       st.tuples(st.integers(60, 250), st.integers(20, 150)), st.permutations([0, 1, 2]))
def test_a_day_jobs_wages_and_a_business_net_are_never_taken_for_each_other(
    words: tuple[str, str, str], figures: tuple[int, int], order: list[int]
) -> None:
    (job, business, solo), (wages, net) = words, figures
    if wages == net:
        return
    parts = [job.format(a=f"{wages}k"), business.format(b=f"{net}k"), solo]
    message = ", ".join(parts[i] for i in order)
    kept = confirmed_everything(message)
    wages_text, net_text = str(wages * 1000), str(net * 1000)
    for question in MONEY:
        if question not in kept:
            continue
        taken = dollars(kept[question])
        if question == "compensation":
            assert taken == {net_text}, (message, question, kept[question])
        elif question == "day_job_ss_wages":
            assert taken == {wages_text}, (message, question, kept[question])
        else:
            assert not taken & {wages_text, net_text}, (message, question, kept[question])


EMPLOYEE_PLAN = ("I have a 401k at work", "403b at school", "my 401k", "401k through my employer")
SALARY = ("salary {a}", "I make {a}", "my job pays {a}", "W-2 job paying {a}")
SIDE = ("my side business net profit is {b}", "side gig nets {b}", "1099 income of {b} on the side",
        "my LLC nets {b}", "side hustle profit {b}")


@settings(max_examples=150, deadline=None)
@given(st.tuples(st.sampled_from(EMPLOYEE_PLAN), st.sampled_from(SALARY), st.sampled_from(SIDE)),
       st.tuples(st.integers(60, 400), st.integers(20, 150)), st.booleans())
def test_a_side_business_figure_is_never_a_jobs_pay_or_employer_money(
    words: tuple[str, str, str], figures: tuple[int, int], side_first: bool
) -> None:
    """With a plan through a job, the plan's pay is the job's: a side business's figure is never
    taken as it, nor as deferrals or employer money; nor is a plan's name a sum."""
    (plan, salary, side), (pay, net) = words, figures
    if pay == net:
        return
    parts = [salary.format(a=f"{pay}k"), side.format(b=f"{net}k")]
    message = ", ".join([plan, *(reversed(parts) if side_first else parts)])
    kept = confirmed_everything(message)
    net_text = str(net * 1000)
    for question in MONEY:
        if question in kept:
            assert net_text not in dollars(kept[question]), (message, question, kept[question])
            assert not dollars(kept[question]) & {"401000", "403000"}, (message, question)
    assert kept.get("compensation") in (None, str(pay * 1000)), (message, kept.get("compensation"))


def test_with_both_a_solo_and_a_work_plan_named_no_pay_figure_is_read() -> None:
    """'solo 401k ... the work 401k': which plan is asked first, so neither the business's net nor
    the job's pay is taken as the plan's pay (either would be wrong for the other plan)."""
    kept = confirmed_everything("solo 401k. side gig nets ~80k, my job pays 150k, putting 23.5k in the "
                                "work 401k, im 38")
    assert "compensation" not in kept
    assert "employee_deferrals" not in kept


def test_a_business_owners_make_120k_is_asked_back_as_net_profit() -> None:
    """'make about 120k' with a solo 401(k) may be revenue, not profit: asked back with its meaning;
    'net profit 80k' is said outright and kept."""
    user = User(today=DECEMBER)
    reply = user.type("freelancer, make about 120k, want a solo 401k")
    assert "compensation" not in user.answers()
    assert reply.lines[0] == ('You said "make about 120k": Is $120,000 your business\'s net profit (after '
                              'expenses, before taxes)?')
    said = User(today=DECEMBER)
    said.type("solo 401k, net profit 80k")
    assert said.answers()["compensation"] == "80000"


def test_deferrals_said_to_go_there_at_the_day_job_are_never_the_solo_plans() -> None:
    # "day job pays me 150k and i defer 23.5k there": the $23,500 is the day job's; as the solo plan's
    # own deferrals it would be counted twice against one 402(g) limit, or not at all against it
    user = User(today=DECEMBER)
    reply = user.type("i have a solo 401k, sole prop nets about 80k, day job pays me 150k and i defer "
                      "23.5k there, im 41")
    assert reply.notice is not None
    assert "Plan type: Solo 401(k)" in reply.notice
    assert "Your deferrals" not in reply.notice
    assert "employee_deferrals" not in user.answers()
