"""Prints the generated admin permission matrix's size and run time.

Runs tests/security/test_admin_matrix.py (single process, the test settings) and reports
the number of admin URLs the resolver gave, the requests made and the wall time.

    .venv/bin/python benchmarks/admin_matrix.py
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    started = time.perf_counter()
    result = subprocess.run(  # noqa: S603 (fixed argv: our own interpreter and test file)
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-s",
            "-p",
            "no:cacheprovider",
            "tests/security/test_admin_matrix.py::AdminMatrixTests::test_matrix",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    sizes = re.findall(r"admin matrix: .*", result.stdout)
    durations = re.findall(r"in ([\d.]+)s", result.stdout)
    for line in sizes:
        print(line)
    print(f"pytest reported: {durations[-1] if durations else '?'} s; wall time with start-up: {elapsed:.1f} s")
    print("result:", "passed" if result.returncode == 0 else f"FAILED (exit {result.returncode})")
    return result.returncode


if __name__ == "__main__":
    raise SystemExit(main())
