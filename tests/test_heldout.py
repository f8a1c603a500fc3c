"""The shared scorer on the held-out pages (tests/heldout), which the splitter's rules never saw.

The thresholds are the figures reached, so a change that loses ground on unseen pages fails here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "tests" / "heldout"
SCORER = ROOT.parent / "shared" / "eval" / "score_split.py"
PAPER_READER = Path(sys.executable).parent / "paper-reader"


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/eval/score_split.py is not present")
def test_heldout_pages_meet_the_bar() -> None:
    assert PAPER_READER.exists(), f"paper-reader is not installed beside {sys.executable}"
    out = subprocess.run(
        [
            sys.executable,
            str(SCORER),
            "--gold",
            str(HELDOUT / "gold.json"),
            "--pages",
            str(HELDOUT / "pages"),
            "--cmd",
            f"{PAPER_READER} split {{file}} --format jsonl",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr
    s = json.loads(out.stdout)["summary"]
    assert s["f1"] >= 1.0
    assert s["strict_f1"] >= 1.0
    assert s["title_exact"] >= 1.0
    assert s["byline"] >= 1.0
    assert s["subheads"] >= 1.0
    found, total = s["photos"].split("/")
    assert found == total
    assert s["coverage"] >= 1.0
