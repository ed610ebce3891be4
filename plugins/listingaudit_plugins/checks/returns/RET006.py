"""RET006: the listing's own text contradicts its return policy."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from listingaudit.checks import CheckContext, Finding, Severity
from listingaudit.model import Listing

from .base import ReturnsCheck
from .policy import KNOWN, Resolution, resolve, rules
from .wording import Wording, for_context


@dataclass(frozen=True, slots=True)
class _Expected:
    """What the listing's text may not contradict."""

    accepted: bool
    #: The policy's window, when it has one.
    window_days: int | None
    #: A marketplace's floor, when only that is known.
    min_window_days: int | None
    source: str


def _expected(listing: Listing, found: Resolution) -> _Expected | None:
    if found.status == KNOWN and found.terms is not None:
        terms = found.terms
        return _Expected(terms.accepted, terms.window_days, None, found.source)
    imposed = rules()["marketplace_policies"].get(listing.marketplace)
    if imposed is None:
        return None
    source = f"{listing.marketplace.capitalize()}'s own return policy, which sellers must match"
    return _Expected(imposed["accepted"], None, imposed["min_window_days"], source)


def _contradiction(text: str, expected: _Expected, wording: Wording) -> tuple[str, str] | None:
    """What the text says against the policy, and how to put it: (quoted words, message)."""
    if wording.silent(text):
        return None  # no window, refusal or acceptance: nothing to contradict (most texts)
    policy = f"the policy ({expected.source})"
    windows = wording.windows_in(text)
    if not expected.accepted:
        offers = [w.written for w in windows] + [m.written for m in wording.accepted.find(text)]
        return (offers[0], f'says "{offers[0]}" but {policy} refuses returns') if offers else None
    refusals = wording.refuses(text)
    if refusals:
        return refusals[0], f'says "{refusals[0]}" but {policy} accepts returns'
    exact = expected.window_days
    if exact is not None and windows and all(w.days != exact for w in windows):
        return windows[0].written, f'says "{windows[0].written}" but {policy} gives {exact} days'
    floor = expected.min_window_days
    short = [w for w in windows if floor is not None and w.days < floor]
    if short:
        return short[0].written, (
            f'offers "{short[0].written}", less than the {floor} days of {expected.source}'
        )
    return None


class ReturnTextContradictsPolicy(ReturnsCheck):
    """What it checks:
        Titles, descriptions and condition notes that contradict the return policy: "no
        returns", "all sales final" or "returns not accepted" on a listing whose policy
        accepts returns; "30 day returns" on one whose policy refuses them; a window ("14 day
        returns") other than the policy's. On Amazon, whose own policy binds every seller,
        refusing returns or offering fewer than 30 days contradicts it even when the seller
        declared nothing. Conditional wording ("no returns after 30 days", "no returns on sale
        items") is not a refusal.

    Why it matters:
        Buyers read the description, marketplaces enforce the structured policy: the
        contradiction misleads one or the other. Google checks that product-page claims match
        the policy page; eBay forbids contradictory terms; on Amazon a "no returns" line
        promises what the seller cannot refuse.

    Bad:
        Policy ``ReturnsAccepted``/``Days_30``, description "Sold as is. No returns."

    Good:
        Policy ``ReturnsAccepted``/``Days_30``, description "30-day returns, buyer pays return
        postage."

    Source:
        shared/reference/marketplace-rules.md §3.2 (Amazon: "must match or exceed Amazon's
        return policies"; check for contradictory return text), §3.4 (Google cross-checks
        product-page claims against the policy), §4.1 (eBay: no contradictory terms). Wording:
        data/<language>.json.
    """

    code = "RET006"
    severity = Severity.WARNING
    title = "Listing text contradicts the return policy"

    def check(self, listing: Listing, ctx: CheckContext) -> Iterator[Finding]:
        expected = _expected(listing, resolve(listing, ctx))
        if expected is None:
            return
        wording = for_context(ctx)
        for field, text in listing.text_fields.items():
            found = _contradiction(text, expected, wording)
            if found is None:
                continue
            said, message = found
            yield self.finding(
                f"The {field.replace('_', ' ')} {message}",
                field=field,
                said=said,
                policy_source=expected.source,
            )
            return
