"""tools.links: one nbgitpuller link per ready lesson, and a plain message for an address that cannot work."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from course.lessons import lessons
from tools import links
from tools.notebooks import ROOT

HUB, REPO = "https://hub.example.edu", "https://github.com/giving-up-the-bomb/course"


def _decoded(url: str) -> tuple[str, dict[str, str]]:
    parts = urlsplit(url)
    query = {key: values[0] for key, values in parse_qs(parts.query, strict_parsing=True).items()}
    return f"{parts.scheme}://{parts.netloc}{parts.path}", query


def test_one_link_per_ready_lesson_that_decodes_to_its_notebook():
    made = links.lesson_links(HUB + "/", REPO + ".git", "main")
    ready = [lesson for lesson in lessons() if lesson.ready]
    assert [link.lesson for link in made] == ready
    for link in made:
        address, query = _decoded(link.url)
        assert address == "https://hub.example.edu/hub/user-redirect/git-pull"
        assert query == {"repo": REPO + ".git", "branch": "main", "targetpath": "course",
                         "urlpath": f"lab/tree/course/notebooks/{link.lesson.stem}.ipynb"}
        assert (ROOT / "notebooks" / link.lesson.file).exists()


def test_every_reserved_character_is_encoded():
    """'/', ':' and the like inside a parameter are percent-encoded, so the hub's redirect keeps them whole."""
    url = links.lesson_links("https://example.edu/jupyter", REPO, "term/2027-spring")[0].url
    assert url.startswith("https://example.edu/jupyter/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2F")
    query = url.split("?", 1)[1]
    assert "/" not in query and ":" not in query
    assert _decoded(url)[1]["branch"] == "term/2027-spring"


@pytest.mark.parametrize("hub, repo, branch, message", [
    ("hub.example.edu", REPO, "main", "not a web address"),
    ("ftp://hub.example.edu", REPO, "main", "not a web address"),
    ("https://hub.example.edu/hub/home", REPO, "main", "without /hub/"),
    ("https://hub.example.edu/user/ana/lab", REPO, "main", "without /hub/"),
    ("https://hub.example.edu/?next=x", REPO, "main", "address alone"),
    (HUB, "git@github.com:OWNER/REPO.git", "main", "SSH address"),
    (HUB, "github.com/OWNER/REPO", "main", "not a repository address"),
    (HUB, "https://github.com/", "main", "names no repository"),
    (HUB, "https://github.com/OWNER/REPO?tab=readme", "main", "address alone"),
    (HUB, REPO, "two words", "not a branch name"),
    (HUB, REPO, "-main", "not a branch name"),
])
def test_a_bad_address_is_refused_with_a_message(hub, repo, branch, message):
    with pytest.raises(links.LinkError, match=message):
        links.lesson_links(hub, repo, branch)


def test_the_command_prints_links_or_one_line_of_error(capsys):
    assert links.main(["--hub", HUB, "--repo", REPO]) == 0
    printed = capsys.readouterr().out.splitlines()
    ready = [lesson for lesson in lessons() if lesson.ready]
    assert printed[0::2] == [lesson.label for lesson in ready]
    assert all(line.startswith(f"  {HUB}/hub/user-redirect/git-pull?") for line in printed[1::2])

    assert links.main(["--hub", "hub.example.edu", "--repo", REPO]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("error: --hub 'hub.example.edu' is not a web address") and err.count("\n") == 1
