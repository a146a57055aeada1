"""In Chinese, no raw English from OpenSSL or the operating system (found by QA, design note 256): the
certificate dialog's problem ("问题: self-signed certificate") is said in the person's words, OpenSSL's kept after
them; a data port's "Connection refused" (the system's strerror, which the engine's error carried as text only)
is said in Chinese in the status bar and the log — once. The real window against pyftpdlib."""

from __future__ import annotations

import pytest

from ftpgui.ui.dialogs import CertificateDialog

from guihelpers import WAIT, type_in
from test_status_elided import connect_passive

pytestmark = [pytest.mark.gui, pytest.mark.timeout(120)]

CASES = {  # certificate → (trusting the test CA, the words, OpenSSL's)
    "self_signed": (True, "它是自签名的", "self-signed certificate"),
    "expired": (True, "它已过期", "certificate has expired"),
    "wrong_host": (True, "它属于另一个地址", "IP address mismatch"),
    "good": (False, "它不是由此处信任的证书颁发机构签发的", "unable to get local issuer certificate"),
}


@pytest.mark.parametrize("kind", list(CASES))
def test_the_certificate_dialog_says_the_problem_in_chinese_with_openssls_words_after(
    qtbot, chinese, window, make_server, certs, monkeypatch, kind
):
    trusting, words, openssl = CASES[kind]
    if trusting:
        monkeypatch.setenv("SSL_CERT_FILE", certs.ca_file)
    else:
        monkeypatch.setenv("SSL_CERT_FILE", certs.self_signed)  # (a CA file that did not sign it)
    srv = make_server(tls_cert=getattr(certs, kind))
    type_in(window, f"ftpes://127.0.0.1:{srv.port}/")
    qtbot.waitUntil(lambda: isinstance(window.prompt, CertificateDialog) and window.prompt.isVisible(), timeout=WAIT)
    problem = window.prompt.problem.text()
    assert problem.startswith(words) and "OpenSSL：" in problem and openssl in problem, problem
    window.prompt.cancel_button.click()


def test_a_refused_data_port_is_said_in_chinese_once(qtbot, chinese, window, make_server):
    connect_passive(qtbot, window, make_server)
    message = window.statusBar().currentMessage()
    assert "连接被拒绝" in message and "Connection refused" not in message, message
    log = window.log.toPlainText()
    assert "Connection refused" not in log, log
    lines = [line for line in log.splitlines() if "127.0.0.1:9 失败" in line]
    assert len(lines) == 1, log
