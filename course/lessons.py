"""The list of lessons, read from ``lessons.toml`` at the top of the course folder."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["Lesson", "lessons", "home", "LESSONS_FILE"]

LESSONS_FILE = Path(__file__).resolve().parent.parent / "lessons.toml"
STATUSES = ("ready", "planned")


@dataclass(frozen=True)
class Lesson:
    number: str
    title: str
    stem: str
    status: str
    time: str
    covers: str

    @property
    def ready(self) -> bool:
        return self.status == "ready"

    @property
    def file(self) -> str:
        return f"{self.stem}.ipynb"

    @property
    def label(self) -> str:
        """'02 Custody is not control (1992)'."""
        return f"{self.number} {self.title}"


@dataclass(frozen=True)
class Home:
    """Where the course lives in public (``[course]`` in lessons.toml): the repository's address and branch."""
    repository: str
    branch: str

    @property
    def github(self) -> str:
        """'owner/name', for services that take a GitHub repository (Binder)."""
        match = re.fullmatch(r"https://github\.com/([\w.-]+/[\w.-]+?)(?:\.git)?/?", self.repository)
        if not match:
            raise ValueError(f"{LESSONS_FILE}: [course] repository must be https://github.com/OWNER/NAME, "
                             f"not {self.repository!r}")
        return match.group(1)


@lru_cache(maxsize=None)
def home() -> Home:
    """The ``[course]`` table of lessons.toml. Raises ValueError, naming the file, if it is missing or malformed."""
    try:
        return Home(**tomllib.loads(LESSONS_FILE.read_text(encoding="utf-8"))["course"])
    except (OSError, KeyError, TypeError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"{LESSONS_FILE}: no readable [course] table (repository, branch): {exc!r}") from None


@lru_cache(maxsize=None)
def lessons() -> tuple[Lesson, ...]:
    """Every lesson in course order. Raises ValueError, naming the file, if the list is malformed."""
    try:
        entries = tomllib.loads(LESSONS_FILE.read_text(encoding="utf-8"))["lesson"]
        found = tuple(Lesson(**entry) for entry in entries)
    except (OSError, KeyError, TypeError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"{LESSONS_FILE} could not be read as the list of lessons: {exc!r}") from None
    for index, lesson in enumerate(found):
        if lesson.number != f"{index:02d}" or not lesson.stem.startswith(f"{lesson.number}_"):
            raise ValueError(f"{LESSONS_FILE}: lesson {index} must have number {index:02d} and a stem starting with it")
        if lesson.status not in STATUSES:
            raise ValueError(f"{LESSONS_FILE}: lesson {lesson.number} has status {lesson.status!r}, not one of {STATUSES}")
        if lesson.ready and not lesson.time:
            raise ValueError(f"{LESSONS_FILE}: lesson {lesson.number} is ready but gives no time")
    return found
