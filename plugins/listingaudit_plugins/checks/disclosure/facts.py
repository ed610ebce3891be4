"""The disclosure facts of one listing, worked out once and shared by the family's rules.

An audit runs every rule on one listing before moving to the next, so remembering the last
listing analysed is enough for the rules after the first to reuse its analysis.
"""

from __future__ import annotations

from dataclasses import dataclass

from listingaudit.checks import CheckContext
from listingaudit.model import Listing

from .condition import Stated, owes_description, stated
from .disclosed import Disclosure, disclosure
from .vocabulary import Vocabulary, for_context


@dataclass(frozen=True)
class Facts:
    vocabulary: Vocabulary
    condition: Stated | None
    owed: bool
    disclosure: Disclosure


_last: tuple[Listing, Vocabulary, Facts] | None = None


def facts(listing: Listing, ctx: CheckContext) -> Facts:
    global _last
    vocabulary = for_context(ctx)
    if _last is not None and _last[0] is listing and _last[1] is vocabulary:
        return _last[2]
    condition = stated(listing, vocabulary)
    found = Facts(
        vocabulary,
        condition,
        condition is not None and owes_description(listing, condition),
        disclosure(listing, vocabulary),
    )
    _last = (listing, vocabulary, found)
    return found
