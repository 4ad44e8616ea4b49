"""Shared by every test, the notebook ones (nbval) included."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
# Kernels started by nbval inherit this: plotly stores figures as plotly JSON only.
os.environ["PLOTLY_RENDERER"] = "plotly_mimetype"
os.environ.pop("COURSE_DATA_DIR", None)

collect_ignore_glob = [".venv/*", "**/.ipynb_checkpoints/*"]
