"""``make exercises``: bring generated files up to date, then regenerate exercises/ from solutions/ and execute them.

    python -m tools.make_exercises [NN_name.ipynb ...]   (default: every ready lesson)
"""

import sys

from tools import sync
from tools.notebooks import ROOT, make_exercises


def main(names: list[str]) -> None:
    for path in sync.sync():
        print(f"wrote {path.relative_to(ROOT)}")
    for path in make_exercises(names=names or None):
        print(f"generated and executed {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
