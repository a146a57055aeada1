"""``ftpgui-cli`` against servers that answer oddly where little is at stake (found by QA): one that never
answers QUIT held ``ls`` and each probe of ``diagnose`` for the whole timeout."""

from __future__ import annotations

import json
import zipfile

from scripted import ScriptedServer, silent_at_quit
from test_cli import run


def test_ls_does_not_wait_for_a_reply_to_quit():
    """``ls`` lists, sends QUIT and writes the listing: it no longer waits the timeout (30 s) for a 221 that
    never comes — the connection closes as "quit", not as a server that did not answer."""
    with ScriptedServer(silent_at_quit) as srv:
        code, out, err = run("-v", "ls", f"ftp://bob:pw@127.0.0.1:{srv.port}/")
        sent = srv.conversations[0].commands
    assert code == 0, err
    assert "f.txt" in out
    assert "QUIT" in sent
    assert "control connection closed (quit)" in err and "did not answer" not in err, err


def test_diagnose_waits_for_a_reply_to_quit_only_a_moment(tmp_path):
    """Each of diagnose's four probes waited the whole timeout for its 221 (two minutes in all). The 221 is now
    awaited a moment (``QUIT_WAIT``): each probe's connection closes as "quit", none as a timeout."""
    bundle = tmp_path / "b.zip"
    with ScriptedServer(silent_at_quit, connections=12, concurrent=True) as srv:
        code, out, err = run("diagnose", "--json", "--bundle", str(bundle), f"ftp://bob:pw@127.0.0.1:{srv.port}/")
    assert code == 0, err
    assert json.loads(out)["recommended"] == "passive"
    with zipfile.ZipFile(bundle) as z:
        transcript = z.read("transcript.txt").decode("utf-8")
    assert transcript.count("> QUIT") == 4
    assert transcript.count("control connection closed (quit)") == 4, transcript
    assert "closed (timeout)" not in transcript
