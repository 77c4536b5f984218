"""The 53 Kreise and kreisfreie Städte of NRW plus the Stadt Aachen, with their keys and names.

One fixed table ties the official regional key (ARS) to the names used in the research data, in
the BKG boundaries (GEN) and in press texts, so every other module looks places up the same way.
"""

from __future__ import annotations

__all__ = ["TERRITORIES", "Territory", "kreis_ars_list", "territory_by_ars"]

from dataclasses import dataclass


@dataclass(frozen=True)
class Territory:
    """A Kreis, kreisfreie Stadt, the Städteregion Aachen or the Stadt Aachen.

    `official_name` is the name as written in the research data ("Kreis Kleve"), `common_name`
    the short name of the BKG boundaries ("Kleve"; "Aachen" for the Stadt Aachen), `aliases` other
    spellings in real use ("HSK", "Kreis Neuss", inflected forms like "Märkischen Kreis").
    """

    ars: str
    official_name: str
    common_name: str
    aliases: tuple[str, ...]
    territory_type: str
    regierungsbezirk: str

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the territory goes by: official, common, then the aliases (no repeats)."""
        return tuple(dict.fromkeys((self.official_name, self.common_name, *self.aliases)))


_KS = "kreisfreie Stadt"
_K = "Kreis"


def _t(ars: str, official: str, common: str, kind: str, bezirk: str, *aliases: str) -> Territory:
    return Territory(ars, official, common, tuple(aliases), kind, bezirk)


TERRITORIES: tuple[Territory, ...] = (
    # Regierungsbezirk Düsseldorf (15)
    _t("05111", "Stadt Düsseldorf", "Düsseldorf", _KS, "Düsseldorf", "Landeshauptstadt Düsseldorf"),
    _t("05112", "Stadt Duisburg", "Duisburg", _KS, "Düsseldorf"),
    _t("05113", "Stadt Essen", "Essen", _KS, "Düsseldorf"),
    _t("05114", "Stadt Krefeld", "Krefeld", _KS, "Düsseldorf"),
    _t("05116", "Stadt Mönchengladbach", "Mönchengladbach", _KS, "Düsseldorf"),
    _t(
        "05117",
        "Stadt Mülheim an der Ruhr",
        "Mülheim an der Ruhr",
        _KS,
        "Düsseldorf",
        "Mülheim",
        "Mülheim/Ruhr",
        "Mülheim a. d. Ruhr",
    ),
    _t("05119", "Stadt Oberhausen", "Oberhausen", _KS, "Düsseldorf"),
    _t("05120", "Stadt Remscheid", "Remscheid", _KS, "Düsseldorf"),
    _t("05122", "Stadt Solingen", "Solingen", _KS, "Düsseldorf", "Klingenstadt Solingen"),
    _t("05124", "Stadt Wuppertal", "Wuppertal", _KS, "Düsseldorf"),
    _t("05154", "Kreis Kleve", "Kleve", _K, "Düsseldorf"),
    _t("05158", "Kreis Mettmann", "Mettmann", _K, "Düsseldorf"),
    _t("05162", "Rhein-Kreis Neuss", "Rhein-Kreis Neuss", _K, "Düsseldorf", "Kreis Neuss"),
    _t("05166", "Kreis Viersen", "Viersen", _K, "Düsseldorf"),
    _t("05170", "Kreis Wesel", "Wesel", _K, "Düsseldorf"),
    # Regierungsbezirk Köln (11 + the Stadt Aachen)
    _t("05314", "Stadt Bonn", "Bonn", _KS, "Köln", "Bundesstadt Bonn"),
    _t("05315", "Stadt Köln", "Köln", _KS, "Köln"),
    _t("05316", "Stadt Leverkusen", "Leverkusen", _KS, "Köln"),
    _t(
        "05334",
        "Städteregion Aachen",
        "Städteregion Aachen",
        "Städteregion",
        "Köln",
        "StädteRegion Aachen",
    ),
    # A municipality inside the Städteregion with its own KI, hence the 8-digit key.
    _t("05334002", "Stadt Aachen", "Aachen", "regionsangehörige Stadt", "Köln"),
    _t("05358", "Kreis Düren", "Düren", _K, "Köln"),
    # "Erftkreis" was the official name until 2003 and is still in use.
    _t("05362", "Rhein-Erft-Kreis", "Rhein-Erft-Kreis", _K, "Köln", "Erftkreis"),
    _t("05366", "Kreis Euskirchen", "Euskirchen", _K, "Köln"),
    _t("05370", "Kreis Heinsberg", "Heinsberg", _K, "Köln"),
    _t(
        "05374",
        "Oberbergischer Kreis",
        "Oberbergischer Kreis",
        _K,
        "Köln",
        "Oberbergischen Kreis",
        "Oberberg",
    ),
    _t(
        "05378",
        "Rheinisch-Bergischer Kreis",
        "Rheinisch-Bergischer Kreis",
        _K,
        "Köln",
        "Rheinisch-Bergischen Kreis",
        "Rhein-Berg",
    ),
    _t("05382", "Rhein-Sieg-Kreis", "Rhein-Sieg-Kreis", _K, "Köln"),
    # Regierungsbezirk Münster (8)
    _t("05512", "Stadt Bottrop", "Bottrop", _KS, "Münster"),
    _t("05513", "Stadt Gelsenkirchen", "Gelsenkirchen", _KS, "Münster"),
    _t("05515", "Stadt Münster", "Münster", _KS, "Münster"),
    _t("05554", "Kreis Borken", "Borken", _K, "Münster"),
    _t("05558", "Kreis Coesfeld", "Coesfeld", _K, "Münster"),
    _t("05562", "Kreis Recklinghausen", "Recklinghausen", _K, "Münster"),
    _t("05566", "Kreis Steinfurt", "Steinfurt", _K, "Münster"),
    _t("05570", "Kreis Warendorf", "Warendorf", _K, "Münster"),
    # Regierungsbezirk Detmold (7)
    _t("05711", "Stadt Bielefeld", "Bielefeld", _KS, "Detmold"),
    _t("05754", "Kreis Gütersloh", "Gütersloh", _K, "Detmold"),
    _t("05758", "Kreis Herford", "Herford", _K, "Detmold"),
    _t("05762", "Kreis Höxter", "Höxter", _K, "Detmold"),
    _t("05766", "Kreis Lippe", "Lippe", _K, "Detmold"),
    # The Kreis calls itself "Mühlenkreis Minden-Lübbecke".
    _t("05770", "Kreis Minden-Lübbecke", "Minden-Lübbecke", _K, "Detmold", "Mühlenkreis"),
    _t("05774", "Kreis Paderborn", "Paderborn", _K, "Detmold"),
    # Regierungsbezirk Arnsberg (12)
    _t("05911", "Stadt Bochum", "Bochum", _KS, "Arnsberg"),
    _t("05913", "Stadt Dortmund", "Dortmund", _KS, "Arnsberg"),
    _t("05914", "Stadt Hagen", "Hagen", _KS, "Arnsberg"),
    _t("05915", "Stadt Hamm", "Hamm", _KS, "Arnsberg"),
    _t("05916", "Stadt Herne", "Herne", _KS, "Arnsberg"),
    _t("05954", "Ennepe-Ruhr-Kreis", "Ennepe-Ruhr-Kreis", _K, "Arnsberg", "EN-Kreis"),
    _t("05958", "Hochsauerlandkreis", "Hochsauerlandkreis", _K, "Arnsberg", "HSK"),
    _t("05962", "Märkischer Kreis", "Märkischer Kreis", _K, "Arnsberg", "Märkischen Kreis"),
    _t("05966", "Kreis Olpe", "Olpe", _K, "Arnsberg"),
    _t("05970", "Kreis Siegen-Wittgenstein", "Siegen-Wittgenstein", _K, "Arnsberg"),
    _t("05974", "Kreis Soest", "Soest", _K, "Arnsberg"),
    _t("05978", "Kreis Unna", "Unna", _K, "Arnsberg"),
)

_BY_ARS = {t.ars: t for t in TERRITORIES}


def territory_by_ars(ars: str) -> Territory:
    """The territory with regional key `ars`; raises KeyError for an unknown key."""
    try:
        return _BY_ARS[ars]
    except KeyError:
        raise KeyError(f"no NRW territory has the regional key {ars!r}") from None


def kreis_ars_list() -> tuple[str, ...]:
    """The 5-digit keys of the 53 Kreise and kreisfreie Städte, in ascending order."""
    return tuple(sorted(t.ars for t in TERRITORIES if len(t.ars) == 5))
