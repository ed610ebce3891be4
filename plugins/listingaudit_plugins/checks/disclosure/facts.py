"""The disclosure facts of one listing, worked out once and shared by the family's rules."""

from __future__ import annotations

from dataclasses import dataclass

from listingaudit.checks import CheckContext
from listingaudit.model import Listing

from .condition import Stated, owes_description, stated
from .disclosed import Disclosure, disclosure
from .vocabulary import Vocabulary, for_context


@dataclass(frozen=True, slots=True)
class Facts:
    vocabulary: Vocabulary
    condition: Stated | None
    owed: bool
    disclosure: Disclosure


def facts(listing: Listing, ctx: CheckContext) -> Facts:
    return ctx.shared(listing, "disclosure.facts", lambda: _facts(listing, for_context(ctx)))


def _facts(listing: Listing, vocabulary: Vocabulary) -> Facts:
    condition = stated(listing, vocabulary)
    return Facts(
        vocabulary,
        condition,
        condition is not None and owes_description(listing, condition),
        disclosure(listing, vocabulary),
    )
