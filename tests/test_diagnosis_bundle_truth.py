"""A diagnosis's support bundle tells what happened (found by a learner's QA, design notes 323 and 324).

- ``picture-active.svg`` of a working attempt showed its last step ("control connection closed", no data
  connection): a reader of the zip saw active mode with no data connection. Each picture of an attempt that
  worked now shows its data connection up.
- ``transcript.txt``, against the practice server under TLS (its certificate trusted by its fingerprint), had
  each probe connect, send AUTH TLS, close "untrusted" and connect again: the engine verified against the CAs
  first, always in vain for a certificate no CA signed. Options that trust a list of fingerprints now meet the
  server with it first: one connection. And the raw event name "TransferProgress" stood on a line of its own.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from test_modepanel import diagnose_in_panel, panel  # noqa: F401  (panel is a fixture)
from test_practice_tls_helper import helper_server  # noqa: F401  (a fixture)

from ftpgui.bundle import transcript
from ftpgui.ftp import ControlClosed, ControlConnected, FtpSession, SessionOptions, TlsEstablished
from ftpgui.ftp.diagnose import diagnose
from ftpgui.practicetls import tls_options

from ftpserver import PASSWORD, USER


def _texts(svg: bytes) -> str:
    return " ".join(t.text or "" for t in ET.fromstring(svg).iter() if t.tag.endswith("text"))


@pytest.mark.gui
def test_each_working_attempts_picture_shows_its_data_connection_up(qtbot, panel, server):  # noqa: F811
    found = diagnose_in_panel(qtbot, panel, server.host, server.port, USER, PASSWORD, timeout=5)
    assert found.passive.ok and found.active.ok
    pictures = panel.diagnosis_pictures()
    for mode, dialler in (("passive", "The client dials the server"), ("active", "The server dials the client")):
        words = re.sub(r"\s+", " ", _texts(pictures[f"picture-{mode}.svg"]))
        assert dialler in words and "The data connection is up" in words, mode
        assert "control connection closed" not in words.lower(), mode


def test_a_certificate_trusted_by_its_fingerprint_is_met_on_one_connection(helper_server):  # noqa: F811
    events: list = []
    options = tls_options(SessionOptions(mode="active", timeout=5), helper_server.fingerprint)
    with FtpSession(options, events.append) as s:
        s.open(helper_server.host, helper_server.port, helper_server.user, helper_server.password)
        s.listdir()
    assert len([e for e in events if isinstance(e, ControlConnected)]) == 1
    assert not [e for e in events if isinstance(e, ControlClosed) and e.reason == "untrusted"]
    assert next(e.channel for e in events if isinstance(e, TlsEstablished)) == "control"


def test_the_transcript_has_no_trust_failure_and_only_words(helper_server):  # noqa: F811
    srv = helper_server
    options = tls_options(SessionOptions(timeout=2), srv.fingerprint)
    d = diagnose(srv.host, srv.port, srv.user, srv.password, options)
    text = transcript(d)
    assert "untrusted" not in text and "TransferProgress" not in text
    for name, res in d.probes.items():
        assert len([e for e in res.events if isinstance(e, ControlConnected)]) == 1, name
    for line in text.splitlines():
        if line.startswith("+"):
            said = line.split("s ", 1)[1]
            assert not re.fullmatch(r"[A-Z][a-z]+[A-Z]\w*", said), line  # no raw event name
