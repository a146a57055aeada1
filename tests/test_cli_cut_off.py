"""``ftpgui-cli`` when the server goes away part way through a file (design note 384, found by a QA tester killing
pyftpdlib mid-transfer): ``get`` said only "The server closed the connection." — not the file, nor how much had
come, nor the ``.ftpgui-part`` kept, nor that ``--resume`` continues it; ``get -r``'s "tried again"/"failed" lines
had no "ftpgui-cli:" as every other line has, and its closing line said nothing of the parts kept; a plain ``get``
afterwards threw the part away in silence and started from byte 0; ``put`` said as little. The real console entry
point in a subprocess, against pyftpdlib whose control connection is closed after ``CUT`` bytes of a file's data
(the server gone: its data connection closes with it), or after ``CUT`` bytes of an upload came."""

from __future__ import annotations

import os
import re
import socket
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ftpgui.ftp.localpath import part_name
from ftpgui.ftp.resumecheck import rest_for

from test_cli import run_subprocess

CUT = 300_000  # bytes of the file that come (or go) before the server goes away
DATA = os.urandom(1 << 20)
CLOSED = "The server closed the connection."


def goes_away(name: str, times: int = 1) -> type:
    """A data-connection mixin: the first ``times`` RETRs of ``name`` end after ``CUT`` bytes with the server's
    control connection closed (and the data connection with it), as a server killed mid-transfer."""
    left = [times]

    class GoesAway:
        def use_sendfile(self):
            return False  # (each block through ``send``, where it is counted)

        def send(self, data):
            if self.receive or left[0] <= 0 or self.file_obj is None or not self.file_obj.name.endswith(name):
                return super().send(data)
            n = super().send(data[: CUT - self.tot_bytes_sent])
            if self.tot_bytes_sent >= CUT:
                left[0] -= 1
                self.cmd_channel.close()
            return n

    return GoesAway


def serving(make_server, files: dict, **options):
    server = make_server(**options)
    for rel, data in files.items():
        Path(server.path(rel)).parent.mkdir(parents=True, exist_ok=True)
        Path(server.path(rel)).write_bytes(data)
    return server


def said(done) -> str:
    return done.stderr.decode()


def test_get_cut_off_names_the_file_what_arrived_the_part_and_resume(make_server, tmp_path):
    """It said "ftpgui-cli: The server closed the connection." alone."""
    server = serving(make_server, {"big.bin": DATA}, dtp_mixin=goes_away("big.bin"))
    dest = tmp_path / "big.bin"
    part = tmp_path / part_name("big.bin")
    done = run_subprocess("get", server.url + "/big.bin", str(dest), "--tls", "off")
    assert done.returncode == 1 and done.stdout == b""
    assert said(done) == (
        f"ftpgui-cli: {CLOSED} 293.0 KiB of 1.0 MiB (28%) of /big.bin had arrived: kept in {part}; get --resume "
        "continues it\n"
    ), said(done)
    assert not dest.exists() and part.read_bytes() == DATA[:CUT]
    done = run_subprocess("get", "--resume", server.url + "/big.bin", str(dest), "--tls", "off")  # as it says
    assert done.returncode == 0 and said(done) == ""
    assert dest.read_bytes() == DATA and not part.exists()
    assert f"REST {rest_for(CUT)}" in server.record.commands  # (the overlap checked: note 428)


