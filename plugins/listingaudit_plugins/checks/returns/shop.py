"""A Shopify store's refund policy, read from its public ``/policies/refund-policy`` page.

The store is named by ``--shop URL`` (``ctx.services["shop_url"]``) or ``[returns] shop_url``.
The page is fetched once per run; any failure (offline, timeout, HTTP error, a page that states
no policy) is kept as the reason the policy could not be verified, never as a guess.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from urllib.parse import urljoin, urlsplit

import requests
from bs4 import BeautifulSoup

from listingaudit import __version__
from listingaudit.checks import CheckContext

from .settings import settings
from .terms import Terms
from .wording import PACKAGE, Wording, for_context

_SERVICE_KEY = "returns.shop_page"
#: Default seconds to wait for the store when ``[network] timeout_seconds`` is not set.
_TIMEOUT = 10.0
#: A policy page is a few kilobytes; stop reading a response larger than this.
_MAX_BYTES = 2_000_000
_MAX_REDIRECTS = 5


@dataclass(frozen=True)
class ShopPage:
    """The outcome of reading the refund-policy page: terms, or why there are none."""

    url: str
    terms: Terms | None
    #: Why the policy could not be verified ("" when ``terms`` is set).
    failure: str = ""


class _FetchError(Exception):
    """The page could not be had; the message says why, for the finding."""


@cache
def _policy_path() -> str:
    text = resources.files(PACKAGE).joinpath("data/rules.json").read_text("utf-8")
    return str(json.loads(text)["shopify_refund_policy_path"]["path"])


def shop_url(ctx: CheckContext) -> str | None:
    found = ctx.services.get("shop_url") or settings(ctx).get("shop_url")
    return str(found) if found else None


def policy_url(shop: str) -> str:
    """The refund-policy page of ``shop`` (a store URL or domain, or the page's own URL)."""
    if "://" not in shop:
        shop = f"https://{shop}"
    if "/policies/" in urlsplit(shop).path:
        return shop
    return urljoin(shop, _policy_path())


def shop_page(ctx: CheckContext) -> ShopPage | None:
    """The store's refund policy, fetched on first use and remembered for the run.

    ``None`` when no store is named.
    """
    shop = shop_url(ctx)
    if not shop:
        return None
    cached = ctx.services.get(_SERVICE_KEY)
    if isinstance(cached, ShopPage):
        return cached
    url = policy_url(shop)
    if ctx.services.get("offline"):
        page = ShopPage(url, None, "not fetched: the audit runs offline")
    else:
        page = _read(
            url, float(ctx.config.get("network.timeout_seconds", _TIMEOUT)), for_context(ctx)
        )
    ctx.services[_SERVICE_KEY] = page
    return page


def _read(url: str, timeout: float, wording: Wording) -> ShopPage:
    try:
        html = fetch(url, timeout)
    except _FetchError as error:
        return ShopPage(url, None, str(error))
    terms = wording.terms_in(page_text(html))
    if terms is None:
        return ShopPage(
            url, None, "the page states neither a return window nor that returns are refused"
        )
    return ShopPage(url, terms)


def fetch(url: str, timeout: float) -> bytes:
    """The page's bytes; :class:`_FetchError` says why they could not be had."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise _FetchError(f"not an http(s) address: {url}")
    with requests.Session() as session:
        session.max_redirects = _MAX_REDIRECTS
        try:
            response = session.get(
                url,
                timeout=timeout,
                stream=True,
                headers={"User-Agent": f"listingaudit/{__version__}", "Accept": "text/html"},
            )
            with response:
                if response.status_code != 200:
                    raise _FetchError(f"HTTP {response.status_code} from {response.url}")
                body = bytearray()
                for chunk in response.iter_content(65536):
                    body.extend(chunk)
                    if len(body) > _MAX_BYTES:
                        raise _FetchError(f"the page is larger than {_MAX_BYTES} bytes")
        except requests.Timeout:
            raise _FetchError(f"no answer within {timeout:g} s") from None
        except requests.TooManyRedirects:
            raise _FetchError(f"more than {_MAX_REDIRECTS} redirects") from None
        except requests.RequestException as error:
            raise _FetchError(f"could not connect ({type(error).__name__})") from None
    return bytes(body)


def page_text(html: bytes) -> str:
    """The words of the policy itself: Shopify's policy body if marked, else the main content."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "template", "noscript"]):
        hidden.decompose()
    body = soup.select_one(".shopify-policy__body") or soup.find("main") or soup.body or soup
    return " ".join(body.get_text(" ").split())
