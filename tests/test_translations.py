"""Translations: lupdate reads every source with user-visible text afresh, and the Simplified Chinese ``.ts``
must hold each string, finished, in Chinese, with the same placeholders and shortcut markers; the README's
lupdate command names the same sources; the strings marked where they are defined (module constants,
engine-side templates) come out in Chinese where they are shown; the ``.qm`` is compiled once per edit."""

from __future__ import annotations

import errno
import os
import re
import socket
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QFileInfo, Qt
from PySide6.QtWidgets import QApplication, QFileIconProvider

from ftpgui import explain, i18n

from conftest import need

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "ftpgui_zh_CN.ts"
# Every file a person may read text from, as docs/translations.md's lupdate command names them.
SOURCES = (
    "ftpgui/ui/*.py",
    "ftpgui/ui/modepanel/*.py",
    "ftpgui/app.py",
    "ftpgui/single_instance.py",  # what a second start says on stderr (note 459)
    "ftpgui/selftest.py",  # prints English (a diagnostic for the build), but a tr() added there is checked too
    "ftpgui/explain.py",
    "ftpgui/causewords.py",  # (explain's context too: the words for a data connection's failure)
    "ftpgui/fixes.py",  # the sentences around the generated fixes (the snippets themselves are config text)
    "ftpgui/settings.py",
    "ftpgui/filters.py",  # the filters' errors (explain) and the search's words (SearchDialog)
    "ftpgui/search.py",
    "ftpgui/sites/*.py",
    "ftpgui/transfers/*.py",
    "ftpgui/ftp/errors.py",  # the engine's messages: English templates marked for lupdate (no Qt in the engine)
    "ftpgui/ftp/control.py",
    "ftpgui/ftp/controllines.py",
    "ftpgui/ftp/dialing.py",
    "ftpgui/ftp/session.py",
    "ftpgui/ftp/logon.py",
    "ftpgui/ftp/commands.py",
    "ftpgui/ftp/filetransfer.py",
    "ftpgui/ftp/upload.py",
    "ftpgui/ftp/rawtransfer.py",
    "ftpgui/ftp/transfersocket.py",
    "ftpgui/ftp/activeaccept.py",
    "ftpgui/ftp/datamove.py",
    "ftpgui/ftp/localpath.py",
    "ftpgui/ftp/replies.py",
    "ftpgui/ftp/names.py",
    "ftpgui/ftp/url.py",
    "ftpgui/ftp/listing.py",
    "ftpgui/ftp/proxy.py",
    "ftpgui/ftp/procpool.py",
)
# Strings whose right Chinese is the English itself. Keep it short: a name or a unit is better left out of tr().
SAME_IN_CHINESE: frozenset = frozenset()
PLACEHOLDER = re.compile(r"{[^{}]*}")
pytestmark = pytest.mark.gui


def messages(path: Path) -> dict:
    """(context, source) → (translation, type) for every message of a ``.ts`` file."""
    out = {}
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            out[(name, msg.findtext("source"))] = (tr.text or "", tr.get("type"))
    return out


