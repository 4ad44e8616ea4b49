"""Fixtures shared by the test files."""

import shutil

import pytest

from course import data as course_data
from tools.notebooks import ROOT


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A copy of data/ that ``course.load`` (and so every check) reads instead of the real one."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    monkeypatch.setenv("COURSE_DATA_DIR", str(target))
    course_data._load_cached.cache_clear(), course_data._short_citations.cache_clear()
    yield target
    course_data._load_cached.cache_clear(), course_data._short_citations.cache_clear()
