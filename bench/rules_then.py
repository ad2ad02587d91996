"""The rules' outputs on every labelled passage as the rules were at an earlier commit.

``python -m bench.rules_then COMMIT OUT.jsonl`` copies ``flows/`` and ``rules/`` of COMMIT (``git
archive``) into a temporary folder, reads every scored passage of the seven sets with that reader in a
child process, and writes one row per passage: set, id, the rules' answer and their findings (rule,
answer, strength). ``python -m bench.loso_spd --rules-from OUT.jsonl`` then measures the learned model
beside rules that were not yet tuned to a set: the rules of the commit that added ``passages-unseen3``
had never seen it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

from bench.score_spd import KEYS, passages
from bench.train_spd import SETS

ROOT = Path(__file__).resolve().parent.parent

_CHILD = r"""
import json, sys
from flows.spd import extract, layout, reader
from flows.spd.sentences import split
for line in sys.stdin:
    row = json.loads(line)
    pages = extract.text_pages(row["passage"])
    sentences = split(layout.clean_pages(pages), numbered=len(pages) > 1)
    findings = reader._findings(sentences)
    if hasattr(reader, "_without_roth"):
        findings = reader._without_roth(findings, sentences)
    mine = [[f.rule, f.answer, f.strength] for f in findings if f.question == row["question"]]
    answer = reader.read_text(row["passage"]).answers[row["question"]].answer
    print(json.dumps({"set": row["set"], "id": row["id"], "answer": answer, "findings": mine}))
"""


def main() -> int:
    commit, out = sys.argv[1], Path(sys.argv[2])
    archive = subprocess.run(["git", "archive", commit, "flows", "rules"], cwd=ROOT, check=True,
                             capture_output=True).stdout
    rows = [{"set": name, "id": p["id"], "question": KEYS[p["question"]], "passage": p["passage"]}
            for name in SETS for p in passages(name) if p["question"] in KEYS]
    with tempfile.TemporaryDirectory() as folder:
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        done = subprocess.run([sys.executable, "-c", _CHILD], cwd=folder, check=True, capture_output=True,
                              text=True, input="".join(json.dumps(r) + "\n" for r in rows),
                              env={"PYTHONPATH": folder, "PATH": "/usr/bin:/bin"})
    out.write_text(done.stdout, encoding="utf-8")
    print(f"wrote {len(done.stdout.splitlines())} rows to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
