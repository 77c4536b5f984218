"""The `python -m geo press parse FILE [--json]` command: a listing's records as text or JSON."""

from __future__ import annotations

__all__ = [
    "run_parse_cli",
    "to_json_records",
]

import json
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from geo.errors import PressFormatError
from geo.sources.press import PressRelease
from geo.sources.press_counts import CountMention
from geo.sources.press_listing import read_listing


def to_json_records(releases: Iterable[PressRelease]) -> list[dict[str, object]]:
    """Plain dicts with exactly the CLI's keys: date (ISO or None), tags, title, text, places
    ([{ars, name}]), counts ([{value, kind, phrase, total}], `total` None when the text states
    none: "52 der 54 Kreise" is value 52, total 54) and event_dates (ISO texts)."""
    return [
        {
            "date": r.date.text or None,
            "tags": list(r.tags),
            "title": r.title,
            "text": r.text,
            "places": [{"ars": p.ars, "name": p.name} for p in r.places],
            "counts": [
                {"value": c.value, "kind": c.kind, "phrase": c.phrase, "total": c.total}
                for c in r.counts
            ],
            "event_dates": [d.text for d in r.event_dates],
        }
        for r in releases
    ]


def run_parse_cli(path: Path, *, as_json: bool, out: TextIO, err: TextIO) -> int:
    """`python -m geo press parse FILE [--json]`: print the records; 1 with a message on error."""
    try:
        releases = read_listing(path)
    except PressFormatError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=err)
        return 1
    if as_json:
        json.dump(to_json_records(releases), out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    for r in releases:
        head = r.date.text or "undated"
        tags = f" [{', '.join(r.tags)}]" if r.tags else ""
        print(f"{head}{tags} (line {r.line}): {r.title or _shorten(r.text)}", file=out)
        if r.places:
            print("  places: " + ", ".join(f"{p.name} ({p.ars})" for p in r.places), file=out)
        if r.ambiguous:
            print("  ambiguous: " + ", ".join(r.ambiguous), file=out)
        if r.counts:
            print("  counts: " + ", ".join(_count_text(c) for c in r.counts), file=out)
        if r.event_dates:
            print("  event dates: " + ", ".join(d.text for d in r.event_dates), file=out)
    return 0


def _shorten(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _count_text(count: CountMention) -> str:
    """One count as text: "16 (16 Standorte)", "51. (51. Zentrums)", "52 von 54 (52 der 54 …)"."""
    number = f"{count.value}{'.' if count.kind == 'ordinal' else ''}"
    if count.total is not None:
        number += f" von {count.total}"
    return f"{number} ({count.phrase})"
