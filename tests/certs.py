"""Certificates for the TLS tests, made with trustme (a test CA) and cryptography (a self-signed one)."""

from __future__ import annotations

import datetime
import ssl
from dataclasses import dataclass
from pathlib import Path

import trustme


@dataclass
class Certs:
    """PEM files (key and chain) for servers, and the CA file a client trusts."""

    ca_file: str  # the test CA, for ``SessionOptions(ca_file=...)`` or ``SSL_CERT_FILE``
    good: str  # for 127.0.0.1, ::1 and localhost, from the test CA
    wrong_host: str  # for other.example only, from the test CA
    expired: str  # for 127.0.0.1, from the test CA, expired a day ago
    other: str  # for 127.0.0.1, from the test CA: another certificate for the same names
    self_signed: str  # for 127.0.0.1, signed by its own key
    hostile: str  # self-signed for 127.0.0.1, its subject (and issuer) holding ESC, U+202E, a line break and a CR

    @staticmethod
    def der(pem_file: str) -> bytes:
        """The server certificate (the first in the file) as DER."""
        text = Path(pem_file).read_text()
        start = text.index("-----BEGIN CERTIFICATE-----")
        end = text.index("-----END CERTIFICATE-----", start) + len("-----END CERTIFICATE-----")
        return ssl.PEM_cert_to_DER_cert(text[start:end])


def make_certs(folder: Path) -> Certs:
    ca = trustme.CA()
    now = datetime.datetime.now(datetime.timezone.utc)

    def write(name: str, leaf) -> str:
        path = folder / name
        leaf.private_key_and_cert_chain_pem.write_to_path(str(path))
        return str(path)

    ca_file = folder / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    return Certs(
        ca_file=str(ca_file),
        good=write("good.pem", ca.issue_cert("127.0.0.1", "::1", "localhost")),
        wrong_host=write("wrong-host.pem", ca.issue_cert("other.example")),
        expired=write(
            "expired.pem",
            ca.issue_cert(
                "127.0.0.1",
                not_before=now - datetime.timedelta(days=30),
                not_after=now - datetime.timedelta(days=1),
            ),
        ),
        other=write("other.pem", ca.issue_cert("127.0.0.1", "::1", "localhost")),
        self_signed=_self_signed(folder / "self-signed.pem", now),
        hostile=_self_signed(folder / "hostile.pem", now, HOSTILE_CN, HOSTILE_ORG),
    )


# as QA's: shown raw, the CN set a terminal's title, coloured text, reversed "gpj.exe" and faked a line; the O's
# CR broke one
HOSTILE_CN = "\x1b]0;PWNED\x07\x1b[31mRED\x1b[0m e\u202egpj.exe\nFAKE: trusted"
HOSTILE_ORG = "Org\rX"


def _self_signed(
    path: Path, now: datetime.datetime, common_name: str = "self-signed ftpgui test", organization: str = ""
) -> str:
    from ftpgui.practicetls import self_signed

    start, end = now - datetime.timedelta(days=1), now + datetime.timedelta(days=30)
    pem, _ = self_signed(common_name, start, end, organization)
    path.write_bytes(pem)
    return str(path)
