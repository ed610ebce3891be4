"""Problems: input that could not be read as a listing, located by file, line and column.

A problem is never fatal to the run. Repeated problems of one kind in one file are capped (the
first examples are kept, the rest are counted) so a broken million-row file gives a short report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One located input problem. ``code`` is stable (``extra-cell``, ``encoding-error``...)."""

    file: str
    line: int | None
    column: str | None
    code: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        if self.column:
            where += f" [{self.column}]"
        return f"{where}: {self.message} ({self.code})"


class ProblemLog:
    """Collects problems for a run, keeping at most ``cap`` examples per file and code."""

    def __init__(self, cap: int = 50) -> None:
        self.cap = cap
        self._kept: list[Problem] = []
        self._seen: Counter[tuple[str, str]] = Counter()

    def add(
        self,
        file: str,
        line: int | None,
        code: str,
        message: str,
        column: str | None = None,
    ) -> None:
        key = (file, code)
        self._seen[key] += 1
        if self._seen[key] <= self.cap:
            self._kept.append(Problem(file, line, column, code, message))

    def lines(self, file: str) -> set[int]:
        """Lines of ``file`` named by a kept problem (for the nothing-lost invariant)."""
        return {p.line for p in self._kept if p.file == file and p.line is not None}

    def summaries(self) -> Iterator[Problem]:
        """One extra problem per capped kind, saying how many more there were."""
        for (file, code), count in sorted(self._seen.items()):
            if count > self.cap:
                message = f"{count - self.cap} more '{code}' problems in this file not listed"
                yield Problem(file, None, None, code, message)

    def __iter__(self) -> Iterator[Problem]:
        yield from self._kept
        yield from self.summaries()

    def __len__(self) -> int:
        return sum(self._seen.values())

    def count(self, code: str | None = None) -> int:
        return sum(n for (_, c), n in self._seen.items() if code is None or c == code)
