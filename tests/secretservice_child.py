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
        return {"password": passwords.get(argv[1])}
    if action == "delete":
        passwords.delete(argv[1])
        return {"ok": True}
    if action == "flow":
        return flow(passwords, argv[1], argv[2], int(argv[3]))
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


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:])))
