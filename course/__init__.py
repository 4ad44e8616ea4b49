"""Helpers for the Giving Up the Bomb course: data loading, chart style, exercise checks.

In a notebook::

    from course import load, check
    import course.charts  # the course's chart style, set once
"""

from .checks import check
from .data import DataFileError, bibliography, cite, load

__all__ = ["load", "cite", "bibliography", "check", "DataFileError"]
