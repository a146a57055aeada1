"""The mode panel fits any dock: from 360 px wide, in English and Chinese, nothing is clipped and no
horizontal scroll bar appears; the picture scales to its view. Screenshots go to build/screens/."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QPainter, QPicture
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QDockWidget, QMainWindow, QScrollArea, QWidget
from test_modepanel_scene import _doc_events

from ftpgui.ui.main_window import MainWindow
from ftpgui.ui.modepanel import ModePanel
from ftpgui.ui.modepanel import whatif as wi
from ftpgui.ui.modepanel.view import paint_picture

from conftest import need
from guihelpers import close_window

ROOT = Path(__file__).resolve().parent.parent
SCREENS = ROOT / "build" / "screens"
pytestmark = pytest.mark.gui


def _cjk_font() -> bool:
    from PySide6.QtGui import QFontDatabase

    return any("CJK" in f or "Noto Sans SC" in f for f in QFontDatabase.families())


def start_practice(qtbot, panel: ModePanel) -> None:
    """A real practice server: its credentials label is the long text that used to widen the panel."""
    panel.practice.start()
    qtbot.waitUntil(lambda: panel.practice.running, timeout=20000)


def fill(panel: ModePanel) -> None:
    for e in _doc_events():
        panel.add_event(e)
    panel.go_to(panel.connection.last_serial)


def assert_fits(area: QScrollArea, panel: ModePanel, name: str) -> None:
    """Every visible child inside the viewport's width and the panel; the picture inside its view."""
    QApplication.processEvents()
    viewport = area.viewport()
    assert not area.horizontalScrollBar().isVisible(), f"{name}: a horizontal scroll bar"
    assert panel.width() <= viewport.width(), (name, panel.width(), viewport.width())
    outside = []
    for child in panel.findChildren(QWidget):
        if not child.isVisibleTo(panel) or child.isWindow():
            continue
        rect = QRect(child.mapTo(viewport, QPoint(0, 0)), child.size())
        in_panel = QRect(child.mapTo(panel, QPoint(0, 0)), child.size())
        # what scrolls in a scroll area of its own (the ladder's rows) may leave it up or down, never sideways
        scrolled = _inside_inner_scroll_area(child, panel)
        clipped = not scrolled and not panel.rect().contains(in_panel)
        if rect.left() < 0 or rect.right() >= viewport.width() or clipped:
            outside.append((type(child).__name__, child.objectName(), rect.getRect()))
    assert not outside, f"{name}: clipped {outside}"
    view = panel.view
    picture = QPicture()
    painter = QPainter(picture)
    paint_picture(painter, QRectF(view.rect()), view.palette(), view.frame, view.font())
    painter.end()
    bounds = picture.boundingRect()
    assert view.rect().contains(bounds), f"{name}: the picture {bounds.getRect()} overflows {view.rect().getRect()}"


def _inside_inner_scroll_area(child: QWidget, panel: QWidget) -> bool:
    w = child.parentWidget()
    while w is not None and w is not panel:
        area = w.parentWidget()
        if isinstance(area, QAbstractScrollArea) and w is area.viewport():
            return True
        w = area
    return False


def what_if_places(panel: ModePanel) -> list:
    """Where the What if buttons are in the panel (laid out first)."""
    QApplication.processEvents()
    bar = panel.whatif
    buttons = (bar.client_button, bar.server_button, bar.range_button)
    return [QRect(b.mapTo(panel, QPoint(0, 0)), b.size()) for b in buttons]


def in_view(area: QScrollArea, widget: QWidget) -> bool:
    """``widget`` is wholly in the scroll area's viewport (seen without scrolling)."""
    viewport = area.viewport()
    return viewport.rect().contains(QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size()))


def shoot(widget: QWidget, name: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(SCREENS / f"{name}.png"))


@pytest.fixture(params=["en", "zh_CN"])
def language(request):
    if request.param == "zh_CN":
        need(_cjk_font(), "a CJK font (Debian: fonts-noto-cjk) is needed to render Chinese")
        request.getfixturevalue("chinese")
    return request.param


