"""What the page says when an upload or export was stopped by its worker's limits."""

STRINGS: dict[str, dict[str, str]] = {
    "budget_memory": {
        "de": "Abgebrochen: die Verarbeitung brauchte mehr Arbeitsspeicher als die Grenze von "
        "{amount}.",
        "en": "Stopped: processing needed more memory than the limit of {amount}.",
    },
    "budget_cpu": {
        "de": "Abgebrochen: die Verarbeitung brauchte mehr Rechenzeit als die Grenze von {amount}.",
        "en": "Stopped: processing needed more CPU time than the limit of {amount}.",
    },
    "budget_wall": {
        "de": "Abgebrochen: die Verarbeitung dauerte länger als die Grenze von {amount}.",
        "en": "Stopped: processing took longer than the limit of {amount}.",
    },
    "budget_result": {
        "de": "Abgebrochen: das Ergebnis wäre größer als die Grenze von {amount}.",
        "en": "Stopped: the result would be larger than the limit of {amount}.",
    },
    "budget_failed": {
        "de": "Die Verarbeitung ist unerwartet abgebrochen.",
        "en": "Processing stopped unexpectedly.",
    },
}
