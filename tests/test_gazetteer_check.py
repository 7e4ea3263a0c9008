"""The hand-written gazetteers keep the format and the rules their builder checks (issue #13):
`scripts/build_gazetteers.py --check` (no package needed) passes on the files in rules/gazetteers/,
and the row counts in rules/gazetteers/README.md are the files' counts.

Example of what it catches: a duplicate (沃尔玛, ORG) row, a full name with punctuation
(一汽-大众汽车有限公司), a generic word (全国) listed as a place."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_gazetteer_check_passes():
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_gazetteers.py"), "--check"],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr


def test_readme_row_counts_are_the_files():
    readme = (ROOT / "rules" / "gazetteers" / "README.md").read_text(encoding="utf-8")
    for name, rows in re.findall(r"^\| `(\w+\.tsv)` \| \w+ \| (\d+) \|", readme, flags=re.M):
        lines = (ROOT / "rules" / "gazetteers" / name).read_text(encoding="utf-8").splitlines()
        data = [ln for ln in lines if ln and not ln.startswith("#")]
        assert len(data) - 1 == int(rows), name  # minus the header row
