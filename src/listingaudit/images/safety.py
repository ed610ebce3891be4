"""Which photo URLs may be fetched, and a transport that connects only where it checked.

Photo URLs come from export files, so someone else chose them. Before any connection the host is
resolved and every address must be globally routable: ``is_global`` after unwrapping the
IPv4-mapped, NAT64 and 6to4 forms (Python counts ``64:ff9b::a9fe:a9fe`` as global), and never
multicast or reserved. Because the *resolved* address is judged, ``127.1``, ``2130706433`` and
``0x7f000001`` are caught as loopback however the URL spells them. Only http and https, on ports 80
and 443 unless the host is allowed. The connection then goes to the address that was checked (no
second lookup, so DNS rebinding cannot swap it) while the name stays in the Host header, SNI and
certificate check. Redirects come back through the same pool manager, so every hop is checked.

Read timeouts bound each wait for data, not a server that drips a byte at a time into its headers,
its TLS handshake or its body; so a :class:`Deadline` watches every connection the fetching
thread opens or reuses, and when the photo's time is up shuts them down (the blocked read returns
at once) and hands out no more. One watchdog thread serves every deadline of the process.
"""

from __future__ import annotations

import heapq
import ipaddress
import itertools
import socket
import threading
import time
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Self
from urllib.parse import urlsplit

from urllib3 import BaseHTTPResponse, PoolManager
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError
from urllib3.util import parse_url
from urllib3.util.connection import create_connection

if TYPE_CHECKING:
    from urllib3._base_connection import BaseHTTPConnection

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
#: ``(host, port) -> addresses``; the default asks the system resolver.
Resolver = Callable[[str, int], list[str]]

SCHEMES = {"http": 80, "https": 443}
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


class RefusedURL(Exception):
    """The policy will not fetch this URL. The message says why, in words for the seller."""


class HostNotFound(Exception):
    """The host name does not resolve (DNS failure)."""


class DeadlineExceeded(Exception):
    """The photo's time ran out before a connection could be opened or reused.

    Not an ``OSError``: urllib3 would take that for a network fault and retry.
    """


class _Watchdog:
    """One thread that expires every :class:`Deadline` of the process when its time comes.

    A timer thread per photo would start and stop a thread for each of them; this one sleeps
    until the soonest deadline. A deadline that ended early leaves the queue once it is at the
    front: as the photos' deadlines all last as long, the queue holds about the photos in
    flight, not every photo of the last minute (~380 bytes each: 30 MB at 1,300 photos/s).
    """

    def __init__(self) -> None:
        self._queue: list[tuple[float, int, Deadline]] = []
        self._order = itertools.count()  # breaks ties, so deadlines are never compared
        self._wake = threading.Condition(threading.Lock())
        self._thread: threading.Thread | None = None

    def add(self, deadline: Deadline) -> None:
        with self._wake:
            while self._queue and self._queue[0][2]._done:  # ended early: nothing to expire
                heapq.heappop(self._queue)
            heapq.heappush(self._queue, (deadline.end, next(self._order), deadline))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="photo-deadlines", daemon=True
                )
                self._thread.start()
            elif self._queue[0][2] is deadline:
                self._wake.notify()

    def _run(self) -> None:
        while True:
            with self._wake:
                while not self._queue or self._queue[0][0] > time.monotonic():
                    self._wake.wait(self._queue[0][0] - time.monotonic() if self._queue else None)
                _, _, due = heapq.heappop(self._queue)
            due._expire()


class Deadline:
    """The time one photo may take, enforced on every connection its thread uses.

    Used as a context manager around one photo's fetch. Each connection is watched through a
    duplicate of its socket, made once when the connection opens and closed with it (see
    :class:`_Shadowed`): shutting that down interrupts a read on the original whatever wraps
    it (a TLS handshake in progress detaches the plain socket object), and it can never hit an
    unrelated socket that reused a closed descriptor. (A duplicate made for every photo cost a
    warm run a tenth of its time, in system calls that hand the GIL to another thread.)
    """

    _local = threading.local()
    _watchdog = _Watchdog()

    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds
        self.expired = False
        self._done = False
        self._watched: list[socket.socket] = []
        self._lock = threading.Lock()

    @classmethod
    def current(cls) -> Deadline | None:
        """The deadline of the photo this thread is fetching, if any."""
        deadline: Deadline | None = getattr(cls._local, "deadline", None)
        return deadline

    def remaining(self) -> float:
        return self.end - time.monotonic()

    def watch(self, shadow: socket.socket) -> None:
        """Shut ``shadow`` (a connection's duplicate socket) down when time is up;
        :class:`DeadlineExceeded` if it already is."""
        with self._lock:
            if self.expired:
                raise DeadlineExceeded("no time left for this photo")
            self._watched.append(shadow)

    def forget(self, shadow: socket.socket) -> None:
        """Stop watching ``shadow``, which its connection is about to close: it is never shut
        down after that, when its descriptor may already belong to another socket."""
        with self._lock, suppress(ValueError):
            self._watched.remove(shadow)

    def _expire(self) -> None:
        with self._lock:
            if self._done:
                return
            self.expired = True
            for shadow in self._watched:
                with suppress(OSError):  # already closed by the peer
                    shadow.shutdown(socket.SHUT_RDWR)

    def __enter__(self) -> Self:
        Deadline._local.deadline = self
        Deadline._watchdog.add(self)
        return self

    def __exit__(self, *exc_info: object) -> None:
        Deadline._local.deadline = None
        with self._lock:
            self._done = True
            self._watched.clear()  # the watchdog keeps this object until its time is up


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
        try:
            port = parts.port
        except ValueError:
            raise RefusedURL("the URL's port is not a number") from None
        return self.destination(parts.scheme or url, parts.hostname, port)

    def destination(self, scheme: str, host: str | None, port: int | None) -> Destination:
        """Where a URL with these parts goes, or why not (as :meth:`check`)."""
        if scheme.lower() not in SCHEMES:
            raise RefusedURL(f"'{scheme}' URLs are not fetched (only http and https)")
        scheme = scheme.lower()
        if not host:
            raise RefusedURL("the URL names no host")
        port = port or SCHEMES[scheme]
        key = host_key(host, port)
        pinned = self._pins.get(key)  # one step under the GIL; only admitting takes the lock
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