def test_get_again_without_resume_keeps_the_part_in_words(make_server, tmp_path):
    """A plain ``get`` with the part of an earlier try there (DEST not) replaced it in silence, from byte 0: it is
    refused as a local file at DEST is (design note 333), before the server is met; ``--force`` starts afresh."""
    server = serving(make_server, {"big.bin": DATA})
    part = tmp_path / part_name("big.bin")
    part.write_bytes(DATA[:CUT])
    os.chdir(tmp_path)  # (a relative DEST: said with where it is)
    done = run_subprocess("get", server.url + "/big.bin", ".", "--tls", "off")
    assert done.returncode == 2 and done.stdout == b""
    assert said(done) == (
        f"ftpgui-cli: error: ./{part.name} ({part}) holds 293.0 KiB from an earlier try at big.bin: --resume "
        "continues it, --force downloads it afresh\n"
    ), said(done)
    assert part.read_bytes() == DATA[:CUT] and not (tmp_path / "big.bin").exists()
    assert server.record.commands == []
    done = run_subprocess("get", "--force", server.url + "/big.bin", ".", "--tls", "off")
    assert done.returncode == 0 and said(done) == ""
    assert (tmp_path / "big.bin").read_bytes() == DATA and not part.exists()
    assert not any(c.startswith("REST") for c in server.record.commands)


def test_get_r_cut_off_says_its_lines_as_the_cli_and_the_part_kept(make_server, tmp_path):
    """Its "tried again" and "failed" lines had no "ftpgui-cli:"; the closing line did not say a part was kept."""
    server = serving(
        make_server, {"tree/big.bin": DATA, "tree/small.txt": b"small"}, dtp_mixin=goes_away("big.bin", times=3)
    )
    copy = tmp_path / "copy"
    done = run_subprocess("get", "-r", server.url + "/tree", str(copy), "--tls", "off")
    assert done.returncode == 1 and done.stdout == b""
    part = copy / part_name("big.bin")
    kept = part.stat().st_size  # (each try after the first continues what the one before wrote)
    assert kept >= CUT and DATA.startswith(part.read_bytes())
    from ftpgui.cli_output import size_text

    assert said(done) == (
        f"ftpgui-cli: tried again /tree/big.bin after: {CLOSED}\n"
        f"ftpgui-cli: tried again /tree/big.bin after: {CLOSED}\n"
        f"ftpgui-cli: failed /tree/big.bin: {CLOSED} ({size_text(kept)} kept in {part})\n"
        "ftpgui-cli: 1 item(s) failed; 1 file(s) downloaded; 1 partial file kept: --resume continues it\n"
    ), said(done)
    assert (copy / "small.txt").read_bytes() == b"small" and not (copy / "big.bin").exists()

    # without --resume the part is not thrown away (it was, in silence): that file fails in words, kept
    before = len(server.record.commands)
    done = run_subprocess("get", "-r", server.url + "/tree", str(copy), "--tls", "off")
    assert done.returncode == 1 and done.stdout == b""
    assert said(done) == (
        "ftpgui-cli: failed /tree/big.bin: not downloaded: an earlier try left part of it; --force downloads it "
        f"afresh ({size_text(kept)} kept in {part})\n"
        f"ftpgui-cli: 1 file kept: it exists in {copy} (--force replaces it, --resume continues it)\n"
        "ftpgui-cli: 1 item(s) failed; 0 file(s) downloaded; 1 partial file kept: --resume continues it\n"
    ), said(done)
    assert part.stat().st_size == kept and not any(c.startswith("RETR") for c in server.record.commands[before:])

    done = run_subprocess("get", "-r", "--resume", server.url + "/tree", str(copy), "--tls", "off")  # as it says
    assert done.returncode == 0 and said(done) == ""
    assert (copy / "big.bin").read_bytes() == DATA and not part.exists()
    assert f"REST {rest_for(kept)}" in server.record.commands


def takes_part_of_an_upload(times: int = 1, name: str = "") -> type:
    """A data-connection mixin: the first ``times`` uploads (of a file whose name ends in ``name``) end once ``CUT``
    bytes came, the server's control connection closed (and the data connection with it); what came stays in its
    file, as a server killed mid-upload leaves it."""
    left = [times]

    class TakesPart:
        def handle_read(self):
            super().handle_read()
            if self.file_obj is None or not self.file_obj.name.endswith(name):
                return
            if self.receive and left[0] and self.tot_bytes_received >= CUT:
                left[0] -= 1
                self.cmd_channel.close()

        handle_read_event = handle_read  # (pyftpdlib's own is its ``handle_read``, named twice)

    return TakesPart