def docked(qtbot, width: int) -> tuple:
    """(window, dock, panel): a panel in a dock ``width`` px wide, in a scroll area as the main window holds it."""
    window = QMainWindow()
    qtbot.addWidget(window)
    panel = ModePanel()
    dock = QDockWidget("modes", window)
    dock.setWidget(MainWindow._scrollable(panel))  # as the main window holds it
    window.setCentralWidget(QWidget())
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.resize(width + 400, 760)
    window.show()
    qtbot.waitExposed(window)
    return window, dock, panel


def resize_dock(qtbot, window: QMainWindow, dock: QDockWidget, width: int) -> None:
    window.resizeDocks([dock], [width], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: abs(dock.width() - width) <= 2, timeout=5000)


@pytest.mark.parametrize("width", [360, 480, 720])
def test_the_panel_fits_a_dock_of_any_width(qtbot, language, width):
    window, dock, panel = docked(qtbot, width)
    start_practice(qtbot, panel)
    try:
        fill(panel)
        resize_dock(qtbot, window, dock, width)
        assert_fits(dock.widget(), panel, f"{language} {width}")
        credentials = panel.practice.status  # "127.0.0.1 port 39899, user learner-c88e95" on one line of its own
        assert credentials.isVisible() and "127.0.0.1" in credentials.text()
        assert credentials.height() < 2 * credentials.fontMetrics().lineSpacing(), credentials.text()
        shoot(dock, f"modepanel-dock-{width}-{language}")
        before = what_if_places(panel)
        panel.whatif.client_button.click()  # the what-if table opens, with its longest text
        panel.whatif.server_button.click()
        assert panel.whatif.table.isVisible()
        assert_fits(dock.widget(), panel, f"{language} {width} what-if")
        assert what_if_places(panel) == before, "the What if buttons moved when the table opened"
        shoot(dock, f"modepanel-dock-{width}-whatif-{language}")
        panel.tabs.setCurrentWidget(panel.ladder)  # the ladder tab fits too: its rows elide, never scroll sideways
        qtbot.waitUntil(lambda: bool(panel.ladder.canvas.rows), timeout=5000)
        assert_fits(dock.widget(), panel, f"{language} {width} ladder")
        assert not panel.ladder.horizontalScrollBar().isVisible()
        shoot(dock, f"modepanel-dock-{width}-ladder-{language}")
        panel.tabs.setCurrentWidget(panel.view)
        panel.whatif.client_button.click()  # and closes again
        panel.whatif.server_button.click()
        QApplication.processEvents()
        assert not panel.whatif.table.isVisible()
        assert what_if_places(panel) == before, "the What if buttons moved when the table closed"
    finally:
        panel.practice.stop_now()


@pytest.mark.parametrize("width", [360, 480, 720])
def test_each_label_stays_on_its_field_s_row(qtbot, language, width):
    """Found at a 360 px dock: the top row wrapped between "Follow:" and its box (the label ended one row, the
    box began the next), and between "Connection:" and the connection's name."""
    window, dock, panel = docked(qtbot, width)
    resize_dock(qtbot, window, dock, width)
    assert_fits(dock.widget(), panel, f"{language} {width}")
    for label, field in (
        (panel.mode_label, panel.mode_box),
        (panel.connection_label, panel.connection_box),
        (panel.follow_label, panel.follow_box),
    ):
        at, of = (
            QRect(label.mapTo(panel, QPoint(0, 0)), label.size()),
            QRect(field.mapTo(panel, QPoint(0, 0)), field.size()),
        )
        assert at.top() <= of.center().y() <= at.bottom() or of.top() <= at.center().y() <= of.bottom(), (
            label.text(),
            at,
            of,
        )
        assert at.right() < of.left(), (label.text(), at, of)  # before it on that row


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)], ids=["1366x768", "1920x1080"])
def test_the_panel_fits_the_default_window(qtbot, language, size, tmp_path, monkeypatch):
    monkeypatch.setenv("FTPGUI_CONFIG_DIR", str(tmp_path / "config"))  # no saved layout: the default one
    window = MainWindow()
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    panel = window.mode_panel
    try:
        start_practice(qtbot, panel)
        fill(panel)
        area = window.mode_dock.widget()
        assert_fits(area, panel, f"{language} {size}")
        shoot(window, f"modepanel-window-{size[0]}x{size[1]}-{language}")
        # the timeline, What if and Diagnose are seen without scrolling, even on a 768-line screen
        for widget in (panel.slider, panel.whatif.client_button, panel.whatif.range_button, panel.diagnosis.button):
            assert in_view(area, widget), (language, size, type(widget).__name__)
        before = what_if_places(panel)
        panel.whatif.client_button.click()
        assert panel.whatif.table.isVisible()
        assert_fits(area, panel, f"{language} {size} what-if")
        assert what_if_places(panel) == before, "the What if buttons moved when the table opened"
        panel.whatif.client_button.click()
        assert what_if_places(panel) == before, "the What if buttons moved when the table closed"
    finally:
        panel.practice.stop_now()
        close_window(qtbot, window)


