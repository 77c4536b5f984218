"""Reading the report pictures back in tests: pixel colours, SVG texts, and the Kreis whose first
centre opened in 2018 (Kleve), which tells the states before and after apart on every map."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from matplotlib.colors import to_rgb
from PIL import Image

KLEVE = "05154"
BEFORE_KLEVE = date(2017, 12, 31)  # Kreis Kleve started on 2018-09-06
AFTER_KLEVE = date(2019, 1, 1)
SVG = "{http://www.w3.org/2000/svg}"


def rgb(image: Image.Image, xy: tuple[int, int]) -> tuple[int, int, int]:
    return image.convert("RGB").getpixel(xy)


def hex_rgb(colour: str) -> tuple[int, int, int]:
    return tuple(round(255 * v) for v in to_rgb(colour))


def svg_texts(data: bytes) -> list[str]:
    root = ET.fromstring(data)
    return ["".join(e.itertext()) for e in root.iter(f"{SVG}text")]
