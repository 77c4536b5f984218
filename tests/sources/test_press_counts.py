"""Counts in press texts: numbers of centres, ranks, and counts in words without a number."""

from __future__ import annotations

import pytest

from geo.sources.press_counts import CountMention, extract_counts, extract_qualitative

ALL_54 = "alle 54 Kommunalen Integrationszentren"
NO_53 = "53. Kommunale Integrationszentrum"
TWO_NEW = "zwei neue Kommunale Integrationszentren"
HALF = "mehr als die Hälfte der Kommunen"
FAST = "fast alle Kreise"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bereits 16 Standorte", [(16, "count", "16 Standorte")]),
        ("13 weitere Kreise und kreisfreie Städte", [(13, "count", "13 weitere Kreise")]),
        ("49 Kommunale Integrationszentren", [(49, "count", "49 Kommunale Integrationszentren")]),
        ("in den 54 Kreisen", [(54, "count", "54 Kreisen")]),
        (ALL_54, [(54, "count", ALL_54)]),
        ("durch alle 54.", [(54, "count", "alle 54")]),
        ("des 51. Zentrums", [(51, "ordinal", "51. Zentrums")]),
        ("das " + NO_53, [(53, "ordinal", NO_53)]),
        ("der 38 in Frage kommenden Städte", [(38, "count", "38 in Frage kommenden Städte")]),
        (TWO_NEW, [(2, "count", TWO_NEW)]),
        ("mehr als die Hälfte der Kommunen", []),
        ("Rund ein Drittel der Menschen", []),
        ("in nur zwei Jahren", []),
        ("Vier Jahre Kommunale Integrationszentren", []),
        ("am 28. und 29. Juni 2016", []),
        ("seit 2012 in 396 Kommunen", []),
    ],
)  # fmt: skip
def test_extract_counts(text: str, expected: list[tuple[int, str, str]]) -> None:
    assert [(c.value, c.kind, c.phrase) for c in extract_counts(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"Damit sind {HALF} am Start", [HALF]),
        ("alle kreisfreien Städte, fast alle Kreise", ["alle kreisfreien Städte", FAST]),
        ("Rund ein Drittel der Menschen", []),
        ("alle Kommunalen Integrationszentren, die errichtet wurden", []),
    ],
)  # fmt: skip
def test_extract_qualitative(text: str, expected: list[str]) -> None:
    assert list(extract_qualitative(text)) == expected


