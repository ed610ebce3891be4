"""A short quotation of the seller's text around a phrase, for a finding's evidence."""

from __future__ import annotations

from listingaudit_plugins.checks.textmatch.phrases import Match

#: Characters kept on each side of the phrase.
_CONTEXT = 40


def quote(text: str, match: Match) -> str:
    start = max(0, match.start - _CONTEXT)
    end = min(len(text), match.end + _CONTEXT)
    before = "…" if start else ""
    after = "…" if end < len(text) else ""
    return f"{before}{text[start:end].strip()}{after}"
