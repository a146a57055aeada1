"""A check shared by the tests of kept scenes (``test_procconn``, ``test_modepanel_kept``)."""

from __future__ import annotations

from ftpgui.ui.modepanel.export import transcript_line
from ftpgui.ui.modepanel.scene import ConnectionScene


def transcript_text(conn: ConnectionScene) -> str:
    """The transcript's lines as the export writes them (in English where no translator is loaded): commands,
    replies and data-connection facts, one line each; PASS/ACCT arguments masked."""
    return "".join(transcript_line(e) + "\n" for e in conn.transcript)


def same_scene(kept: ConnectionScene, every: ConnectionScene) -> None:
    """``kept`` (a transfer process's scene, then fed what came after it) is the scene ``every`` event built:
    its transcript, its data connections, its timeline, its newest data connection and its state."""
    assert kept.connection_id == every.connection_id
    assert transcript_text(kept) == transcript_text(every)
    assert kept.data_connections == every.data_connections
    assert [(s.serial, s.kind, s.line, s.code) for s in kept.steps] == [
        (s.serial, s.kind, s.line, s.code) for s in every.steps
    ]
    newest, expected = kept.exchanges()[-1], every.exchanges()[-1]
    assert (newest.number, newest.more, newest.local, newest.remote, newest.bytes) == (
        expected.number,
        expected.more,
        expected.local,
        expected.remote,
        expected.bytes,
    )
    assert (kept.open, kept.client, kept.server) == (every.open, every.client, every.server)
