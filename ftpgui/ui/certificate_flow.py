"""The main window's questions about a server's certificate that could not be verified (``CertificateDialog``)
and what the answers trust: "Always trust" saves it (``TrustStore``, replacing the one trusted before), "Trust
once" keeps it until the app closes (``RunTrust``: memory only). Mixed into ``ConnectFlow``; the queue's
questions (``QueueLogins``) use ``certificate_dialog`` too."""

from __future__ import annotations

import dataclasses
from typing import Any, Callable, Optional

from ..ftp import SessionOptions
from ..ftp.options import trust_also
from ..sites.trust import RunTrust, TrustStore
from .dialogs import CertificateDialog


def trust_store() -> TrustStore:
    """The saved certificate fingerprints (per host:port, in the config folder)."""
    return TrustStore()


class CertificateFlow:
    """The certificate questions of the main window (a mixin: ``self`` is the window, with ``_open_prompt`` and
    ``show_error``)."""

    def run_trust(self) -> RunTrust:
        """The certificates trusted once in this run: the window's, one per app (memory only)."""
        if getattr(self, "_run_trust", None) is None:
            self._run_trust = RunTrust()
        return self._run_trust

    def _ask_certificate(self, exc: Any, options: SessionOptions, again: Callable[[SessionOptions], None]) -> None:
        def trusted() -> None:
            again(dataclasses.replace(options, trust=trust_also(options.trust, exc.fingerprint)))

        self._open_prompt(self.certificate_dialog(exc, trusted))

    def certificate_dialog(
        self, exc: Any, trusted: Callable[[], None], refused: Optional[Callable[[], None]] = None, note: str = ""
    ) -> CertificateDialog:
        """The question about ``exc``'s certificate (an ``UntrustedCertificate``), said as a change when
        another one was trusted for its server before: ``trusted()`` after "Trust once" or "Always trust" (the
        fingerprint saved first), ``refused()`` after Cancel. The caller opens it."""
        try:
            known = trust_store().fingerprints(exc.host, exc.port)  # another one trusted before: a change
        except (OSError, ValueError):
            known = []
        known += [fp for fp in self.run_trust().fingerprints(exc.host, exc.port) if fp not in known]
        dialog = CertificateDialog(exc, self, known=known, note=note)

        def decided(choice: str) -> None:
            if choice == "cancel":
                if refused is not None:
                    refused()
                return
            if choice == "always":
                self._trust_always(exc)
            else:  # until the app closes: a Connect again in this run is not asked (found by QA; note 405)
                self.run_trust().trust(exc.host, exc.port, exc.fingerprint)
            trusted()

        dialog.decided.connect(decided)
        return dialog

    def _trust_always(self, exc: Any) -> None:
        """The new certificate, remembered INSTEAD of any trusted before for this host and port: both were kept,
        and a server that went back to the old one (an attacker's, or a leaked key) was not asked about (found
        by QA). The stores sessions hold read the file again, so none still trusts the old one."""
        self.run_trust().forget(exc.host, exc.port)  # (one trusted once before is replaced too)
        try:
            trust_store().trust(exc.host, exc.port, exc.fingerprint)
        except (OSError, ValueError) as err:
            self.show_error(err)
