"""Run inside a private D-Bus session with gnome-keyring (see test_sites_secretservice.py); prints one JSON line.

python secretservice_child.py backend              which keyring backend ftpgui would use
python secretservice_child.py set|get|delete ID [PASSWORD]
python secretservice_child.py flow XML HOST PORT   import FileZilla sites, save, connect, export, delete
"""

from __future__ import annotations

import json
import os
import sys


def main(argv) -> dict:
    from ftpgui.sites.passwords import SERVICE, PasswordStore

    passwords = PasswordStore()
    action = argv[0]
    if action == "backend":
        ok, name = passwords.usable()
        return {"ok": ok, "name": name}
    if action == "set":
        passwords.set(argv[1], argv[2])
        return {"ok": True}
    if action == "get":
        from ftpgui.sites.passwords import PasswordUnavailable

        try:
            return {"password": passwords.get(argv[1])}
        except PasswordUnavailable as exc:
            return {"error": exc.code}
    if action == "lock":  # lock the default collection, as a screen lock or a fresh login would
        import secretstorage

        collection = secretstorage.get_default_collection(secretstorage.dbus_init())
        collection.lock()
        return {"locked": collection.is_locked()}
    if action == "delete":
        passwords.delete(argv[1])
        return {"ok": True}
    if action == "flow":
        return flow(passwords, argv[1], argv[2], int(argv[3]))
    if action == "gui-flow":
        return gui_flow(passwords, argv[1], argv[2], int(argv[3]))
    if action == "window-flow":
        return window_flow()
    if action == "unlock":  # as logging in or typing the keyring's password in its prompt would
        return unlock(os.environ["KEYRING_UNLOCK"])
    if action in ("refused-delete", "reopened", "new-site", "delete-site"):
        return refused_delete_flow(action, *argv[1:])
    if action == "remembered-flow":
        return remembered_flow(argv[1], int(argv[2]), argv[3], argv[4], argv[5])
    if action == "keyring-get":  # keyring's own API, not ftpgui's: what the Secret Service holds
        import keyring

        return {id: keyring.get_password(SERVICE, id) for id in argv[1:]}
    raise SystemExit(f"unknown action {action}")


def flow(passwords, xml_path: str, host: str, port: int) -> dict:
    """A person's whole round: import, keep the password in the keyring, connect, export, delete."""
    from ftpgui.ftp import FtpSession, SessionOptions
    from ftpgui.sites import exchange, filezilla
    from ftpgui.sites.store import SiteStore

    result = filezilla.import_file(xml_path)
    store = SiteStore()
    for item in result.sites:
        item.site.port = port
        item.site.host = host
        store.add(item.site)
        if item.password:
            passwords.set(item.site.id, item.password)
    store.remember_recent(host, port, "alice")
    store.save()

    again = SiteStore()
    again.load()
    site = next(s for s in again.sites() if s.logon == "normal")
    password = passwords.get(site.id)
    events = []
    session = FtpSession(site.session_options(SessionOptions(timeout=30)), events.append)
    ep = site.endpoint(password)
    session.open(ep.host, ep.port, ep.user, ep.password)
    names = sorted(e.name for e in session.listdir("/"))
    session.quit()
    session.close()
    exported = os.path.join(os.environ["HOME"], "exported-sites.json")
    exchange.export_sites(exported, again.sites(), again.folders())

    again.remove(site.id)
    passwords.delete(site.id)  # (the store leaves the keyring to whoever deletes a site)
    again.save()
    return {
        "names": names,
        "user": ep.user,
        "events": [repr(e) for e in events],
        "after_delete": passwords.get(site.id),
        "sites": len(again.sites()),
    }


def wait_for(app, condition, what: str) -> None:
    import time

    start = time.monotonic()
    while not condition():
        app.processEvents()
        time.sleep(0.01)
        if time.monotonic() - start > 60:
            raise SystemExit(f"gave up waiting for {what}")


