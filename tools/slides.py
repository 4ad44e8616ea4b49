"""``make slides``: reveal.js slides of every ready lesson, working from the file system with no network.

    python -m tools.slides [--out site]

Each deck is written from the lesson's stored outputs into ``<out>/slides/NN_stem.html`` and shares the site's one
copy of reveal.js and plotly.js (``<out>/assets/``). reveal.js comes from the npm registry: ``npm pack`` fetches the
pinned version once into ``.cache/`` (its checksum is checked), and later builds use that copy.

Which cell goes on which slide is decided here, by rules, when the deck is built (nothing is set by hand in the
notebooks, and the notebooks are not changed):
- the title cell opens the deck; the closing navigation cell and code cells without output are left out;
- every markdown cell starts a slide (a section heading with its introduction, a paragraph, a source box...), and the
  code cells after it (a table, a printed result) stay on its slide: one idea per slide;
- every chart starts a slide of its own, without its code, and its "What to notice" sits beside it on the same slide.
  Where the lesson puts something between a chart and its notice (a table of the same events), the deck moves the
  notice up under the chart; what was between follows on the next slide.
"""

from __future__ import annotations

import argparse
import base64
import copy
import hashlib
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import nbformat

from course.lessons import lessons
from tools.notebooks import PLOTLY_JSON, ROOT, lesson_paths
from tools import site

REVEAL_VERSION = "6.0.2"
# The npm registry's sha512 for reveal.js-6.0.2.tgz ("npm view reveal.js@6.0.2 dist.integrity").
REVEAL_INTEGRITY = "sha512-JYIg5D9aoxoaLeb84O+OvAwsKWdIavVgEDScxtYEXFCT6t6TQrhNtSgogcjdCpdLsWglhJn3zyE3fUOwiH5KEg=="
REVEAL_FILES = ("dist/reveal.js", "dist/reveal.css", "dist/theme/white.css", "dist/plugin/notes.js", "LICENSE")
CACHE = ROOT / ".cache"
HIDE_INPUT = "slides-hide-input"  # given to chart cells in the deck only: the chart is shown, not its code


# ---------------------------------------------------------------- the rules
def is_chart(cell) -> bool:
    return cell.cell_type == "code" and any(PLOTLY_JSON in o.get("data", {}) for o in cell.get("outputs", []))


def is_notice(cell) -> bool:
    return cell.cell_type == "markdown" and cell.source.lstrip().startswith("**What to notice")


def is_heading(cell) -> bool:
    return cell.cell_type == "markdown" and cell.source.lstrip().startswith("## ")


def _with_notices_under_charts(cells: list) -> list:
    """The cells in lesson order, except that a chart's notice comes right after the chart.

    A chart's notice is the first "What to notice" after it, before the next chart or section heading."""
    cells = list(cells)
    for index, cell in enumerate(cells):
        if not is_chart(cell):
            continue
        for later in range(index + 1, len(cells)):
            if is_chart(cells[later]) or is_heading(cells[later]):
                break
            if is_notice(cells[later]):
                cells.insert(index + 1, cells.pop(later))
                break
    return cells


def deck(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of a lesson notebook with every cell's slide type set by the rules above (and notices moved up)."""
    nb = copy.deepcopy(nb)
    nb.cells = _with_notices_under_charts(nb.cells)
    last_navigation = len(nb.cells) - 1
    on_chart_slide = False
    for index, cell in enumerate(nb.cells):
        tags = cell.metadata.get("tags", [])
        if "navigation" in tags:
            kind = "slide" if index == 0 else "skip"
        elif cell.cell_type == "code" and not cell.get("outputs"):
            kind = "skip"
        elif is_chart(cell):
            kind = "slide"
            cell.metadata["tags"] = [*tags, HIDE_INPUT]
        elif is_notice(cell) and index and is_chart(nb.cells[index - 1]):
            kind = "-"
        elif cell.cell_type == "markdown":
            kind = "slide"
        else:  # a code cell with output: on the slide of the text that introduces it, never beside a chart
            kind = "slide" if on_chart_slide else "-"
        if kind == "slide":
            on_chart_slide = is_chart(cell)
        cell.metadata["slideshow"] = {"slide_type": kind}
    assert last_navigation == len(nb.cells) - 1
    return nb


# ---------------------------------------------------------------- reveal.js, from the npm registry once
def reveal_package() -> Path:
    """The unpacked reveal.js package in .cache/, fetched with ``npm pack`` the first time."""
    folder = CACHE / f"reveal.js-{REVEAL_VERSION}"
    if all((folder / name).is_file() for name in REVEAL_FILES):
        return folder
    CACHE.mkdir(exist_ok=True)
    tarball = CACHE / f"reveal.js-{REVEAL_VERSION}.tgz"
    if not tarball.is_file():
        npm = shutil.which("npm")
        if not npm:
            raise site.SiteError(f"the slides need reveal.js {REVEAL_VERSION} from the npm registry, and there is no "
                                 f"npm (install Node.js and npm, or put reveal.js-{REVEAL_VERSION}.tgz in {CACHE})")
        done = subprocess.run([npm, "pack", f"reveal.js@{REVEAL_VERSION}", "--pack-destination", str(CACHE)],
                              capture_output=True, text=True)
        if done.returncode or not tarball.is_file():
            raise site.SiteError(f"npm pack reveal.js@{REVEAL_VERSION} failed: {done.stderr.strip()[-500:]}")
    digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    if digest != REVEAL_INTEGRITY:
        tarball.unlink()
        raise site.SiteError(f"{tarball.name} does not have the registry's checksum; it was deleted, build again")
    with tarfile.open(tarball) as archive:
        members = [m for m in archive.getmembers() if m.name.removeprefix("package/") in REVEAL_FILES]
        for member in members:
            member.name = member.name.removeprefix("package/")
        archive.extractall(folder, members=members, filter="data")
    return folder


# ---------------------------------------------------------------- the decks
def deck_page(path: Path, out: Path) -> Path:
    lesson = next(lesson for lesson in lessons() if lesson.file == path.name)
    nb = deck(nbformat.read(path, as_version=4))
    nb.metadata["title"] = lesson.label
    exporter = site.exporter("course_slides", reveal_url_prefix="../assets/reveal", reveal_theme="white")
    exporter.register_preprocessor(site.TagRemovePreprocessor(remove_input_tags={HIDE_INPUT}), enabled=True)
    body, _ = exporter.from_notebook_node(nb, resources={"course": {"prefix": "../"}})
    target = out / "slides" / f"{path.stem}.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(site.rewrite_links(body, path.relative_to(ROOT).as_posix(), out, page_dir="slides"),
                      encoding="utf-8")
    return target


def build(out: Path) -> list[Path]:
    """Write every ready lesson's deck into ``out``/slides and the shared assets into ``out``/assets."""
    site.copy_assets(out)
    package = reveal_package()
    for name in REVEAL_FILES:
        (out / "assets" / "reveal" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(package / name, out / "assets" / "reveal" / name)
    notebooks = lesson_paths("notebooks")
    site.PAGES.update(path.relative_to(ROOT).as_posix() for folder in site.FOLDERS for path in lesson_paths(folder))
    return [deck_page(path, out) for path in notebooks]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "site", help="the site folder (default: site/)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        written = build(args.out.resolve())
    except site.SiteError as exc:
        print(f"make slides: {exc}", file=sys.stderr)
        return 1
    print(f"{len(written)} decks written to {args.out / 'slides'} in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
