"""The view in the URL: `?date=YYYY-MM-DD&year=2013,2014&lang=de|en&tiles=none|basemap|osm`,
plus `&release=ID` when a press release is selected, and `&view=report&aspect=16:9|4:3|1:1`
for the view for reports (only the map, at that aspect ratio).

Parsing never raises: an invalid value falls back to its default and yields a notice, so a
shared link always opens and says what it could not use.
"""

from __future__ import annotations

__all__ = ["ASPECTS", "TILES", "VIEWS", "ViewState", "frame_of", "parse_view", "view_to_query"]

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from datetime import date

from geo.i18n import LANGUAGES, t

TILES = ("none", "basemap", "osm")
VIEWS = ("map", "report")
# The report view's aspect ratios (width, height); the first is the default.
ASPECTS = {"16:9": (16, 9), "4:3": (4, 3), "1:1": (1, 1)}
# A notice quotes at most this many characters of a value, and names at most this many years.
MAX_QUOTED = 40
MAX_YEAR_NOTICES = 3
# Only these shapes are parsed, so no other spelling of a date is taken and no digit string is
# long enough for `int` to refuse it (Python's 4,300-digit limit).
DATE_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
YEAR_PATTERN = re.compile(r"[0-9]{4}")
# A longer `year` value (20 years with commas) is refused whole, which also bounds its parts.
MAX_YEARS_LENGTH = 100


@dataclass(frozen=True)
class ViewState:
    """What a link restores: the date, the chosen start years (empty = all), language, tiles,
    the selected press release (empty = none), the page (`map` or `report`) and the report
    view's aspect ratio."""

    day: date
    years: tuple[int, ...] = ()
    lang: str = "de"
    tiles: str = "none"
    release: str = ""
    view: str = "map"
    aspect: str = "16:9"


def _shortened(value: str) -> str:
    """A parameter value short enough to quote in a notice."""
    return value if len(value) <= MAX_QUOTED else value[: MAX_QUOTED - 1] + "…"


def _first(value: str | list[str] | None) -> str | None:
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _choice(
    params: Mapping[str, str | list[str]],
    name: str,
    allowed: tuple[str, ...],
    notices: list[tuple[str, str]],
) -> str | None:
    """The parameter's value when it is one of `allowed`; otherwise None and a notice (an empty
    value, as in `?release=`, counts as absent)."""
    value = _first(params.get(name)) or None
    if value is not None and value not in allowed:
        notices.append((f"bad_{name}", value))
        return None
    return value


def _parse_day(value: str) -> date | None:
    """The day `value` names as `YYYY-MM-DD` in ASCII digits, or None (also for `20160701`,
    `2016-W27-5` or `2016-02-30`, which are no such day)."""
    if not DATE_PATTERN.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def parse_view(
    params: Mapping[str, str | list[str]],
    *,
    default: ViewState,
    first_day: date,
    last_day: date,
    years: tuple[int, ...],
    releases: Collection[str] = (),
) -> tuple[ViewState, list[str]]:
    """The view a query string asks for, and one notice per value that could not be used.

    `releases` are the known press-release ids; any other `release` value becomes a notice.
    """
    view, notices = default, []
    lang = _choice(params, "lang", LANGUAGES, notices)
    if lang is not None:
        view = replace(view, lang=lang)
    raw_date = _first(params.get("date")) or None
    if raw_date is not None:
        day = _parse_day(raw_date)
        if day is None:
            notices.append(("bad_date", raw_date))
        elif first_day <= day <= last_day:
            view = replace(view, day=day)
        else:
            notices.append(("date_out_of_range", raw_date))
    raw_years = _first(params.get("year"))
    if raw_years and len(raw_years) > MAX_YEARS_LENGTH:
        notices.append(("bad_year", raw_years))
    elif raw_years:
        chosen, bad = [], []
        for part in (p.strip() for p in raw_years.split(",")):
            if YEAR_PATTERN.fullmatch(part) and int(part) in years:
                chosen.append(int(part))
            elif part and part not in bad:
                bad.append(part)
        notices += [("bad_year", part) for part in bad[:MAX_YEAR_NOTICES]]
        view = replace(view, years=tuple(sorted(set(chosen))))
    tiles = _choice(params, "tiles", TILES, notices)
    if tiles is not None:
        view = replace(view, tiles=tiles)
    release = _choice(params, "release", tuple(releases), notices)
    if release is not None:
        view = replace(view, release=release)
    page, aspect = _frame(params, notices)
    view = replace(view, view=page or view.view, aspect=aspect or view.aspect)
    messages = [
        t(
            key,
            view.lang,
            value=_shortened(value),
            first=first_day.isoformat(),
            last=last_day.isoformat(),
        )
        for key, value in notices
    ]
    return view, messages


def _frame(
    params: Mapping[str, str | list[str]], notices: list[tuple[str, str]]
) -> tuple[str | None, str | None]:
    """The `view` and `aspect` values of `params` (None where absent or not allowed)."""
    return _choice(params, "view", VIEWS, notices), _choice(
        params, "aspect", tuple(ASPECTS), notices
    )


def frame_of(params: Mapping[str, str | list[str]]) -> tuple[str, str]:
    """The page and aspect ratio a query string asks for, defaults where it names none or no
    allowed one (`parse_view` reports those as notices)."""
    page, aspect = _frame(params, [])
    return page or VIEWS[0], aspect or next(iter(ASPECTS))


def view_to_query(view: ViewState) -> dict[str, str]:
    """The query parameters that restore `view` (all years = no `year` parameter, the map page =
    no `view`); years are sorted, so one selection always gives one link whatever order the
    pills were clicked in."""
    query = {"date": view.day.isoformat(), "lang": view.lang, "tiles": view.tiles}
    if view.years:
        query["year"] = ",".join(str(y) for y in sorted(set(view.years)))
    if view.release:
        query["release"] = view.release
    if view.view != VIEWS[0]:
        query["view"] = view.view
        query["aspect"] = view.aspect
    return query