def gui_flow(passwords, xml_path: str, host: str, port: int) -> dict:
    """The site manager itself: import, OK, Connect (password from the Secret Service), list, delete."""
    from PySide6.QtWidgets import QApplication

    from ftpgui.ftp import SessionOptions
    from ftpgui.sites.store import SiteStore
    from ftpgui.transfers.worker import Connection
    from ftpgui.ui.site_manager import SiteManagerDialog

    app = QApplication([])
    store = SiteStore()  # as the app makes it: the site manager deletes passwords, not the store
    store.load()
    dialog = SiteManagerDialog(store, passwords)
    dialog.show()
    settled = lambda d: lambda: all(c.finished for c in d.calls)  # noqa: E731
    wait_for(app, settled(dialog), "the keyring check")
    keyring_ok = dialog.keyring_ok
    dialog.import_filezilla(xml_path)
    wait_for(app, settled(dialog), "the import")
    for site in dialog.working.sites():
        site.host, site.port = host, port
    dialog.save_and_close()
    wait_for(app, lambda: dialog.result() == 1, "OK")

    dialog = SiteManagerDialog(store, passwords)
    dialog.show()
    (site,) = store.sites()
    dialog.select("site", site.id)
    asked = []
    dialog.connectRequested.connect(lambda s, pw: asked.append((s, pw)))
    dialog.connect_current()
    wait_for(app, lambda: asked, "Connect")
    chosen, password = asked[0]
    results = []
    conn = Connection(chosen.endpoint(password), chosen.session_options(SessionOptions(timeout=30)))
    conn.jobDone.connect(lambda _id, value: results.append(value))
    conn.jobFailed.connect(lambda _id, exc: results.append(repr(exc)))
    conn.submit(lambda s: sorted(e.name for e in s.listdir("/")))
    wait_for(app, lambda: results, "the listing")
    closed = []
    conn.closed.connect(lambda: closed.append(True))
    conn.close()
    wait_for(app, lambda: closed, "the connection to close")
    conn.wait()

    dialog = SiteManagerDialog(store, passwords)
    dialog.show()
    dialog.select("site", site.id)
    dialog.delete().yes_button.click()  # (its question answered)
    dialog.save_and_close()
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone()
    app.processEvents()
    return {
        "keyring_ok": keyring_ok,
        "names": results[0],
        "user": chosen.user,
        "after_delete": passwords.get(site.id),
        "sites": len(store.sites()),
    }


def open_site_manager(app, window):
    """Site ▸ Site Manager… in ``window``, once its keyring calls have answered."""
    window.act_site_manager.trigger()
    dialog = window.prompt
    wait_for(app, lambda: dialog.isVisible() and all(c.finished for c in dialog.calls), "the site manager")
    return dialog


def closed(app, dialog, button) -> None:
    """``button`` (OK, Cancel) clicked, and the dialog closed."""
    button.click()
    wait_for(app, lambda: not dialog.isVisible(), "the site manager to close")


def new_site(app, window, password: str):
    """Site Manager → New site “Server One” (alice at 127.0.0.1) with ``password`` → OK: the site."""
    from PySide6.QtTest import QTest

    dialog = open_site_manager(app, window)
    dialog.new_site_button.click()
    for field, text in ((dialog.name, "Server One"), (dialog.host, "127.0.0.1"), (dialog.user, "alice")):
        field.selectAll()
        QTest.keyClicks(field, text)
    QTest.keyClicks(dialog.password, password)
    closed(app, dialog, dialog.ok_button)
    (site,) = window.store.sites()
    return site


