"""flows/ turns the engine's figures into words and computes none, like the test that
keeps legal numbers out of rules/ code.

What it checks, by reading the code (AST), in every flows/ module except the readers of what a
person types (READERS: parsing "23.5k" or "$2k a month", and the plausibility questions about a
typed figure): no arithmetic (+ - * / // % **, also augmented) other than joining text or lists,
and no rounding (quantize, to_integral_value, round). The few counts that are not money (a
question's number, a citation's number, a year label, the calendar) are listed in COUNTS, each
with its reason; an entry that no longer matches the code fails too, so the list stays true.
"""

from __future__ import annotations

import ast
from pathlib import Path

FLOWS = Path(__file__).resolve().parent.parent / "flows"
READERS = {
    "parse.py": "reads money and numbers as typed ('23.5k', '$2k a month')",
    "vocabulary.py": "reads words as typed",
    "understand.py": "reads what a person means",
    "answers.py": "reads an answer as typed (a monthly figure is read as a year's)",
    "plausible.py": "asks back a typed figure that looks off ('4% of your pay ($8,000)?')",
}
COUNTS: dict[tuple[str, str], str] = {
    ("calendar.py", "today.year + 1"): "next year's label: the calendar",
    ("interview.py", "len(options) + 1"): "a menu option's number",
    ("interview.py", "int(wanted) - 1"): "the menu option a typed number names",
    ("questions.py", "facts.today.year + 1"): "next year's label",
    ("questions.py", "year + 1"): "next year's label",
    ("questions.py", "f.planned_year - 1"): "the look-back year named in a question",
    ("progress.py", "1 + sum(1 for q in stage[:index] if q.applies(facts))"): "a question's number",
    ("questions.py", "facts.today.year % 4"): "leap year: the calendar",
    ("questions.py", "days_in_year - day_of_year + 1"): "days left in the year: the calendar",
    ("questions.py", "(2 * per_year * days_left + days_in_year) // (2 * days_in_year)"):
        "paychecks left from today's date, offered as a button the person confirms",
    ("reminders.py", "day.year + day.month // 12"): "the next month's date: the calendar",
    ("reminders.py", "day.month % 12 + 1"): "the next month's date: the calendar",
    ("reminders.py", "day.year + 1"): "next year's date: the calendar",
    ("reminders.py", "day + timedelta(days=PAYCHECK_DAYS[pay_frequency])"): "the next payday",
    ("summary.py", "len(candidate) + len(tail) + 1"): "lines on the first screen",
    ("summary.py", "year - 1"): "the look-back year's label",
    ("summary.py", "year + 1"): "next year's label",
    ("taxes.py", "sources.index(document) + 1"): "a citation's number",
}
ARITHMETIC = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow)
ROUNDING = {"quantize", "to_integral_value", "round"}


def _is_text(node: ast.expr) -> bool:
    """Text or a list being joined: a str, an f-string, a list, or a join of those."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.BinOp):
        return _is_text(node.left) or _is_text(node.right)
    return isinstance(node, ast.JoinedStr | ast.List | ast.Tuple | ast.ListComp | ast.IfExp) and (
        not isinstance(node, ast.IfExp) or _is_text(node.body))


def _descendants(node: ast.AST) -> set[int]:
    return {id(child) for child in ast.walk(node)} - {id(node)}


def _in_money_format(tree: ast.Module) -> set[int]:
    """money_words.money: Decimal's own to_integral_value decides "$5" or "$5.25" (formatting)."""
    return {id(n) for f in tree.body if isinstance(f, ast.FunctionDef) and f.name == "money"
            for n in ast.walk(f)}


def computations(path: Path) -> list[tuple[int, str]]:
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    skip = _in_money_format(tree)
    found = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        segment = ast.get_source_segment(source, node) or ""
        if (path.name, segment) in COUNTS:
            skip |= _descendants(node)
            continue
        if _computes(node):
            found.append((getattr(node, "lineno", 0), segment))
    return found


def _computes(node: ast.AST) -> bool:
    """Arithmetic that is not joining text or lists, or a rounding."""
    if isinstance(node, ast.BinOp):
        return isinstance(node.op, ARITHMETIC) and not _is_text(node)
    if isinstance(node, ast.AugAssign):
        return isinstance(node.op, ARITHMETIC) and not _is_text(node.value)
    if isinstance(node, ast.Call):
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        return name in ROUNDING
    return False


def modules() -> list[Path]:
    """flows/ modules but the readers; flows/spd/ reads the documents people send (a reader too)."""
    return [p for p in sorted(FLOWS.glob("*.py")) if p.name not in READERS]


def test_flows_compute_no_figure() -> None:
    found = [f"{p.relative_to(FLOWS)}:{line}: {code}" for p in modules() for line, code in computations(p)]
    assert found == [], "figures belong to the engine (rules/): " + "; ".join(found)


def test_every_listed_count_is_still_in_the_code() -> None:
    for (name, segment), _reason in COUNTS.items():
        assert segment in (FLOWS / name).read_text(encoding="utf-8"), (name, segment)


def test_the_check_finds_a_computed_figure(tmp_path: Path) -> None:
    """The check is not blind: a per-paycheck split, a rounding and a sum are each found."""
    sample = tmp_path / "summary.py"
    sample.write_text(
        "def per_paycheck(room, n):\n    return room / n\n\n"
        "def rounded(x):\n    return x.quantize(CENT)\n\n"
        "def total(a, b):\n    t = a\n    t += b\n    return 'total ' + str(t)\n",
        encoding="utf-8")
    assert sorted(line for line, _ in computations(sample)) == [2, 5, 9]
