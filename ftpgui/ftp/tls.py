"""TLS for the control and data connections: contexts, fingerprints, certificate facts, handshakes.

Verification is the default (``ssl.create_default_context``, host name checked against the name the
person typed). A certificate that fails it can still be accepted when the caller trusts its SHA-256
fingerprint for that host:port; the decision is the caller's (``TrustCallback``), the facts it needs
travel in ``UntrustedCertificate``.
"""

from __future__ import annotations

import hashlib
import socket
import ssl
import time
from datetime import datetime, timezone
from typing import Callable, Optional

from .datachannel import WaitTimeout, Waker, WakeUp, reset_close, wait
from .errors import UntrustedCertificate
from .options import Trust, normalize_fingerprint


def fingerprint(der: bytes) -> str:
    """The SHA-256 fingerprint of a DER certificate, as ``openssl x509 -fingerprint -sha256`` prints it."""
    return normalize_fingerprint(hashlib.sha256(der).hexdigest())


def is_trusted(trust: Trust, host: str, port: int, fp: str) -> bool:
    """Whether the caller trusts fingerprint ``fp`` for host:port."""
    if trust is None:
        return False
    if callable(trust):
        return bool(trust(host, port, fp))
    wanted = set()
    for item in trust:
        try:
            wanted.add(normalize_fingerprint(item))
        except ValueError:
            continue
    return fp in wanted


def verifying_context(cafile: Optional[str] = None) -> ssl.SSLContext:
    """The default: the system's trusted CAs (or ``cafile``), host names checked, TLS 1.2 at least."""
    ctx = ssl.create_default_context(cafile=cafile)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return ctx


def pinned_context() -> ssl.SSLContext:
    """A context that checks nothing by itself: used only when the certificate's fingerprint is compared
    with a trusted one before anything else is sent."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return ctx


def handshake(
    sock,
    ctx: ssl.SSLContext,
    hostname: str,
    *,
    waker: Optional[Waker],
    timeout: float,
    session: Optional[ssl.SSLSession] = None,
    wrapped: Optional[Callable[[ssl.SSLSocket], None]] = None,
) -> ssl.SSLSocket:
    """Wrap ``sock`` and finish the handshake without blocking past ``timeout`` or a cancel (``WakeUp``).

    The returned socket is non-blocking when a waker is given (data connections), else blocking with the
    socket's timeout (the control connection). ``ssl.SSLError`` and ``OSError`` pass through. ``wrapped(tls)``
    is told the TLS socket before the handshake: it has taken over ``sock``'s descriptor (the control
    connection's cancel hangs it up).
    """
    blocking_timeout = sock.gettimeout()
    try:
        tls = ctx.wrap_socket(
            sock,
            server_hostname=hostname,
            do_handshake_on_connect=False,
            suppress_ragged_eofs=False,
            session=session,
        )
    except OSError as exc:
        _close_taken_over(exc)
        raise
    try:
        if wrapped is not None:
            wrapped(tls)
        if waker is None:
            tls.settimeout(timeout)
            tls.do_handshake()
            tls.settimeout(blocking_timeout)
            return tls
        tls.setblocking(False)
        while True:
            try:
                tls.do_handshake()
                return tls
            except ssl.SSLWantReadError:
                wait(tls, waker, write=False, timeout=timeout)
            except ssl.SSLWantWriteError:
                wait(tls, waker, write=True, timeout=timeout)
    except BaseException:
        reset_close(tls)
        raise


def _close_taken_over(exc: OSError) -> None:
    """``wrap_socket`` failed: close the TLS socket it had made. CPython's ``SSLSocket._create`` takes the plain
    socket's descriptor over first, and a connection already reset then (a server that answers 234 and resets,
    or a cancel's hang-up: the peer's RST in between) raises from inside it without closing it — the
    descriptor stayed open until the garbage collector found it (design note 199). Only its frames hold it."""
    tb = exc.__traceback__
    while tb is not None:
        made = tb.tb_frame.f_locals.get("self")
        if isinstance(made, ssl.SSLSocket):
            made.close()
        tb = tb.tb_next


def close_notify(tls: ssl.SSLSocket, waker: Waker, timeout: float) -> None:
    """End an upload's stream with close_notify, then FIN, then read until the server closes.

    Closing with unread bytes in the receive buffer (TLS 1.3 session tickets sent after the data
    connection's handshake) would send RST, and a server that has not read all the data yet loses it.
    The FIN after close_notify means no server waits for us while we wait for its close_notify.
    """
    tls.setblocking(False)
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                tls.unwrap()
                return  # the server answered with its close_notify at once
            except ssl.SSLWantWriteError:
                wait(tls, waker, write=True, timeout=max(0.0, deadline - time.monotonic()))
            except ssl.SSLWantReadError:
                break  # ours is out
        tls.shutdown(socket.SHUT_WR)  # also drops the TLS layer: what follows is read raw and discarded
        while tls.recv(65536):
            pass
    except (BlockingIOError, InterruptedError):
        _drain(tls, waker, deadline)
    except (WaitTimeout, WakeUp, ssl.SSLError, OSError):
        return  # the server closed without its close_notify, or took too long: ours went out


def _drain(sock: socket.socket, waker: Waker, deadline: float) -> None:
    while True:
        try:
            wait(sock, waker, write=False, timeout=max(0.0, deadline - time.monotonic()))
            if not sock.recv(65536):
                return
        except (BlockingIOError, InterruptedError):
            continue
        except (WaitTimeout, WakeUp, OSError):
            return


def certificate_error(
    host: str, port: int, der: bytes, reason: str, verify_code: Optional[int] = None
) -> UntrustedCertificate:
    """The error for a certificate that failed verification, with the facts a person needs to decide."""
    subject = issuer = ""
    not_before = not_after = None
    try:
        from cryptography import x509

        cert = x509.load_der_x509_certificate(der)
        subject = cert.subject.rfc4514_string()
        issuer = cert.issuer.rfc4514_string()
        not_before = _utc(getattr(cert, "not_valid_before_utc", None) or cert.not_valid_before)
        not_after = _utc(getattr(cert, "not_valid_after_utc", None) or cert.not_valid_after)
    except ImportError:  # cryptography is a dependency; without it the fingerprint still identifies it
        pass
    except ValueError as exc:
        reason = f"{reason}; the certificate cannot be read: {exc}"
    return UntrustedCertificate(
        host=host,
        port=port,
        subject=subject,
        issuer=issuer,
        not_before=not_before,
        not_after=not_after,
        fingerprint=fingerprint(der),
        reason=reason,
        verify_code=verify_code,
    )


def _utc(when: datetime) -> datetime:
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def verify_reason(exc: ssl.SSLCertVerificationError) -> str:
    """OpenSSL's words for why verification failed ("self-signed certificate", "certificate has expired"…)."""
    return exc.verify_message or exc.reason or str(exc)


def describe_tls(tls: ssl.SSLSocket) -> tuple:
    """(version, cipher, session_reused, fingerprint) of an established TLS socket."""
    der = tls.getpeercert(binary_form=True) or b""
    cipher = tls.cipher()
    return tls.version() or "", cipher[0] if cipher else "", bool(tls.session_reused), fingerprint(der) if der else ""
