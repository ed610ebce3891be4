"""Photos: fetched safely, decoded defensively, measured once per run.

``safety`` decides which URLs may be fetched and pins connections to the checked address;
``fetch`` gets the bytes (hook, local file, HTTP with a revalidating cache); ``decode`` opens only
the formats marketplaces accept; ``measures`` turns pixels into numbers; ``service`` runs all of it
concurrently for a whole catalog and hands checks a :class:`PhotoMeasures` or :class:`PhotoFailure`
per photo.
"""

from listingaudit.images.measures import ANALYSIS_VERSION, PhotoMeasures
from listingaudit.images.service import PhotoFailure, PhotoResult, PhotoService, photo_service

__all__ = [
    "ANALYSIS_VERSION",
    "PhotoFailure",
    "PhotoMeasures",
    "PhotoResult",
    "PhotoService",
    "photo_service",
]
