"""A listener that reads only some events says so (``kinds``), and the rest are not made.

A tree's transfer process forwards a data connection's close and its progress, nothing else, yet every
small file made nine events — each command and reply, the data connection's plan and its addresses (two
system calls) — for nobody (issue 22: per-file event objects nobody reads). ``FtpSession(…, kinds=…)`` and
``set_listener(…, kinds)`` name what the listener reads; the exchange on the wire is the same.
"""

from __future__ import annotations

import pytest
from test_engine import make_file

from ftpgui.ftp import (
    CommandSent,
    DataChannelPlanned,
    DataClosed,
    DataConnected,
    FtpError,
    FtpSession,
    ReplyReceived,
    SessionOptions,
    TransferProgress,
    UnsafeArgument,
)
from ftpgui.ftp.events import ControlClosed, Event, TlsNotUsed

from ftpserver import PASSWORD, USER

ALL_PER_FILE = {CommandSent, ReplyReceived, DataChannelPlanned, DataConnected, TransferProgress, DataClosed}


def _session(server, mode, events, kinds):
    s = FtpSession(SessionOptions(mode=mode, timeout=10), events.append, kinds)
    s.open(server.host, server.port, USER, PASSWORD)
    return s


@pytest.mark.parametrize("mode", ["passive", "active"])
def test_a_listener_hears_only_its_kinds_and_the_files_are_the_same(server, tmp_path, mode):
    data = make_file(tmp_path / "f", 300_000)
    events = []
    with _session(server, mode, events, (DataClosed, TransferProgress)) as s:
        assert s.kinds == (DataClosed, TransferProgress)
        s.upload(str(tmp_path / "f"), "/f")
        s.download("/f", str(tmp_path / "g"))
    assert (tmp_path / "g").read_bytes() == data
    assert {type(e) for e in events} == {DataClosed, TransferProgress}
    assert [e.bytes for e in events if isinstance(e, DataClosed)] == [300_000, 300_000]
    # the server saw the same exchange as ever: only the events about it were left out
    verbs = [c.split(" ", 1)[0] for c in server.record.commands]
    assert "STOR" in verbs and "RETR" in verbs and ("EPSV" in verbs or "EPRT" in verbs)


def test_set_listener_without_kinds_brings_every_event_back(server, tmp_path):
    make_file(tmp_path / "f", 10_000)
    events = []
    with _session(server, "passive", events, (TlsNotUsed,)) as s:
        s.upload(str(tmp_path / "f"), "/f")
        assert events == []  # plain FTP asked for (tls off): nothing of its kind happened
        s.set_listener(events.append)
        s.download("/f", str(tmp_path / "g"))
    assert ALL_PER_FILE <= {type(e) for e in events}
    assert isinstance(events[-1], ControlClosed)
    (connected,) = [e for e in events if isinstance(e, DataConnected)]
    assert connected.remote[1] == next(e.target[1] for e in events if isinstance(e, DataChannelPlanned))


def test_a_kind_is_heard_with_its_subclasses():
    with FtpSession(kinds=(Event,)) as s:
        assert s.wants(CommandSent) and s.wants(DataConnected)
        s.set_listener(lambda e: None, (ReplyReceived,))
        assert s.wants(ReplyReceived) and not s.wants(CommandSent) and not s.wants(DataConnected)
        s.set_listener(lambda e: None)
        assert s.wants(CommandSent) and s.kinds is None


def test_a_files_progress_and_close_are_not_made_when_nobody_reads_them(server, tmp_path, monkeypatch):
    # the CLI's tree with its output not a terminal reads only the plain-FTP warning: its transfer processes
    # made a count and a close for every file (two frozen dataclasses) that were then thrown away
    from ftpgui.ftp import rawtransfer

    made = []
    for kind in (TransferProgress, DataClosed):

        class Counted(kind):  # (a subclass: the session asks whether its listener reads the kind)
            def __init__(self, *args, _kind=kind, **kwargs):
                made.append(_kind)
                super().__init__(*args, **kwargs)

        monkeypatch.setattr(rawtransfer, kind.__name__, Counted)
    data = make_file(tmp_path / "f", 20_000)
    with _session(server, "passive", [], (TlsNotUsed,)) as s:
        s.upload(str(tmp_path / "f"), "/f")
        s.download("/f", str(tmp_path / "g"))
    assert (tmp_path / "g").read_bytes() == data and made == []
    with _session(server, "passive", [], (DataClosed,)) as s:  # read: made (and only those read)
        s.download("/f", str(tmp_path / "h"))
    assert made == [DataClosed]


