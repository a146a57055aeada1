"""A resumed upload to a server that will not continue it: the whole file from its first byte, as a download
does when REST is refused (stock proftpd, AllowStoreRestart off: ``451 f: Append/Restart not permitted``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_engine import connect, make_file

from ftpgui.ftp import ReplyError
from ftpgui.ftp.resumecheck import rest_for


def refuse_continuing(server) -> None:
    """STOR after REST, and APPE, answered as proftpd does by default (its REST itself is accepted)."""
    stor = server.handler.ftp_STOR

    def ftp_STOR(handler, file, mode="w"):
        if handler._restart_position or "a" in mode:
            handler._restart_position = 0
            handler.respond(f"451 {handler.fs.fs2ftp(file)}: Append/Restart not permitted, try again")
            return None
        return stor(handler, file, mode)

    server.handler.ftp_STOR = ftp_STOR


@pytest.mark.parametrize("stream", [True, False], ids=["REST STREAM", "APPE"])
@pytest.mark.parametrize("mode", ["passive", "active"])
def test_a_refused_restart_uploads_the_whole_file(make_server, tmp_path, mode, stream):
    server = make_server()
    refuse_continuing(server)
    data = make_file(tmp_path / "f", 300_000)
    Path(server.path("f")).write_bytes(data[:100_000])
    with connect(server, mode) as s:
        if not stream:
            s.features.pop("REST", None)  # as on a server that does not offer REST STREAM: APPE
        assert s.upload(str(tmp_path / "f"), "/f", resume=True) == len(data)
        assert s.upload(str(tmp_path / "f"), "/f", resume=True) == 0  # complete: nothing more to send
    assert Path(server.path("f")).read_bytes() == data
    # refused, then the whole file (a refused STOR's accepted REST cleared first, not left pending: note 476)
    tried = ["REST 100000", "STOR /f", "REST 0"] if stream else ["APPE /f"]
    commands = [c for c in server.record.commands if c.split(" ")[0] in ("REST", "STOR", "APPE")]
    assert commands == [f"REST {rest_for(100_000)}", *tried, "STOR /f"]  # (first the start checked: note 474)


def test_a_refused_rest_uploads_the_whole_file(make_server, tmp_path):
    server = make_server(refuse=("REST",))
    data = make_file(tmp_path / "f", 200_000)
    Path(server.path("f")).write_bytes(data[:50_000])
    with connect(server) as s:
        assert s.upload(str(tmp_path / "f"), "/f", resume=True) == len(data)
    assert Path(server.path("f")).read_bytes() == data


def test_a_refusal_about_the_file_is_not_tried_again(make_server, tmp_path):
    """A refusal for another reason (here a full disk) fails the upload; the server's part stays as it was."""
    server = make_server(replies={"STOR": "452 /append.bin: Insufficient storage space"})
    data = make_file(tmp_path / "append.bin", 200_000)
    Path(server.path("append.bin")).write_bytes(data[:50_000])
    with connect(server) as s, pytest.raises(ReplyError) as info:
        s.upload(str(tmp_path / "append.bin"), "/append.bin", resume=True)
    assert info.value.code == 452
    assert server.record.verbs().count("STOR") == 1
    assert Path(server.path("append.bin")).read_bytes() == data[:50_000]


def test_a_download_whose_retr_after_rest_is_refused_starts_again(make_server, tmp_path):
    """The same rule for downloads (before, only a refused REST itself started them again)."""
    server = make_server()
    retr = server.handler.ftp_RETR

    def ftp_RETR(handler, file):
        if handler._restart_position:
            handler._restart_position = 0
            handler.respond(f"451 {handler.fs.fs2ftp(file)}: Restart not permitted, try again")
            return None
        return retr(handler, file)

    server.handler.ftp_RETR = ftp_RETR
    data = make_file(server.path("f"), 200_000)
    (tmp_path / "f.ftpgui-part").write_bytes(data[:70_000])
    with connect(server) as s:
        assert s.download("/f", str(tmp_path / "f"), resume=True) == len(data)
    assert (tmp_path / "f").read_bytes() == data


@pytest.mark.parametrize(
    ("command", "code", "text", "refused"),
    [
        ("REST 100", 502, "REST disabled", True),
        ("STOR /pub/f", 451, "/pub/f: Append/Restart not permitted, try again", True),
        ("APPE /pub/f", 502, "Command not implemented.", True),
        ("RETR /f", 554, "Requested action not taken: invalid REST parameter.", True),
        ("STOR /append.txt", 553, "/append.txt: Permission denied", False),  # (its name is no reason)
        ("STOR /f", 452, "Insufficient storage space", False),
        ("RETR /f", 550, "No such file or directory.", False),
        ("MKD /restart", 550, "Can't restart", False),  # not a transfer
        # (the review: ordinary I/O errors carry "offset" or "rest": a failure to try again, not a refusal)
        ("STOR /f", 451, "Write error at offset 1048576", False),
        ("STOR /f", 451, "Local error; the rest of the file was lost", False),
    ],
)
def test_which_refusals_are_about_continuing(command, code, text, refused):
    assert ReplyError(command, code, text).restart_refused is refused
