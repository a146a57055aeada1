"""Helpers for the main-window tests: a window in a temporary config folder, connected to pyftpdlib."""

from __future__ import annotations

import dataclasses
import os

from ftpgui.ui.dialogs import PlainFtpDialog
from ftpgui.ui.main_window import MainWindow

from ftpserver import PASSWORD, USER, FtpServerThread

WAIT = 20000  # ms: the CI machines are small and shared


def filled_server(make_server) -> FtpServerThread:
    """A pyftpdlib server (from the ``make_server`` fixture) holding what :func:`fill_server` puts there."""
    srv = make_server("127.0.0.1")
    fill_server(srv)
    return srv


def fill_server(srv: FtpServerThread) -> None:
    """A folder, two files of known sizes, a hidden file, and a file inside the folder."""
    os.mkdir(srv.path("sub"))
    with open(srv.path("sub", "inner.txt"), "wb") as f:
        f.write(b"inside")
    with open(srv.path("a.txt"), "wb") as f:
        f.write(b"a" * 10)
    with open(srv.path("b.bin"), "wb") as f:
        f.write(b"b" * 5000)
    with open(srv.path(".hidden"), "wb") as f:
        f.write(b"h")


def names(window: MainWindow) -> list:
    return [e.name for e in window.remote.model.entries()]


def type_in(window: MainWindow, host: str, port: str = "", user: str = USER, password: str = PASSWORD) -> None:
    """Fill the quick-connect bar like a person and press Connect."""
    bar = window.quick
    bar.host.setText(host)
    bar.port.setText(port)
    bar.user.setText(user)
    bar.password.setText(password)
    for field in (bar.host, bar.port, bar.user, bar.password):
        field.setModified(True)  # typed for this connect, not left from the last (a URL's gaps take them)
    bar.connect_button.click()


def quick_connect(
    qtbot, window: MainWindow, srv: FtpServerThread, password: str = PASSWORD, plain: bool = True
) -> None:
    """Type into the quick-connect bar and press Connect, like a person. The test server has no TLS, so
    "FTP over TLS if available" asks first: with ``plain`` the helper answers "Connect without encryption"."""
    tab = window.current_tab
    busy = tab.remote_browser.connected or tab.connecting
    type_in(window, srv.host, str(srv.port), USER, password)
    if busy:  # asked where (design note 439): in this tab, as before
        answer_break_connection(qtbot, window)
    if plain:
        answer_plain_ftp(qtbot, window)


def answer_plain_ftp(qtbot, window: MainWindow, always: bool = False) -> PlainFtpDialog:
    """Wait for the plain-FTP question and answer "Connect without encryption" (ticking "Always allow")."""
    qtbot.waitUntil(lambda: isinstance(window.prompt, PlainFtpDialog) and window.prompt.isVisible(), timeout=WAIT)
    dialog = window.prompt
    dialog.always.setChecked(always)
    dialog.connect_button.click()
    return dialog


def answer_break_connection(qtbot, window: MainWindow, new_tab: bool = False) -> None:
    """A Connect while the tab is connected asks "Break current connection?" (design note 439): answer "Connect
    in this tab" (ending the tab's connection, as a Connect did unasked before), or "Connect in a new tab"."""
    qtbot.waitUntil(lambda: hasattr(window.prompt, "this_button") and window.prompt.isVisible(), timeout=WAIT)
    box = window.prompt
    (box.new_button if new_tab else box.this_button).click()


def connect_in_this_tab(window: MainWindow) -> None:
    """The preference a person sets with the question's "Don't ask again" after "Connect in this tab" (design
    note 439): every Connect while connected ends the tab's connection, unasked."""
    window.prefs = dataclasses.replace(window.prefs, connect_while_connected="this_tab")


def wait_listing(qtbot, window: MainWindow, path: str) -> None:
    qtbot.waitUntil(lambda: window.remote.path == path and not window.remote_browser.connection.busy, timeout=WAIT)


def opened(qtbot, w, name: str, action, kind):
    """``name`` selected in the remote pane, ``action`` triggered: its dialog (a ``kind``), once shown."""
    w.set_active_side("remote")
    qtbot.waitUntil(lambda: (w.remote.select([name]), [e.name for e in w.remote.selected_entries()])[1] == [name])
    action.trigger()
    qtbot.waitUntil(lambda: isinstance(w.prompt, kind) and w.prompt.isVisible(), timeout=WAIT)
    return w.prompt


def close_window(qtbot, window: MainWindow) -> None:
    """Close like a person does (answering "Quit Anyway" when transfers are still in progress), then let the
    browsing connection say QUIT and its thread end."""
    window.close()
    box = window.prompt
    if window.isVisible() and box is not None and hasattr(box, "yes_button"):
        box.yes_button.click()
    qtbot.waitUntil(lambda: not window.remote_browser.closing, timeout=WAIT)
    window.deleteLater()


