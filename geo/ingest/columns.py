"""Which column of an upload holds which field: the fields, their German and English header
names, the guessed mapping and the check of a mapping the user chose."""

from __future__ import annotations

__all__ = [
    "FIELDS",
    "FIELD_LABEL_KEYS",
    "REQUIRED_FIELDS",
    "check_mapping",
    "guess_mapping",
    "header_words",
]

import re
import unicodedata
from collections.abc import Mapping, Sequence

from geo.errors import DataFileError, DataProblem
from geo.i18n import Message
from geo.ingest.rawtable import RawTable

FIELDS = (
    "name",
    "address",
    "postcode",
    "town",
    "lat",
    "lon",
    "start",
    "approval",
    "precision",
    "source",
    "id",
)
REQUIRED_FIELDS = ("name", "start")
# The i18n key of each field's label, spelled out for the dashboard's mapping widgets.
FIELD_LABEL_KEYS = {
    "name": "upload_field_name",
    "address": "upload_field_address",
    "postcode": "upload_field_postcode",
    "town": "upload_field_town",
    "lat": "upload_field_lat",
    "lon": "upload_field_lon",
    "start": "upload_field_start",
    "approval": "upload_field_approval",
    "precision": "upload_field_precision",
    "source": "upload_field_source",
    "id": "upload_field_id",
}
# Normalised header words (lower case, umlauts as ae/oe/ue, ß as ss) that name each field.
_SYNONYMS = {
    "name": ("name", "bezeichnung", "standort", "standortname", "einrichtung", "titel", "title"),
    "address": ("adresse", "anschrift", "address", "strasse", "street", "strasseundhausnummer"),
    "postcode": ("plz", "postleitzahl", "postcode", "zip", "postalcode", "zipcode"),
    "town": ("ort", "stadt", "gemeinde", "town", "city", "kommune"),
    "lat": ("lat", "latitude", "breite", "breitengrad", "geobreite", "y"),
    "lon": ("lon", "lng", "long", "longitude", "laenge", "laengengrad", "geolaenge", "x"),
    "precision": ("genauigkeit", "praezision", "precision", "datumsgenauigkeit"),
    "start": (
        "start",
        "beginn",
        "eroeffnung",
        "startdatum",
        "eroeffnet",
        "eroeffnungsdatum",
        "startdate",
        "begin",
        "opening",
        "opened",
    ),
    "approval": (
        "bewilligung",
        "bewilligt",
        "bewilligungsdatum",
        "approval",
        "approved",
        "genehmigung",
    ),
    "source": ("quelle", "quellen", "source", "sources", "url", "link", "webseite", "website"),
    "id": ("id", "nr", "nummer", "kennung", "key"),
}
# Too short to be recognised inside a longer header ("x" in "Box", "y" in "Kreis y").
_EXACT_ONLY = {"x", "y", "nr", "id", "key", "ort", "long"}


def header_words(header: str) -> list[str]:
    """The words of a header in lower-case ASCII (umlauts as ae/oe/ue, ß as ss), for matching."""
    text = header.casefold()
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, plain)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.findall(r"[a-z0-9]+", text)


def guess_mapping(columns: Sequence[str]) -> dict[str, str | None]:
    """Which column holds which field, from German and English header names.

    Case, umlauts and punctuation do not matter ("Längengrad", "laengengrad", "LNG" all mean
    `lon`). Whole-header matches win over a matching word inside a longer header; each column
    is used for at most one field. Unrecognised fields map to None.
    """
    mapping: dict[str, str | None] = dict.fromkeys(FIELDS)
    used: set[str] = set()
    words = {column: header_words(column) for column in columns}

    def matches_whole(field: str, column: str) -> bool:
        return "".join(words[column]) in _SYNONYMS[field]

    def matches_word(field: str, column: str) -> bool:
        return bool((set(_SYNONYMS[field]) - _EXACT_ONLY) & set(words[column]))

    for matches in (matches_whole, matches_word):
        for field in _SYNONYMS:
            if mapping[field] is not None:
                continue
            column = next((c for c in columns if c not in used and matches(field, c)), None)
            if column is not None:
                mapping[field] = column
                used.add(column)
    return mapping


def check_mapping(
    table: RawTable, mapping: Mapping[str, str | None], filename: str
) -> dict[str, int]:
    """The column index of each mapped field; `DataFileError` listing what does not fit."""
    problems: list[DataProblem] = []
    index = {name: i for i, name in enumerate(table.columns)}
    chosen: dict[str, int] = {}
    used_by: dict[str, str] = {}
    for field, column in mapping.items():
        if field not in FIELDS:
            problems.append(DataProblem(filename, 1, None, field, Message("problem_unknown_field")))
        elif column is None or column == "":
            continue
        elif column not in index:
            problems.append(
                DataProblem(
                    filename, 1, column, column, Message("problem_no_such_column", field=field)
                )
            )
        elif column in used_by:
            problems.append(
                DataProblem(
                    filename,
                    1,
                    column,
                    column,
                    Message("problem_column_used_twice", first=used_by[column], field=field),
                )
            )
        else:
            chosen[field], used_by[column] = index[column], field
    for field in REQUIRED_FIELDS:
        if field not in chosen and mapping.get(field) is None:
            problems.append(
                DataProblem(
                    filename,
                    1,
                    None,
                    None,
                    Message(
                        "problem_required_column",
                        field=field,
                        headers=", ".join(_SYNONYMS[field][:4]),
                    ),
                )
            )
    has_lat, has_lon = "lat" in chosen, "lon" in chosen
    if has_lat != has_lon:
        lacking = "lon" if has_lat else "lat"
        problems.append(
            DataProblem(
                filename, 1, None, None, Message("problem_lat_lon_together", lacking=lacking)
            )
        )
    if not (has_lat and has_lon) and not ({"address", "town"} & set(chosen)):
        problems.append(
            DataProblem(
                filename,
                1,
                None,
                None,
                Message("problem_cannot_place"),
            )
        )
    if problems:
        raise DataFileError(problems)
    return chosen