def window_flow() -> dict:
    """The window the app builds (``build_window``): Site Manager → New site with a password → OK; Duplicate
    it and Delete the original → OK; Delete the copy → OK. What the Secret Service holds after each step is
    read with keyring's own API."""
    import keyring
    from PySide6.QtWidgets import QApplication

    from ftpgui.app import build_window

    app = QApplication([])
    window = build_window()
    window.show()
    held = lambda *ids: {id: keyring.get_password("ftpgui", id) for id in ids}  # noqa: E731
    site_manager = lambda: open_site_manager(app, window)  # noqa: E731
    ok = lambda dialog: closed(app, dialog, dialog.ok_button)  # noqa: E731

    original = new_site(app, window, "kept-by-gnome-keyring")
    saved = held(original.id)

    dialog = site_manager()
    dialog.select("site", original.id)
    dialog.duplicate_button.click()
    copy = dialog.current_site()
    wait_for(app, lambda: all(c.finished for c in dialog.calls), "the keyring's answer")
    placeholder = dialog.password.placeholderText()
    dialog.select("site", original.id)
    dialog.delete_button.click()
    dialog.prompt.yes_button.click()
    ok(dialog)
    after_first = held(original.id, copy.id, "proxy:" + original.id)

    dialog = site_manager()
    dialog.select("site", copy.id)
    dialog.delete_button.click()
    dialog.prompt.yes_button.click()
    ok(dialog)
    after_second = held(original.id, copy.id)
    result = {
        "ids": [original.id, copy.id],
        "saved": saved,
        "placeholder": placeholder,
        "after_first": after_first,
        "after_second": after_second,
        "sites": [s.name for s in window.store.sites()],
    }
    window.close()
    window.wait_closed()  # (its connections end before the process does: else Qt aborts it, note 375)
    return result


def remembered_flow(host: str, port: int, user: str, password: str, language: str) -> dict:
    """The window ``build_window`` makes: Site Manager → New site "Server One" (``user`` at ``host``:``port``) with
    no password → OK; Site Manager → Connect: the window asks for the password — typed, "Remember until the app
    closes" ticked, "Save in the system keyring" not — and logs in; the Site Manager opened again on the site.
    Says what its password field said (and its width, and the room for its text), and what the Secret Service
    holds for the site (design note 395). ``language``: "en", or "zh_CN" installed first."""
    import keyring
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from ftpgui.app import build_window
    from ftpgui.ui.site_passwords import PasswordPrompt

    app = QApplication([])
    if language != "en":
        from ftpgui import i18n

        i18n.install(app, language)
    window = build_window()
    window.show()
    dialog = open_site_manager(app, window)
    dialog.new_site_button.click()
    for field, text in (
        (dialog.name, "Server One"),
        (dialog.host, host),
        (dialog.port, str(port)),
        (dialog.user, user),
    ):
        field.selectAll()
        QTest.keyClicks(field, text)
    dialog.protocol.setCurrentIndex(dialog.protocol.findData("ftp-plain"))  # (pyftpdlib offers no TLS here)
    result: dict = {"placeholder_new": dialog.password.placeholderText()}
    closed(app, dialog, dialog.ok_button)
    (site,) = window.store.sites()

    dialog = open_site_manager(app, window)
    dialog.select("site", site.id)
    result["placeholder_saved"] = dialog.password.placeholderText()
    dialog.connect_button.click()
    asked = lambda: isinstance(window.prompt, PasswordPrompt) and window.prompt.isVisible()  # noqa: E731
    wait_for(app, asked, f"the prompt ({window.prompt!r}, {window.log.lines[-3:]})")
    prompt = window.prompt
    result["prompt"] = {"remember": prompt.remember.isChecked(), "save": prompt.save.isVisible()}
    prompt.password.insert(password)
    prompt.remember.setChecked(True)
    prompt.save.setChecked(False)
    prompt.accept()
    wait_for(app, lambda: window.logged_in and window.remote.path == "/", "the login")

    dialog = open_site_manager(app, window)
    dialog.select("site", site.id)
    wait_for(app, lambda: all(c.finished for c in dialog.calls), "the keyring's answer")
    result["placeholder_remembered"] = dialog.password.placeholderText()
    result["fits"] = placeholder_fits(dialog.password)
    screens = os.environ.get("PROBE_DIR") or os.path.join(
        os.path.dirname(os.path.dirname(__file__)), "build", "screens"
    )
    os.makedirs(screens, exist_ok=True)
    dialog.grab().save(os.path.join(screens, f"site-manager-remembered-{language}.png"))  # (to be looked at)
    result["held"] = keyring.get_password("ftpgui", site.id)
    closed(app, dialog, dialog.cancel_button)
    window.close()
    window.wait_closed()  # (its connections end before the process does: else Qt aborts it, note 375)
    return result


