"""Why a queue item stopped, said in the language the app runs in when it is shown — not the one it failed in.

Found by QA: after switching the app to Chinese, items that had failed before showed their reasons in English
inside Chinese ("失败：The server refused STOR…"): the queue kept the reason as text, said once. It keeps the
failure's words (``words.Words``) and the panel says them anew; a queue saved before keeps its text.
"""

from __future__ import annotations

import pytest

from ftpgui import i18n, paths
from ftpgui.ftp import SessionOptions
from ftpgui.transfers.items import FAILED, UPLOAD, TransferItem
from ftpgui.transfers.model import COL_STATE
from ftpgui.transfers.queue import TransferQueue
from ftpgui.transfers.servers import Server
from ftpgui.transfers.worker import Endpoint
from ftpgui.ui.queue_view import GROUPS, QueueView

from ftpserver import PASSWORD, USER

pytestmark = pytest.mark.gui
LONG = 120_000  # ms: a safety net, not a performance limit
REFUSED = "550 Not enough privileges."
ENGLISH = "Failed: The server refused STOR: 550 Not enough privileges."
CHINESE = "失败：服务器拒绝了 STOR：550 Not enough privileges."


@pytest.fixture
def setting(qtbot, qapp, tmp_path, make_server, monkeypatch):
    """(the queue's file, a server that refuses every upload, a file to upload, switch(language))."""
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("FTPGUI_CACHE_DIR", str(tmp_path / "cache"))
    srv = make_server("127.0.0.1", replies={"STOR": REFUSED})
    local = tmp_path / "report.pdf"
    local.write_bytes(b"%PDF" * 100)
    installed = []

    def switch(language: str) -> None:
        """The app as it runs after a restart in ``language`` (its translation installed, or none)."""
        while installed:
            i18n.uninstall(qapp, installed.pop())
        if language != "en":
            installed.append(i18n.install(qapp, language))

    yield str(tmp_path / "config" / "queue.json"), srv, str(local), switch
    switch("en")


def fail_an_upload(qtbot, store: str, srv, local: str) -> None:
    q = TransferQueue(store)
    try:
        q.set_site(Endpoint(srv.host, srv.port, USER, PASSWORD), SessionOptions(timeout=20), 1)
        q.upload([local], "/")
        qtbot.waitUntil(q.is_idle, timeout=LONG)
        assert [i.state for i in q.model.items()] == [FAILED]
    finally:
        q.shutdown()  # (saved: the next queue reads it, as the next start of the app does)


def shown(qtbot, store: str) -> list:
    """(State, tooltip) of each row of the Failed tab of a queue panel opened on ``store``."""
    q = TransferQueue(store)
    view = QueueView(q, ask=False)
    qtbot.addWidget(view)
    try:
        view.tabs.setCurrentIndex(GROUPS.index("failed"))
        model = view.tables["failed"].model()
        qtbot.waitUntil(lambda: model.rowCount() > 0)
        index = [model.index(row, COL_STATE) for row in range(model.rowCount())]
        return [(i.data(), i.data(3)) for i in index]  # (3: the tooltip's role)
    finally:
        q.shutdown()


def test_a_failure_in_english_reads_in_chinese_after_the_switch(qtbot, setting):
    store, srv, local, switch = setting
    fail_an_upload(qtbot, store, srv, local)
    assert shown(qtbot, store) == [(ENGLISH, "The server refused STOR: 550 Not enough privileges.")]
    switch("zh_CN")
    assert shown(qtbot, store) == [(CHINESE, "服务器拒绝了 STOR：550 Not enough privileges.")]


def test_a_failure_in_chinese_reads_in_english_after_the_switch(qtbot, setting):
    store, srv, local, switch = setting
    switch("zh_CN")
    fail_an_upload(qtbot, store, srv, local)
    assert shown(qtbot, store)[0][0] == CHINESE
    switch("en")
    assert shown(qtbot, store)[0][0] == ENGLISH


def test_reasons_of_an_older_queue_and_edited_words_show_as_their_text(qtbot, setting):
    """A queue saved before kept its reasons as text: shown as they are. Words that are not ftpgui's (a
    hand-edited file: a field that reaches into its value, a width of a billion, words of another error than
    the item's) are not said: the item's text is."""
    store, srv, _local, switch = setting
    server = Server(srv.host, srv.port, USER)
    old = TransferItem(UPLOAD, "/l/a", "/a", state=FAILED, error="服务器拒绝了 STOR：550 Not enough privileges.")
    reaching = TransferItem(UPLOAD, "/l/b", "/b", state=FAILED, error="boom")
    reaching.error_words = ["engine", "{text.__class__.__mro__}", {"text": "boom"}]
    wide = TransferItem(UPLOAD, "/l/c", "/c", state=FAILED, error="boom")
    wide.error_words = ["engine", "{text:>999999999}", {"text": "boom"}]
    other = TransferItem(UPLOAD, "/l/d", "/d", state=FAILED, error="boom")
    refused = {"verb": "STOR", "code": 550, "text": "x"}
    other.error_words = ["engine", "The server refused {verb}: {code} {text}", refused]
    shape = TransferItem(UPLOAD, "/l/e", "/e", state=FAILED, error="boom")
    shape.error_words = [None, "{a}", {"a": ["engine", "{b}"]}]
    items = [old, reaching, wide, other, shape]
    for item in items:
        item.server = server.key
    paths.atomic_write_json(
        store, {"version": 2, "servers": {server.key: server.to_json()}, "items": [i.to_json() for i in items]}
    )
    assert [state for state, _tip in shown(qtbot, store)] == [
        "Failed: 服务器拒绝了 STOR：550 Not enough privileges.",
        "Failed: boom",
        "Failed: boom",
        "Failed: boom",
        "Failed: boom",
    ]
    switch("zh_CN")
    chinese = [state for state, _tip in shown(qtbot, store)]
    assert chinese[:2] == ["失败：服务器拒绝了 STOR：550 Not enough privileges.", "失败：boom"]
