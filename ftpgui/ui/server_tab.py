"""One server tab of the main window (issue 20 item 5): its browsing connection, message log, panes, path
history and status — everything that was one per window before there were tabs.

The window (:mod:`.window_tabs`) shows one tab at a time; the queue and the mode panel stay shared. A tab
holds no logic of its own: the window's methods work on "the tab acting now" (see
:meth:`~ftpgui.ui.window_tabs.WindowTabs.acting`), which is this tab while one of its callbacks runs.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, Optional

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QWidget

from ..ftp.safetext import format_address
from ..transfers.endpoint import Endpoint
from .connection_state import ConnectionStatus, ConnectionWatch
from .local_pane import LocalPane
from .message_log import MessageLog
from .remote_browser import RemoteBrowser
from .remote_pane import RemotePane

# what a tab keeps of its own; the window's attributes of these names forward to the acting tab
PER_TAB = (
    "remote_browser",
    "log",
    "local",
    "remote",
    "pane_splitter",
    "conn_watch",
    "conn_status",
    "state_label",
    "tls_label",
    "_site",
    "_site_name",
    "_nav",
    "practice_endpoint",
    "queue_server",
    "transfer_connections",
    "look_again",
    "logged_in",
    "connecting",
)


def server_words(endpoint: Endpoint) -> str:
    """A quick-connect tab's words: ``user@host``, its port added when not FTP's 21 — two tabs to one host on
    two ports must not look alike, in the tab bar or in the questions that name the tab (``host`` alone for
    anonymous)."""
    host = endpoint.host if endpoint.port == 21 else format_address((endpoint.host, endpoint.port))
    return host if endpoint.user == "anonymous" else f"{endpoint.user}@{host}"


class ServerTab(QObject):
    """The per-server part of the window. ``window`` is the :class:`MainWindow` (its parent)."""

    def __init__(self, window: Any, status_parent: QWidget):
        super().__init__(window)
        self.remote_browser = RemoteBrowser(self)
        self.log = MessageLog(window)
        self.log.tag_of = getattr(window, "connection_tag", None)  # which transfer connection said a line
        self.local = LocalPane(window)
        self.remote = RemotePane(window)
        self.pane_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.pane_splitter.setObjectName("paneSplitter")
        self.pane_splitter.addWidget(self.local)
        self.pane_splitter.addWidget(self.remote)
        self.logged_in = False  # the browsing connection has logged in (only then is it checked for life)
        self.connecting = False  # a connect is under way (Disconnect stops it: ``ConnectFlow.close_browsing``)
        self.conn_watch = ConnectionWatch(
            self.remote_browser, window.prefs.keepalive_seconds, self, lambda: self.logged_in
        )  # keep-alive, loss
        # the status bar's part that belongs to this tab: shown while it is the current tab
        self.status_box = QWidget(status_parent)
        row = QHBoxLayout(self.status_box)
        row.setContentsMargins(0, 0, 0, 0)
        self.tls_label = QLabel(self.status_box)
        self.tls_label.setTextFormat(Qt.TextFormat.PlainText)
        self.tls_label.hide()
        self.state_label = QLabel(self.tr("Not connected"), self.status_box)
        row.addWidget(self.tls_label)
        row.addWidget(self.state_label)
        self.conn_status = ConnectionStatus(self.status_box, self._set_state, window.reconnect, window.diagnose_server)
        self.conn_watch.lost.connect(self.conn_status.show_lost)
        self._site: Any = None  # the saved site being browsed (None: quick connect)
        self._site_name = ""
        self._nav = 0  # the newest navigation; older listings arriving late do not replace it
        self.practice_endpoint: Optional[Endpoint] = None
        self.queue_server: Any = None  # the queue's record of this tab's server (items queued here go to it)
        # the transfer connections its server has (a site's own, the preference's): kept when it reconnects
        self.transfer_connections: Optional[int] = None
        # a look under way (meeting the server before its password is asked): the same again with other options
        self.look_again: Optional[Callable[[Any], None]] = None
        self.can_disconnect = False
        self.quick_fields: Optional[tuple] = None  # (host, port, user, scheme) the quick-connect bar shows
        self.fitters: Dict[str, Any] = {}  # "local", "remote": the lists' column fitters (window_fit)

    def busy(self) -> bool:
        """Whether the tab holds something a connect in it would end (design note 461): a session (connected, or lost
        and coming back with the next action), a connect under way, or whatever Disconnect is offered for. The one
        answer for an address another start passed on (``open_address``: a new tab) and for a Connect from the
        Site Manager or the quick-connect bar (``connect_where``: asked where first)."""
        return self.remote_browser.connected or self.connecting or self.can_disconnect

    def _set_state(self, text: str) -> None:
        """ "Connection lost" and the like, from this tab's keep-alive: in its status part and its tooltip."""
        self.state_label.setText(text)
        self.parent()._update_title()

    def address(self) -> str:
        """``user@host:port`` of the server browsed or being connected to ("" for none)."""
        endpoint = self.remote_browser.endpoint
        if endpoint is None or not self.remote_browser.connected:
            return ""
        return f"{endpoint.user}@{format_address((endpoint.host, endpoint.port))}"

    def title(self) -> str:
        """The tab's words: the site's name or user@host; "Not connected"."""
        return self._site_name or self.tr("Not connected")

    def short_title(self) -> str:
        """The tab's words where it is short of room: quick connect's ``user@host:port`` without the user name,
        which tells tabs to one host apart least (design note 436); a site's name as it is."""
        name = self._site_name
        return name.rpartition("@")[2] if self._site is None and "@" in name else name

    def tooltip(self) -> str:
        """The tab's words whole (the tab bar elides them where tabs are many: design note 436), the address
        when they are not it, and the state."""
        lines = [self._site_name, self.address(), self.state_label.text()]
        lines = [line for i, line in enumerate(lines) if line and line not in lines[:i]]
        return "\n".join(lines)

    def close(self) -> None:
        """Say QUIT, stop the keep-alive, and let the widgets go."""
        self.conn_watch.stop()
        self.remote_browser.close()
        self.log.file = None  # the log file is the window's, shared by every tab: not closed here
        for widget in (self.pane_splitter, self.log, self.status_box):
            widget.setParent(None)
            widget.deleteLater()
