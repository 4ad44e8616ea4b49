"""Load the course's data tables by name, from any working directory.

Every table is a CSV file in ``data/`` described in ``data/datapackage.json``
(Frictionless Table Schema). ``load("events")`` reads the file, gives every
column the type the schema declares, and raises :class:`DataFileError`, naming
the file, when the file is missing or does not match its schema.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import pandas as pd

__all__ = ["DataFileError", "data_dir", "load", "source_ids_in", "cite", "bibliography", "boundaries"]


class DataFileError(Exception):
    """A data file is missing or malformed. The message names the file."""


def data_dir() -> Path:
    """The ``data/`` folder: ``$COURSE_DATA_DIR`` if set, else the one beside this package."""
    override = os.environ.get("COURSE_DATA_DIR")
    if not override:
        return _BESIDE
    return _resolved(override) if os.path.isabs(override) else Path(override).resolve()


_BESIDE = Path(__file__).resolve().parent.parent / "data"


@lru_cache(maxsize=None)
def _resolved(folder: str) -> Path:
    return Path(folder).resolve()  # every citation in every hover card asks: resolve each folder once


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataFileError(f"Data file not found: {path}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DataFileError(f"{path} is not valid JSON: {exc}") from None


def _descriptor() -> dict:
    return _read_json(data_dir() / "datapackage.json")


def _resource(name: str) -> dict:
    resources = {r["name"]: r for r in _descriptor()["resources"]}
    if name not in resources:
        known = ", ".join(sorted(resources))
        raise DataFileError(f"There is no table called {name!r} in data/datapackage.json. Tables: {known}.")
    return resources[name]


def _convert(cells: list[str], field: dict, path: Path, index: pd.Index) -> pd.Series:
    """Give one column (its stripped cells, "" where empty) the type its schema field declares.

    Plain lists and one pandas call per column: a lesson loads a table or eight on a fresh kernel, and a chain of
    Series operations per column cost more than reading the file (README, "Speed")."""
    kind = field.get("type", "string")
    present = np.array([cell if cell != "" else None for cell in cells], dtype=object)
    try:
        if kind == "integer":
            values = pd.to_numeric(pd.Series(present, index=index, dtype=object), errors="raise")
            if (values.dropna() % 1 != 0).any():
                raise ValueError("a value is not a whole number")
            return values.astype("Int64")
        if kind == "number":
            return pd.to_numeric(pd.Series(present, index=index, dtype=object), errors="raise").astype("Float64")
        if kind == "date":
            return pd.to_datetime(pd.Series(present, index=index, dtype=object), format="%Y-%m-%d", errors="raise")
        if kind == "boolean":
            mapping = {"true": True, "false": False}
            unknown = {cell.lower() for cell in cells if cell != ""} - set(mapping)
            if unknown:
                raise ValueError(f"not true/false: {sorted(unknown)}")
            return pd.Series([mapping.get(cell.lower()) for cell in cells], index=index, dtype="boolean")
    except (ValueError, TypeError) as exc:
        raise DataFileError(
            f"{path}: column {field['name']!r} should hold {kind} values but does not ({exc})."
        ) from None
    return pd.Series(present, index=index, dtype="string")


@lru_cache(maxsize=None)
def _load_cached(name: str, folder: str) -> pd.DataFrame:
    resource = _resource(name)
    path = Path(folder) / resource["path"]
    if not path.exists():
        raise DataFileError(f"Data file not found: {path} (table {name!r}).")
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise DataFileError(f"{path} could not be read as CSV: {exc}") from None

    fields = resource["schema"]["fields"]
    expected = [f["name"] for f in fields]
    if list(raw.columns) != expected:
        missing = [c for c in expected if c not in raw.columns]
        extra = [c for c in raw.columns if c not in expected]
        raise DataFileError(
            f"{path}: columns do not match data/datapackage.json "
            f"(missing: {missing or 'none'}; unexpected: {extra or 'none'})."
        )
    columns = {}
    for field in fields:
        cells = [cell.strip() for cell in raw[field["name"]].tolist()]
        constraints = field.get("constraints", {})
        if constraints.get("required") and "" in cells:
            row = cells.index("") + 2  # +1 for the header, +1 for 1-based
            raise DataFileError(f"{path}: required column {field['name']!r} is empty on line {row}.")
        allowed = constraints.get("enum")
        if allowed:
            bad = sorted({cell for cell in cells if cell != ""} - set(allowed))
            if bad:
                raise DataFileError(f"{path}: column {field['name']!r} has values outside {allowed}: {bad}.")
        columns[field["name"]] = _convert(cells, field, path, raw.index)
    return pd.DataFrame(columns, index=raw.index)


def load(name: str) -> pd.DataFrame:
    """Return the table ``name`` (a resource of data/datapackage.json) as a typed DataFrame.

    >>> events = load("events")
    """
    return _load_cached(name, str(data_dir())).copy()


def source_ids_in(*parts) -> list[str]:
    """Every source id in ``parts``, once each, in order of first appearance.

    A part can be ``"id1;id2"``, a list of such strings, a Series of them, or a
    table with a ``source_ids`` column (all of its rows are counted).
    """
    found: list[str] = []
    for part in parts:
        if isinstance(part, pd.DataFrame):
            part = part["source_ids"]
        if isinstance(part, str):
            found += [i.strip() for i in part.split(";") if i.strip()]
        else:
            found += source_ids_in(*part)
    return list(dict.fromkeys(found))


def _known(ids: list[str], sources: pd.DataFrame) -> pd.DataFrame:
    by_id = sources.set_index("source_id")
    for source_id in ids:
        if source_id not in by_id.index:
            raise DataFileError(f"Unknown source id {source_id!r}: add it to {data_dir() / 'sources.csv'}.")
    return by_id


@lru_cache(maxsize=None)
def _short_citations(folder: str) -> dict[str, str]:
    """{source_id: "Publisher (year)"} for data/sources.csv in ``folder`` (read once: hover cards cite many rows)."""
    sources = _load_cached("sources", folder)
    return {row.source_id: f"{row.publisher}" + (f" ({row.year})" if pd.notna(row.year) else "")
            for row in sources.itertuples()}


def cite(source_ids) -> str:
    """Short citations, ``"Publisher (year); Publisher (year)"``, for any parts ``source_ids_in`` accepts."""
    short = _short_citations(str(data_dir()))
    ids = source_ids_in(source_ids)
    unknown = [i for i in ids if i not in short]
    if unknown:
        raise DataFileError(f"Unknown source id {unknown[0]!r}: add it to {data_dir() / 'sources.csv'}.")
    return "; ".join(dict.fromkeys(short[i] for i in ids))


class Bibliography:
    """A reference list: one line per distinct source, with author, year, title, publisher, link and id.

    Shown as a list in a notebook; ``.table`` holds the rows of sources.csv it lists.
    """

    KINDS = {"primary_document": "primary document", "scholarship": "scholarship", "journalism": "journalism",
             "reference": "reference work", "data": "data", "mirror": "copy of another's text"}

    def __init__(self, table: pd.DataFrame):
        self.table = table

    def __len__(self) -> int:
        return len(self.table)

    def lines(self, markdown: bool = True) -> list[str]:
        out = []
        for row in self.table.itertuples():
            year = f"{row.year}" if pd.notna(row.year) else "n.d."
            title = f"*{row.title}*" if markdown else row.title
            link = f"[{_site(row.url)}]({row.url})" if markdown else row.url  # the site as the link's text: shorter
            kind = f" ({self.KINDS.get(row.kind, row.kind)})" if "kind" in self.table and pd.notna(row.kind) else ""
            out.append(f"{row.author} ({year}). {title}. {row.publisher}.{kind} {link} `{row.source_id}`")
        return out

    def _repr_markdown_(self) -> str:
        return "\n".join(f"- {line}" for line in self.lines())

    def __repr__(self) -> str:  # the list itself is shown as markdown; print(...) gives the plain lines
        return f"<Bibliography: {len(self)} sources>"

    def __str__(self) -> str:
        return "\n".join(self.lines(markdown=False))


def _site(url) -> str:
    """The site a link points to ("fas.org" for http://www.fas.org/...), as a reference list shows it."""
    if not isinstance(url, str) or not url:
        return ""
    host = urlsplit(url).netloc.lower()
    return host[4:] if host.startswith("www.") else host or url


def bibliography(*parts) -> Bibliography:
    """The reference list of the sources cited by ``parts`` (tables, id strings…), sorted by author and year."""
    sources = load("sources")
    ids = source_ids_in(*parts)
    _known(ids, sources)
    cited = sources[sources["source_id"].isin(ids)]
    order = cited["author"].str.lower().str.replace(r"^the ", "", regex=True)
    return Bibliography(cited.assign(_order=order).sort_values(["_order", "year"]).drop(columns="_order")
                        .reset_index(drop=True))


@lru_cache(maxsize=None)
def _boundaries_cached(folder: str) -> dict:
    return _read_json(Path(folder) / "boundaries" / "successor_states.geojson")


def boundaries() -> dict:
    """Country boundaries (GeoJSON, internationally recognised borders) shipped in data/boundaries/."""
    return _boundaries_cached(str(data_dir()))
