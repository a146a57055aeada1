"""A queue restored after a SIGKILL whose server's certificate is not trusted now: it asks, as connecting does.

A download over FTPS from a server with a self-signed certificate trusted "once" (``queue_app.py``: the
fingerprint in the run's options only), the app killed mid-transfer, then the window started again on the same
config folder: the certificate being trusted no longer, it asks the same certificate question as connecting
asks (Trust once / Always trust / Cancel) before anything about the account crosses — and before the password,
which is asked once the certificate is trusted (design note 187: it was asked first). Trusted, the queue goes
on; refused, the items fail with the reason and no password is asked. A certificate that changed while
the app was closed is asked about as a change, never trusted silently. On the code before, the item went
straight to Failed and nobody was asked (found by QA)."""

from __future__ import annotations

import datetime
import functools
import os

import pytest
from PySide6.QtWidgets import QLabel

from ftpgui.ftp import SessionOptions
from ftpgui.ftp.tls import fingerprint
from ftpgui.sites.trust import TrustStore
from ftpgui.transfers.items import ACTIVE, DONE, FAILED, QUEUED
from ftpgui.transfers.queue import TransferQueue
from ftpgui.transfers.worker import Endpoint
from ftpgui.ui.dialogs import CertificateDialog, PasswordDialog

from certs import Certs
from ftpserver import PASSWORD, USER
from guihelpers import WAIT, close_window, open_window
from memkeyring import memory_keyring  # noqa: F401 (fixture: never the real keychain)
from test_queue_kill import kill_when, running

pytestmark = pytest.mark.gui
DATA = os.urandom(3 << 20)


def sha256(pem: str) -> str:
    return fingerprint(Certs.der(pem))


def killed_mid_download(make_server, tmp_path, monkeypatch, pem: str, tls: str = "require"):
    """The first run: ``queue_app.py`` downloads ``/big.bin`` over TLS from a server with certificate ``pem``,
    trusted once; killed with SIGKILL while the server holds back its reply to RETR. (The server, the local
    folder.)"""
    srv = make_server(tls_cert=pem, implicit_tls=tls == "implicit", no_1xx={"RETR": 1})
    with open(srv.path("big.bin"), "wb") as f:
        f.write(DATA)
    local = tmp_path / "down"
    local.mkdir()
    store = str(tmp_path / "config" / "queue.json")
    monkeypatch.setenv("FTPGUI_TLS", tls)
    monkeypatch.setenv("FTPGUI_TRUST", sha256(pem))  # "Trust once": in this run's options, never saved
    with running([store, srv.host, str(srv.port), USER, "/big.bin", str(local)], tmp_path) as proc:
        kill_when(proc, lambda: os.path.exists(store) and "RETR" in srv.record.verbs())
    assert not (local / "big.bin").exists()
    return srv, local


def answer_password(qtbot, w) -> None:
    """The restored queue asks for the quick-connect server's password (never saved): typed and OK."""
    qtbot.waitUntil(lambda: isinstance(w.queue_logins.prompt, PasswordDialog), timeout=WAIT)
    w.queue_logins.prompt.field.setText(PASSWORD)
    w.queue_logins.prompt.accept()


def certificate_question(qtbot, w) -> CertificateDialog:
    """The certificate question the queue asks, before any password; before note 174 the item failed and none
    came, before note 187 the password was asked first."""
    qtbot.waitUntil(
        lambda: (
            isinstance(w.queue_logins.prompt, (CertificateDialog, PasswordDialog))
            or w.queue.model.items()[0].state == FAILED
        ),
        timeout=WAIT,
    )
    dialog = w.queue_logins.prompt
    assert isinstance(dialog, CertificateDialog), [(i.state, i.error) for i in w.queue.model.items()]
    assert dialog.isVisible()
    return dialog


@pytest.fixture
def first_run(make_server, tmp_path, monkeypatch):
    """``killed_mid_download`` with this test's servers and folders: ``first_run(pem, tls="require")``."""
    return functools.partial(killed_mid_download, make_server, tmp_path, monkeypatch)


def answer(qtbot, w, dialog: CertificateDialog, choice: str, item, srv, seen: int, local, why: str) -> None:
    """Click ``choice``: Cancel fails the item with ``why`` in its reason, no password asked and nothing about
    the account crossed; a trust asks for the password, then downloads the file whole."""
    {"once": dialog.once_button, "always": dialog.always_button, "cancel": dialog.cancel_button}[choice].click()
    if choice != "cancel":
        answer_password(qtbot, w)
    qtbot.waitUntil(lambda: item.state in (DONE, FAILED), timeout=WAIT)
    if choice == "cancel":
        assert item.state == FAILED and "not trusted" in item.error and why in item.error
        assert not logged_in_since(srv, seen) and not (local / "big.bin").exists()
        assert w.queue_logins.prompt is None  # no password asked for a server not trusted
    else:
        assert (item.state, item.error) == (DONE, "")
        assert (local / "big.bin").read_bytes() == DATA


def logged_in_since(srv, seen: int) -> bool:
    return any(c.split(" ", 1)[0] in ("USER", "PASS", "RETR") for c in srv.record.commands[seen:])