def test_put_cut_off_names_the_file_what_was_sent_and_that_put_resume_continues_it(make_server, tmp_path):
    """It said "ftpgui-cli: The server closed the connection." alone."""
    server = make_server(dtp_mixin=takes_part_of_an_upload())
    src = tmp_path / "big.bin"
    src.write_bytes(DATA)
    done = run_subprocess("put", str(src), server.url + "/big.bin", "--tls", "off")
    assert done.returncode == 1 and done.stdout == b""
    found = re.fullmatch(
        rf"ftpgui-cli: [^\n]+?\. ([0-9.]+) KiB of 1\.0 MiB \(([0-9]+)%\) of {re.escape(str(src))} had been "
        r"acknowledged by the server: it may keep /big\.bin incomplete; put --resume continues it from the size the "
        r"server has\n",
        said(done),
    )
    assert found is not None, said(done)
    # (the server's words: "The server closed the connection.", or the data connection's reset, whichever came
    # first; the bytes acknowledged: what the server read, and what its kernel's buffer held)
    sent = float(found.group(1)) * 1024
    assert 0 < sent < len(DATA) and abs(int(found.group(2)) - 100 * sent / len(DATA)) < 1, said(done)
    there = Path(server.path("big.bin")).stat().st_size
    assert CUT <= there < len(DATA)
    done = run_subprocess("put", "--resume", str(src), server.url + "/big.bin", "--tls", "off")  # as it says
    assert done.returncode == 0 and said(done) == ""
    assert Path(server.path("big.bin")).read_bytes() == DATA
    assert f"REST {there}" in server.record.commands or "APPE /big.bin" in server.record.commands


def test_the_help_says_what_force_does_to_an_earlier_part():
    done = run_subprocess("get", "--help")
    words = " ".join(done.stdout.decode().split())
    assert (
        "start afresh over the part of a file an earlier try left (without it: refused, --resume continues it)" in words
    )
    assert "get: the local file exists, without --force or --resume, or the part an earlier try left of it" in words


SMALL = os.urandom(200_000)  # (under the send queue's DRAIN_MIN: its end is not waited for, its last count written)


def cut_at_its_first_read(received: list) -> type:
    """A data-connection mixin: the first upload is cut at the server's first read of it — the data connection
    reset (nothing more is acknowledged), the control connection closed — as a server killed in the first moment;
    ``received`` gets what its kernel had taken of the data by then (``TCP_INFO``'s ``tcpi_bytes_received``)."""

    class CutAtOnce:
        def handle_read(self):
            if self.receive and not received:
                info = self.socket.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 256)
                self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                received.append(struct.unpack_from("Q", info, 128)[0])
                self.cmd_channel.close()
                return
            super().handle_read()

        handle_read_event = handle_read

    return CutAtOnce


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the server's count is Linux's TCP_INFO")
@pytest.mark.parametrize("size", [len(SMALL), len(DATA)])
def test_put_cut_in_its_first_moment_says_what_the_server_acknowledged_and_no_more(make_server, tmp_path, size):
    """Cut before its first progress report, ``put`` said no count at all, or the bytes it had written as sent (a
    small file's last count is what was written, not waited for: "195.3 KiB of 195.3 KiB (100%)… had been sent"
    with the server holding none of it). It now says what the server's kernel acknowledged — never more than it
    received — or that none was (design note 400)."""
    received: list = []
    server = make_server(dtp_mixin=cut_at_its_first_read(received))
    data = SMALL if size == len(SMALL) else DATA
    src = tmp_path / "f.bin"
    src.write_bytes(data)
    done = run_subprocess("put", str(src), server.url + "/f.bin", "--tls", "off")
    assert done.returncode == 1 and done.stdout == b"" and len(received) == 1, said(done)
    tail = r" it may keep /f\.bin incomplete; put --resume continues it from the size the server has\n"
    found = re.fullmatch(
        rf"ftpgui-cli: [^\n]+?\. (?:None|([0-9.]+) (KiB|B) of [0-9.]+ [KM]iB \([0-9]+%\)) of {re.escape(str(src))} "
        rf"had been acknowledged by the server:{tail}",
        said(done),
    )
    assert found is not None, said(done)
    if found.group(1) is not None:
        acknowledged = float(found.group(1)) * (1024 if found.group(2) == "KiB" else 1)
        assert acknowledged <= received[0] + 52, (said(done), received)  # (a count said to a tenth of a KiB)
    assert Path(server.path("f.bin")).stat().st_size <= received[0]