def source_files() -> list:
    return sorted(str(p) for pattern in SOURCES for p in ROOT.glob(pattern))


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> dict:
    """The messages lupdate finds in the sources today."""
    ts = tmp_path_factory.mktemp("lupdate") / "fresh.ts"
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    need(lupdate.is_file(), "pyside6-lupdate is not installed beside this Python")
    proc = subprocess.run(
        [str(lupdate), *source_files(), "-ts", str(ts), "-locations", "none"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return messages(ts)


def problems_in(fresh: dict, have: dict) -> list:
    """Why the translation ``have`` does not cover ``fresh``, one line per message (empty when it does)."""
    problems = []
    for key in sorted(fresh):
        text, kind = have.get(key, ("", "missing"))
        src = key[1]
        if kind in ("missing", "unfinished", "vanished", "obsolete") or not text:
            problems.append(f"{kind or 'empty'}: {key}")
        elif text == src and src not in SAME_IN_CHINESE:
            problems.append(f"same as English: {key}")
        elif sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(src)):
            problems.append(f"placeholders differ: {key}")
        elif ("&" in src) != ("&" in text):
            problems.append(f"shortcut marker differs: {key}")
    return problems


def test_every_string_is_translated(fresh):
    """Every string in every source: in the .ts, finished, in Chinese, same placeholders and shortcuts."""
    contexts = {ctx for ctx, _ in fresh}
    assert len(fresh) > 450 and {"MainWindow", "SiteManagerDialog", "QueueModel", "ModePanel", "explain"} <= contexts
    problems = problems_in(fresh, messages(TS))
    assert not problems, "\n".join(problems)


def test_no_string_without_a_context(fresh):
    """lupdate files a bare module-level ``tr("…")`` under no context, where Qt never looks it up at run time:
    such strings would stay English whatever the .ts says. Use ``translate("Context", "…")``."""
    assert [src for ctx, src in fresh if not ctx] == []


def test_the_check_finds_what_is_wrong():
    """The coverage check itself: each kind of defect is reported."""
    fresh = {("C", "&Open {name}"): ("", None), ("C", "Close"): ("", None), ("C", "Gone"): ("", None)}
    fresh[("C", "Same")] = ("", None)
    fresh[("C", "Half")] = ("", None)
    have = {
        ("C", "&Open {name}"): ("打开 {nom}(&O)", None),
        ("C", "Close"): ("关闭(&C)", None),
        ("C", "Same"): ("Same", None),
        ("C", "Half"): ("半", "unfinished"),
    }
    assert problems_in(fresh, have) == [
        "placeholders differ: ('C', '&Open {name}')",
        "shortcut marker differs: ('C', 'Close')",
        "missing: ('C', 'Gone')",
        "unfinished: ('C', 'Half')",
        "same as English: ('C', 'Same')",
    ]


def test_readme_lupdate_command_names_the_same_sources():
    readme = (ROOT / "docs" / "translations.md").read_text("utf-8")
    command = re.search(r"pyside6-lupdate (.*?) -ts resources/translations/ftpgui_zh_CN\.ts", readme, re.S)
    assert command, "docs/translations.md has no lupdate command"
    named = command.group(1).replace("\\\n", " ").split()
    assert sorted(named) == sorted(SOURCES)


def test_marked_strings_come_out_in_chinese_where_shown(chinese, tmp_path):
    """Strings marked where they are defined (module constants, engine-side templates) are looked up under the
    context they were marked with, so they reach the person in Chinese."""
    from ftpgui.explain import QT_TRANSLATE_NOOP
    from ftpgui.ftp import ControlClosed, ModeFallback
    from ftpgui.settings import Preferences, PreferencesError
    from ftpgui.sites.filezilla import _note
    from ftpgui.sites.passwords import PasswordUnavailable
    from ftpgui.sites.store import SiteStore
    from ftpgui.transfers.items import DOWNLOAD, SKIPPED, TransferItem
    from ftpgui.transfers.model import COL_STATE, QueueModel
    from ftpgui.ui.exists_dialog import LABELS, tr
    from ftpgui.ui.local_pane import _words_qt_lacks
    from ftpgui.ui.message_log import MessageLog

    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"  # Qt's own qtbase words too
    assert QFileIconProvider().type(QFileInfo(str(tmp_path))) == "文件夹"  # the local pane's word qtbase lacks
    assert _words_qt_lacks() == ("文件夹", "驱动器", "未知")
    model = QueueModel()
    note = QT_TRANSLATE_NOOP("QueueModel", "the target exists")
    model.insert(0, [TransferItem(DOWNLOAD, "/tmp/a", "/a", state=SKIPPED, error=note)])
    assert model.headerData(0, Qt.Orientation.Horizontal) == "本地文件"
    assert model.index(0, COL_STATE).data() == "已跳过：目标文件已存在"
    with pytest.raises(PreferencesError) as caught:
        Preferences(active_external_address="not an address").validate()
    assert caught.value.text() == "主动模式的外部地址必须是 IP 地址，而不是“not an address”。"
    assert str(caught.value) == "The external address for active mode must be an IP address, not “not an address”."
    assert explain.describe_error(caught.value) == caught.value.text()
    assert PasswordUnavailable("locked").text() == "系统密钥环已锁定"
    damaged = tmp_path / "sites.json"
    damaged.write_text('{"version": 99}', "utf-8")
    with pytest.raises(ValueError) as caught:
        SiteStore(str(damaged)).load()
    assert str(caught.value) == f"{damaged} was written by a newer ftpgui (version 99)"
    assert explain.describe_error(caught.value) == f"{damaged} 由更新版本的 ftpgui 写入（版本 99）"
    port_note = _note(explain.QT_TRANSLATE_NOOP("explain", "port {port} is out of range; 21 used"), port=0)
    assert port_note.text() == "端口 0 超出范围；已改用 21" and str(port_note) == "port 0 is out of range; 21 used"
    assert [tr(label) for label in LABELS.values()] == [
        "覆盖",
        "如果源文件较新则覆盖",
        "续传（接着较小的文件继续）",
        "重命名（两者都保留）",
        "跳过",
    ]
    log = MessageLog()
    assert log.describe(ControlClosed(1, reason="lost")) == [("status", "连接已关闭（连接丢失）")]
    assert log.describe(ModeFallback(1, from_mode="passive", to_mode="active", cause="server-firewall")) == [
        ("status", "本次会话已从被动模式切换为主动模式。")
    ]


def test_i18n_compiles_once_and_again_when_the_ts_changes(tmp_path, monkeypatch, qapp):
    monkeypatch.setenv("FTPGUI_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "translations"
    folder.mkdir()
    src = TS.read_text("utf-8")
    ts = folder / "ftpgui_zh_CN.ts"
    ts.write_text(src, "utf-8")
    monkeypatch.setattr(i18n, "TRANSLATIONS", folder)
    assert i18n.ts_file("zh_CN") == ts
    assert i18n.ts_file("zh_TW") is None  # Traditional Chinese is not Simplified: no fallback to zh_CN
    assert i18n.ts_file("fr_FR") is None
    first = i18n.compiled(ts)
    assert first.is_file() and first.parent == tmp_path / "cache" / "translations"
    mtime = first.stat().st_mtime_ns
    assert i18n.compiled(ts) == first and first.stat().st_mtime_ns == mtime  # cached, not rebuilt
    ts.write_text(src.replace("<translation>客户端</translation>", "<translation>客户机</translation>"), "utf-8")
    second = i18n.compiled(ts)
    assert second != first and second.is_file() and not first.exists()  # the stale one is gone
    app = QApplication.instance()
    translator = i18n.install(app, "zh_CN")
    try:
        assert QCoreApplication.translate("ModePanel", "Client") == "客户机"
    finally:
        i18n.uninstall(app, translator)
    assert QCoreApplication.translate("ModePanel", "Client") == "Client"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"  # Qt's words went with ours
    assert i18n.install(app, "en_US") is None
    explain.set_translator(lambda context, text: text)
    ts.write_text("this is not a translation file", "utf-8")
    with pytest.raises(i18n.TranslationError, match="lrelease could not compile"):
        i18n.compiled(ts)


FOLLOW = """
import sys
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
from ftpgui import settings
from ftpgui.app import install_language
app = QApplication(sys.argv[:1])
translator, problem = install_language(app, settings.load().language)
print(QCoreApplication.translate("WindowActions", "&File"), problem)
"""


@pytest.mark.parametrize(
    "system, preference, expected",
    [
        ("zh_CN.UTF-8", "", "文件(&F)"),  # no preference: the system's language
        ("en_US.UTF-8", "", "&File"),
        ("en_US.UTF-8", "zh_CN", "文件(&F)"),  # the preference wins over the system
        ("zh_CN.UTF-8", "en", "&File"),
    ],
)
def test_the_language_follows_the_system_unless_the_preferences_say_otherwise(tmp_path, system, preference, expected):
    from ftpgui import settings

    config = tmp_path / "config"
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    env.update(
        LANG=system,
        QT_QPA_PLATFORM="offscreen",
        FTPGUI_CONFIG_DIR=str(config),
        FTPGUI_CACHE_DIR=str(tmp_path / "cache"),
        PYTHONPATH=str(ROOT),
    )
    config.mkdir()
    settings.save(settings.Preferences(language=preference), str(config / settings.FILE_NAME))
    proc = subprocess.run([sys.executable, "-c", FOLLOW], env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == expected


def test_a_qm_built_beside_the_ts_is_used_without_lrelease(tmp_path, monkeypatch):
    """The packaged app ships ftpgui_zh_CN.qm beside the .ts and has no lrelease: that .qm is used; one older
    than its .ts (a translation edited since) is not."""
    monkeypatch.setenv("FTPGUI_CACHE_DIR", str(tmp_path / "cache"))
    ts = tmp_path / "ftpgui_zh_CN.ts"
    ts.write_text(TS.read_text("utf-8"), "utf-8")
    fresh_qm = i18n.compiled(ts)
    built = ts.with_suffix(".qm")
    built.write_bytes(fresh_qm.read_bytes())
    monkeypatch.setattr(i18n, "lrelease_command", lambda: pytest.fail("lrelease must not run"))
    assert i18n.compiled(ts) == built
    os.utime(built, (1, 1))  # older than the .ts
    monkeypatch.undo()
    monkeypatch.setenv("FTPGUI_CACHE_DIR", str(tmp_path / "cache2"))
    assert i18n.compiled(ts).parent == tmp_path / "cache2" / "translations"


def test_a_bundles_qm_is_used_even_when_the_bundler_copied_the_ts_after_it(tmp_path, monkeypatch):
    """PyInstaller copies the .qm and the .ts into the bundle without their times, the .ts a moment after the
    .qm: the packaged app (no lrelease) must still use its .qm, not try to compile (its self-test failed)."""
    monkeypatch.setenv("FTPGUI_CACHE_DIR", str(tmp_path / "cache"))
    ts = tmp_path / "ftpgui_zh_CN.ts"
    ts.write_text(TS.read_text("utf-8"), "utf-8")
    built = ts.with_suffix(".qm")
    built.write_bytes(i18n.compiled(ts).read_bytes())
    os.utime(built, (1000, 1000))
    os.utime(ts, (1000, 1000.0002))  # the .ts copied 0.2 ms after the .qm
    monkeypatch.setattr(i18n, "lrelease_command", lambda: pytest.fail("lrelease must not run"))
    monkeypatch.setenv("FTPGUI_CACHE_DIR", str(tmp_path / "empty-cache"))
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert i18n.compiled(ts) == built


def test_the_engines_messages_are_said_in_chinese(chinese):
    """The engine stays Qt-free and English; its errors carry their template, which describe_error says in
    the person's language."""
    from ftpgui.ftp.errors import ConnectError, ConnectionLost, ReplyError, worded

    lost = worded(ConnectionLost, "The server did not answer within {seconds} seconds.", seconds="30")
    assert str(lost) == "The server did not answer within 30 seconds."
    assert explain.describe_error(lost) == "服务器在 30 秒内没有响应。"
    from ftpgui.ftp.control import NO_ANSWER, NO_ANSWER_1
    from ftpgui.ftp.errors import counted

    one = worded(ConnectionLost, counted(1.0, NO_ANSWER_1, NO_ANSWER), seconds="1")  # ("1 seconds" before)
    assert str(one) == "The server did not answer within 1 second."
    assert explain.describe_error(one) == "服务器在 1 秒内没有响应。"
    assert counted(0.5, NO_ANSWER_1, NO_ANSWER) == NO_ANSWER
    refused = ReplyError("DELE x", 550, "No such file")
    assert explain.describe_error(refused) == "服务器拒绝了 DELE：550 No such file"
    bare = ConnectError("no template")  # an engine error without a template stays as written
    assert explain.describe_error(bare) == "no template"


def test_a_real_connection_failure_is_said_in_chinese(chinese):
    import socket

    from ftpgui.ftp import ConnectError, FtpSession, SessionOptions

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    session = FtpSession(SessionOptions(timeout=5))
    try:
        with pytest.raises(ConnectError) as info:
            session.connect("127.0.0.1", port)
    finally:
        session.close()
    assert str(info.value).startswith(f"Could not connect to 127.0.0.1 port {port}: ")
    assert explain.describe_error(info.value).startswith(f"无法连接到 127.0.0.1 的端口 {port}：")


def test_a_refused_passive_data_connection_is_described_in_chinese(chinese):
    """A real engine failure (the server names a data port where nothing listens): its English words stay
    as they are for logs and the CLI, and describe_error says them, the system's reason and the advice in
    Chinese."""
    from ftpgui.ftp import DataConnectionError, FtpSession, SessionOptions

    from scripted import ScriptedServer

    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there now: the connection is refused

    def script(c):
        c.login(features=())
        c.expect("EPSV")
        c.reply("500 no EPSV here")
        c.expect("PASV")
        c.reply(f"227 Entering Passive Mode (127,0,0,1,{port >> 8},{port & 255})")
        c.command()  # QUIT, or EOF when the client just closes

    with ScriptedServer(script) as srv:
        s = FtpSession(SessionOptions(timeout=10, mode="passive"))
        s.open("127.0.0.1", srv.port, "u", "p")
        with pytest.raises(DataConnectionError) as caught:
            s.list_raw()
        s.close()
    reason = os.strerror(errno.ECONNREFUSED)
    assert str(caught.value) == f"Connecting to the server's data port 127.0.0.1:{port} failed: {reason}."
    assert (caught.value.stage, caught.value.cause) == ("connect", "server-firewall")
    # (the system's words in Chinese too, though the error keeps only their English text: design note 256)
    said = f"连接服务器的数据端口 127.0.0.1:{port} 失败：连接被拒绝。"
    assert explain.describe_error(caught.value) == said + explain.explain_cause("passive", "server-firewall")
    assert explain.explain_cause("passive", "server-firewall").startswith("被动模式失败")
