"""The answer rules are data that Python and the page's JavaScript apply alike (issue 9, 11).

leitfaden/tickets/filling.py applies them in the CLI, docs/assets/javascripts/answers.js
on the page; both must write the same bytes for every hostile line, in every markup, in a
line and in a table cell. Node runs the page's own function on the rules the page gets.
"""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from leitfaden.tickets.filling import RULES, rules_data, written

from .servers import ROOT, require_atlassian
from .test_payloads_in_trackers import PAYLOADS

SCRIPT = ROOT / "docs" / "assets" / "javascripts" / "answers.js"
#: Lines where the rules differ most: block starts, emoticons, backslashes, bare addresses.
EXTRA = [
    "h2. Titel",
    "bq. Zitat",
    ":-D und :-P",
    "\\\\ \\* \\",
    "mailto:a@example.org",
    "12) Liste",
    "p. Absatz",
    "\\2 Zelle",
    "Emoji \U0001f600 | Strich",
]
TEXTS = PAYLOADS + EXTRA
#: What both languages do not read alike: a lookbehind, and classes that are Unicode in
#: Python but ASCII in JavaScript (``\w``, ``\d``, ``\s``, ``\b``).
UNPORTABLE = re.compile(r"\(\?<|\\[wWdDsSbB]")


def page_function() -> str:
    """The page's ``written`` function, as answers.js defines it."""
    script = SCRIPT.read_text(encoding="utf-8")
    match = re.search(r"^( *)function written\(.*?^\1\}$", script, re.MULTILINE | re.DOTALL)
    assert match, "answers.js hat keine Funktion „written(text, rewrites, style)“ mehr"
    return match[0]


def test_the_page_writes_what_the_core_writes() -> None:
    require_atlassian()  # node
    program = (
        page_function()
        + f"\nconst R = {json.dumps(rules_data())};\nconst T = {json.dumps(TEXTS)};\n"
        + "const out = {};\nfor (const key of Object.keys(R)) if (R[key].line) out[key] = "
        + "T.map((t) => [written(t, R[key].line, R[key].style), written(t, R[key].cell, R[key].style)]);\n"
        + "process.stdout.write(JSON.stringify(out));\n"
    )
    result = subprocess.run(["node", "-e", program], capture_output=True, text=True, check=True)
    page = json.loads(result.stdout)
    for key, rules in RULES.items():
        core = [
            [written(text, rules.line, rules.style), written(text, rules.cell, rules.style)] for text in TEXTS
        ]
        assert page[key] == core, key


@pytest.mark.parametrize("key", RULES)
def test_every_pattern_is_portable_and_never_empty(key: str) -> None:
    rules = RULES[key]
    for rewrite in (*rules.line, *rules.cell):
        assert UNPORTABLE.search(rewrite.pattern) is None, rewrite.pattern
        pattern = re.compile(rewrite.pattern)
        assert pattern.groups == 0, rewrite.pattern  # the rules are joined as one group each
        for text in TEXTS:
            assert all(match[0] for match in pattern.finditer(text)), (rewrite.pattern, text)
