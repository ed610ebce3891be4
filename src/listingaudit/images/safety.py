"""Which photo URLs may be fetched, and a transport that connects only where it checked.

Photo URLs come from export files, so someone else chose them. Before any connection the host is
resolved and every address must be globally routable: ``is_global`` after unwrapping the
IPv4-mapped, NAT64 and 6to4 forms (Python counts ``64:ff9b::a9fe:a9fe`` as global), and never
multicast or reserved. Because the *resolved* address is judged, ``127.1``, ``2130706433`` and
``0x7f000001`` are caught as loopback however the URL spells them. Only http and https, on ports 80
and 443 unless the host is allowed. The connection then goes to the address that was checked (no
second lookup, so DNS rebinding cannot swap it) while the name stays in the Host header, SNI and
certificate check. Redirects are sent through the same adapter, so every hop is checked.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from requests import PreparedRequest, Response
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError
from urllib3.util.connection import create_connection

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
#: ``(host, port) -> addresses``; the default asks the system resolver.
Resolver = Callable[[str, int], list[str]]

SCHEMES = {"http": 80, "https": 443}
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


class RefusedURL(Exception):
    """The policy will not fetch this URL. The message says why, in words for the seller."""


class HostNotFound(Exception):
    """The host name does not resolve (DNS failure)."""


def system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def unwrap(ip: IPAddress) -> IPAddress:
    """The IPv4 address an IPv6 address really reaches (IPv4-mapped, NAT64, 6to4), else ``ip``."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return ip.ipv4_mapped
        if ip in _NAT64:
            return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if ip.sixtofour is not None:
            return ip.sixtofour
    return ip


def why_not_public(address: str) -> str | None:
    """Why ``address`` must not be fetched from, or ``None`` when it is globally routable."""
    ip = unwrap(ipaddress.ip_address(address))
    checks = (
        (ip.is_unspecified, "the unspecified address"),
        (ip.is_loopback, "a loopback address"),
        (ip.is_link_local, "a link-local address (cloud metadata services live there)"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_private, "a private-network address"),
        (ip.is_reserved, "a reserved address"),
        (not ip.is_global, "an address that is not globally routable"),
    )
    return next((reason for failed, reason in checks if failed), None)


def host_key(host: str, port: int) -> tuple[str, int]:
    """One spelling per host, whether it came from a URL or from urllib3 (brackets, dots)."""
    return host.strip("[]").rstrip(".").lower(), port


@dataclass(frozen=True)
class Destination:
    """A checked URL: where the connection for it will go."""

    scheme: str
    host: str
    port: int
    address: str


class UrlPolicy:
    """Checks URLs and remembers, per host and port, the address that passed (the pin).

    ``allow_hosts`` lists host names, IP addresses or networks (``10.0.0.0/8``) that may be
    fetched from even when private or loopback, on any port (tests and intranets use it).
    """

    def __init__(self, allow_hosts: Iterable[str] = (), resolver: Resolver = system_resolver):
        self._names: set[str] = set()
        self._networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = []
        for entry in allow_hosts:
            name = entry.strip().strip("[]").lower()
            try:
                self._networks.append(ipaddress.ip_network(name, strict=False))
            except ValueError:
                self._names.add(name.rstrip("."))
        self._resolver = resolver
        self._pins: dict[tuple[str, int], str] = {}
        self._lock = threading.Lock()

    def check(self, url: str) -> Destination:
        """The destination of ``url``, or :class:`RefusedURL` / :class:`HostNotFound`."""
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in SCHEMES:
            raise RefusedURL(f"'{scheme or url}' URLs are not fetched (only http and https)")
        if not parts.hostname:
            raise RefusedURL("the URL names no host")
        try:
            port = parts.port or SCHEMES[scheme]
        except ValueError:
            raise RefusedURL("the URL's port is not a number") from None
        key = host_key(parts.hostname, port)
        with self._lock:
            pinned = self._pins.get(key)
        if pinned is None:
            pinned = self._admit(key)
        return Destination(scheme, key[0], port, pinned)

    def pinned(self, host: str, port: int) -> str:
        """The address checked for ``host:port``; connecting anywhere unchecked is refused."""
        with self._lock:
            address = self._pins.get(host_key(host, port))
        if address is None:
            raise RefusedURL(f"{host} was not checked before connecting")
        return address

    def _admit(self, key: tuple[str, int]) -> str:
        host, port = key
        addresses = self._resolve(host, port)
        if not self._allowed(host, addresses):
            for address in addresses:
                reason = why_not_public(address)
                if reason:
                    where = f"{host} is" if host == address else f"{host} resolves to {address},"
                    raise RefusedURL(f"{where} {reason}")
            if port not in SCHEMES.values():
                raise RefusedURL(f"port {port} is not 80 or 443 (allow the host to use it)")
        with self._lock:
            return self._pins.setdefault(key, addresses[0])

    def _resolve(self, host: str, port: int) -> list[str]:
        try:
            return [str(ipaddress.ip_address(host))]  # a literal needs no lookup
        except ValueError:
            pass
        try:
            addresses = self._resolver(host, port)
        except (OSError, UnicodeError) as error:
            raise HostNotFound(f"{host} does not resolve ({error})") from None
        if not addresses:
            raise HostNotFound(f"{host} does not resolve")
        return addresses

    def _allowed(self, host: str, addresses: list[str]) -> bool:
        if host in self._names:
            return True
        if not self._networks:
            return False
        ips = [unwrap(ipaddress.ip_address(a)) for a in addresses]
        return all(any(ip in net for net in self._networks) for ip in ips)


def _connect_pinned(conn: HTTPConnection, policy: UrlPolicy) -> socket.socket:
    """Open the socket to the checked address; the connection keeps its host name."""
    address = policy.pinned(conn.host, conn.port)
    try:
        return create_connection(
            (address, conn.port),
            conn.timeout,
            source_address=conn.source_address,
            socket_options=conn.socket_options,
        )
    except TimeoutError as error:
        raise ConnectTimeoutError(conn, f"connection to {conn.host} timed out") from error
    except OSError as error:
        raise NewConnectionError(conn, f"cannot connect to {conn.host}: {error}") from error


def pinned_pool_classes(policy: UrlPolicy) -> dict[str, type[HTTPConnectionPool]]:
    """urllib3 pool classes whose connections go only to addresses ``policy`` checked."""

    class PinnedHTTPConnection(HTTPConnection):
        def _new_conn(self) -> socket.socket:
            return _connect_pinned(self, policy)

    class PinnedHTTPSConnection(HTTPSConnection):
        def _new_conn(self) -> socket.socket:
            return _connect_pinned(self, policy)

    class PinnedHTTPConnectionPool(HTTPConnectionPool):
        ConnectionCls = PinnedHTTPConnection

    class PinnedHTTPSConnectionPool(HTTPSConnectionPool):
        ConnectionCls = PinnedHTTPSConnection

    return {"http": PinnedHTTPConnectionPool, "https": PinnedHTTPSConnectionPool}


class GuardedAdapter(HTTPAdapter):
    """A requests transport that checks every request (each redirect too) and pins its address."""

    def __init__(self, policy: UrlPolicy, **kwargs: Any) -> None:
        self.policy = policy  # set first: the base class builds the pool manager
        super().__init__(**kwargs)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = pinned_pool_classes(self.policy)

    def send(self, request: PreparedRequest, *args: Any, **kwargs: Any) -> Response:
        self.policy.check(request.url or "")
        return super().send(request, *args, **kwargs)