@pytest.mark.parametrize("choice", ["once", "always", "cancel"])
def test_a_restored_queue_asks_about_a_certificate_trusted_once_in_the_last_run(
    qtbot,
    config,
    first_run,
    certs,
    memory_keyring,  # noqa: F811
    choice,
):
    srv, local = first_run(certs.self_signed)
    seen = len(srv.record.commands)
    w = open_window(qtbot)  # ftpgui again, on the same config folder: the queue comes back
    try:
        (item,) = w.queue.model.items()
        dialog = certificate_question(qtbot, w)
        assert not dialog.changed and dialog.windowTitle() == "Unknown certificate"
        assert dialog.fingerprint.text().replace("\n", ":") == sha256(certs.self_signed)
        assert f"{USER}@{srv.host}:{srv.port}" in " ".join(label.text() for label in dialog.findChildren(QLabel))
        assert not logged_in_since(srv, seen)  # nothing about the account before the answer
        assert item.state not in (FAILED, DONE)  # it waits for the answer
        answer(qtbot, w, dialog, choice, item, srv, seen, local, "self-signed certificate")
        qtbot.waitUntil(lambda: w.queue_logins.prompt is None, timeout=WAIT)  # asked once
    finally:
        close_window(qtbot, w)
    saved = TrustStore().fingerprints(srv.host, srv.port)
    assert saved == ([sha256(certs.self_signed)] if choice == "always" else [])  # "once" is never saved
    assert PASSWORD not in (config / "queue.json").read_text(encoding="utf-8")


def test_retry_after_a_refused_certificate_asks_again(qtbot, config, first_run, certs, memory_keyring):  # noqa: F811
    _, local = first_run(certs.self_signed, tls="implicit")
    w = open_window(qtbot)
    try:
        (item,) = w.queue.model.items()
        certificate_question(qtbot, w).cancel_button.click()
        qtbot.waitUntil(lambda: item.state == FAILED, timeout=WAIT)
        w.queue.retry([item.id])
        certificate_question(qtbot, w).once_button.click()
        answer_password(qtbot, w)  # (once the certificate is trusted)
        qtbot.waitUntil(lambda: item.state in (DONE, FAILED), timeout=WAIT)
        assert (item.state, item.error) == (DONE, "")
        assert (local / "big.bin").read_bytes() == DATA
    finally:
        close_window(qtbot, w)


@pytest.mark.parametrize("choice", ["cancel", "once"])
def test_a_certificate_that_changed_while_ftpgui_was_closed_is_asked_about_as_a_change(
    qtbot,
    config,
    first_run,
    make_server,
    certs,
    tmp_path,
    memory_keyring,  # noqa: F811
    choice,
):
    old = certs.self_signed
    srv, local = first_run(old)
    TrustStore().add(srv.host, srv.port, sha256(old))  # the old one was trusted always
    srv.stop()
    new = renewed(tmp_path)
    srv = make_server(port=srv.port, tls_cert=new)  # the server, with another certificate, where it was
    with open(srv.path("big.bin"), "wb") as f:
        f.write(DATA)
    w = open_window(qtbot)
    try:
        (item,) = w.queue.model.items()
        dialog = certificate_question(qtbot, w)
        assert dialog.changed and dialog.windowTitle() == "Certificate changed"
        assert dialog.fingerprint.text().replace("\n", ":") == sha256(new)
        assert not logged_in_since(srv, 0)  # never trusted silently: nothing about the account crossed
        answer(qtbot, w, dialog, choice, item, srv, 0, local, sha256(new))
    finally:
        close_window(qtbot, w)
    assert TrustStore().fingerprints(srv.host, srv.port) == [sha256(old)]  # only "Always trust" saves


def test_items_on_two_connections_are_asked_about_once_and_the_answer_reaches_them_all(
    qtbot, config, make_server, certs, tmp_path
):
    """The queue itself: six files, two connections, a login whose options trust nothing (a restored queue's).
    One question; Cancel fails all six with the reason (a connection's job that ends after the answer too);
    Retry asks once more; trusted, all six arrive."""
    srv = make_server(tls_cert=certs.self_signed)
    for n in range(6):
        with open(srv.path(f"f{n}.bin"), "wb") as f:
            f.write(DATA[n:])
    local = tmp_path / "down"
    local.mkdir()
    q = TransferQueue(str(config / "queue.json"))
    asked = []
    q.certificateNeeded.connect(lambda server, exc: asked.append((server.key, exc.fingerprint)))
    try:
        q.set_site(Endpoint(srv.host, srv.port, USER, PASSWORD), SessionOptions(timeout=20, tls="require"), 2)
        key = q.current.key
        q.download([(f"/f{n}.bin", False, None) for n in range(6)], str(local))
        qtbot.waitUntil(lambda: bool(asked), timeout=WAIT)
        assert asked == [(key, sha256(certs.self_signed))] and q.doubted(key)
        assert {i.state for i in q.model.items()} <= {QUEUED, ACTIVE} and not logged_in_since(srv, 0)
        q.refuse_certificate(key)  # (the other connection's job may end after this: its item fails too)
        qtbot.waitUntil(lambda: all(i.state == FAILED for i in q.model.items()), timeout=WAIT)
        assert all("not trusted" in i.error for i in q.model.items()) and not logged_in_since(srv, 0)
        assert len(asked) == 1 and not q.transferring()
        q.retry([i.id for i in q.model.items()])
        qtbot.waitUntil(lambda: len(asked) == 2, timeout=WAIT)
        q.trust_certificate(key, asked[-1][1])
        qtbot.waitUntil(lambda: all(i.state in (DONE, FAILED) for i in q.model.items()), timeout=WAIT)
        assert [(i.state, i.error) for i in q.model.items()] == [(DONE, "")] * 6 and len(asked) == 2
        assert all((local / f"f{n}.bin").read_bytes() == DATA[n:] for n in range(6))
    finally:
        q.shutdown()


def renewed(folder) -> str:
    """Another self-signed certificate for 127.0.0.1 (the server's, changed)."""
    from ftpgui.practicetls import self_signed

    now = datetime.datetime.now(datetime.timezone.utc)
    pem, _ = self_signed("renewed ftpgui test", now - datetime.timedelta(days=1), now + datetime.timedelta(days=30))
    path = folder / "renewed.pem"
    path.write_bytes(pem)
    return str(path)
