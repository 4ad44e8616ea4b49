"""``make exercises``: regenerate exercises/ from solutions/ and execute them.

Usage: python tools/make_exercises.py [NN_name.ipynb ...]   (default: every lesson)
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tools.notebooks import ROOT, make_exercises  # noqa: E402

for path in make_exercises(names=sys.argv[1:] or None):
    print(f"generated and executed {path.relative_to(ROOT)}")
