"""Install the course's JupyterLab settings override into the running Python environment.

    python -m tools.install_settings

JupyterLab reads ``<prefix>/share/jupyter/lab/settings/overrides.d/*.json``; ours turns off the offer to fetch
news and check for updates from the internet (students are never asked). Run by ``tools.start`` (the venv route)
and ``postBuild`` (conda, Binder).
"""

import shutil
import sys
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent / "jupyter" / "overrides.json"


def install(prefix: Path = Path(sys.prefix)) -> Path:
    target = prefix / "share" / "jupyter" / "lab" / "settings" / "overrides.d" / "giving-up-the-bomb.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, target)
    return target


if __name__ == "__main__":
    print(f"JupyterLab settings override installed: {install()}")
