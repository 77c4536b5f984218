"""The command line's shared conventions: a parser that raises instead of exiting, and the
`error:` lines every command prints for an expected failure (at most MAX_PROBLEM_LINES).

`geo.cli.commands` holds `main` and the commands; `geo.cli.report_command` the `report` command,
which parses its own arguments with the same parser and prints problems the same way.
"""

from __future__ import annotations

__all__ = ["MAX_PROBLEM_LINES", "CommandParser", "HelpRequested", "print_error"]

import argparse
from typing import NoReturn, TextIO

from geo.errors import KiAtlasError, UsageError

# A broken file can have thousands of problems; the first ones say enough.
MAX_PROBLEM_LINES = 20


class HelpRequested(Exception):
    """`--help` was given: carries the help text, for the caller to print on its own stream."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


class CommandParser(argparse.ArgumentParser):
    """argparse that raises instead of printing to sys.stdout/sys.stderr and exiting: a bad
    command line becomes a one-line `UsageError`, `--help` a `HelpRequested`, so each command
    line (the main one, `geo.cli.report_command`'s) answers on its own streams with its own exit
    code."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message} (see `{self.prog} --help`)")

    def print_help(self, file: object = None) -> NoReturn:
        raise HelpRequested(self.format_help())


def print_error(exc: KiAtlasError, err: TextIO) -> None:
    """`exc` as `error:` lines on `err`: one per problem of a data file, at most
    MAX_PROBLEM_LINES of them and then how many more."""
    problems = getattr(exc, "problems", None) or [exc]
    for problem in problems[:MAX_PROBLEM_LINES]:
        print(f"error: {problem}", file=err)
    if len(problems) > MAX_PROBLEM_LINES:
        print(f"error: ... and {len(problems) - MAX_PROBLEM_LINES} more problems", file=err)
