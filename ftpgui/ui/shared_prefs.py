"""Preferences one main window saves are taken by every other main window of the process at once.

Found by QA (design note 396): the drag's "Don't ask again" (note 380) was kept in ``settings.json`` and by the
window that asked, but another window open in the same process went on asking until its next start — and so
did every preference: each window held its own copy (``MainWindow.prefs``), read at its start, and a window that
saved later wrote its old copy over what another had saved. Now a window that saves its preferences (the
Preferences dialog's OK, the drag's "Don't ask again", the queue panel's speed limit) says so here, and every
other open window takes them as its own Preferences OK would (``MainWindow.use_preferences``), without saving
them again: one set of preferences for the process, as FileZilla has. A window's Preferences dialog open at
that moment shows them too, in the fields the person has not changed there (its OK wrote the values it was
opened with over the newer ones: note 418).
"""

from __future__ import annotations

import dataclasses
from typing import Any, Optional

from PySide6.QtCore import QCoreApplication, QObject, Signal

from .. import settings


class _Said(QObject):
    saved = Signal(object, object)  # the preferences saved, the window that saved them


_said: Optional[_Said] = None


def said() -> _Said:
    """The process's one messenger (the application its parent: it ends with it)."""
    global _said
    if _said is None:
        _said = _Said(QCoreApplication.instance())
        _said.destroyed.connect(_forget)
    return _said


def _forget(*_args: Any) -> None:
    global _said
    _said = None


class SharedPreferences:
    """A mixin of :class:`~ftpgui.ui.main_window.MainWindow`: it hears the others' saves and tells its own."""

    prefs: settings.Preferences

    def _share_preferences(self) -> None:
        self._sharing = True
        said().saved.connect(self._others_saved)

    def _stop_sharing_preferences(self) -> None:
        """The window closed: it takes no more (it is not deleted at once; a closed window may close again)."""
        if self._sharing:
            self._sharing = False
            said().saved.disconnect(self._others_saved)

    def preferences_saved(self, prefs: settings.Preferences) -> None:
        """This window saved ``prefs``: every other open window takes them."""
        said().saved.emit(prefs, self)

    def _others_saved(self, prefs: settings.Preferences, by: object) -> None:
        if by is self:
            return
        dialog = getattr(self, "prompt", None)  # this window's Preferences open: it shows them too (note 418)
        if hasattr(dialog, "take_saved"):
            dialog.take_saved(prefs)  # type: ignore[union-attr]
        if prefs == self.prefs:
            return
        self.use_preferences(dataclasses.replace(prefs))  # type: ignore[attr-defined] (its own copy)
        limit = self.queue_view.limit  # type: ignore[attr-defined]
        if limit.value() != prefs.speed_limit_kib:
            limit.setValue(prefs.speed_limit_kib)  # (its save then finds it saved: ``_save_speed_limit``)


def keep_choice(window: Any, **change: Any) -> None:
    """A question's "Don't ask again": ``change`` made to ``window``'s preferences, saved, and taken by every other
    open window at once (``window.preferences_saved``); a failed save is said, and this window asks no more anyway
    (the drag's move, note 396; Connect while connected, note 439)."""
    window.prefs = dataclasses.replace(window.prefs, **change)
    try:
        settings.save(window.prefs)
    except (OSError, settings.PreferencesError) as exc:
        window.show_error(exc)
        return
    window.preferences_saved(window.prefs)
