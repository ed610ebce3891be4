"""IMP003: the same handle, id or SKU twice in one catalog."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

from listingaudit.checks import Check, CheckContext, Finding, Severity
from listingaudit.digestmap import DigestMap, digest
from listingaudit.model import Listing

# What a listing id is called in each marketplace's files (export-formats.md §1.1, §3.5); eBay's
# is the ItemID, else the CustomLabel.
_ID_NAMES = {"shopify": "handle", "amazon": "SKU"}


class _Key(NamedTuple):
    """A value in one namespace ("id" or "sku") of one marketplace; ``kind`` is its name.

    A named tuple rather than a frozen dataclass: one is made for every id and SKU, and a tuple
    is made several times faster.
    """

    marketplace: str
    namespace: str
    kind: str
    value: str


class DuplicateKeys(Check):
    """Duplicate handle, id or SKU within a catalog.

    What it checks:
        Listing ids (Shopify handles, eBay item ids, Amazon SKUs) and variant SKUs that occur more
        than once among the listings of one marketplace in the audit, across files too. Every
        occurrence after the first is a finding that names where the first one is (file:line).

    Why it matters:
        Imports key on these values. Shopify merges rows with the same handle into one product
        (a second block of the handle adds or overwrites variants); eBay and Amazon apply the
        last row for a SKU, so one offer silently replaces another, and stock syncing by SKU
        decrements the wrong item.

    Bad:
        Two Shopify products with the handle ``blue-mug``; two variants with SKU ``MUG-01``.

    Good:
        ``blue-mug`` and ``blue-mug-large``; SKUs ``MUG-01`` and ``MUG-02``.

    Source:
        Shopify groups rows by ``Handle`` (export-formats.md §1.1, §4 item 5); SKU columns by
        format (§1.3, §2.6, §3.5).
    """

    code = "IMP003"
    family = "readiness"
    severity = Severity.ERROR
    title = "Duplicate handle, id or SKU in the catalog"

    def __init__(self) -> None:
        # Every id and SKU of the catalog is remembered: by digest, with its place packed in an
        # int (file number, line).
        self._first = DigestMap()
        self._files: list[str] = []
        self._repeats: list[tuple[Listing, list[tuple[_Key, str]]]] = []

    def check(self, listing: Listing, ctx: CheckContext) -> Iterator[Finding]:
        repeats: list[tuple[_Key, str]] = []
        for key, line in self._keys(listing):
            identity = digest("\0".join((key.marketplace, key.namespace, key.value)))
            first = self._first.get(identity)
            if first is None:
                self._first.add(identity, self._place(listing.source.file, line))
            elif all(k != key for k, _ in repeats):
                repeats.append((key, self._where(first)))
        if repeats:
            self._repeats.append((listing, repeats))
        return iter(())

    def _place(self, file: str, line: int) -> int:
        if not self._files or self._files[-1] != file:
            self._files.append(file)
        return (len(self._files) - 1) << 32 | line

    def _where(self, place: int) -> str:
        return f"{self._files[place >> 32]}:{place & 0xFFFFFFFF}"

    def finish(self, ctx: CheckContext) -> Iterable[tuple[Listing, Finding]]:
        for listing, repeats in self._repeats:
            (key, first), *more = repeats
            message = f"duplicate {key.kind} '{key.value}': first at {first}"
            if more:
                message += f" (and {len(more)} more duplicate value(s))"
            yield (
                listing,
                self.finding(
                    message,
                    kind=key.kind,
                    value=key.value,
                    first=first,
                    duplicates=[f"{k.kind} '{k.value}' first at {w}" for k, w in repeats],
                ),
            )

    @staticmethod
    def _keys(listing: Listing) -> Iterator[tuple[_Key, int]]:
        """Each occurrence of the listing's id and SKUs, with the line it is on."""
        market, line = listing.marketplace, listing.source.first_line
        id_name = _ID_NAMES.get(market, "listing id")
        yield _Key(market, "id", id_name, listing.id), line
        skus = [
            (v.sku.strip(), v.line or line) for v in listing.variants if v.sku and v.sku.strip()
        ]
        own = (listing.identifiers.get("sku") or "").strip()
        if own and all(own != sku for sku, _ in skus):
            skus.insert(0, (own, line))
        for sku, sku_line in skus:
            # A SKU that is the listing's id (Amazon, eBay custom labels) is judged as the id.
            if sku != listing.id:
                yield _Key(market, "sku", "SKU", sku), sku_line