def test_put_r_says_which_uploads_were_cut_off_how_far_and_that_resume_continues_them(make_server, tmp_path):
    """``put -r`` said only each failed file's line: not that the server may keep part of it, nor how much had gone,
    nor that ``--resume`` continues it, as ``get -r`` says its kept parts (design note 401)."""
    server = make_server(dtp_mixin=takes_part_of_an_upload(times=3, name="big.bin"))
    src = tmp_path / "tree"
    src.mkdir()
    (src / "big.bin").write_bytes(DATA)
    (src / "small.txt").write_bytes(b"small")
    done = run_subprocess("put", "-r", str(src), server.url + "/tree", "--tls", "off")
    assert done.returncode == 1 and done.stdout == b""
    big = re.escape(str(src / "big.bin"))
    found = re.fullmatch(
        rf"ftpgui-cli: tried again {big} after: [^\n]+\n"
        rf"ftpgui-cli: tried again {big} after: [^\n]+\n"
        rf"ftpgui-cli: failed {big}: [^\n]+?\. \(([0-9.]+) KiB of 1\.0 MiB \(([0-9]+)%\) had been acknowledged by the "
        r"server: it may keep /tree/big\.bin incomplete\)\n"
        r"ftpgui-cli: 1 item\(s\) failed; 1 file\(s\) uploaded; 1 upload cut off part way: put -r --resume continues "
        r"it from the size the server has\n",
        said(done),
    )
    assert found is not None, said(done)
    there = Path(server.path("tree/big.bin")).stat().st_size
    sent = float(found.group(1)) * 1024
    assert CUT <= there < len(DATA) and 0 < sent < len(DATA), (said(done), there)
    assert abs(int(found.group(2)) - 100 * sent / len(DATA)) < 1, said(done)
    assert Path(server.path("tree/small.txt")).read_bytes() == b"small"
    done = run_subprocess("put", "-r", "--resume", str(src), server.url + "/tree", "--tls", "off")  # as it says
    assert done.returncode == 0 and said(done) == "", said(done)
    assert Path(server.path("tree/big.bin")).read_bytes() == DATA


def test_put_cut_before_any_byte_is_known_to_have_arrived_says_none(make_server, certs, tmp_path):
    """Cut before its first progress report, where nothing else can tell (a TLS data connection, reset in its
    handshake: its bytes are records, and the kernel's count is not the file's), ``put`` said no count at all. It
    says that none of the file is known to have reached the server (design note 400)."""
    from ftpgui.ftp.tls import fingerprint

    from certs import Certs

    server = make_server(tls_cert=certs.good, dtp_mixin=cut_at_its_first_read([]))
    src = tmp_path / "f.bin"
    src.write_bytes(DATA)
    trust = fingerprint(Certs.der(certs.good))
    env = {"FTPGUI_CONFIG_DIR": str(tmp_path / "config")}
    done = run_subprocess(
        "put", str(src), server.url + "/f.bin", "--tls", "require", "--trust-fingerprint", trust, env=env
    )
    assert done.returncode == 1 and done.stdout == b""
    assert said(done).startswith("ftpgui-cli: ") and said(done).endswith(
        f". None of {src} had been acknowledged by the server: it may keep /f.bin incomplete; put --resume continues "
        "it from the size the server has\n"
    ), said(done)


