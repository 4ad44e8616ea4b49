"""``make execute``: re-execute every notebook in place on a fresh kernel, canonically.

Usage: python tools/execute.py [notebook.ipynb ...]
With no arguments: every lesson in notebooks/ and solutions/, then exercises/
regenerated from solutions/ and executed.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tools.notebooks import ROOT, execute, lesson_paths, make_exercises  # noqa: E402


def timed(path: Path) -> None:
    start = time.perf_counter()
    execute(path)
    print(f"executed {path.relative_to(ROOT)} in {time.perf_counter() - start:.1f} s")


if sys.argv[1:]:
    for name in sys.argv[1:]:
        timed(Path(name).resolve())
else:
    for path in lesson_paths("notebooks") + lesson_paths("solutions"):
        timed(path)
    for path in make_exercises():
        print(f"generated and executed {path.relative_to(ROOT)}")
