"""Question specifications: written once, in the solution masters, beside each prompt.

A question is specified in a *raw* cell tagged ``question``, right after its prompt (a markdown cell), in YAML:

    id: Q02.5                  # Q + lesson number + . + question number
    kind: choice               # number | date | choice | order | table
    objective: 3               # the learning objective(s) it assesses: a number or a list
    lookup: false              # true if the answer can be read off something the lesson shows
    choices:                   # choice questions: the options, in the order shown
      A: to hand the strategic forces ... for good
      B: to become parties to START I ...
    answer: B                  # a conceptual choice question fixes its letter here; otherwise the expected
                               # answer is computed by a function in course/questions/lessonNN.py
    values: {A: treaty, B: ...}  # optional: the data value each letter stands for, when that function
                               # returns a value from data/ rather than a letter
    hint: ...                  # said with ✘: teaches the method, never names the answer
    praise: ...                # said with ✔: what the result means
    feedback: {A: ..., C: ...} # optional, choice questions: the ✘ line for that wrong letter, instead of the
                               # hint (it must not name the right option); table questions: {key value: ...}, said
                               # instead of the hint when that row has a wrong cell (a method, never the value)
    tolerance: 0.5             # number questions, and the number cells of a table: absolute tolerance (default 0)
    key: aspect                # table questions: the column rows are matched on (1, 1.0 and "1" alike)
    columns: [aspect, holder]  #   and the columns the table must have
    accept: {4: {holder: [a, null]}}  # optional, table questions: key value -> column -> other values that also
                               # count as right in that cell, where more than one is defensible (null: empty)
    codes: {holder: [a, b, null]}     # optional, table questions: the codes a text column may hold (null:
                               # empty); a wrong value outside them is told the list
    stretch: true              # optional: a harder question students may skip

``make sync`` writes the option list under each choice prompt (in the master, and so in ``exercises/``) and
gathers every specification into ``course/questions/specs.json``, which ``course.check`` reads.
"""

from __future__ import annotations

import json
import re

import nbformat
import yaml

from course.lessons import lessons
from tools.notebooks import ROOT

SPECS = ROOT / "course" / "questions" / "specs.json"
TAG = "question"
KINDS = {"number", "date", "choice", "order", "table"}
REQUIRED = {"id", "kind", "objective", "lookup", "hint", "praise"}
OPTIONAL = {"choices", "answer", "values", "feedback", "tolerance", "key", "columns", "accept", "codes", "stretch"}
ID = re.compile(r"Q(\d\d)\.(\d+)")
OPTION_LINE = re.compile(r"^- [A-Z]\. ")


class SpecError(ValueError):
    """A question specification in a solution master is malformed; the message names the notebook and question."""


def parse(source: str, where: str) -> dict:
    """Read and check one question's YAML."""
    try:
        spec = yaml.safe_load(source)
    except yaml.YAMLError as exc:
        raise SpecError(f"{where}: a question cell is not valid YAML ({exc})") from None
    if not isinstance(spec, dict):
        raise SpecError(f"{where}: a question cell must hold a YAML mapping")
    qid = spec.get("id", "?")
    missing, unknown = REQUIRED - set(spec), set(spec) - REQUIRED - OPTIONAL
    if missing or unknown:
        raise SpecError(f"{where} {qid}: missing {sorted(missing) or 'nothing'}, unknown {sorted(unknown) or 'nothing'}")
    if not ID.fullmatch(str(qid)):
        raise SpecError(f"{where}: question id {qid!r} is not like Q02.5")
    if spec["kind"] not in KINDS:
        raise SpecError(f"{where} {qid}: kind {spec['kind']!r} is not one of {sorted(KINDS)}")
    objectives = spec["objective"] if isinstance(spec["objective"], list) else [spec["objective"]]
    if not objectives or not all(isinstance(o, int) and o > 0 for o in objectives):
        raise SpecError(f"{where} {qid}: objective must be a number or a list of numbers")
    spec["objective"] = objectives
    if not isinstance(spec["lookup"], bool):
        raise SpecError(f"{where} {qid}: lookup must be true or false")
    choices = spec.get("choices")
    if spec["kind"] == "choice":
        if not isinstance(choices, dict) or list(choices) != [chr(65 + i) for i in range(len(choices))] or len(choices) < 2:
            raise SpecError(f"{where} {qid}: a choice question needs choices lettered A, B, C… in order")
        if not all(isinstance(text, str) for text in choices.values()):
            raise SpecError(f"{where} {qid}: every choice must be text (quote words YAML reads otherwise, like yes or 1)")
        if "answer" in spec and spec["answer"] not in choices:
            raise SpecError(f"{where} {qid}: answer {spec['answer']!r} is not one of its choices")
        if set(spec.get("values", {})) - set(choices):
            raise SpecError(f"{where} {qid}: values are given for letters that are not choices")
        if len(set(spec.get("values", {}).values())) != len(spec.get("values", {})):
            raise SpecError(f"{where} {qid}: two letters stand for the same value")
        feedback = spec.get("feedback", {})
        if not isinstance(feedback, dict) or set(feedback) - set(choices):
            raise SpecError(f"{where} {qid}: feedback is given for letters that are not choices")
        if not all(isinstance(text, str) and text.strip() for text in feedback.values()):
            raise SpecError(f"{where} {qid}: every feedback must be text")
        if spec.get("answer") in feedback:
            raise SpecError(f"{where} {qid}: feedback is for wrong letters; {spec['answer']} is the answer")
    elif choices or "answer" in spec or "values" in spec or ("feedback" in spec and spec["kind"] != "table"):
        raise SpecError(f"{where} {qid}: only choice questions have choices, answer or values, and only choice and "
                        "table questions feedback")
    if spec["kind"] == "table":
        if not (spec.get("key") and spec.get("columns") and spec["key"] in spec["columns"]):
            raise SpecError(f"{where} {qid}: a table question needs a key that is one of its columns")
        _check_accept_and_codes(spec, f"{where} {qid}")
        feedback = spec.get("feedback", {})
        if not isinstance(feedback, dict) or not all(isinstance(line, str) for line in feedback.values()):
            raise SpecError(f"{where} {qid}: a table's feedback maps a key value to the line said for that row")
        if feedback:
            spec["feedback"] = {str(key): line for key, line in feedback.items()}  # JSON keys are text
    elif "accept" in spec or "codes" in spec:
        raise SpecError(f"{where} {qid}: only table questions have accept or codes")
    return spec


