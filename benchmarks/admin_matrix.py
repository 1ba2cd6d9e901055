"""Prints the generated admin permission matrix's size and run time.

Runs tests/security/test_admin_matrix.py (single process, the test settings) and reports
the number of admin URLs planned, the requests made, the wall time and the CPU time.

    .venv/bin/python benchmarks/admin_matrix.py
"""

from __future__ import annotations

import re
import resource
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
            "-m",
            "slow",  # the matrix is a slow sweep: deselected by the default options
            "tests/security/test_admin_matrix.py::AdminMatrixTests::test_matrix",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    sizes = re.findall(r"admin matrix: .*", result.stdout)
    durations = re.findall(r"in ([\d.]+)s", result.stdout)
    for line in sizes:
        print(line)
    print(f"pytest reported: {durations[-1] if durations else '?'} s; wall time with start-up: {elapsed:.1f} s")
    # CPU time is what the sweep costs CI's shared cores (wall time depends on the load).
    print(f"CPU time with start-up: {cpu.ru_utime + cpu.ru_stime:.1f} s (user {cpu.ru_utime:.1f} s)")
    print("result:", "passed" if result.returncode == 0 else f"FAILED (exit {result.returncode})")
    return result.returncode


if __name__ == "__main__":
    raise SystemExit(main())