def test_without_command_events_a_line_break_is_still_refused_and_a_password_still_masked(server):
    events = []
    with _session(server, "passive", events, (TlsNotUsed,)) as s:
        with pytest.raises(UnsafeArgument) as refused:
            s.command("PASS se\ncret")
        assert "PASS ****" in str(refused.value) and "cret" not in str(refused.value)
        s.noop()
    assert not any(c.startswith("PASS se") for c in server.record.commands)
    assert events == []


def _tree_heard(server, tmp_path):
    """Three files on ``server`` downloaded as a tree over two connections whose sessions' listener hears every
    event: (the result, data connections opened per session, closed per session)."""
    from collections import Counter

    from ftpgui.ftp.mirror import download_tree

    for i in range(3):
        make_file(tmp_path / "src", 1000 + i, seed=i)
        (tmp_path / "src").replace(server.path(f"f{i}.bin"))
    events = []

    def make():
        s = FtpSession(SessionOptions(timeout=10), events.append)
        s.open(server.host, server.port, USER, PASSWORD)
        return s

    result = download_tree(make, "/", str(tmp_path / "copy"), parallel=2)
    opened = Counter(e.connection_id for e in events if isinstance(e, DataConnected))
    closed = Counter(e.connection_id for e in events if isinstance(e, DataClosed))
    return result, opened, closed


def test_a_trees_sessions_report_every_data_connection_they_open_as_closed(server, tmp_path):
    # The mirror leaves each session's events to the listener its caller gave (the CLI's tree listing session
    # reads only the plain-FTP warning): a listener that reads every event, the mode panel's kind, hears each
    # data connection of the listings as well as of the files open and then close.
    result, opened, closed = _tree_heard(server, tmp_path)
    assert result.files == 3 and not result.failed
    # the listing's and the three files' (and one more for each file tried again after its connection dropped,
    # if that happened after its data connection opened: the in-process server has dropped one under load)
    assert opened == closed and 4 <= sum(opened.values()) <= 4 + len(result.retried)


def test_a_file_tried_again_after_its_connection_dropped_closes_every_data_connection_it_opened(make_server, tmp_path):
    # the server hangs up at one file's RETR, after its data connection opened: that connection is reported
    # closed too (the mode panel would show it open for ever), and the file comes over on the next try
    result, opened, closed = _tree_heard(make_server(hang_up={"RETR /f1.bin": 1}), tmp_path)
    assert result.files == 3 and not result.failed and [label for label, _ in result.retried] == ["/f1.bin"]
    assert opened == closed and sum(opened.values()) == 5  # the listing's, three files', the try hung up on


def test_a_transfer_the_server_refuses_after_its_data_connection_opened_reports_it_closed(server, tmp_path):
    # passive mode opens the data connection before RETR; a 550 then ends the transfer: the connection is
    # closed and said to be (before, the mode panel kept it open until the next transfer)
    events = []
    s = FtpSession(SessionOptions(timeout=10), events.append)
    s.open(server.host, server.port, USER, PASSWORD)
    try:
        with pytest.raises(FtpError):
            s.download("/no-such-file.bin", str(tmp_path / "x.bin"))
        s.noop()  # (the session goes on)
    finally:
        s.quit()
        s.close()
    opened = [e for e in events if isinstance(e, DataConnected)]
    closed = [e for e in events if isinstance(e, DataClosed)]
    assert len(opened) == len(closed) == 1 and closed[0].bytes == 0
    assert events.index(closed[0]) > events.index(opened[0])
