"""``make site``: the whole course as static HTML that works from the file system with no network.

    python -m tools.site [--out site]

Written from the notebooks' stored outputs (nothing is executed): ``index.html`` (the course map from
``lessons.toml``), a page for every ready lesson, its exercises and its worked solutions (``notebooks/``,
``exercises/``, ``solutions/``, as in the repository), the instructor guide, the glossary and the data description
(``docs/``, ``data/README.html``), and the slides (``slides/``, see ``tools.slides``). Plotly charts are stored as plotly
JSON, which nbconvert drops: each one is kept in its page and drawn by ``assets/charts.js`` with the one local copy of
plotly.js taken from the plotly package (``assets/plotly.min.js``). Links between notebooks and documents point to the
generated pages; a link to any other file of the course copies that file into the site; a link to a missing file
stops the build, naming the page.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import sys
import time
from pathlib import Path

import mistune
import nbformat
import plotly
from nbconvert.exporters import HTMLExporter
from nbconvert.preprocessors import Preprocessor, TagRemovePreprocessor

from course.lessons import lessons
from tools.notebooks import FOLDERS, PLOTLY_JSON, ROOT, lesson_paths, stored_charts
from tools.sync import anchor

TEMPLATES = Path(__file__).resolve().parent / "site_templates"
ASSETS = Path(__file__).resolve().parent / "site_assets"
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
DOCUMENTS = {"docs/instructor_guide.md": "Instructor guide", "docs/glossary.md": "Glossary",
             "data/README.md": "Course data"}
FOLDER_TITLES = {"notebooks": "{label}", "exercises": "Exercises {label}", "solutions": "Solutions {label}"}


class SiteError(Exception):
    """The course cannot be turned into a site as it is (a broken link, a missing file); the message says where."""


# ---------------------------------------------------------------- charts
def chart_html(figure: dict) -> str:
    """An empty div for the chart and its figure as JSON beside it, safe inside a <script> element."""
    text = json.dumps(figure, separators=(",", ":"), ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<div class="course-chart"></div><script type="application/json" class="course-chart-data">{text}</script>'


class PlotlyCharts(Preprocessor):
    """Gives every stored plotly figure an HTML form that the page's charts.js draws (nbconvert would drop it)."""

    def preprocess_cell(self, cell, resources, index):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if PLOTLY_JSON in data:
                data["text/html"] = chart_html(data[PLOTLY_JSON])
        return cell, resources


def exporter(template: str, **options) -> HTMLExporter:
    from nbconvert.exporters import SlidesExporter

    kind = SlidesExporter if template == "course_slides" else HTMLExporter
    result = kind(template_name=template, extra_template_basedirs=[str(TEMPLATES)], **options)
    result.register_preprocessor(PlotlyCharts, enabled=True)
    return result


# ---------------------------------------------------------------- links
LINK = re.compile(r'(\b(?:href|src)=")([^"]*)(")')


def site_path(source: str) -> str:
    """Where a course file (a path from the course folder) is in the site."""
    if source == "README.md":
        return "index.html"
    if source.endswith(".ipynb") or source in DOCUMENTS:
        return source.rsplit(".", 1)[0] + ".html"
    return source


def rewrite_links(text: str, page_source: str, out: Path, page_dir: str | None = None) -> str:
    """Point the relative links of the page made from ``page_source`` at the site's pages; copy other files in.

    Links are read relative to the source's folder, and written relative to ``page_dir``, the page's folder in the
    site (by default the same)."""
    here = Path(page_source).parent
    there = Path(page_dir) if page_dir else here

    def fix(match: re.Match) -> str:
        target = html.unescape(match.group(2))
        if not target or target.startswith(("#", "data:", "mailto:")) or re.match(r"^[a-z][a-z0-9+.-]*:", target):
            return match.group(0)
        path, _, fragment = target.partition("#")
        if os.path.normpath(there / path).startswith("assets" + os.sep):  # the site's own scripts and styles
            return match.group(0)
        source = (ROOT / here / path).resolve()
        try:
            relative = source.relative_to(ROOT).as_posix()
        except ValueError:
            raise SiteError(f"{page_source}: the link {target!r} points outside the course folder") from None
        if not source.is_file():
            raise SiteError(f"{page_source}: the link {target!r} points to {relative}, which does not exist")
        if relative.endswith(".ipynb") and not (out / site_path(relative)).is_file() and relative not in PAGES:
            raise SiteError(f"{page_source}: the link {target!r} points to {relative}, which is not a ready lesson")
        if site_path(relative) == relative:  # a data file or a picture: the site gets a copy
            (out / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, out / relative)
        new = Path(os.path.relpath(site_path(relative), there)).as_posix()
        return match.group(1) + html.escape(new + (f"#{fragment}" if fragment else "")) + match.group(3)

    return LINK.sub(fix, text)


PAGES: set[str] = set()  # the notebooks the site is making pages for (filled in by build)


# ---------------------------------------------------------------- pages
BAR = "<!-- course-site-bar -->"  # where a notebook page gets its bar, once its links are rewritten


def bar(source: str) -> str:
    """The links at the top of every page."""
    up = "../" * source.count("/")
    links = [("index.html", "Course map"), ("docs/glossary.html", "Glossary"),
             ("docs/instructor_guide.html", "Instructor guide"), ("data/README.html", "Data")]
    items = "".join(f'<a href="{up}{href}">{label}</a>' for href, label in links)
    return f'<nav class="course-site-bar"><strong>Giving Up the Bomb</strong>{items}</nav>'


