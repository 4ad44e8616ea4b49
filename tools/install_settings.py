"""Install the course's JupyterLab settings overrides into the running Python environment.

JupyterLab reads ``<prefix>/share/jupyter/lab/settings/overrides.d/*.json``; ours turns
off the offer to fetch news and update checks from the internet (students are
never asked). Used by ``make`` (the venv route) and ``postBuild`` (conda, Binder).
"""

import shutil
import sys
from pathlib import Path

source = Path(__file__).resolve().parent.parent / "jupyter" / "overrides.json"
target = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.d" / "giving-up-the-bomb.json"
target.parent.mkdir(parents=True, exist_ok=True)
shutil.copyfile(source, target)
print(f"JupyterLab settings overrides installed: {target}")
