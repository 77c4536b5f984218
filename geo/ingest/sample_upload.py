"""The example upload offered for download: five German sites written the way a German Excel
saves them (`;`, dd.mm.yyyy, decimal commas, UTF-8 with a BOM)."""

from __future__ import annotations

__all__ = ["sample_csv"]

import csv
import io

_SAMPLE_ROWS = (
    ("Name", "Adresse", "Breitengrad", "Längengrad", "Start", "Bewilligung", "Quelle"),
    ("Beispieltreff Kleve", "Nassauerallee 15, 47533 Kleve", "51,78826", "6,13865",
     "01.03.2018", "15.12.2017", "https://www.example.org/kleve"),
    ("Nachbarschaftszentrum Münster", "Klemensstraße 10, 48143 Münster", "51,96236", "7,62571",
     "15.09.2013", "01.06.2013", "https://www.example.org/muenster"),
    ("Begegnungsstätte Bielefeld", "Niederwall 23, 33602 Bielefeld", "52,02113", "8,53543",
     "01.02.2014", "", "https://www.example.org/bielefeld"),
    ("Stadtteilbüro Köln-Kalk", "Kalker Hauptstraße 247, 51103 Köln", "50,93838", "7,00513",
     "12.05.2015", "20.01.2015", "https://www.example.org/koeln"),
    ("Integrationspunkt Dortmund", "Friedensplatz 1, 44135 Dortmund", "51,51223", "7,46613",
     "02.11.2016", "01.07.2016", "https://www.example.org/dortmund"),
)  # fmt: skip


def sample_csv() -> bytes:
    """A small German example upload (5 sites, `;`, dd.mm.yyyy, decimal commas), UTF-8 with a
    BOM so Excel opens the umlauts correctly."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(_SAMPLE_ROWS)
    return buffer.getvalue().encode("utf-8-sig")
