"""Our own short summaries for press_releases.csv: of each seed entry (never copies of its text)
and, in German, of each count statement wording of the research timeline.
"""

from __future__ import annotations

__all__ = [
    "SEED_SUMMARIES",
    "TIMELINE_MEANING_DE",
    "timeline_summary_de",
]

from collections.abc import Iterable

# Short summaries of the seed listing's entries, in our own words (never copies of the text),
# keyed by `release_id`. A new entry stops the data build until it is summarised here.
SEED_SUMMARIES: dict[str, tuple[str, str]] = {
    "seed-undated-staatssekretaerin-serap-gueler-beendet": (
        "Staatssekretärin Güler schließt ihre Besuchsreihe bei allen 54 KI im Kreis Kleve ab.",
        "State Secretary Güler ends her tour of all 54 KIs with a visit to Kreis Kleve.",
    ),
    "seed-undated-besuch-des-kommunalen-integrationszentrums": (
        "Ministerin Löhrmann besucht nach Mülheim das KI Kreis Düren.",
        "Minister Löhrmann visits the KI Kreis Düren, after Mülheim at the end of October.",
    ),
    "seed-2013-06-12-die-vorbereitungen-zur-einrichtung": (
        "13 weitere Kreise und kreisfreie Städte grundsätzlich genehmigt; 16 Standorte bewilligt.",
        "13 more Kreise and kreisfreie Städte have basic approval; 16 sites are fully approved.",
    ),
    "seed-2013-02-21-ein-jahr-nach-verabschiedung": (
        "Ein Jahr nach dem Gesetz: KI für 16 Standorte bewilligt, die übrigen 38 in Vorbereitung.",
        "One year after the law: KIs approved for 16 sites, the other 38 are preparing.",
    ),
    "seed-2013-12-02-integrationsminister-guntram-schneider-und": (
        "Minister Schneider und Ministerin Löhrmann eröffnen die LaKI in Dortmund.",
        "Ministers Schneider and Löhrmann open the state coordination office (LaKI) in Dortmund.",
    ),
    "seed-2013-12-03-integrationsminister-guntram-schneider-und": (
        "Eröffnung der LaKI in Dortmund; längere Fassung mit Zitat zu ihren Aufgaben.",
        "Opening of the LaKI in Dortmund; longer version with a quote on its tasks.",
    ),
    "seed-undated-vier-jahre-kommunale-integrationszentren": (
        "Vier Jahre KI: Minister Schmeltzer legt den Abschlussbericht der Begleitforschung vor.",
        "Four years of KIs: Minister Schmeltzer presents the evaluation's final report.",
    ),
    "seed-2014-04-25-in-den-nrw-kreisen": (
        "49 KI arbeiten oder starten bald; alle kreisfreien Städte, fast alle Kreise haben eins.",
        "49 KIs work or are about to start; all kreisfreie Städte, almost all Kreise have one.",
    ),
    "seed-2013-02-22-schulministerin-sylvia-loehrmann-hat": (
        "Ministerin Löhrmann besucht das neue KI Solingen, eines von 16 neuen Zentren.",
        "Minister Löhrmann visits the new KI Solingen, one of 16 new centres.",
    ),
    "seed-2016-07-01-staatssekretaere-hecke-und-klute": (
        "Eröffnung der KI in den Kreisen Borken (51.) und Steinfurt am 28. und 29. Juni 2016.",
        "KIs open in Kreis Borken (the 51st) and Kreis Steinfurt on 28 and 29 June 2016.",
    ),
}

# German wording of each `count_meaning` of the research timeline; "{n}" is the count.
TIMELINE_MEANING_DE: dict[str, str] = {
    "total target": "Ziel: {n} KI",
    "planned by mid-2013": "{n} KI bis Mitte 2013 geplant",
    "planned total": "{n} KI insgesamt geplant",
    "approved (38 more in preparation; 54 in total)": "{n} KI bewilligt, 38 in Vorbereitung",
    "first 16 approved sites (Düren among them)": "unter den ersten {n} bewilligten Standorten",
    "approved or basically approved (16 + 13)": "{n} KI bewilligt oder grundsätzlich genehmigt",
    "KIs in total once the 13 are approved": "{n} KI, sobald die 13 bewilligt sind",
    "set up (of 53 Kreise and kreisfreie Städte)": "{n} KI eingerichtet (von 53 Gebieten)",
    "working or about to start": "{n} KI arbeiten oder starten in Kürze",
    "have a KI (WAZ: of 53 in total)": "{n} Gebiete haben ein KI (WAZ: von 53)",
    "ordinal (50th); only three Kreise left without a KI": "{n}. KI; nur noch drei Kreise ohne",
    "current centres (SPD Landtag members)": "{n} Zentren (laut SPD-Landtagsabgeordneten)",
    "ordinal (51st)": "{n}. KI",
    "ordinal (52nd)": "{n}. KI",
    "have a KI (of 54)": "{n} von 54 Gebieten haben ein KI",
    "existing KIs (local Greens, via RP)": "{n} KI (laut Grünen vor Ort, RP)",
    "have a KI since 2012 (RP)": "{n} Gebiete haben seit 2012 ein KI (RP)",
    "all except Kreis Kleve": "KI überall außer im Kreis Kleve",
    "total KIs": "{n} KI insgesamt",
    "ordinal (53rd)": "{n}. KI",
    "last Kreis without a KI": "letzter Kreis ohne KI",
    "KIs visited by StS Güler in 2017 (7 more in this round)": "{n} KI 2017 von StS Güler besucht",
    "ordinal (inferred; no source calls it the 54th)": "{n}. KI (erschlossen, nicht belegt)",
    "all Kreise and kreisfreie Städte have a KI": "alle Kreise und kreisfreien Städte haben ein KI",
    "exist NRW-wide": "{n} KI landesweit",
    "all have a KI": "alle {n} Gebiete haben ein KI",
    "institutions statewide": "{n} Einrichtungen landesweit",
    "all KIs visited (tour complete)": "alle {n} KI besucht (Besuchsreihe beendet)",
}


def timeline_summary_de(meaning: str, count: int | None, places: Iterable[str]) -> str:
    """A short German summary of a timeline count statement; KeyError for a new wording."""
    text = TIMELINE_MEANING_DE[meaning].replace("{n}", "" if count is None else str(count))
    named = ", ".join(places)
    return f"{text.strip()} ({named})" if named else text.strip()
