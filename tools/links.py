"""Print one nbgitpuller link per ready lesson, for a class on a JupyterHub.

    python -m tools.links --hub https://hub.example.edu --repo https://github.com/OWNER/REPO [--branch main]
    make links HUB=https://hub.example.edu REPO=https://github.com/OWNER/REPO

A student who follows a link logs in to the hub; nbgitpuller (a server extension the hub must have) then clones the
course into their home folder, or on later visits merges the course's new commits into it while keeping their own
edits, and opens that lesson in JupyterLab. The link is the hub's ``/hub/user-redirect/git-pull`` address with the
parameters nbgitpuller reads: ``repo``, ``branch``, ``targetpath`` (the folder in the student's home, named after the
repository) and ``urlpath`` (``lab/tree/<folder>/notebooks/<lesson>.ipynb``), each percent-encoded.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit

from course.lessons import Lesson, lessons

# A branch name git accepts and a link can carry: letters, digits, '.', '_', '-', '/', not starting with '-' or '/'.
BRANCH = re.compile(r"^(?![-/])(?!.*\.\.)[A-Za-z0-9._/-]+(?<![./])$")


class LinkError(ValueError):
    """An address or branch that cannot make a working link; the message says what to give instead."""


@dataclass(frozen=True)
class Link:
    lesson: Lesson
    url: str


def hub_address(hub: str) -> str:
    """The hub's address without a trailing slash, e.g. 'https://hub.example.edu' or 'https://example.edu/jupyter'."""
    parts = urlsplit(hub.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise LinkError(f"--hub {hub!r} is not a web address: give the hub's address, e.g. https://hub.example.edu")
    if parts.query or parts.fragment:
        raise LinkError(f"--hub {hub!r} has a '?' or '#' part: give the hub's address alone, "
                        "e.g. https://hub.example.edu")
    path = parts.path.rstrip("/")
    if path == "/hub" or path.endswith("/hub") or "/hub/" in path or "/user/" in path + "/":
        raise LinkError(f"--hub {hub!r} points inside the hub: give its address without /hub/... or /user/..., "
                        "e.g. https://hub.example.edu")
    return f"{parts.scheme}://{parts.netloc}{path}"


def repo_address(repo: str) -> tuple[str, str]:
    """The repository's address for git, and the folder it is cloned into (its name, without '.git')."""
    repo = repo.strip()
    if re.match(r"^[\w.-]+@[\w.-]+:", repo):
        raise LinkError(f"--repo {repo!r} is an SSH address, which students' servers cannot use: give the https "
                        "address, e.g. https://github.com/OWNER/REPO")
    parts = urlsplit(repo)
    if parts.scheme not in ("http", "https", "file") or (parts.scheme != "file" and not parts.hostname):
        raise LinkError(f"--repo {repo!r} is not a repository address: give its https address, "
                        "e.g. https://github.com/OWNER/REPO")
    if parts.query or parts.fragment:
        raise LinkError(f"--repo {repo!r} has a '?' or '#' part: give the repository's address alone")
    name = parts.path.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")
    if name in ("", ".", "..") or (parts.scheme != "file" and parts.path.strip("/").count("/") < 1):
        raise LinkError(f"--repo {repo!r} names no repository: give its full address, "
                        "e.g. https://github.com/OWNER/REPO")
    return repo.rstrip("/"), name


def lesson_links(hub: str, repo: str, branch: str = "main") -> list[Link]:
    """One link per ready lesson, in course order. Raises LinkError with a plain message for a bad address or branch."""
    base = hub_address(hub)
    repo, folder = repo_address(repo)
    if not BRANCH.match(branch):
        raise LinkError(f"--branch {branch!r} is not a branch name git accepts, e.g. main")
    links = []
    for lesson in (lesson for lesson in lessons() if lesson.ready):
        query = {"repo": repo, "branch": branch, "targetpath": folder,
                 "urlpath": f"lab/tree/{folder}/notebooks/{lesson.file}"}
        links.append(Link(lesson, f"{base}/hub/user-redirect/git-pull?{urlencode(query, quote_via=quote, safe='')}"))
    return links


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.links", description=__doc__.split("\n\n")[0])
    parser.add_argument("--hub", required=True, help="the hub's address, e.g. https://hub.example.edu")
    parser.add_argument("--repo", required=True, help="the course repository's https address")
    parser.add_argument("--branch", default="main", help="the branch students get (default: main)")
    args = parser.parse_args(argv)
    try:
        links = lesson_links(args.hub, args.repo, args.branch)
    except LinkError as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    for link in links:
        print(f"{link.lesson.label}\n  {link.url}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
