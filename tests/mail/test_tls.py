"""Encrypted SMTP against a real server on loopback: STARTTLS when the server offers it (and a
login only over it), and TLS from the start (smtps://); the server's certificate is checked."""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from fastapi.testclient import TestClient

from api.mail.transport import SmtpTransport
from tests.mail.conftest import MakeWorker, SmtpServer, World, _free_port
from tests.mail.test_invitations import rows, send

USER, PASSWORD = "regie", "smtp-wachtwoord"


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1: (certificate, key)."""
    folder = tmp_path_factory.mktemp("tls")
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def _context(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*certificate)
    return context


def _check_login(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
        USER.encode(),
        PASSWORD.encode(),
    )
    return AuthResult(success=ok)


@pytest.fixture
def starttls(certificate: tuple[Path, Path]) -> Iterator[SmtpServer]:
    server = SmtpServer(port=_free_port())
    controller = Controller(
        server,
        hostname="127.0.0.1",
        port=server.port,
        tls_context=_context(certificate),
        require_starttls=True,
        authenticator=_check_login,
        auth_required=True,
    )
    controller.start()
    yield server
    controller.stop()


@pytest.fixture
def implicit_tls(certificate: tuple[Path, Path]) -> Iterator[SmtpServer]:
    server = SmtpServer(port=_free_port())
    controller = Controller(
        server,
        hostname="127.0.0.1",
        port=server.port,
        ssl_context=_context(certificate),
    )
    controller.start()
    yield server
    controller.stop()


def test_starttls_with_a_login(
    client: TestClient,
    w13: dict[str, str],
    world: World,
    starttls: SmtpServer,
    make_worker: MakeWorker,
    certificate: tuple[Path, Path],
) -> None:
    send(client, w13, world.meeting["id"])
    transport = SmtpTransport(
        f"smtp://127.0.0.1:{starttls.port}", USER, PASSWORD, 5.0, str(certificate[0])
    )
    assert make_worker(transport=transport).drain() == {"sent": 2}
    assert len(starttls.received) == 2


def test_smtps_and_a_certificate_not_trusted_is_refused(
    client: TestClient,
    w13: dict[str, str],
    world: World,
    implicit_tls: SmtpServer,
    make_worker: MakeWorker,
    certificate: tuple[Path, Path],
) -> None:
    send(client, w13, world.meeting["id"])
    untrusted = SmtpTransport(f"smtps://127.0.0.1:{implicit_tls.port}", "", "", 5.0)
    assert make_worker(transport=untrusted).drain() == {"pending": 2}
    assert all("CERTIFICATE_VERIFY_FAILED" in (r.last_error or "") for r in rows())
    assert implicit_tls.received == []
    trusted = SmtpTransport(
        f"smtps://127.0.0.1:{implicit_tls.port}", "", "", 5.0, str(certificate[0])
    )
    for row in rows():
        client.post(f"/api/v1/messages/{row.id}/send-again", headers=w13)
    assert make_worker(transport=trusted).drain() == {"sent": 2}
    assert len(implicit_tls.received) == 2