# Hand-written sentences (not from the seed listing) for "x der/von y", "inzwischen",
# "mittlerweile" and "bereits": each with every count it must give as (value, kind, total).
# Decisions they pin down: the total of "x der y …" is never a count of its own; a total above
# 54 ("54 von 396 Kommunen") means the phrase counts something else, so nothing is kept from it;
# "einer von 54" is no count (only "54 Zentren" after it may be); a number without a noun counts
# only after inzwischen/mittlerweile/bereits or as "x von y", never before a noun ("10 Jahre"),
# and only when its sentence or the one before names centres or territories in the plural.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # x der / von y, with the noun after y
        ("Heute haben 52 der 54 Kreise und kreisfreien Städte ein eigenes Zentrum.",
         [(52, "count", 54)]),
        ("In 49 von 54 Kommunen arbeitet schon ein KI.", [(49, "count", 54)]),
        ("Das Land fördert Zentren in 52 von 53 Kreisen und kreisfreien Städten.",
         [(52, "count", 53)]),
        ("Gefördert werden 52 der insgesamt 54 Kommunalen Integrationszentren.",
         [(52, "count", 54)]),
        ("Damit laufen 50 der 54 kommunalen Integrationszentren im Regelbetrieb.",
         [(50, "count", 54)]),
        ("Zwölf von 54 Standorten sind noch im Aufbau.", [(12, "count", 54)]),
        ("Erst zwei der 53 Kreise haben keinen Antrag gestellt.", [(2, "count", 53)]),
        ("In fünf der 53 Kreise fehlt noch ein Zentrum.", [(5, "count", 53)]),
        ("Mit 47 von den 53 Kreisen und kreisfreien Städten ist die Struktur fast vollständig.",
         [(47, "count", 53)]),
        ("Bisher sind 30 von insgesamt 54 Standorten bewilligt.", [(30, "count", 54)]),
        ("Nach Angaben des Ministeriums sind 51 der 54 geplanten KI in Betrieb.",
         [(51, "count", 54)]),
        ("Nur noch drei von 53 Kreisen und kreisfreien Städten warten auf die Bewilligung.",
         [(3, "count", 53)]),
        ("Bereits elf der 16 bewilligten Standorte haben eröffnet.", [(11, "count", 16)]),
        ("Ein Zentrum gibt es in 44 von allen 53 kreisfreien Städten und Kreisen.",
         [(44, "count", 53)]),
        # ranks of a total
        ("Borken eröffnet das 51. von 54 Kommunalen Integrationszentren.",
         [(51, "ordinal", 54)]),
        ("Das Zentrum in Kleve ist das 54. der 54 Zentren.", [(54, "ordinal", 54)]),
        ("Am 1. Januar 2017 startete das 53. von insgesamt 54 Zentren.",
         [(53, "ordinal", 54)]),
        # inzwischen, mittlerweile, bereits before a noun
        ("Inzwischen arbeiten 50 Zentren im ganzen Land.", [(50, "count", None)]),
        ("Mittlerweile gibt es 52 KI in Nordrhein-Westfalen.", [(52, "count", None)]),
        ("Bereits 40 Kommunen haben einen Antrag gestellt.", [(40, "count", None)]),
        ("Inzwischen zählt das Land 53 Kommunale Integrationszentren.", [(53, "count", None)]),
        # ... and without one, in a count context
        ("Im Sommer 2012 starteten die ersten Kommunalen Integrationszentren. "
         "Inzwischen sind es 47.", [(47, "count", None)]),
        ("Die Zahl der Integrationszentren wächst: mittlerweile sind es 52 von 54.",
         [(52, "count", 54)]),
        ("Kommunale Integrationszentren gibt es inzwischen landesweit 53.",
         [(53, "count", None)]),
        ("Die Zahl der Standorte liegt mittlerweile bei 49.", [(49, "count", None)]),
        ("Von den Kreisen haben bereits 38 einen Antrag gestellt.", [(38, "count", None)]),
        ("Schon 2013 waren es 29 Standorte, inzwischen sind es 54.",
         [(29, "count", None), (54, "count", None)]),
        ("Für die Kommunalen Integrationszentren gilt: Bereits 45 sind eröffnet.",
         [(45, "count", None)]),
        ("Die Kreise ziehen nach: 52 von 54 haben inzwischen ein KI.", [(52, "count", 54)]),
        ("Bis Ende 2013 sollen bereits 40 arbeiten, sagte der Minister über die Zentren.",
         [(40, "count", None)]),
        ("Bereits 2013 gab es Zentren in 16 Kreisen; inzwischen sind es 53 von 53.",
         [(16, "count", None), (53, "count", 53)]),
        ("Mit dem Kreis Kleve sind es inzwischen alle 54.", [(54, "count", None)]),
        # no count, or only the right number
        ("Das Zentrum arbeitet seit 2013 bereits mit Schulen zusammen.", []),
        ("Mittlerweile 10 Jahre gibt es die Kommunalen Integrationszentren.", []),
        ("Die Zentren gibt es bereits seit 10 Jahren.", []),
        ("Inzwischen arbeiten dort 30 Mitarbeiterinnen und Mitarbeiter.", []),
        ("Im Kommunalen Integrationszentrum sind mittlerweile 30 Mitarbeiter beschäftigt.", []),
        ("Die Förderung lief von 2012 bis 2014 für alle Kreise.", []),
        ("Mittlerweile sind 20 Prozent der Stellen in den Zentren besetzt.", []),
        ("Das Team wächst weiter. Inzwischen sind es 30.", []),
        ("Die Kreise planen bereits 16. Juni als Termin.", []),
        ("3 von 4 Befragten loben die Zentren.", []),
        ("Einer von 54: der Kreis Kleve eröffnet sein Zentrum.", []),
        ("Das KI Kreis Kleve ist eines von 54 Zentren.", [(54, "count", None)]),
        ("Die Zentren beraten 54 von 396 Kommunen.", []),
        ("Bereits am 12. März 2013 erhielten 16 Standorte die Bewilligung.",
         [(16, "count", None)]),
        ("Inzwischen 10 Jahre alt: die ersten 16 Zentren.", [(16, "count", None)]),
    ],
)  # fmt: skip
def test_counts_of_a_total_and_after_inzwischen(
    text: str, expected: list[tuple[int, str, int | None]]
) -> None:
    assert [(c.value, c.kind, c.total) for c in extract_counts(text)] == expected


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("In 52 von 53 Kreisen gibt es ein KI.", "52 von 53 Kreisen"),
        ("52 der insgesamt 54 Kommunalen Integrationszentren", "52 der insgesamt 54 Kommunalen "
         "Integrationszentren"),
        ("Die Zentren wachsen. Inzwischen sind es 47.", "Inzwischen sind es 47"),
        ("Die Zahl der Zentren liegt mittlerweile bei 52 von 54.", "mittlerweile bei 52 von 54"),
        ("Gestern meldeten bereits 20 Standorte ihren Start.", "20 Standorte"),
    ],
)  # fmt: skip
def test_phrase_covers_count_and_total(text: str, phrase: str) -> None:
    (count,) = extract_counts(text)
    assert count.phrase == phrase


def test_a_total_needs_a_count_it_is_not_below() -> None:
    # "53 der 52": no part of a total; the 52 then counts on its own, like any "52 Kreise".
    assert [(c.value, c.total) for c in extract_counts("53 der 52 Kreise")] == [(52, None)]
    assert [(c.value, c.total) for c in extract_counts("54 von 54 Kreisen")] == [(54, 54)]


def test_counts_without_a_total_keep_none() -> None:
    assert CountMention(16, "count", "16 Standorte").total is None
    assert [(c.value, c.total) for c in extract_counts("für alle 53 Kreise")] == [(53, None)]
