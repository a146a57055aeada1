"""The mode panel's controls: building its widgets and rows, and setting their words (``retranslate``).

A mixin of ``panel.ModePanel``, which has the state and the event handling; the slots connected here are
its methods. The words are in the translation context "ModePanel", as before the split.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QMenu,
    QScrollArea,
    QSlider,
    QStyle,
    QStyleOptionComboBox,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
)

from ftpgui.ftp.options import MODES

from . import connections as cl
from . import labelwords as lw
from .diagnosebar import DiagnoseBar
from .flow import FlowLayout
from .ladder import Ladder
from .modenote import ModeNote
from .namebox import NameBox
from .practicebar import PracticeBar
from .view import HEIGHT, WIDTH, ModeView
from .whatifbar import WhatIfBar

translate = QCoreApplication.translate
SPEEDS = (0.5, 1.0, 2.0, 4.0)


class PanelControls:
    """The panel's widgets: the mode and connection row, the picture and ladder tabs, the timeline row, the
    what-if, diagnose and practice bars, and the keyboard shortcuts."""

    def _build_controls(self) -> None:
        self.mode_box = QComboBox()
        for mode in MODES:
            self.mode_box.addItem(mode, mode)
        self.mode_box.currentIndexChanged.connect(self._on_mode_index)
        self.mode_label = mode_label = QLabel()
        mode_label.setBuddy(self.mode_box)
        # where the mode shown comes from, naming the server or site (the window says: ``set_mode_note``)
        self.mode_note = ModeNote()
        self.mode_note.setObjectName("modeNote")
        self.mode_note.hide()

        self.connection_box = NameBox()
        self.connection_box.currentIndexChanged.connect(self._on_connection_index)
        # one line whatever the name (a long one elided in the middle, whole in its tooltip and list): a name
        # changing moves no row below (note 327); the row wraps (FlowLayout) in a narrow dock
        self.connection_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.connection_box.setMinimumContentsLength(12)
        self.connection_label = conn_label = QLabel()
        conn_label.setBuddy(self.connection_box)
        # the mode of the connection shown, when the Mode box is not about it (note 368: ``_update_shown_mode``)
        # Its room is kept while hidden, as wide as its widest words: the line coming and going, or its mode
        # changing, moves nothing (the picture dropped a row when it came: design note 383)
        self.shown_mode = QLabel()
        self.shown_mode.setObjectName("shownMode")
        policy = self.shown_mode.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.shown_mode.setSizePolicy(policy)
        self.shown_mode.hide()
        self._mode_is_next = False  # the box shows the next connection's mode (nothing connected in the tab)
        self.follow_box = QComboBox()
        for follow in cl.FOLLOWS:
            self.follow_box.addItem(follow, follow)
        self.follow_box.currentIndexChanged.connect(self._on_follow_index)
        self.follow_label = follow_label = QLabel()
        follow_label.setBuddy(self.follow_box)

        top = FlowLayout()
        top.addWidget(mode_label, with_next=True)  # (a label wraps with its field)
        top.addWidget(self.mode_box)
        top.addWidget(self.mode_note)
        top.addSpacing(12)
        top.addWidget(conn_label, with_next=True)
        top.addWidget(self.connection_box, 1)
        # (the line is the picked connection's: wrapped off its row, it has a row to itself, Follow the next one, in
        # every language — in Chinese, narrower, Follow came right beside it: design note 485)
        top.addWidget(self.shown_mode, alone=True)
        top.addSpacing(12)  # (and apart from Follow where both fit on a row, as Mode and the connection's are)
        top.addWidget(follow_label, with_next=True)
        top.addWidget(self.follow_box)

        self.view = ModeView()
        self.view.animationFinished.connect(self._on_animation_finished)

        style = self.style()
        self.back_button = self._button(style.standardIcon(QStyle.StandardPixmap.SP_MediaSeekBackward), self.step_back)
        self.play_button = self._button(style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay), self.toggle_play)
        self.forward_button = self._button(
            style.standardIcon(QStyle.StandardPixmap.SP_MediaSeekForward), self.step_forward
        )
        self.live_button = QToolButton()
        self.live_button.setCheckable(True)
        self.live_button.setChecked(True)
        self.live_button.toggled.connect(self.set_live)

        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 0)
        self.slider.valueChanged.connect(self._on_slider)

        self.speed_box = QComboBox()
        for speed in SPEEDS:
            self.speed_box.addItem(f"{speed:g}×", speed)
        self.speed_box.setCurrentIndex(SPEEDS.index(1.0))
        self.speed_box.currentIndexChanged.connect(self._on_speed)

        self.export_button = QToolButton()
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        self.export_actions = [
            menu.addAction("png", lambda: self._ask_export("png")),
            menu.addAction("svg", lambda: self._ask_export("svg")),
            menu.addAction("txt", lambda: self._ask_export("txt")),
        ]
        self.export_button.setMenu(menu)

        self.whatif = WhatIfBar()  # what-if firewalls: imagined on the exchange shown, no traffic sent
        self.whatif.changed.connect(self._apply_walls)

        bottom = FlowLayout()
        for w in (self.back_button, self.play_button, self.forward_button, self.live_button):
            bottom.addWidget(w)
        bottom.addWidget(self.slider, 1)
        bottom.addWidget(self.speed_box)
        bottom.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        self.ladder = Ladder()  # the whole exchange as a sequence diagram, in a tab beside the picture
        self.ladder.stepClicked.connect(self._on_ladder_step)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.view, "")
        self.tabs.addTab(self.ladder, "")
        layout.addWidget(self.tabs)  # as tall as the picture needs at this width; the room to spare is below
        layout.addLayout(bottom)
        layout.addWidget(self.whatif)
        self.diagnosis = DiagnoseBar()
        self.diagnosis.recorded.connect(self._on_diagnosis_events)
        self.diagnosis.finished.connect(self._on_diagnosis)
        self.diagnosis.running.connect(self._on_diagnosis_running)
        self.diagnosis.probed.connect(self._on_probe_events)
        self.diagnosis.useMode.connect(self._use_mode)
        self.diagnosis.extras = self.diagnosis_pictures  # the support bundle's picture and ladder SVGs
        layout.addWidget(self.diagnosis)
        self.practice = PracticeBar()  # .started(host, port, user, password): the main window connects to it
        self.practice.started.connect(self._on_practice_started)
        self.practice.stopped.connect(self._on_practice_stopped)
        self.practice.switched.connect(self._on_practice_switched)
        self.practice.tryRequested.connect(lambda: self.practice.try_exchange(self.mode()))
        self.practice.exchangeStarted.connect(self._pick_practice)
        self.practice.exchangeEvent.connect(self.add_event)
        self._export_failed.connect(self._on_export_failed, Qt.ConnectionType.QueuedConnection)
        layout.addWidget(self.practice)
        # the spare height goes under the last row, not to the picture: the what-if table opens into it (and
        # then the panel grows and scrolls), so nothing above the table, its buttons included, ever moves
        layout.addStretch(1)

        for key, slot in (
            (Qt.Key.Key_Space, self.toggle_play),
            (Qt.Key.Key_Left, self.step_back),
            (Qt.Key.Key_Right, self.step_forward),
            (Qt.Key.Key_Home, self.go_first),
            (Qt.Key.Key_End, self.go_live),
        ):
            sc_ = QShortcut(QKeySequence(key), self.view)
            sc_.setContext(Qt.ShortcutContext.WidgetShortcut)
            sc_.activated.connect(slot)

    def set_mode_note(
        self, text: str, tip: str = "", next_connection: bool = False, name: str = "", server: bool = False
    ) -> None:
        """Beside the Mode box, where the mode it shows comes from ("(picked for {name})", "(set in the site
        “{name}”)", "(the default)"…) and, in its tooltip, what that means; hidden when ``text`` is empty.
        ``name``: whom it is about, put in at ``text``'s "{name}" — a server ("user@host:port", ``server``) or a
        site: the picker may show another tab's connection, and "this server" read as that one's (design note
        429). ``next_connection``: the box shows what the next connection will use (nothing connected in the
        tab), not the tab's browsing connection's mode."""
        self.mode_note.set_note(text, name, server)
        whole = self.mode_note.note
        self.mode_note.setToolTip(f"{whole}\n{tip}" if tip and whole != text else tip)
        self.mode_note.setVisible(bool(text))
        self._mode_is_next = next_connection
        self._update_shown_mode()

    def _button(self, icon, slot: Callable[[], None]) -> QToolButton:
        b = QToolButton()
        b.setIcon(icon)
        b.clicked.connect(slot)
        return b

    def retranslate(self) -> None:
        """Set every word of the panel in the installed language (again after a language change)."""
        self.setAccessibleName(translate("ModePanel", "Active and passive mode panel"))
        for i, mode in enumerate(MODES):
            self.mode_box.setItemText(i, lw.mode_name(mode))
        self.mode_box.setAccessibleName(translate("ModePanel", "Data connection mode"))
        self.mode_box.setToolTip(
            translate(
                "ModePanel",
                "Passive: the client dials the server's data port. Active: the server dials the client's. "
                "Auto: passive first, active if passive fails.",
            )
        )
        self.mode_label.setText(translate("ModePanel", "&Mode:"))
        self.connection_label.setText(translate("ModePanel", "&Connection:"))
        self.connection_box.setAccessibleName(translate("ModePanel", "Connection to show"))
        self.connection_box.setPlaceholderText(translate("ModePanel", "No connection yet"))
        self._reserve_shown_mode()
        self.follow_label.setText(translate("ModePanel", "Fo&llow:"))
        for i, follow in enumerate(cl.FOLLOWS):
            self.follow_box.setItemText(i, cl.follow_name(follow))
        self._reserve_follow_words()
        self.follow_box.setAccessibleName(translate("ModePanel", "Which connection the panel follows"))
        self.follow_box.setToolTip(
            translate(
                "ModePanel",
                "Latest activity: the connection that most recently opened a data connection or failed to. "
                "Browsing: the connection the file list uses. Transfers: the queue's connections. Picking a "
                "connection pins it.",
            )
        )
        for button, name in (
            (self.back_button, translate("ModePanel", "Previous step")),
            (self.forward_button, translate("ModePanel", "Next step")),
        ):
            button.setToolTip(name)
            button.setAccessibleName(name)
        self.live_button.setText(translate("ModePanel", "Live"))
        self.live_button.setAccessibleName(translate("ModePanel", "Follow the live connection"))
        self.live_button.setToolTip(translate("ModePanel", "Follow the newest steps as they happen"))
        self.slider.setAccessibleName(translate("ModePanel", "Timeline"))
        self.speed_box.setAccessibleName(translate("ModePanel", "Speed"))
        self.speed_box.setToolTip(translate("ModePanel", "Animation speed"))
        self.export_button.setText(translate("ModePanel", "E&xport"))  # Alt+E is the Edit menu
        self.export_button.setAccessibleName(translate("ModePanel", "Export the exchange"))
        for action, text in zip(
            self.export_actions,
            (
                translate("ModePanel", "Picture as PNG…"),
                translate("ModePanel", "Picture as SVG…"),
                translate("ModePanel", "Transcript as text…"),
            ),
            strict=True,
        ):
            action.setText(text)
        self.view.setAccessibleName(lw.labels()["picture"])
        self.tabs.setTabText(0, translate("ModePanel", "Picture"))
        self.tabs.setTabText(1, translate("ModePanel", "Ladder"))
        self.ladder.setAccessibleName(translate("ModePanel", "Every command, reply and connection, in time order"))
        self._shows_pause = None  # the play button's words too
        self._update_buttons()
        if self._scene is not None and self._scene.connections:
            self._sync_connections()
        self.view.update()

    def _reserve_shown_mode(self) -> None:
        """The line "This connection: …" as wide as its widest words in this language and font, shown or not."""
        label = self.shown_mode
        text = label.text()
        label.setMinimumWidth(0)
        widest, words = 0, ""
        for mode in MODES:
            label.setText(translate("ModePanel", "This connection: {mode}").format(mode=lw.mode_word(mode)))
            if label.sizeHint().width() > widest:
                widest, words = label.sizeHint().width(), label.text()
        label.setText(text or words)  # (hidden with words: as tall as shown)
        label.setMinimumWidth(widest)
        self._update_shown_mode()  # (its words in the language now)

    def _reserve_follow_words(self) -> None:
        """The Follow box as wide as its widest words, with those it says under a pin while a diagnosis is shown
        (``_sync_follow_words``): its words changing moves nothing and is never cut (design note 389)."""
        box = self.follow_box
        fm = box.fontMetrics()
        texts = [cl.follow_name(follow) for follow in cl.FOLLOWS]
        texts += [cl.follow_name(cl.PINNED, showing) for showing in (cl.DIAGNOSIS, "other")]
        option = QStyleOptionComboBox()
        box.initStyleOption(option)
        widest = QSize(max(fm.horizontalAdvance(text) for text in texts), fm.height())
        box.setMinimumWidth(box.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, widest, box).width())
        if hasattr(self, "_selected"):
            self._sync_follow_words()  # (its words in the language now)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.FontChange and hasattr(self, "shown_mode"):
            self._reserve_shown_mode()
            self._reserve_follow_words()
        if event.type() in (QEvent.Type.LanguageChange, QEvent.Type.FontChange) and getattr(self, "_fit", None):
            self._fit.soon()  # the rows' heights with the new words: the picture's room again (note 432)
        super().changeEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(int(WIDTH) + 12, int(HEIGHT) + 80)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        area = self.parentWidget().parentWidget() if self.parentWidget() is not None else None
        if isinstance(area, QScrollArea) and area.widget() is self:
            # in a scroll area (the dock's): its vertical bar always shown, so the panel's width (and with it
            # the picture's height and the rows' wrapping) stays the same when the what-if table makes it scroll
            area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
            if getattr(self, "_fit", None) is None:  # the picture takes the height its rows leave (note 432)
                from .fitting import PictureFit

                self._fit = PictureFit(self, area, self.tabs, [self.whatif, self.diagnosis, self.practice])
