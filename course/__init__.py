"""Helpers for the Giving Up the Bomb course: data loading, honest text, chart style, exercise checks.

In a notebook::

    from course import load, check, when, estimate
    import course.charts  # the course's chart style, set once
"""

import atexit
import gc

from . import friendly
from .checks import check
from .data import DataFileError, bibliography, cite, load
from .text import estimate, when, wrap

friendly.install()  # in Jupyter: a plain-language line under the commonest beginner's errors

# Speed (README, "Speed"): what importing pandas, plotly and the course has built lives as long as the kernel, so
# the cyclic garbage collector is told to leave it alone: without this, each full collection while the lesson runs
# walks some 150,000 objects again. Tables and figures made afterwards are collected as usual. At exit everything is
# handed back first, so the kernel shuts down exactly as it would without the course (see test_helpers.py).
import os as _os
if not _os.environ.get("COURSE_NO_FREEZE"):
    gc.freeze()
    atexit.register(gc.unfreeze)

__all__ = ["load", "cite", "bibliography", "check", "DataFileError", "when", "estimate", "wrap"]
