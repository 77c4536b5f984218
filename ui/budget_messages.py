"""What the page says when a worker process (`geo.budget`) was stopped: which limit, and its value,
in the page's language."""

from __future__ import annotations

from geo.errors import BudgetExceeded, KiAtlasError
from geo.i18n import t

# The message for each limit a worker can hit (`BudgetExceeded.limit`).
BUDGET_MESSAGES = {
    "memory": "budget_memory",
    "cpu": "budget_cpu",
    "wall": "budget_wall",
    "result": "budget_result",
}


def budget_message(exc: KiAtlasError, lang: str) -> str:
    """A stopped worker's message in the page's language (the limit and its value)."""
    if isinstance(exc, BudgetExceeded) and exc.limit in BUDGET_MESSAGES:
        if exc.limit in {"memory", "result"}:
            amount = f"{exc.amount / 2**20:.0f} MiB"
        else:
            amount = f"{exc.amount:.0f} s"
        return t(BUDGET_MESSAGES[exc.limit], lang, amount=amount)
    return t("budget_failed", lang)