def placeholder_fits(field) -> list:
    """[the placeholder's width, the room for text] of a line edit (as tests/test_preferences_layout.py reads)."""
    from PySide6.QtWidgets import QStyle, QStyleOptionFrame

    opt = QStyleOptionFrame()
    field.initStyleOption(opt)
    room = field.style().subElementRect(QStyle.SubElement.SE_LineEditContents, opt, field)
    margins = field.textMargins()
    inner = room.width() - margins.left() - margins.right() - 2 * 2  # (QLineEdit's own 2 px each side)
    return [field.fontMetrics().horizontalAdvance(field.placeholderText()), inner]


def unlock(password: str) -> dict:
    """Unlock the default collection with its password: gnome-keyring's own D-Bus call, which its unlock
    prompt makes (there is no display here for the prompt)."""
    import secretstorage
    from secretstorage.util import DBusAddressWrapper, format_secret, open_session

    bus = secretstorage.dbus_init()
    collection = secretstorage.get_default_collection(bus)
    secret = format_secret(open_session(bus), password.encode("utf-8"), "text/plain")
    internal = "org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface"
    DBusAddressWrapper("/org/freedesktop/secrets", internal, bus).call(
        "UnlockWithMasterPassword", "o(oayays)", collection.collection_path, secret
    )
    return {"locked": collection.is_locked()}


def refused_delete_flow(action: str, site_id: str = "") -> dict:
    """``refused-delete``: the window ``build_window`` makes; Site Manager → New site with a password → OK; the
    keyring locked (as a screen lock does; no display for its unlock prompt: a cancelled prompt); Site
    Manager → Delete → OK, the dialog closed. ``reopened``: a new start, then the Site Manager opened once its
    keyring calls have answered, and closed. ``new-site``: New site with a password, OK. ``delete-site ID``:
    Site Manager → that site → Delete → OK (run with no Secret Service to reach, say). Each says what the
    window's log and status bar said."""
    import secretstorage
    from PySide6.QtWidgets import QApplication

    from ftpgui.app import build_window

    app = QApplication([])
    window = build_window()
    window.show()
    result: dict = {"at_start": [text for kind, text in window.log.lines if kind == "error"]}
    if action == "refused-delete":
        site = new_site(app, window, "stays-while-locked")
        result["id"] = site.id
        collection = secretstorage.get_default_collection(secretstorage.dbus_init())
        collection.lock()
        result["locked"] = collection.is_locked()
        dialog = open_site_manager(app, window)
        dialog.select("site", site.id)
        dialog.delete_button.click()
        dialog.prompt.yes_button.click()
        closed(app, dialog, dialog.ok_button)
    elif action == "new-site":
        result["id"] = new_site(app, window, "left-without-keyring").id
    elif action == "delete-site":
        dialog = open_site_manager(app, window)
        dialog.select("site", site_id)
        dialog.delete_button.click()
        dialog.prompt.yes_button.click()  # (Delete asks first: design note 356)
        closed(app, dialog, dialog.ok_button)
    else:
        dialog = open_site_manager(app, window)
        result["dialog_status"] = dialog.status.text()
        closed(app, dialog, dialog.cancel_button)
    result["log"] = window.log.lines
    result["status_bar"] = window.statusBar().currentMessage()
    result["sites"] = [s.name for s in window.store.sites()]
    path = os.path.join(os.path.dirname(window.store.path), "keyring-leftovers.json")  # (None: nothing)
    result["remembered"] = None
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            result["remembered"] = json.load(f)
    window.close()
    window.wait_closed()  # (its connections end before the process does: else Qt aborts it, note 375)
    return result


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:])))
