"""``make exercises``: bring generated files up to date, then regenerate exercises/ from solutions/ and execute them.

    python -m tools.make_exercises [NN_name.ipynb ...]             (default: every ready lesson)
    python -m tools.make_exercises --nbgrader [NN_name.ipynb ...]  (``make nbgrader``: nbgrader's source assignments,
                                                                    nbgrader/source/NN_name/NN_name.ipynb, instead)
"""

import sys

from tools import sync
from tools.notebooks import ROOT, make_exercises, make_nbgrader_sources


def main(args: list[str]) -> None:
    for path in sync.sync():
        print(f"wrote {path.relative_to(ROOT)}")
    if "--nbgrader" in args:
        for path in make_nbgrader_sources(names=[a for a in args if a != "--nbgrader"] or None):
            print(f"generated {path.relative_to(ROOT)}")
        return
    for path in make_exercises(names=args or None):
        print(f"generated and executed {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
