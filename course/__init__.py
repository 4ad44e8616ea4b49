"""Helpers for the Giving Up the Bomb course: data loading, honest text, chart style, exercise checks.

In a notebook::

    from course import load, check, when, estimate
    import course.charts  # the course's chart style, set once
"""

from . import friendly
from .checks import check
from .data import DataFileError, bibliography, cite, load
from .text import estimate, when, wrap

friendly.install()  # in Jupyter: a plain-language line under the commonest beginner's errors

__all__ = ["load", "cite", "bibliography", "check", "DataFileError", "when", "estimate", "wrap"]
