"""Shared by every test, the notebook ones (nbval) included."""

import os

# Kernels started by nbval inherit this: plotly stores figures as plotly JSON only.
os.environ["PLOTLY_RENDERER"] = "plotly_mimetype"
os.environ.pop("COURSE_DATA_DIR", None)

collect_ignore_glob = [".venv/*", "**/.ipynb_checkpoints/*"]
