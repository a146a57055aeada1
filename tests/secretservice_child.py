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
    from ftpgui.sites.passwords import PasswordStore

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
    raise SystemExit(f"unknown action {action}")


def flow(passwords, xml_path: str, host: str, port: int) -> dict:
    """A person's whole round: import, keep the password in the keyring, connect, export, delete."""
    from PySide6.QtCore import QCoreApplication, QThreadPool

    from ftpgui.ftp import FtpSession, SessionOptions
    from ftpgui.sites import exchange, filezilla
    from ftpgui.sites.store import SiteStore

    app = QCoreApplication([])  # SiteStore.remove deletes the keyring entry on the thread pool
    result = filezilla.import_file(xml_path)
    store = SiteStore(passwords=passwords)
    for item in result.sites:
        item.site.port = port
        item.site.host = host
        store.add(item.site)
        if item.password:
            passwords.set(item.site.id, item.password)
    store.remember_recent(host, port, "alice")
    store.save()

    again = SiteStore(passwords=passwords)
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
    again.save()
    QThreadPool.globalInstance().waitForDone()
    app.processEvents()
    return {
        "names": names,
        "user": ep.user,
        "events": [repr(e) for e in events],
        "after_delete": passwords.get(site.id),
        "delete_errors": [repr(e) for e in again.delete_errors],
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
    store = SiteStore(passwords=passwords)
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
    dialog.delete()
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


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:])))
