"""Photo checks: fetch, cache and measure every listing photo, judged per marketplace.

Rules PHO001–PHO017, one module each. Thresholds live in ``data/<marketplace>.json`` with their
sources; ``[photos.channels]`` judges a listing also against the marketplaces it feeds.
"""

from __future__ import annotations

from listingaudit import hookimpl
from listingaudit.checks import Check
from listingaudit.config import ConfigKey
from listingaudit_plugins.checks.photos.PHO001 import NoPhoto
from listingaudit_plugins.checks.photos.PHO002 import TooFewPhotos
from listingaudit_plugins.checks.photos.PHO003 import TooManyPhotos
from listingaudit_plugins.checks.photos.PHO004 import PhotoTooSmall
from listingaudit_plugins.checks.photos.PHO005 import PhotoBelowRecommended
from listingaudit_plugins.checks.photos.PHO006 import PhotoTooLarge
from listingaudit_plugins.checks.photos.PHO007 import ExtremeAspectRatio
from listingaudit_plugins.checks.photos.PHO008 import BlurryPhoto
from listingaudit_plugins.checks.photos.PHO009 import BadExposure
from listingaudit_plugins.checks.photos.PHO010 import MainBackgroundNotWhite
from listingaudit_plugins.checks.photos.PHO011 import ProductTooSmallInFrame
from listingaudit_plugins.checks.photos.PHO012 import PlaceholderPhoto
from listingaudit_plugins.checks.photos.PHO013 import ReusedPhoto
from listingaudit_plugins.checks.photos.PHO014 import FormatMismatch
from listingaudit_plugins.checks.photos.PHO015 import RefusedFormat
from listingaudit_plugins.checks.photos.PHO016 import InsecurePhotoURL
from listingaudit_plugins.checks.photos.PHO017 import PhotoUnavailable

CHECKS: list[type[Check]] = [
    NoPhoto,
    TooFewPhotos,
    TooManyPhotos,
    PhotoTooSmall,
    PhotoBelowRecommended,
    PhotoTooLarge,
    ExtremeAspectRatio,
    BlurryPhoto,
    BadExposure,
    MainBackgroundNotWhite,
    ProductTooSmallInFrame,
    PlaceholderPhoto,
    ReusedPhoto,
    FormatMismatch,
    RefusedFormat,
    InsecurePhotoURL,
    PhotoUnavailable,
]

_MARKETPLACE_NAME = {"type": "string", "pattern": "^[a-z0-9_-]+$"}


@hookimpl
def listingaudit_checks() -> list[type[Check]]:
    return list(CHECKS)


@hookimpl
def listingaudit_config_keys() -> list[ConfigKey]:
    return [
        ConfigKey(
            section="photos",
            schema={
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "channels": {
                        "type": "object",
                        "description": "Marketplaces a listing also feeds, judged with their "
                        'photo rules too, e.g. shopify = ["google"].',
                        "additionalProperties": {"type": "array", "items": _MARKETPLACE_NAME},
                    }
                },
            },
            default={"channels": {}},
            help="Photo checks: [photos.channels] judges listings also as the channels they "
            "feed (Google Merchant Center for a Shopify store).",
        )
    ]
