"""One data row of an upload turned into the fields of a `Centre`: every cell checked, its
coordinates inside the NRW box, each problem kept with its line, column and value."""

from __future__ import annotations

__all__ = ["SiteRow", "reason"]

import math
from collections.abc import Callable, Mapping
from typing import Any

from geo.errors import DataProblem
from geo.i18n import Message
from geo.ingest.cellvalues import (
    parse_coordinate,
    parse_precision,
    parse_sources,
    parse_upload_date,
    split_address,
    with_precision,
)
from geo.ingest.rawtable import start_of, too_long
from geo.ingest.upload_limits import UploadLimits
from geo.sources.centres import NRW_BBOX
from geo.sources.fuzzydate import FuzzyDate

_UNKNOWN = FuzzyDate.unknown()


class SiteRow:
    """One data row being converted; collects its problems with file, line, column and value."""

    def __init__(
        self,
        line: int,
        cells: dict[str, str],
        mapping: Mapping[str, str | None],
        file: str,
        limits: UploadLimits,
    ) -> None:
        self.line, self.cells, self.mapping, self.file = line, cells, mapping, file
        self.limits = limits
        self.problems: list[DataProblem] = []

    def text(self, field: str) -> str:
        return self.cells.get(field, "").strip()

    def fail(self, field: str, message: Message, value: str | None = None) -> None:
        shown = self.cells.get(field, "") if value is None else value
        self.problems.append(
            DataProblem(self.file, self.line, self.mapping.get(field), shown, message)
        )

    def convert(self, field: str, convert: Callable[[str], Any], default: Any) -> Any:
        try:
            return convert(self.text(field))
        except ValueError as exc:
            self.fail(field, reason(exc))
            return default

    def fields(self) -> dict[str, Any] | None:
        """The row as `Centre` fields (Kreis still empty), or None when a cell has a problem."""
        for field, cell in self.cells.items():
            limit = self.limits.max_cell_chars if field == "source" else self.limits.max_text_chars
            if len(cell) > limit:
                self.fail(field, too_long(cell, limit), start_of(cell))
        if self.problems:
            return None
        name = self.text("name")
        if not name:
            self.fail("name", Message("problem_empty_name"))
        start = self.convert("start", parse_upload_date, _UNKNOWN)
        precision = self.convert("precision", parse_precision, None)
        try:
            start = with_precision(start, precision)
        except ValueError as exc:
            self.fail("precision", reason(exc))
        approval = self.convert("approval", parse_upload_date, _UNKNOWN)
        sources = self.convert("source", parse_sources, ()) if self.text("source") else ()
        street, postcode, town = split_address(self.text("address"))
        postcode = self.text("postcode") or postcode
        town = self.text("town") or town
        lat, lon = self._coordinates(bool(street or postcode or town))
        if self.problems:
            return None
        return {
            "id": f"upload-{self.line}",
            "ars": "",
            "territory": "",
            "territory_type": "",
            "regierungsbezirk": "",
            "name": name,
            "street": street,
            "postcode": postcode,
            "town": town,
            "lat": lat,
            "lon": lon,
            "coord_precision": "" if math.isnan(lat) else "address",
            "coord_source": "" if math.isnan(lat) else "upload",
            "approval": approval,
            "start": start,
            "start_alt": _UNKNOWN,
            "sequence_no": None,
            "predecessor": "",
            "sources": sources,
            "notes": "",
        }

    def _coordinates(self, has_address: bool) -> tuple[float, float]:
        lat_text, lon_text = self.text("lat"), self.text("lon")
        if not lat_text and not lon_text:
            if not has_address:
                field = next((f for f in ("lat", "address", "town") if self.mapping.get(f)), "lat")
                self.fail(field, Message("problem_no_place"))
            return math.nan, math.nan
        if not lat_text or not lon_text:
            self.fail("lon" if lat_text else "lat", Message("problem_one_coordinate"))
            return math.nan, math.nan
        lat = self.convert("lat", parse_coordinate, None)
        lon = self.convert("lon", parse_coordinate, None)
        if lat is None or lon is None:
            return math.nan, math.nan
        south, west, north, east = NRW_BBOX
        inside = south <= lat <= north and west <= lon <= east
        if not inside:
            pair = Message("problem_lat_lon", lat=lat_text, lon=lon_text)
            if south <= lon <= north and west <= lat <= east:
                self.fail("lat", Message("problem_swapped"), pair)
            else:
                box = {"south": south, "north": north, "west": west, "east": east}
                self.fail("lat", Message("problem_outside_box", **box), pair)
            return math.nan, math.nan
        return lat, lon


def reason(exc: ValueError) -> Message | str:
    """Why a cell was refused: the `Message` the parser raised (so the UI can show it in any
    language), else the exception's text."""
    first = exc.args[0] if exc.args else ""
    return first if isinstance(first, Message) else str(exc)
