"""The panel's Export menu and its public export calls (``ExportMixin``, mixed into ``ModePanel``).

What renders and writes an export (``export``: the picture's and the ladder's painters, the transcript's
words) is imported when the first export is asked for, not with the first window.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Dict

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

if TYPE_CHECKING:
    from .picture import Frame

translate = QCoreApplication.translate


class ExportMixin:
    """The panel's Export menu and its public export calls (mixed into ``ModePanel``)."""

    def _ask_export(self, kind: str) -> None:
        from . import export as ex

        filters = {
            "png": translate("ModePanel", "PNG image (*.png)"),
            "svg": translate("ModePanel", "SVG drawing (*.svg)"),
            "txt": translate("ModePanel", "Text (*.txt)"),
        }
        path, _ = QFileDialog.getSaveFileName(
            self, translate("ModePanel", "Export"), ex.suggested_path(kind), filters[kind]
        )
        if not path:
            return
        ex.remember_folder(path)
        data = self._render(kind)  # painting stays on the GUI thread; writing the bytes does not
        report = self._export_failed.emit

        def work() -> None:
            try:
                ex.write_atomically(path, data)
            except OSError as exc:
                report(path, str(exc.strerror or exc))

        threading.Thread(target=work, name="ftpgui-export", daemon=True).start()

    def _on_export_failed(self, path: str, reason: str) -> None:
        QMessageBox.warning(
            self,
            translate("ModePanel", "Export"),
            translate("ModePanel", "Could not write {path}: {reason}").format(path=path, reason=reason),
        )

    def _frame(self) -> Frame:
        from .picture import Frame

        return Frame(self.connection, self._position, 1.0, self.view.frame.walls)

    def _render(self, kind: str) -> bytes:
        from . import export as ex

        ladder = self.ladder.rows_for_export()  # the ladder goes under the picture
        if kind == "png":
            return ex.render_png(self._frame(), self.palette(), self.font(), ladder=ladder)
        if kind == "svg":
            return ex.render_svg(self._frame(), self.palette(), self.font(), self.narration(), ladder=ladder)
        return self.transcript().encode("utf-8")

    def export_png(self, path: str) -> None:
        """The picture at the step shown, as a PNG at twice the logical size."""
        self._write(path, "png")

    def export_svg(self, path: str) -> None:
        """The picture at the step shown, as SVG."""
        self._write(path, "svg")

    def export_transcript(self, path: str) -> None:
        """Commands and replies (passwords masked) and the narrated steps, as UTF-8 text."""
        self._write(path, "txt")

    def _write(self, path: str, kind: str) -> None:
        from .export import write_atomically

        write_atomically(path, self._render(kind))

    def transcript(self) -> str:
        """Commands and replies of the picked connection (passwords masked), then the narrated steps."""
        conn = self.connection
        if conn is None:
            return ""
        from .export import transcript_of

        return transcript_of(conn)

    def diagnosis_pictures(self) -> Dict[str, bytes]:
        """For the support bundle (*Export diagnosis*): each attempt of the last diagnosis as the picture at
        its failure (else its data connection up, else its last step) and its whole ladder, as SVG:
        ``picture-passive.svg``, ``ladder-passive.svg``, ``picture-active.svg``, ``ladder-active.svg``. Painted
        here, on the GUI thread."""
        from . import export as ex
        from . import narration as nr
        from . import scene as sc
        from . import whatif as wi
        from .ladderrows import build_rows
        from .picture import Frame

        members: Dict[str, bytes] = {}
        for mode, cid in sorted(self._diagnosis_ids.items()):
            conn = self.scene.connections.get(cid)
            if conn is None or conn.client is None:
                continue
            # the telling moment: its failure, else its data connection up (its last step, the control connection
            # closed, showed a working attempt with no data connection: found by a learner's QA, note 323)
            failed = next((s for s in conn.steps if s.kind == sc.FAILED), None)
            up = next((s for s in reversed(conn.steps) if s.kind == sc.DIAL), None)
            serial = (failed or up).serial if (failed or up) is not None else conn.last_serial
            step = conn.step(serial)
            words = nr.narrate(conn, step) if step is not None else ""
            palette, font = self.palette(), self.font()
            members[f"picture-{mode}.svg"] = ex.render_svg(Frame(conn, serial, 1.0), palette, font, words)
            rows = build_rows(conn, set(), wi.Firewalls())
            members[f"ladder-{mode}.svg"] = ex.render_ladder_svg(palette, font, words, (conn, rows, serial))
        return members
