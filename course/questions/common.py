"""Expected-answer makers shared by several lessons' questions."""

from ..data import load


def in_date_order(table: str, id_column: str, ids: list[str]) -> list[str]:
    """The given ids of rows in ``table``, sorted by the rows' ``date`` (earliest first)."""
    rows = load(table)
    return list(rows[rows[id_column].isin(ids)].sort_values("date")[id_column])


def events_in_order(event_ids: list[str]) -> list[str]:
    """Event ids sorted by their date in events.csv."""
    return in_date_order("events", "event_id", event_ids)


def agreements_in_order(agreement_ids: list[str]) -> list[str]:
    """Agreement ids sorted by their date in negotiations.csv."""
    return in_date_order("negotiations", "agreement_id", agreement_ids)
