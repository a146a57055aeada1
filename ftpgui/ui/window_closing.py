"""The main window's end: Quit (or a signal) closes it — after its questions about transfers and edited files —
and its connections are let go, or hung up on once they keep it waiting.

Mixed into :class:`~ftpgui.ui.main_window.MainWindow` (before ``QMainWindow``, whose ``closeEvent`` it ends
with).
"""

from __future__ import annotations

from ..explain import describe_error
from ..transfers.saved import NOT_SAVED, said


class WindowClosing:
    """Closing the window: what it asks first, what it saves, and waiting for its connections to end."""

    def wait_closed(self, seconds: float = 5.0, grace: float = 1.0) -> None:
        """At exit, the window closed: let the connections — browsing and transfer — end (``wait_ended``)."""
        from ..transfers.connbase import wait_ended  # (not at start-up: the engine's events come with it)

        wait_ended(self._closing_connections, seconds, grace)

    def _closing_connections(self) -> list:
        return [c for t in self.tabs for c in t.remote_browser.closing] + self.queue.closing

    def end_without_asking(self) -> None:
        """Close as Quit does, with no question (a signal ended the app: ``app.end_on_signals``): transfers stop
        and stay queued; copies of files open for editing with changes not uploaded are kept."""
        self._quit_transfers_confirmed = True
        if self.editing is not None:
            self.editing.ending_unasked()
        self.close()

    def closeEvent(self, event) -> None:
        if not self.may_quit_transfers(event):  # transfers in progress: asks first
            return
        if self.editing is not None and not self.editing.may_close(event):  # files open for editing: asks first
            return
        self.save_layout()
        self.flush_speed_limit()
        self._stop_sharing_preferences()
        for tab in self.tabs:
            tab.remote_browser.close()
        self.queue.shutdown()
        if self.queue.save_error is not None:  # (a full disk: said in the log, and in the log file if one is kept)
            self.show_error_text(said(NOT_SAVED, reason=describe_error(self.queue.save_error)))
        self.mode_panel.practice.stop_now()
        self._set_log_file(None)  # (every tab's held-back lines first)
        if self.editing is not None:
            self.editing.cleanup()  # the temporary copies
        self.later.stop()
        super().closeEvent(event)
