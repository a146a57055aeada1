"""Words (issue 19 item 5): plural forms, readable byte counts, the missing keyring in words, and the
operating system's error texts in the person's language, each provoked for real where a test can."""

from __future__ import annotations

import contextlib
import errno
import os
import socket

import pytest

from ftpgui.explain import byte_count, describe_error
from ftpgui.ftp.control import ControlChannel
from ftpgui.ftp.errors import Cancelled, ConnectError, worded
from ftpgui.sites.passwords import refusal
from ftpgui.transfers.queue import TransferQueue
from ftpgui.ui.queue_view import QueueView
from ftpgui.words import Words

pytestmark = pytest.mark.gui


def closed_port() -> int:
    """A loopback port nobody listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def refused() -> ConnectError:
    channel = ControlChannel(1, lambda _event: None, timeout=10, encoding="utf-8")
    with pytest.raises(ConnectError) as info:
        channel.connect("127.0.0.1", closed_port(), timeout=10)
    return info.value


@contextlib.contextmanager
def as_nobody():
    """Root reads and writes anything: for a real "Permission denied" act as user nobody for a moment."""
    if os.geteuid() != 0:
        yield
        return
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)


def permission_denied(tmp_path) -> OSError:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    with as_nobody(), pytest.raises(OSError) as info:
        open(locked / "new.txt", "wb")
    assert info.value.errno == errno.EACCES
    return info.value


@pytest.mark.parametrize(
    "waiting, language, expected",
    [
        (1, "en", "1 queued"),
        (3, "en", "3 queued"),
        (1, "zh_CN", "1 个排队中"),
        (3, "zh_CN", "3 个排队中"),
    ],
)
def test_the_files_waiting_are_counted_as_queued(qtbot, qapp, tmp_path, request, waiting, language, expected):
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    q = TransferQueue(str(tmp_path / "queue.json"))
    view = QueueView(q)
    qtbot.addWidget(view)
    try:
        q.download([(f"/f{i}.bin", False, 2048) for i in range(waiting)], str(tmp_path), start=False)
        # the status line is shown from the start ("0 queued"): wait for the items to be counted
        qtbot.waitUntil(lambda: view.status.text().startswith(expected), timeout=5000)
    finally:
        q.shutdown()


def test_byte_counts_read_as_sizes_with_the_exact_count():
    cancelled = worded(Cancelled, "Cancelled after {done} bytes.", _init={"done": 22_138_880}, done=22_138_880)
    assert describe_error(cancelled) == "Cancelled after 21.1 MiB (22,138,880 bytes)."
    assert str(cancelled) == "Cancelled after 22138880 bytes."  # the engine's own English (logs, CLI) as it was
    assert byte_count(512) == "512 bytes"


def test_byte_counts_in_chinese(chinese):
    cancelled = worded(Cancelled, "Cancelled after {done} bytes.", _init={"done": 22_138_880}, done=22_138_880)
    assert describe_error(cancelled) == "已取消，此前已传输 21.1 MiB（22,138,880 字节）。"


def test_the_missing_keyring_is_said_in_words_not_a_class_name():
    from keyring.backends import fail

    why = refusal(fail.Keyring())
    assert why is not None
    assert "keyring.backends" not in str(why) and "Keyring" not in why.text().replace("GNOME Keyring", "")
    assert why.text().startswith("no system keyring answered")


def test_os_errors_in_english_are_the_systems_words(tmp_path):
    assert "Connection refused" in describe_error(refused())
    assert describe_error(permission_denied(tmp_path)).startswith("Permission denied: ")


def test_os_errors_in_chinese(chinese, tmp_path):
    text = describe_error(refused())
    assert "连接被拒绝" in text and "Connection refused" not in text
    text = describe_error(permission_denied(tmp_path))
    assert text.startswith("权限不够：") or text.startswith("权限不够: "), text
    # the network's other answers, as the OS raises them (these need a routed network to provoke)
    for code, words in ((errno.EHOSTUNREACH, "没有到主机的路由"), (errno.ETIMEDOUT, "连接超时")):
        assert describe_error(OSError(code, os.strerror(code))) == words
    lookup = socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    assert describe_error(lookup) == "未知的名称或服务"


def test_a_full_disk_in_chinese(chinese, tiny_disk):
    with pytest.raises(OSError) as info, open(tiny_disk / "big.bin", "wb") as f:
        f.write(os.urandom(2 << 20))
        f.flush()
    assert info.value.errno == errno.ENOSPC
    text = describe_error(info.value)
    assert text.startswith("磁盘已满：设备上没有剩余空间。") and "设备上没有剩余空间" in text.split("。", 1)[1]
    assert "No space left" not in text


def test_a_name_said_with_r_is_quoted_and_escaped_as_the_panes_show_it_not_a_python_repr():
    """``{name!r}``: the name in quotes, one backslash as it has one (a repr doubled it: the Failed tab said
    ``'con\\\\back.txt'``, design note 248), a control or bidi character escaped as ``shown`` escapes it."""
    template = "Unsafe name {name!r}: the name contains a path separator"
    assert Words("engine", template, name="con\\back.txt").text() == (
        "Unsafe name 'con\\back.txt': the name contains a path separator"
    )
    assert Words("engine", template, name="a\u202eb\x07").english().startswith("Unsafe name 'a\\u202eb\\x07':")
    assert Words(None, "{n!r} files", n=3).text() == "3 files"  # (a number as repr says it)
