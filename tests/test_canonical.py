"""Committed notebooks are canonical: run in order on a fresh kernel, plotly JSON only, small."""

import copy


import nbformat
import pytest

from tools.notebooks import PLOTLY_JSON, all_notebooks, canonicalise, relative, write

ALL = all_notebooks()



@pytest.mark.parametrize("path", ALL, ids=relative)
def test_executed_in_order_on_a_fresh_kernel(path):
    counts = [c.execution_count for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1)), "run `make execute`"


@pytest.mark.parametrize("path", ALL, ids=relative)
def test_plotly_outputs_only_as_plotly_json(path):
    raw = path.read_text(encoding="utf-8")
    assert "cdn.plot.ly" not in raw and "plotly.js v" not in raw and "cdn.jsdelivr" not in raw
    for cell in nbformat.read(path, as_version=4).cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if PLOTLY_JSON in data:
                assert set(data) == {PLOTLY_JSON}, f"extra representations beside a chart: {set(data)}"


@pytest.mark.parametrize("path", ALL, ids=relative)
def test_every_chart_says_its_source_and_has_a_title(path):
    for cell in nbformat.read(path, as_version=4).cells:
        for output in cell.get("outputs", []):
            figure = output.get("data", {}).get(PLOTLY_JSON)
            if figure:
                layout = figure["layout"]
                notes = [a.get("text", "") for a in layout.get("annotations", [])]
                assert any(n.startswith(("Source", "Sources")) for n in notes), "chart without a source line"
                assert layout.get("title", {}).get("text"), "chart without a title"


@pytest.mark.parametrize("path", ALL, ids=relative)
def test_nothing_volatile_is_stored(path):
    nb = nbformat.read(path, as_version=4)
    assert canonicalise(copy.deepcopy(nb)) == nb, "run `make execute` to canonicalise"


@pytest.mark.parametrize("path", ALL, ids=relative)
def test_small(path):
    """Quick to open on Binder and in git: under 300 KB (issue "Speed"); each chart is stored on one line."""
    assert path.stat().st_size < 300_000
    text = path.read_text(encoding="utf-8")
    assert text == _written(nbformat.read(path, as_version=4)), "write notebooks with tools.notebooks.write"


def _written(nb):
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "nb.ipynb"
        write(nb, target)
        return target.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", ALL, ids=relative)
def test_no_range_is_shown_as_n_to_n_and_no_unknown_as_zero(path):
    """Found in review: hovers read "780–780", and an unknown tactical count was shown as "0–0". A range whose ends
    agree is one number (course.estimate), and an unknown is "not known", never 0."""
    import json
    import re

    for cell in nbformat.read(path, as_version=4).cells:
        text = json.dumps(cell.get("outputs", []), ensure_ascii=False)
        same = re.findall(r"(?<![\d,.])(\d[\d,]*)–\1(?![\d,])", text)
        assert not same, f"a range shown as N–N: {same[:3]}"
