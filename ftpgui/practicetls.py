"""The practice server's TLS (AUTH TLS, for *Simulate TLS with a firewall helper*): a throwaway self-signed
certificate for 127.0.0.1, made when the server starts and deleted when it stops, and the client options
that trust exactly that certificate (by its SHA-256 fingerprint, never by turning verification off).

pyftpdlib's TLS needs pyOpenSSL; without it the practice server speaks plain FTP only and says so
(``tls_handler()`` returns None).
"""

from __future__ import annotations

import datetime
import ipaddress
import os
import shutil
import tempfile
from dataclasses import replace
from typing import Optional, Tuple

from .ftp.options import SessionOptions
from .ftp.tls import fingerprint


def tls_handler() -> Optional[type]:
    """pyftpdlib's ``TLS_FTPHandler``, or None when pyOpenSSL is not installed."""
    try:
        from pyftpdlib.handlers import TLS_FTPHandler
    except ImportError:
        return None
    return TLS_FTPHandler


def self_signed(
    common_name: str, not_before: datetime.datetime, not_after: datetime.datetime, organization: str = ""
) -> Tuple[bytes, bytes]:
    """A new EC key and a self-signed certificate for 127.0.0.1, named ``common_name`` (and ``organization``
    when given): (key and certificate as PEM, certificate as DER)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, common_name)]
    if organization:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization))
    name = x509.Name(attributes)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .sign(key, hashes.SHA256())
    )
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ) + cert.public_bytes(serialization.Encoding.PEM)
    return pem, cert.public_bytes(serialization.Encoding.DER)


class PracticeCertificate:
    """A key and self-signed certificate for 127.0.0.1 in a private temporary folder (0700, the file 0600)."""

    def __init__(self) -> None:
        now = datetime.datetime.now(datetime.timezone.utc)
        pem, der = self_signed(
            "ftpgui practice server (127.0.0.1)", now - datetime.timedelta(hours=1), now + datetime.timedelta(days=7)
        )
        self.fingerprint = fingerprint(der)
        self.folder = tempfile.mkdtemp(prefix="ftpgui-practice-tls-")  # private to this user
        self.path = os.path.join(self.folder, "practice.pem")
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(pem)

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def tls_options(options: SessionOptions, certificate_fingerprint: str) -> SessionOptions:
    """``options`` with AUTH TLS required and the practice certificate trusted by its fingerprint."""
    return replace(options, tls="require", trust=(certificate_fingerprint,))
