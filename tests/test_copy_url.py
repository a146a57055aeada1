"""Copy URL writes the scheme of the connection: ``ftps://`` on implicit TLS, ``ftpes://`` on TLS required.

It always wrote ``ftp://``: pasted into ``ftpgui-cli ls``, an implicit-TLS port's URL waited for a plain-text
greeting that never comes, until the timeout (found by QA). The window connects over each scheme to pyftpdlib
with a self-signed certificate (trusted once), Copy URL is used like a person uses it, and what the clipboard
holds is pasted into ``ftpgui-cli ls``."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication

from ftpgui.ftp.tls import fingerprint
from ftpgui.ftp.url import parse_url
from ftpgui.transfers.worker import Endpoint
from ftpgui.ui.dialogs import CertificateDialog
from ftpgui.ui.remote_actions import remote_url

from certs import Certs
from ftpserver import PASSWORD, USER
from guihelpers import WAIT, type_in, wait_listing
from test_cli import run

pytestmark = pytest.mark.gui


@pytest.mark.parametrize("scheme", ["ftps", "ftpes"])
def test_copy_url_says_the_connections_scheme_and_the_cli_lists_what_it_names(
    qtbot, window, make_server, certs, tmp_path, scheme
):
    srv = make_server(tls_cert=certs.self_signed, implicit_tls=scheme == "ftps")
    Path(srv.path("a.txt")).write_bytes(b"abc")
    type_in(window, f"{scheme}://{srv.host}", str(srv.port))
    qtbot.waitUntil(lambda: isinstance(window.prompt, CertificateDialog) and window.prompt.isVisible(), timeout=WAIT)
    window.prompt.once_button.click()
    wait_listing(qtbot, window, "/")

    window.set_active_side("remote")
    window.remote.select(["a.txt"])
    window.act_copy_url.trigger()
    assert QGuiApplication.clipboard().text() == f"{scheme}://{USER}@{srv.host}:{srv.port}/a.txt"  # no password
    window.remote.view.clearSelection()
    window.act_copy_url.trigger()  # nothing selected: the folder shown
    url = QGuiApplication.clipboard().text()
    assert url == f"{scheme}://{USER}@{srv.host}:{srv.port}/" and PASSWORD not in url

    trust = fingerprint(Certs.der(certs.self_signed))
    code, out, err = run("ls", url, "--trust-fingerprint", trust, env={"FTPGUI_PASSWORD": PASSWORD})
    assert (code, err) == (0, "") and "a.txt" in out


def test_a_urls_port_is_left_out_only_when_its_scheme_means_it():
    alice = Endpoint("example.org", 990, "alice")
    assert remote_url(alice, "/x", "implicit") == "ftps://alice@example.org/x"
    assert remote_url(alice, "/x", "require") == "ftpes://alice@example.org:990/x"
    plain = Endpoint("example.org", 21, "anonymous")
    assert remote_url(plain, "/x", "implicit") == "ftps://example.org:21/x"
    assert remote_url(plain, "/x", "auto") == remote_url(plain, "/x") == "ftp://example.org/x"
    legacy = remote_url(plain, "/caf\udce9 b", "require")  # a name's byte no codec read: that byte again
    assert legacy == "ftpes://example.org/caf%E9%20b"
    assert parse_url(legacy).path == "/caf\udce9 b" and parse_url(legacy).tls() == "require"
