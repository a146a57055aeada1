"""One vocabulary (issue 21): a live session's failure and the diagnosis name the same situation with the same
cause code and say it in the same words; every cause has one definition and a few words in the panel."""

from __future__ import annotations

import json

import pytest

from ftpgui import explain
from ftpgui.ftp import SessionOptions
from ftpgui.ftp.causes import CAUSES, derive_cause
from ftpgui.ftp.diagnose import ModeResult, diagnose

from ftpserver import PASSWORD, USER
from test_cli import run

# every (mode, cause, stage) the engine derives, with what it derives it from
SITUATIONS = [
    ("passive", "connect", {}),
    ("passive", "connect", {"refused_code": 425}),
    ("passive", "connect", {"refused_code": 425, "refused_text": "Security: Bad IP connecting."}),
    ("passive", "command", {"refused_code": 502}),
    ("active", "command", {"refused_code": 500}),
    ("active", "command", {"refused_code": 500, "refused_text": "Illegal PORT command."}),
    ("active", "command", {"refused_code": 500, "refused_text": "Illegal EPRT command."}),
    ("active", "command", {"refused_code": 500, "refused_text": "I won't open a connection to 10.0.0.2"}),
    ("active", "accept", {"advertised_host": "192.0.2.2", "server_host": "192.0.2.1"}),
    ("active", "accept", {"advertised_host": "192.168.1.5", "server_host": "203.0.113.9"}),
    ("active", "accept", {"advertised_host": "127.0.0.1", "server_host": "127.0.0.1", "stranger": "127.0.0.2"}),
    ("passive", "tls", {}),
    ("active", "tls", {}),
]


def test_the_engine_derives_only_causes_of_the_vocabulary():
    derived = {derive_cause(mode, stage, **kw) for mode, stage, kw in SITUATIONS}
    assert derived <= set(CAUSES)
    assert "port-address" not in CAUSES  # (its old name: now client-nat, as diagnose says it)
    assert derive_cause("active", "command", refused_code=500, refused_text="Illegal PORT command.") == "client-nat"
    assert derive_cause("passive", "connect", refused_code=425, refused_text="Security: Bad IP connecting.") == (
        "foreign-address"
    )
    # active: a connection to our listener from another address than the server's, turned away (no firewall)
    assert derive_cause("active", "accept", advertised_host="192.168.1.5", server_host="203.0.113.9", stranger="x") == (
        "foreign-address"
    )


@pytest.mark.parametrize(("mode", "stage", "kw"), SITUATIONS)
@pytest.mark.parametrize("other_works", [None, True, False])
def test_live_and_diagnosis_say_a_cause_in_the_same_words(mode, stage, kw, other_works):
    cause = derive_cause(mode, stage, **kw)
    live = explain.explain_cause(mode, cause, other_works, stage)
    diagnosed = explain.explain_result(ModeResult(mode, ok=False, stage=stage, cause=cause), other_works)
    assert live == diagnosed
    assert "cannot classify" not in live or cause == "other"


def test_each_sentence_is_defined_once():
    sentences = list(explain._CAUSES.values()) + list(explain._CAUSES_AT_STAGE.values())
    distinct = {id(s): s for s in sentences}  # (tls is one sentence shared by both modes)
    assert len(set(distinct.values())) == len(distinct)
    assert not hasattr(explain, "_EXPERT_CAUSES")


def test_the_panel_has_words_for_every_cause():
    from ftpgui.ui.modepanel import narration as nr

    for cause in CAUSES:
        assert nr.cause_name(cause) != cause, cause


def test_pure_ftpds_refusal_is_client_nat_in_diagnose_json(make_server):
    """pure-ftpd's words for a PORT naming another address than the control connection's: the same cause
    (and JSON name) as vsftpd's "500 Illegal PORT command.", with the addresses."""
    server = make_server(
        refuse=("EPRT",), replies={"PORT": "500 I won't open a connection to 10.9.8.7 (only to 127.0.0.1)"}
    )
    d = diagnose(
        server.host, server.port, USER, PASSWORD, SessionOptions(timeout=5, active_external_address="10.9.8.7")
    )
    assert (d.active.stage, d.active.cause) == ("command", "client-nat")
    assert d.active.nat == {"advertised": "10.9.8.7", "control_local": d.control["local"][0]}
    code, out, _ = run("diagnose", server.url, "--json", "--active-address", "10.9.8.7", "--timeout", "5")
    assert code == 0  # (a diagnosis that found a working mode)
    doc = json.loads(out)
    assert doc["modes"]["active"]["cause"] == "client-nat" and doc["probes"]["PORT"]["cause"] == "client-nat"
    assert "named 10.9.8.7" in doc["modes"]["active"]["explanation"]
