"""Import readiness: what makes a catalog import fail or go wrong, for a CI job gating it."""

from __future__ import annotations

from listingaudit import hookimpl
from listingaudit.checks import Check
from listingaudit_plugins.checks.readiness.IMP001 import MissingTitle
from listingaudit_plugins.checks.readiness.IMP002 import MissingOrInvalidPrice
from listingaudit_plugins.checks.readiness.IMP003 import DuplicateKeys
from listingaudit_plugins.checks.readiness.IMP004 import OrphanVariantRows
from listingaudit_plugins.checks.readiness.IMP005 import DamagedBarcode
from listingaudit_plugins.checks.readiness.IMP006 import ShopifyFileTooLarge
from listingaudit_plugins.checks.readiness.IMP007 import EbayRequiredEmpty
from listingaudit_plugins.checks.readiness.IMP008 import EbayMixedPhotoHosting


@hookimpl
def listingaudit_checks() -> list[type[Check]]:
    return [
        MissingTitle,
        MissingOrInvalidPrice,
        DuplicateKeys,
        OrphanVariantRows,
        DamagedBarcode,
        ShopifyFileTooLarge,
        EbayRequiredEmpty,
        EbayMixedPhotoHosting,
    ]
