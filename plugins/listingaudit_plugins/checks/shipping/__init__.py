"""Fair shipping markup: flat charges against published carrier prices, as a plugin.

Rate tables live in ``data/rates`` (one file per carrier service, with source, effective dates
and confidence labels); eBay service codes map onto them in ``data/services.json``.
"""

from __future__ import annotations

from listingaudit import hookimpl
from listingaudit.checks import Check
from listingaudit.config import ConfigKey
from listingaudit_plugins.checks.shipping.settings import CONFIG_KEY
from listingaudit_plugins.checks.shipping.SHP001 import ShippingAbovePostage
from listingaudit_plugins.checks.shipping.SHP002 import AdditionalItemAboveFirst
from listingaudit_plugins.checks.shipping.SHP003 import LowPriceHighShipping
from listingaudit_plugins.checks.shipping.SHP004 import MarkupNotJudged
from listingaudit_plugins.checks.shipping.SHP005 import ShippingByReference


@hookimpl
def listingaudit_checks() -> list[type[Check]]:
    return [
        ShippingAbovePostage,
        AdditionalItemAboveFirst,
        LowPriceHighShipping,
        MarkupNotJudged,
        ShippingByReference,
    ]


@hookimpl
def listingaudit_config_keys() -> list[ConfigKey]:
    return [CONFIG_KEY]