def open_window(qtbot) -> MainWindow:
    """A shown main window; close it with :func:`close_window` (not qtbot.addWidget: the window must
    close, and its connection end, before pytest-qt deletes widgets)."""
    window = MainWindow()
    window.show()
    qtbot.waitExposed(window)
    return window


def save_queued_upload(config, srv: FtpServerThread, local: str, remote: str, proxy: str = "") -> None:
    """A ``queue.json`` in ``config`` as ftpgui leaves it when it quits with an upload to ``srv`` still queued
    (the server recorded, never a password): the next window restores it and asks for the password. ``proxy``:
    the one it was queued through (a URL; "": straight)."""
    from ftpgui import paths
    from ftpgui.transfers.items import TransferItem
    from ftpgui.transfers.servers import Server

    server = Server(srv.host, srv.port, USER, proxy=proxy)
    item = TransferItem("upload", local, remote, is_dir=None, server=server.key)
    paths.atomic_write_json(
        str(config / "queue.json"), {"version": 2, "servers": {server.key: server.to_json()}, "items": [item.to_json()]}
    )


def drop_on_local(window: MainWindow, mime) -> None:
    """Drop ``mime`` (a drag's payload, as the remote model makes it) onto the local pane's list, as a person's
    drag ends there; the drop must be taken."""
    from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
    from PySide6.QtGui import QDropEvent

    pos = QPoint(10, window.local.view.viewport().height() - 5)
    drop = QDropEvent(
        QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
        QEvent.Type.Drop,
    )  # fmt: skip
    window.local.view.dropEvent(drop)
    assert drop.isAccepted()


def drag_divider(view, column: int, dx: int) -> int:
    """Drag the divider right of ``column`` in ``view``'s header by ``dx`` pixels, as a person does with the
    mouse (a width set in code is not the person's: the lists go on fitting their columns); the new width."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    header = view.horizontalHeader() if hasattr(view, "horizontalHeader") else view.header()
    edge = header.sectionViewportPosition(column) + header.sectionSize(column) - 1
    y = header.height() // 2
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QTest.mousePress(header.viewport(), left, none, QPoint(edge, y))
    QTest.mouseMove(header.viewport(), QPoint(edge + dx, y))
    QTest.mouseRelease(header.viewport(), left, none, QPoint(edge + dx, y))
    return header.sectionSize(column)


def squeezed(window, widgets) -> list:
    """Where ``widgets`` (fields of ``window``, none inside another) are not shown whole: narrower or shorter than
    their text needs (a word-wrapped label: its longest word, and its lines at the width it has), outside the
    window, or over another field; or the window larger than its screen."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QLabel

    places = {w: QRect(w.mapTo(window, w.rect().topLeft()), w.size()) for w in widgets}
    problems = []
    screen = window.screen().availableGeometry()
    if window.width() > screen.width() or window.height() > screen.height():
        problems.append((window, "", window.rect(), "larger than its screen", screen))
    for w, place in places.items():
        text = w.text() if isinstance(w, QLabel) else ""
        wrapped = isinstance(w, QLabel) and w.wordWrap()
        least = w.sizeHint() if isinstance(w, QLabel) and not wrapped else w.minimumSizeHint()
        if wrapped:
            least.setHeight(w.heightForWidth(place.width()))
        if place.width() < least.width() or place.height() < least.height():
            problems.append((w, text, place, "needs", least))
        if not window.rect().contains(place):
            problems.append((w, text, place, "outside", window.rect()))
        problems += [
            (w, text, place, "over", v) for v, there in places.items() if v is not w and there.intersects(place)
        ]
    return problems


def probe_dir() -> str:
    """Where a test's dialog pictures go, to be looked at: ``PROBE_DIR``, else build/screens (as the mode panel's
    pictures), never the system's temporary folder itself."""
    folder = os.environ.get("PROBE_DIR") or os.path.join(os.path.dirname(os.path.dirname(__file__)), "build", "screens")
    os.makedirs(folder, exist_ok=True)
    return folder


def shown_whole(qtbot, box) -> None:
    """The question's lines all shown, and its "Don't ask again" under them, above the buttons (it was set on
    the open question: laid over the text's last line, or not shown)."""
    from PySide6.QtWidgets import QLabel

    label, check = box.findChild(QLabel, "qt_msgbox_label"), box.checkBox()
    qtbot.waitUntil(lambda: check.isVisible(), timeout=WAIT)
    need = label.heightForWidth(label.width()) if label.wordWrap() else label.sizeHint().height()
    assert label.height() >= need
    top = check.mapTo(box, check.rect().topLeft()).y()
    assert top >= label.mapTo(box, label.rect().bottomLeft()).y()
    assert top + check.height() <= box.yes_button.mapTo(box, box.yes_button.rect().topLeft()).y()