class _Shadowed(HTTPConnection):
    """A connection with a duplicate of its socket (its shadow) for the fetching thread's
    :class:`Deadline` to shut down; the shadow is made on connecting and closed with it."""

    shadow: socket.socket | None = None

    def connect_pinned(self, policy: UrlPolicy) -> socket.socket:
        """Open the socket to the address ``policy`` checked; the host name stays the
        connection's (Host header, SNI, certificate)."""
        address = policy.pinned(self.host, self.port)
        try:
            sock = create_connection(
                (address, self.port),
                self.timeout,
                source_address=self.source_address,
                socket_options=self.socket_options,
            )
        except TimeoutError as error:
            raise ConnectTimeoutError(self, f"connection to {self.host} timed out") from error
        except OSError as error:
            raise NewConnectionError(self, f"cannot connect to {self.host}: {error}") from error
        self.drop_shadow()  # reconnecting: the old socket's shadow goes with it
        self.shadow = socket.fromfd(sock.fileno(), sock.family, sock.type)
        try:
            self.watch()
        except DeadlineExceeded:
            sock.close()
            raise
        return sock

    def watch(self) -> None:
        """Put the connection under the deadline of the photo this thread is fetching."""
        deadline = Deadline.current()
        if deadline is not None and self.shadow is not None:
            try:
                deadline.watch(self.shadow)
            except DeadlineExceeded:
                self.close()
                raise

    def drop_shadow(self) -> None:
        shadow, self.shadow = self.shadow, None
        if shadow is not None:
            deadline = Deadline.current()
            if deadline is not None:
                deadline.forget(shadow)
            shadow.close()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self.drop_shadow()


def pinned_pool_classes(policy: UrlPolicy) -> dict[str, type[HTTPConnectionPool]]:
    """urllib3 pool classes whose connections go only to addresses ``policy`` checked, each
    watched by the deadline of the photo it is used for."""

    class PinnedHTTPConnection(_Shadowed):
        def _new_conn(self) -> socket.socket:
            return self.connect_pinned(policy)

    class PinnedHTTPSConnection(_Shadowed, HTTPSConnection):
        def _new_conn(self) -> socket.socket:
            return self.connect_pinned(policy)

    class PinnedHTTPConnectionPool(HTTPConnectionPool):
        ConnectionCls = PinnedHTTPConnection

        def _get_conn(self, timeout: float | None = None) -> BaseHTTPConnection:
            return _watched(super()._get_conn(timeout))

    class PinnedHTTPSConnectionPool(HTTPSConnectionPool):
        ConnectionCls = PinnedHTTPSConnection

        def _get_conn(self, timeout: float | None = None) -> BaseHTTPConnection:
            return _watched(super()._get_conn(timeout))

    return {"http": PinnedHTTPConnectionPool, "https": PinnedHTTPSConnectionPool}


def _watched(conn: BaseHTTPConnection) -> BaseHTTPConnection:
    """A connection from the pool, watched if it is already open (a new one is, on opening)."""
    if isinstance(conn, _Shadowed) and conn.sock is not None:
        conn.watch()
    return conn


class GuardedPoolManager(PoolManager):
    """urllib3 connection pools that check every request (each redirect too) and pin its address.

    Redirects are never followed here: the caller follows them, so each hop comes back through
    :meth:`urlopen` and is checked.
    """

    def __init__(self, policy: UrlPolicy, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.policy = policy
        self.pool_classes_by_scheme = pinned_pool_classes(policy)

    def urlopen(  # type: ignore[override]
        self, method: str, url: str, redirect: bool = False, **kwargs: Any
    ) -> BaseHTTPResponse:
        """One request, never redirected, sent as ``PoolManager.urlopen`` would send it; the URL
        is checked as urllib3 parsed it (host IDNA-encoded and lower case), so the check and
        the connection see the same host."""
        parsed = parse_url(url)
        self.policy.destination(parsed.scheme or url, parsed.host, parsed.port)
        pool = self.connection_from_host(parsed.host, port=parsed.port, scheme=parsed.scheme)
        kwargs.setdefault("headers", self.headers)
        return pool.urlopen(
            method, parsed.request_uri, redirect=False, assert_same_host=False, **kwargs
        )
