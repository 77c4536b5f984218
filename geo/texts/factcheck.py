"""The fact-check tab: its introduction, the columns, verdicts and reasons."""

STRINGS: dict[str, dict[str, str]] = {
    "app_fc_intro": {
        "de": "Jede datierte Zahlenangabe neben dem, was der Datensatz an diesem Tag ergibt: "
        "sicher geöffnet, Start unsicher, bewilligt. „Stimmig“ heißt: die Angabe liegt im "
        "Band, das die unsicheren Startdaten zulassen.",
        "en": "Every dated count statement beside what the dataset gives at that date: "
        "certainly open, start uncertain, approved. “Consistent” means the statement lies "
        "within the band the uncertain start dates allow.",
    },
    "fc_col_date": {"de": "Datum", "en": "Date"},
    "fc_col_statement": {"de": "Aussage", "en": "Statement"},
    "fc_col_places": {"de": "Orte", "en": "Places"},
    "fc_col_stated": {"de": "Genannte Zahl", "en": "Stated number"},
    "fc_col_open": {"de": "Geöffnet (Datensatz)", "en": "Open (dataset)"},
    "fc_col_uncertain": {"de": "Start unsicher (Datensatz)", "en": "Start uncertain (dataset)"},
    "fc_col_approved": {"de": "Bewilligt (Datensatz)", "en": "Approved (dataset)"},
    "fc_col_band": {"de": "Spanne im Datensatz", "en": "Dataset range"},
    "fc_col_verdict": {"de": "Ergebnis", "en": "Verdict"},
    "fc_col_reason": {"de": "Begründung", "en": "Reason"},
    "fc_col_context": {"de": "Kontext", "en": "Context"},
    "fc_col_source": {"de": "Quelle", "en": "Source"},
    "fc_verdict_consistent": {"de": "stimmig", "en": "consistent"},
    "fc_verdict_off": {"de": "weicht um {diff} ab", "en": "off by {diff}"},
    "fc_verdict_not_comparable": {"de": "nicht vergleichbar", "en": "not comparable"},
    "fc_reason_started": {
        "de": "Am {date} laut Datensatz {low} sicher geöffnet, bis zu {high} mit unsicheren Starts",
        "en": "On {date} the dataset has {low} certainly open, up to {high} with uncertain starts",
    },
    "fc_reason_approved": {
        "de": "Am {date} laut Datensatz {low} geöffnet oder bewilligt, bis zu {high}, die "
        "bewilligt sein könnten (Bewilligungsdaten oft unbekannt)",
        "en": "On {date} the dataset has {low} open or approved, up to {high} that may have "
        "been approved (approval dates are often unknown)",
    },
    "fc_reason_target": {
        "de": "Ein Plan oder Ziel, keine Zahl bestehender Zentren",
        "en": "A plan or target, not a count of existing centres",
    },
    "fc_reason_other": {
        "de": "Die Zahl zählt keine Zentren (z. B. Besuche)",
        "en": "The number counts no centres (for example visits)",
    },
    "fc_reason_no_date": {"de": "Ohne Datum oder ohne Zahl", "en": "No date or no number"},
    "fc_derived": {
        "de": "die Zahl {n} ist aus dem Wortlaut erschlossen",
        "en": "the count {n} is derived from the wording",
    },
    "fc_mark_ordinal": {"de": "{n}.", "en": "no. {n}"},
}