def test_put_r_with_its_server_gone_counts_what_the_first_try_sent_and_no_file_never_begun(make_server, tmp_path):
    """Found by QA (note 401's addendum): the server killed mid-upload and gone, ``put -r`` said "none of it had
    been acknowledged" of the file the server kept 12 MB of (its retry, which could not connect, had replaced the
    count), and counted a file it never began as an upload cut off part way. Here the server, throttled, is
    stopped once part of the file is there: its listener closed, every later connection refused."""
    server = make_server(throttle=256 * 1024)
    src = tmp_path / "tree"
    (src / "inner").mkdir(parents=True)
    (src / "big.bin").write_bytes(DATA)
    (src / "inner" / "b.txt").write_bytes(b"b")
    argv = [
        sys.executable,
        "-m",
        "ftpgui.cli",
        "put",
        "-r",
        "--parallel",
        "1",
        str(src),
        server.url + "/tree",
        "--tls",
        "off",
    ]
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    part = Path(server.path("tree/big.bin"))
    deadline = time.monotonic() + 60
    while not (part.exists() and part.stat().st_size >= CUT) and time.monotonic() < deadline:
        time.sleep(0.02)
    server.stop()
    out, err = proc.communicate(timeout=120)
    done = subprocess.CompletedProcess(argv, proc.returncode, out, err)
    assert done.returncode == 1 and done.stdout == b""
    text = said(done)
    there = part.stat().st_size
    assert CUT <= there < len(DATA), text
    big = re.search(
        rf"^ftpgui-cli: failed {re.escape(str(src / 'big.bin'))}: [^\n]+? \(([0-9.]+) (KiB|MiB) of 1\.0 MiB "
        r"\([0-9]+%\) had been acknowledged by the server: it may keep /tree/big\.bin incomplete\)$",
        text,
        re.M,
    )
    assert big is not None, text  # (the old code: "(none of it had been acknowledged …)")
    # (its kernel's count: the server's kernel may hold bytes its program never read — on a loaded machine once the
    # whole file, "1.0 MiB of 1.0 MiB (100%)", where the file kept a third)
    assert 0 < float(big.group(1)) * (1024 if big.group(2) == "KiB" else 1 << 20) <= len(DATA), text
    small = [line for line in text.splitlines() if "b.txt" in line]
    assert small and not any("acknowledged" in line for line in small), text  # (never begun: no count, no "cut")
    assert not os.path.exists(server.path("tree/inner/b.txt"))
    last = "1 upload cut off part way: put -r --resume continues it from the size the server has"
    assert text.splitlines()[-1].endswith(last), text  # (the old code: "2 uploads cut off part way")


def test_put_of_a_text_file_cut_off_says_its_bytes_on_the_wire_and_that_put_sends_it_whole_again(make_server, tmp_path):
    """A text upload (``--type ascii``) cut off: the count the server acknowledged is of the bytes on the wire, its
    line ends converted, not of the file — said as "sent as text", with no percentage of the file's size, and that
    put sends a text file whole again (a text upload is never
    continued: design note 400). Untested before."""
    server = make_server(dtp_mixin=takes_part_of_an_upload(name="notes.txt"))
    src = tmp_path / "notes.txt"
    src.write_bytes(b"a line of text\n" * (len(DATA) // 15))
    done = run_subprocess("put", "--type", "ascii", str(src), server.url + "/notes.txt", "--tls", "off")
    assert done.returncode == 1 and done.stdout == b"", said(done)
    found = re.fullmatch(
        rf"ftpgui-cli: [^\n]+?\. ([0-9.]+) KiB of {re.escape(str(src))}, sent as text, had been acknowledged by the "
        r"server: it may keep /notes\.txt incomplete; put sends a text file whole again\n",
        said(done),
    )
    assert found is not None, said(done)
    assert 0 < float(found.group(1)) * 1024 < src.stat().st_size * 16 / 15, said(done)
    assert (
        0 < Path(server.path("notes.txt")).stat().st_size < src.stat().st_size
    )  # (its line ends as the server keeps them)
