"""The URL policy: every spelling of a private address is refused, and connections are pinned."""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
from pathlib import Path

import pytest

from listingaudit.images import safety
from listingaudit.images.fetch import Fetcher, FetchError
from listingaudit.images.safety import HostNotFound, RefusedURL, UrlPolicy, unwrap, why_not_public

from .fixtures.photos.images import encode, product_shot
from .fixtures.photos.server import send, serve

PUBLIC = "93.184.215.14"


class Resolver:
    """A resolver that knows only ``table``, and counts its lookups."""

    def __init__(self, table: dict[str, list[str]]) -> None:
        self.table = table
        self.calls: list[str] = []

    def __call__(self, host: str, port: int) -> list[str]:
        self.calls.append(host)
        if host not in self.table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return self.table[host]


# Each spelling reaches a loopback, private, link-local, CGNAT, multicast or reserved address.
# They are literals, so the system resolver answers without DNS (and the policy judges what it
# resolved to, never the URL's text).
HOSTILE_URLS = [
    ("http://127.0.0.1/a.jpg", "loopback"),
    ("http://127.1/a.jpg", "loopback"),
    ("http://2130706433/a.jpg", "loopback"),
    ("http://0x7f000001/a.jpg", "loopback"),
    ("http://0177.0.0.1/a.jpg", "loopback"),
    ("http://[::1]/a.jpg", "loopback"),
    ("http://[::ffff:127.0.0.1]/a.jpg", "loopback"),
    ("http://[64:ff9b::a9fe:a9fe]/latest/meta-data/", "link-local"),
    ("http://[2002:a9fe:a9fe::1]/a.jpg", "link-local"),
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://100.64.0.1/a.jpg", "not globally routable"),
    ("http://0.0.0.0/a.jpg", "unspecified"),
    ("http://10.1.2.3/a.jpg", "private"),
    ("http://192.168.0.10/a.jpg", "private"),
    ("http://224.0.0.1/a.jpg", "multicast"),
    ("http://[ff02::1]/a.jpg", "multicast"),
    ("http://[::a9fe:a9fe]/a.jpg", "reserved"),
]


@pytest.mark.parametrize(("url", "why"), HOSTILE_URLS)
def test_private_addresses_are_refused_however_spelt(url: str, why: str) -> None:
    with pytest.raises(RefusedURL, match=why):
        UrlPolicy().check(url)


def test_python_gaps_are_closed_by_unwrapping() -> None:
    import ipaddress

    # What Python alone gets wrong: NAT64 and multicast count as "global".
    assert ipaddress.ip_address("64:ff9b::a9fe:a9fe").is_global
    assert str(unwrap(ipaddress.ip_address("64:ff9b::a9fe:a9fe"))) == "169.254.169.254"
    assert str(unwrap(ipaddress.ip_address("::ffff:10.0.0.1"))) == "10.0.0.1"
    assert why_not_public("233.252.0.1") == "a multicast address"
    assert why_not_public(PUBLIC) is None
    assert why_not_public("2606:4700::6810:84e5") is None


def test_a_name_is_refused_when_any_of_its_addresses_is_private() -> None:
    policy = UrlPolicy(resolver=Resolver({"cdn.example.com": [PUBLIC, "10.0.0.7"]}))
    with pytest.raises(RefusedURL, match=r"cdn\.example\.com resolves to 10\.0\.0\.7, a private"):
        policy.check("https://cdn.example.com/a.jpg")


def test_public_names_pass_and_are_pinned_to_the_first_check() -> None:
    lookup = Resolver({"cdn.example.com": [PUBLIC]})
    policy = UrlPolicy(resolver=lookup)
    first = policy.check("https://cdn.example.com/a.jpg")
    assert (first.host, first.port, first.address) == ("cdn.example.com", 443, PUBLIC)
    # DNS rebinding: the name now points inside, but the run keeps the checked address.
    lookup.table["cdn.example.com"] = ["127.0.0.1"]
    assert policy.check("https://CDN.example.com./b.jpg").address == PUBLIC
    assert policy.pinned("cdn.example.com", 443) == PUBLIC
    assert lookup.calls == ["cdn.example.com"]


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("ftp://cdn.example.com/a.jpg", "only http and https"),
        ("file:///etc/passwd", "only http and https"),
        ("gopher://cdn.example.com/", "only http and https"),
        ("https://cdn.example.com:8443/a.jpg", "port 8443"),
        ("http:///a.jpg", "no host"),
    ],
)
def test_schemes_ports_and_hostless_urls_are_refused(url: str, why: str) -> None:
    with pytest.raises(RefusedURL, match=why):
        UrlPolicy(resolver=Resolver({"cdn.example.com": [PUBLIC]})).check(url)


def test_unresolvable_hosts_are_a_dns_failure() -> None:
    with pytest.raises(HostNotFound, match=r"nowhere\.example"):
        UrlPolicy(resolver=Resolver({})).check("https://nowhere.example/a.jpg")