def _cell_values(values, what: str) -> list:
    """A list of cell values (text, numbers, null for empty), as ``accept`` and ``codes`` give them."""
    if not isinstance(values, list) or not values:
        raise SpecError(f"{what} must be a list of values, e.g. [broken, disputed, null]")
    for value in values:
        if isinstance(value, bool) or not (value is None or isinstance(value, (str, int, float))):
            raise SpecError(f"{what}: {value!r} is not text, a number or null (quote words YAML reads otherwise, "
                            "like yes or no)")
    return values


def _check_accept_and_codes(spec: dict, where: str) -> None:
    """``accept: {key value: {column: [values]}}`` and ``codes: {column: [values]}`` name value columns only;
    accept's keys are written as text in specs.json (JSON keys are text; the check matches 4 and "4" alike)."""
    value_columns = [c for c in spec["columns"] if c != spec["key"]]
    codes = spec.get("codes", {})
    if not isinstance(codes, dict):
        raise SpecError(f"{where}: codes must map a column to its list of codes")
    for column, values in codes.items():
        if column not in value_columns:
            raise SpecError(f"{where}: codes names {column!r}, which is not one of its value columns {value_columns}")
        _cell_values(values, f"{where}: codes of {column!r}")
    accept = spec.get("accept", {})
    if not isinstance(accept, dict) or not all(isinstance(cells, dict) for cells in accept.values()):
        raise SpecError(f"{where}: accept must map a key value to {{column: [values]}}")
    for key, cells in accept.items():
        for column, values in cells.items():
            if column not in value_columns:
                raise SpecError(f"{where}: accept names {column!r}, which is not one of its value columns "
                                f"{value_columns}")
            _cell_values(values, f"{where}: accept for {key!r}, {column!r}")
            if column in codes and set(values) - set(codes[column]):
                raise SpecError(f"{where}: accept for {key!r} gives {sorted(map(str, set(values) - set(codes[column])))}, "
                                f"which are not among the codes of {column!r}")
    if "accept" in spec:
        spec["accept"] = {str(key): cells for key, cells in accept.items()}


def specs_in(nb: nbformat.NotebookNode, where: str) -> list[tuple[int, dict]]:
    """(cell index, spec) for every question cell of a master notebook."""
    found = []
    for index, cell in enumerate(nb.cells):
        if TAG in cell.metadata.get("tags", []):
            if cell.cell_type != "raw":
                raise SpecError(f"{where}: cell {index} is tagged '{TAG}' but is not a raw cell")
            if index == 0 or nb.cells[index - 1].cell_type != "markdown":
                raise SpecError(f"{where}: the question cell {index} must follow its prompt (a markdown cell)")
            found.append((index, parse(cell.source, where)))
    return found


def all_specs() -> dict[str, dict]:
    """Every question of every ready lesson, by id; ids are unique and numbered by their lesson."""
    specs: dict[str, dict] = {}
    for lesson in (lesson for lesson in lessons() if lesson.ready):
        path = ROOT / "solutions" / lesson.file
        where = str(path.relative_to(ROOT))
        for _, spec in specs_in(nbformat.read(path, as_version=4), where):
            if spec["id"] in specs:
                raise SpecError(f"{where}: question id {spec['id']} is used twice")
            if ID.fullmatch(spec["id"]).group(1) != lesson.number:
                raise SpecError(f"{where}: question {spec['id']} is numbered for another lesson")
            specs[spec["id"]] = spec
    return specs


def specs_json() -> str:
    return json.dumps(all_specs(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def option_list(spec: dict) -> str:
    return "\n".join(f"- {letter}. {text}" for letter, text in spec["choices"].items())


def with_option_lists(nb: nbformat.NotebookNode, where: str = "a solution master") -> nbformat.NotebookNode:
    """Rewrite the option list at the end of every choice question's prompt from its specification."""
    for index, spec in specs_in(nb, where):
        if spec["kind"] != "choice":
            continue
        prompt = nb.cells[index - 1]
        lines = prompt.source.rstrip().splitlines()
        while lines and (OPTION_LINE.match(lines[-1]) or not lines[-1].strip()):
            lines.pop()
        prompt.source = "\n".join(lines) + "\n\n" + option_list(spec)
    return nb


class _Dumper(yaml.SafeDumper):
    """Long text as folded blocks (``>-``), so hints and praise read as prose."""


_Dumper.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style=">" if len(text) > 100 and "\n" not in text else None))


def dump(spec: dict) -> str:
    """A specification as YAML, in the order of the module docstring (for tools that write question cells)."""
    order = ["id", "kind", "objective", "lookup", "stretch", "choices", "answer", "values", "feedback", "tolerance",
             "key", "columns", "accept", "codes", "hint", "praise"]
    spec = {key: spec[key] for key in order if key in spec}
    if isinstance(spec.get("objective"), list) and len(spec["objective"]) == 1:
        spec["objective"] = spec["objective"][0]
    return yaml.dump(spec, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110).strip()