def slug(text: str) -> str:
    """A heading's anchor as GitHub makes it (the guide's index links to these): the rule of ``make sync``."""
    return anchor(re.sub(r"<[^>]+>", "", html.unescape(text)))[1:]


class _Headings(mistune.HTMLRenderer):
    def heading(self, text, level, **attrs):
        return f'<h{level} id="{slug(text)}">{text}</h{level}>\n'


MARKDOWN = mistune.create_markdown(renderer=_Headings(escape=False), plugins=["table", "strikethrough", "url"])


def document_page(title: str, body: str, source: str) -> str:
    up = "../" * source.count("/")
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{html.escape(title)}</title>\n'
            f'<link rel="stylesheet" href="{up}assets/site.css">\n</head>\n<body class="course-doc">\n{bar(source)}\n'
            f'<main>\n{body}\n</main>\n</body>\n</html>\n')


def readme_intro() -> str:
    """The README's opening paragraphs (what the course is, its question, who it is for), without the badge."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    intro = text.split("\n## ", 1)[0].split("\n", 1)[1]
    return "\n".join(line for line in intro.splitlines() if not line.startswith("[!["))


def index_page(out: Path, with_slides: bool) -> str:
    rows = []
    for lesson in lessons():
        if not lesson.ready:
            rows.append(f"<tr><td>{lesson.number}</td><td>{html.escape(lesson.title)}<br><small>"
                        f"{html.escape(lesson.covers)}</small></td><td colspan=\"2\">in preparation</td></tr>")
            continue
        page = f"{lesson.stem}.html"
        also = [f'<a href="exercises/{page}">exercises</a>', f'<a href="solutions/{page}">worked solutions</a>']
        if with_slides:
            also.append(f'<a href="slides/{page}">slides</a>')
        rows.append(f'<tr><td>{lesson.number}</td><td><a href="notebooks/{page}">{html.escape(lesson.title)}</a><br>'
                    f"<small>{html.escape(lesson.covers)}</small></td><td>{' · '.join(also)}</td>"
                    f"<td><small>{html.escape(lesson.time)}</small></td></tr>")
    table = ('<table id="course-map">\n<tr><th>lesson</th><th>title and topics</th><th>also</th><th>time</th></tr>\n'
             + "\n".join(rows) + "\n</table>")
    intro = rewrite_links(MARKDOWN(readme_intro()), "README.md", out)
    body = (f"<h1>Giving Up the Bomb</h1>\n{intro}\n"
            '<h2 id="course-map-heading">Course map</h2>\n'
            "<p>This is the course as a website to read: the charts are interactive, but nothing here runs code. To run "
            "the notebooks and check your answers, open the course in JupyterLab (see the README).</p>\n"
            f"{table}\n<p>For instructors: the <a href=\"docs/instructor_guide.html\">instructor guide</a> (session plans "
            'and grading). For everyone: the <a href="docs/glossary.html">glossary</a> and the '
            '<a href="data/README.html">course data</a>.</p>')
    return document_page("Giving Up the Bomb", body, "index.html")


def notebook_page(path: Path, out: Path) -> Path:
    source = path.relative_to(ROOT).as_posix()
    nb = nbformat.read(path, as_version=4)
    lesson = next(lesson for lesson in lessons() if lesson.file == path.name)
    nb.metadata["title"] = FOLDER_TITLES[path.parent.name].format(label=lesson.label)
    charts = stored_charts(nb) > 0
    resources = {"course": {"prefix": "../", "bar": BAR, "charts": charts}}  # plotly.js only where there are charts
    body, _ = exporter("course_page").from_notebook_node(nb, resources=resources)
    target = out / site_path(source)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(rewrite_links(body, source, out).replace(BAR, bar(source), 1), encoding="utf-8")
    return target


def copy_assets(out: Path) -> None:
    """The one copy of each script and style sheet every page shares."""
    (out / "assets").mkdir(parents=True, exist_ok=True)
    if not PLOTLY_JS.is_file():
        raise SiteError(f"plotly.js is not where the plotly package keeps it ({PLOTLY_JS}): reinstall plotly")
    shutil.copyfile(PLOTLY_JS, out / "assets" / "plotly.min.js")
    for asset in ASSETS.iterdir():
        shutil.copyfile(asset, out / "assets" / asset.name)


def build(out: Path, slides: bool = True) -> list[Path]:
    """Write the site into ``out`` and return the pages written."""
    out.mkdir(parents=True, exist_ok=True)
    copy_assets(out)
    notebooks = [path for folder in FOLDERS for path in lesson_paths(folder)]
    PAGES.update(path.relative_to(ROOT).as_posix() for path in notebooks)
    written = [notebook_page(path, out) for path in notebooks]
    for source, title in DOCUMENTS.items():
        body = rewrite_links(MARKDOWN((ROOT / source).read_text(encoding="utf-8")), source, out)
        target = out / site_path(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(document_page(title, body, source), encoding="utf-8")
        written.append(target)
    (out / "index.html").write_text(index_page(out, slides), encoding="utf-8")
    written.append(out / "index.html")
    if slides:
        from tools import slides as slide_tool

        written += slide_tool.build(out)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "site", help="folder to write the site into (default: site/)")
    parser.add_argument("--no-slides", action="store_true", help="leave out the slides (see tools.slides)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        written = build(args.out.resolve(), slides=not args.no_slides)
    except SiteError as exc:
        print(f"make site: {exc}", file=sys.stderr)
        return 1
    print(f"{len(written)} pages written to {args.out} in {time.perf_counter() - start:.1f} s; "
          f"open {args.out / 'index.html'} in a browser")
    return 0


if __name__ == "__main__":
    sys.exit(main())
