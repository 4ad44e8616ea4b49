"""``make execute``: re-execute notebooks in place on a fresh kernel, canonically.

    python -m tools.execute [notebook.ipynb ...]

With no arguments: everything generated is brought up to date first (``tools.sync``), then every lesson in
notebooks/ and solutions/ is executed, then exercises/ is regenerated from solutions/ and executed.
"""

import sys
import time
from pathlib import Path

from tools import sync
from tools.notebooks import ROOT, execute, lesson_paths, make_exercises


def timed(path: Path) -> None:
    start = time.perf_counter()
    execute(path)
    print(f"executed {path.relative_to(ROOT)} in {time.perf_counter() - start:.1f} s")


def main(names: list[str]) -> None:
    if names:
        for name in names:
            timed(Path(name).resolve())
        return
    for path in sync.sync():
        print(f"wrote {path.relative_to(ROOT)}")
    for path in lesson_paths("notebooks") + lesson_paths("solutions"):
        timed(path)
    for path in make_exercises():
        print(f"generated and executed {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