def test_allow_hosts_opens_names_addresses_and_networks_on_any_port() -> None:
    table = {"intranet.local": ["10.0.0.8"], "nas.local": ["192.168.1.20"]}
    policy = UrlPolicy(["127.0.0.1", "intranet.local", "192.168.0.0/16"], Resolver(table))
    assert policy.check("http://127.0.0.1:8080/a.jpg").address == "127.0.0.1"
    assert policy.check("http://intranet.local:81/a.jpg").address == "10.0.0.8"
    assert policy.check("http://nas.local/a.jpg").address == "192.168.1.20"
    with pytest.raises(RefusedURL, match="loopback"):
        policy.check("http://[::1]/a.jpg")


def test_a_real_server_on_loopback_needs_allow_hosts() -> None:
    photo = encode(product_shot(600, 1))
    with serve() as server:
        server.routes["/a.jpg"] = lambda h: send(h, 200, photo, Content_Type="image/jpeg")
        refused = Fetcher(UrlPolicy())
        with pytest.raises(FetchError, match=r"127\.0\.0\.1 is a loopback address") as error:
            refused.fetch(server.url("/a.jpg"), None)
        assert error.value.reason == "refused"
        assert server.seen == []  # refused before any connection
        allowed = Fetcher(UrlPolicy(["127.0.0.1"]))
        assert allowed.fetch(server.url("/a.jpg"), None).data == photo


def test_the_connection_goes_to_the_checked_address_and_keeps_the_name() -> None:
    """``photos.test`` resolves (for the policy only) to 127.0.0.1: the system resolver would
    fail on it, so a successful fetch proves there was no second lookup; the server sees the
    name in the Host header."""
    photo = encode(product_shot(600, 2))
    with serve() as server:
        server.routes["/p.jpg"] = lambda h: send(h, 200, photo, Content_Type="image/jpeg")
        policy = UrlPolicy(["photos.test"], Resolver({"photos.test": ["127.0.0.1"]}))
        fetched = Fetcher(policy).fetch(server.url("/p.jpg", host="photos.test"), None)
    assert fetched.data == photo
    assert server.seen[0][1]["Host"] == f"photos.test:{server.port}"


def test_a_redirect_is_checked_again_before_it_is_followed() -> None:
    with serve() as server:
        server.routes["/jump.jpg"] = lambda h: send(
            h, 302, Location="http://169.254.169.254/latest/meta-data/"
        )
        fetcher = Fetcher(UrlPolicy(["127.0.0.1"]))
        with pytest.raises(FetchError, match=r"169\.254\.169\.254 is a link-local") as error:
            fetcher.fetch(server.url("/jump.jpg"), None)
    assert error.value.reason == "refused"


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
def test_https_keeps_sni_and_certificate_checks_on_the_name(tmp_path: Path) -> None:
    """Pinned to 127.0.0.1, TLS still names ``photos.test`` (SNI) and verifies the certificate
    against it: the same address under a name the certificate does not cover is refused."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "1", "-subj", "/CN=photos.test", "-addext",
         "subjectAltName=DNS:photos.test", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    names: list[str | None] = []
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(cert, key)
    tls.sni_callback = lambda sock, name, context: names.append(name)
    photo = encode(product_shot(300, 3))
    with serve(tls) as server:
        server.routes["/a.jpg"] = lambda h: send(h, 200, photo)
        pinned = {"photos.test": ["127.0.0.1"], "other.test": ["127.0.0.1"]}
        policy = UrlPolicy(["photos.test", "other.test"], Resolver(pinned))
        fetcher = Fetcher(policy, ca_bundle=str(cert))
        url = f"https://photos.test:{server.port}/a.jpg"
        assert fetcher.fetch(url, None).data == photo
        with pytest.raises(FetchError, match=r"not valid for 'other\.test'"):
            fetcher.fetch(url.replace("photos.test", "other.test"), None)
    assert names[0] == "photos.test"
    assert server.seen[0][1]["Host"] == f"photos.test:{server.port}"


def test_deadlines_that_ended_leave_the_watchdog_queue(monkeypatch: pytest.MonkeyPatch) -> None:
    """Kept until their time, a minute of photos' deadlines would stay in memory."""
    watchdog = safety._Watchdog()
    monkeypatch.setattr(safety.Deadline, "_watchdog", watchdog)
    for _ in range(1000):
        with safety.Deadline(60):
            pass
    assert len(watchdog._queue) == 1  # the last one: removed when the next photo starts
    open_ended = safety.Deadline(60).__enter__()  # still in flight: kept, and what follows too
    for _ in range(3):
        with safety.Deadline(60):
            pass
    assert open_ended in [entry[2] for entry in watchdog._queue]
    assert len(watchdog._queue) == 4
    open_ended.__exit__(None, None, None)