def test_every_narration_fits_under_the_picture(qtbot, language, monkeypatch):
    """Real exchanges (NAT, fallback, PORT), every step, with and without imagined firewalls: the narration
    is never cut at the picture's bottom edge (a long one is set smaller)."""
    from PySide6.QtGui import QFontMetricsF, QImage
    from test_modepanel_scene import fallback_script, nat_script, run

    from ftpgui.ui.modepanel import picture

    said = []
    text = picture._Painter.text

    def spy(self, rect, words, font, colour, flags=Qt.AlignmentFlag.AlignLeft):
        said.append((QRectF(rect), words, font))
        return text(self, rect, words, font, colour, flags)

    monkeypatch.setattr(picture._Painter, "text", spy)
    panel = ModePanel()
    qtbot.addWidget(panel)
    for events in (run(nat_script)[0], run(fallback_script, mode="auto")[0], _doc_events()):
        for e in events:
            panel.add_event(e)
    checked = 0
    for width in (picture.WIDTH, 400):  # the wide canvas, and the compact one of a narrow dock
        image = QImage(
            int(width), int(width * picture.HEIGHT / picture.geometry_for(width).width), QImage.Format.Format_ARGB32
        )
        for conn in panel.scene.connections.values():
            for step in conn.steps:
                for walls in (wi.Firewalls(), wi.Firewalls(client=True), wi.Firewalls(server=True, client=True)):
                    said.clear()
                    painter = QPainter(image)
                    frame = picture.Frame(conn, step.serial, 1.0, walls)
                    paint_picture(painter, QRectF(image.rect()), panel.palette(), frame, panel.font())
                    painter.end()
                    rect, words, font = said[-1]  # the footer is painted last
                    needed = QFontMetricsF(font).boundingRect(rect, int(Qt.TextFlag.TextWordWrap), words)
                    assert needed.height() <= rect.height(), (language, width, step.kind, walls, words)
                    checked += 1
    assert checked > 120


def test_the_rows_under_the_picture_stay_in_view_when_the_language_changes(qtbot, qapp, tmp_path, monkeypatch):
    """The picture takes the height the rows under it leave (note 432): QA in Chinese at 1366×768 found the
    practice row below the fold, each row with Chinese words being 3–4 px taller (on X: tests/test_dock_width.py).
    Here, offscreen: in a dock too short for the picture at its full height, every row is in view, and again
    once the language is switched while shown (the rows measured again with their new words)."""
    from ftpgui import i18n

    need(_cjk_font(), "a CJK font (Debian: fonts-noto-cjk) is needed to render Chinese")
    monkeypatch.setenv("FTPGUI_CACHE_DIR", str(tmp_path / "cache"))
    window, dock, panel = docked(qtbot, 451)  # (the default dock's width at 1366×768)
    window.resize(851, 600)  # (the picture as tall as its width asks would push the practice row out of view)
    area = dock.widget()
    rows = (panel.slider, panel.whatif.client_button, panel.diagnosis.button, panel.practice.button)
    rows += (panel.practice.try_button, panel.practice.tls_helper)
    qtbot.waitUntil(lambda: all(in_view(area, widget) for widget in rows))
    translator = i18n.install(qapp, "zh_CN")
    try:
        qtbot.waitUntil(lambda: panel.practice.button.text() == "启动本机练习服务器")
        qtbot.waitUntil(lambda: all(in_view(area, widget) for widget in rows))
        assert panel.tabs.height() >= panel.tabs.minimumSizeHint().height()
    finally:
        i18n.uninstall(qapp, translator)
