"""Expected-answer makers shared by several lessons' questions."""

from ..data import load


def events_in_order(event_ids: list[str]) -> list[str]:
    """The given event ids, sorted by their date in events.csv (earliest first)."""
    events = load("events")
    return list(events[events["event_id"].isin(event_ids)].sort_values("date")["event_id"])
