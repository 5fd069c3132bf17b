"""Which URLs a webhook may be delivered to.

A subscription URL is chosen by whoever holds a W13 login, and the service then sends requests
to it from inside the hosting network: without a check it could reach the loopback interface,
the internal network or the cloud's metadata service (server-side request forgery). The check
runs when a URL is subscribed and again before every delivery, because a name can resolve to
another address later; a delivery then connects to exactly the address that was checked."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import SplitResult, urlsplit, urlunsplit

from api.core import i18n

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]

# Cloud instance-metadata endpoints are refused even where private addresses are allowed:
# no local set-up needs a webhook there, and reaching one can leak the host's credentials.
METADATA_HOSTS = frozenset(
    {"metadata.google.internal", "metadata.goog", "metadata", "instance-data"}
)
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254")
)
NAT64 = ipaddress.ip_network("64:ff9b::/96")


class UnsafeUrlError(ValueError):
    """The URL may not receive webhooks; `code` and `ctx` say why (the message in English)."""

    def __init__(self, code: str, **ctx: Any) -> None:
        super().__init__(i18n.text(code, "en", ctx) or code)
        self.code, self.ctx = code, ctx


# Issue 13 §4: why a URL may not receive webhooks, in the caller's language.
i18n.register(
    {
        "url_invalid": {
            "nl": "Het webadres is niet geldig.",
            "fr": "L'adresse web n'est pas valide.",
            "en": "The URL is not valid.",
        },
        "url_scheme_http": {
            "nl": "Alleen http- en https-adressen kunnen webhooks ontvangen.",
            "fr": "Seules les adresses http et https peuvent recevoir des webhooks.",
            "en": "Only http and https URLs can receive webhooks.",
        },
        "url_credentials": {
            "nl": "Aanmeldgegevens in het webadres zijn niet toegestaan; controleer in de plaats "
            "de handtekening van de webhook.",
            "fr": "Les identifiants dans l'adresse web ne sont pas permis ; vérifiez plutôt la "
            "signature du webhook.",
            "en": "Credentials in the URL are not allowed; verify the webhook signature instead.",
        },
        "url_port": {
            "nl": "Het webadres heeft een ongeldige poort.",
            "fr": "L'adresse web a un port invalide.",
            "en": "The URL has an invalid port.",
        },
        "url_no_host": {
            "nl": "Het webadres heeft geen host.",
            "fr": "L'adresse web n'a pas d'hôte.",
            "en": "The URL has no host.",
        },
        "url_host_name": {
            "nl": "De hostnaam van het webadres is niet geldig.",
            "fr": "Le nom d'hôte de l'adresse web n'est pas valide.",
            "en": "The URL's host name is not valid.",
        },
        "url_unresolved": {
            "nl": "De host {host} kon niet opgezocht worden.",
            "fr": "L'hôte {host} n'a pas pu être résolu.",
            "en": "The host {host} could not be resolved.",
        },
        "url_metadata_host": {
            "nl": "{host} is een metadata-host van een cloud.",
            "fr": "{host} est un hôte de métadonnées de cloud.",
            "en": "{host} is a cloud metadata host.",
        },
        "url_loopback": {
            "nl": "{host} is een loopback-host.",
            "fr": "{host} est un hôte de bouclage (loopback).",
            "en": "{host} is a loopback host.",
        },
        "url_address": {
            "nl": "Het webadres mag niet naar {address} wijzen: geen publiek adres.",
            "fr": "L'adresse web ne peut pas pointer vers {address} : ce n'est pas une adresse "
            "publique.",
            "en": "The URL may not point at this address ({address}): {reason}",
        },
    }
)


@dataclass(frozen=True)
class Target:
    """Where to send a delivery: the URL with its host replaced by the checked address, and
    the original host for the `Host` header and TLS (SNI and certificate check)."""

    url: str
    host_header: str
    server_name: str
    address: IPAddress


def system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def _embedded_v4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, NAT64), which is what it
    reaches."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def refusal(ip: IPAddress, allow_private: bool) -> str | None:
    """Why a delivery may not go to this address, or None when it may."""
    if ip in METADATA_ADDRESSES:
        return f"{ip} is a cloud metadata address."
    inner = _embedded_v4(ip)
    if inner is not None:
        reason = refusal(inner, allow_private)
        return f"{ip} embeds {inner}: {reason}" if reason else None
    if allow_private:
        return None
    for test, what in (
        (ip.is_loopback, "a loopback address"),
        (ip.is_link_local, "a link-local address"),
        (ip.is_unspecified, "the unspecified address"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_private, "a private address"),
    ):
        if test:
            return f"{ip} is {what}."
    if not ip.is_global:
        return f"{ip} is not a public address."
    return None


def _parts(url: str) -> tuple[SplitResult, str, int]:
    try:
        parts = urlsplit(url)
    except ValueError as exc:  # unbalanced brackets, characters that NFKC turns into syntax
        raise UnsafeUrlError("url_invalid") from exc
    if parts.scheme not in ("http", "https"):
        raise UnsafeUrlError("url_scheme_http")
    if "@" in parts.netloc:
        raise UnsafeUrlError("url_credentials")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise UnsafeUrlError("url_port") from exc
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise UnsafeUrlError("url_no_host")
    return parts, host, port


def _literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def _ascii(host: str) -> str:
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise UnsafeUrlError("url_host_name") from exc


def _resolve(host: str, port: int, resolver: Resolver) -> list[IPAddress]:
    try:
        found = resolver(host, port)
    except (OSError, UnicodeError) as exc:
        raise UnsafeUrlError("url_unresolved", host=host) from exc
    # A scoped IPv6 address ("fe80::1%eth0") is judged by its address part.
    addresses = [ipaddress.ip_address(a.split("%", 1)[0]) for a in found]
    if not addresses:
        raise UnsafeUrlError("url_unresolved", host=host)
    return addresses


def check_url(url: str, *, allow_private: bool, resolver: Resolver | None = None) -> Target:
    """The checked target of a webhook URL; raises UnsafeUrlError when it may not be used."""
    parts, host, port = _parts(url)
    if host in METADATA_HOSTS:
        raise UnsafeUrlError("url_metadata_host", host=host)
    if not allow_private and (host == "localhost" or host.endswith(".localhost")):
        raise UnsafeUrlError("url_loopback", host=host)
    literal = _literal(host)
    if literal is not None:
        addresses = [literal]
    else:
        host = _ascii(host)
        addresses = _resolve(host, port, resolver or system_resolver)
    # Every address the name has must be acceptable: a name with one public and one internal
    # address would otherwise reach the internal one part of the time.
    for ip in addresses:
        reason = refusal(ip, allow_private)
        if reason:
            raise UnsafeUrlError("url_address", address=str(ip), reason=reason)
    address = addresses[0]
    shown = f"[{address}]" if address.version == 6 else str(address)
    netloc = shown if parts.port is None else f"{shown}:{parts.port}"
    host_header = (f"[{host}]" if ":" in host else host) + (
        "" if parts.port is None else f":{parts.port}"
    )
    pinned = urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
    return Target(url=pinned, host_header=host_header, server_name=host, address=address)
