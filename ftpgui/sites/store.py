"""Saved sites and recent servers: one JSON file (``{"version": 1, ...}``) in the config folder, no passwords.

A :class:`Site` is what a person saves about a server; its password lives only in the system keyring, under
the site's ``id`` (see :mod:`ftpgui.sites.passwords`). :class:`SiteStore` loads and saves the file
atomically; the file is small, so loading and saving are fine on the GUI thread. The store never touches the
keyring: whoever deletes a site deletes its password (the site manager, off the GUI thread, after copying any
a duplicate of it takes — :meth:`SiteStore.assign` names the sites gone).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

from .. import paths
from ..explain import QT_TRANSLATE_NOOP, WordedError
from ..ftp import SessionOptions
from ..ftp.listing_base import utc_offset
from ..ftp.names import parse_encoding
from ..ftp.options import MODES as SESSION_MODES
from ..ftp.proxy import ProxyUrlError, parse_proxy
from ..ftp.transfertype import TYPES
from ..transfers.items import MAX_CONNECTIONS
from .bookmarks import Bookmark, BookmarkError, bookmarks_from_json

VERSION = 1
FILE_NAME = "sites.json"
PROTOCOLS = ("ftp", "ftpes", "ftps", "ftp-plain")  # TLS if available | explicit TLS required | implicit | plain
LOGONS = ("anonymous", "normal", "ask")
MODES = ("default", *SESSION_MODES)
MAX_RECENT = 10
IMPLICIT_TLS_PORT = 990
ANONYMOUS_PASSWORD = "anonymous@"


def new_id() -> str:
    import uuid  # (a new site's: not at start-up)

    return uuid.uuid4().hex


def clean_folder(folder: str) -> str:
    """``" a// b /"`` → ``"a/b"``: a folder path with no empty parts and no outer spaces."""
    return "/".join(part.strip() for part in folder.split("/") if part.strip())


def offset_known(minutes: int) -> bool:
    """Whether the engine takes this server time offset (strictly within ±24 hours)."""
    try:
        utc_offset(minutes)
    except ValueError:
        return False
    return True


def codec_known(name: str) -> bool:
    """``auto``, ``auto:CODEC`` or a codec the engine can use (``ftpgui.ftp.names.parse_encoding``)."""
    try:
        parse_encoding(name)
    except (LookupError, ValueError):
        return False
    return True


NEWER = QT_TRANSLATE_NOOP("explain", "{path} was written by a newer ftpgui (version {version})")
BAD_SITE = QT_TRANSLATE_NOOP("explain", "{path}: site {n}: {detail}")


class SiteError(ValueError):
    """A site that cannot be used as it is (the message says why)."""


@dataclass
class Site:
    """One saved server. ``id`` is also the key of its password in the keyring."""

    id: str
    name: str
    folder: str = ""
    protocol: str = "ftp"
    host: str = ""
    port: int = 21
    logon: str = "normal"
    user: str = ""
    mode: str = "default"
    encoding: str = "auto"
    time_offset_minutes: int = 0
    local_dir: str = ""
    remote_dir: str = ""
    # once connected, the two default folders are browsed synchronized (FileZilla's <SyncBrowsing>); only
    # with both folders set (``browses_synchronized``)
    sync_browsing: bool = False
    connections: int = 2
    comments: str = ""
    transfer_type: str = "default"  # "default" (the preferences'), "auto", "binary" or "ascii"
    bookmarks: List[Bookmark] = field(default_factory=list)  # replaced, never changed in place (copies share it)
    # "default" (the preferences' proxy), "none", or a URL such as socks5://user@host:1080; the proxy's
    # password is in the keyring under "proxy:<id>" (ftpgui.ui.proxy_fields.password_key)
    proxy: str = "default"
    filters: str = ""  # the names of the filters (ftpgui.filters) on for this site, one per line

    @property
    def browses_synchronized(self) -> bool:
        """Whether connecting pairs the default local and remote folders (both set, and asked for)."""
        return self.sync_browsing and bool(self.local_dir.strip() and self.remote_dir.strip())

    @property
    def path(self) -> str:
        """Folder and name, for messages: ``Work/Clients/Example``."""
        return f"{self.folder}/{self.name}" if self.folder else self.name

    def endpoint(self, password: str):
        """The :class:`~ftpgui.transfers.endpoint.Endpoint` to connect to, logging in with ``password``."""
        from ..transfers.endpoint import Endpoint

        if self.logon == "anonymous":
            return Endpoint(self.host, self.port, "anonymous", password or ANONYMOUS_PASSWORD)
        return Endpoint(self.host, self.port, self.user, password)

    def session_options(self, defaults: SessionOptions) -> SessionOptions:
        """``defaults`` (the preferences) with this site's mode, encoding and protocol applied."""
        problems = validate(self)
        if problems:
            raise SiteError(f"Site {self.path!r}: " + "; ".join(describe_problem(f, c) for f, c in problems))
        changes: Dict[str, Any] = {}
        if self.mode != "default":
            changes["mode"] = self.mode
        changes["encoding"] = self.encoding  # "auto", "auto:gbk", "gbk"…: the engine reads every form
        changes["server_time_offset"] = self.time_offset_minutes
        changes["tls"] = TLS_SETTING[self.protocol]  # a site that requires TLS never falls back to plain FTP
        changes["proxy"] = self.proxy_via(defaults.proxy)  # its own's password: added by whoever reads the keyring
        return dataclasses.replace(defaults, **changes)

    def proxy_via(self, default: Any) -> Any:
        """The proxy this site's connections go through — the one reading of its setting, for ``session_options``
        and for the account a password is remembered for (``passwords.site_proxy``, note 454): None for "none",
        ``default`` (the preferences' proxy, in whatever form the caller holds it) for "default", else the site's
        own URL parsed: ``ProxyUrlError`` when it cannot be used ("" among them, as ``validate`` says)."""
        if self.proxy == "none":
            return None
        if self.proxy == "default":
            return default
        return parse_proxy(self.proxy)

    def to_json(self) -> Dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, value: Any) -> Site:
        """A site from its JSON object; unknown keys are ignored, wrong types raise :class:`SiteError`."""
        if not isinstance(value, dict):
            raise SiteError("a site must be a JSON object")
        kwargs: Dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            if f.name not in value:
                continue
            v = value[f.name]
            if f.name == "bookmarks":
                try:
                    kwargs[f.name] = bookmarks_from_json(v)
                except BookmarkError as exc:
                    raise SiteError(str(exc)) from None
                continue
            if f.type in ("bool", bool):
                if not isinstance(v, bool):
                    raise SiteError(f"site field {f.name!r} must be true or false")
                kwargs[f.name] = v
                continue
            want = int if f.type in ("int", int) else str
            if want is int and (isinstance(v, bool) or not isinstance(v, int)):
                raise SiteError(f"site field {f.name!r} must be a whole number")
            if want is str and not isinstance(v, str):
                raise SiteError(f"site field {f.name!r} must be text")
            kwargs[f.name] = v
        if not kwargs.get("id"):
            kwargs["id"] = new_id()
        kwargs.setdefault("name", "")
        site = cls(**kwargs)
        site.folder = clean_folder(site.folder)
        return site


SITE_TYPES = ("default", *TYPES)  # a site's transfer type: the preferences' or its own
TLS_SETTING = {"ftp": "auto", "ftpes": "require", "ftps": "implicit", "ftp-plain": "off"}

# (field, code) → words; the dialog shows its own translated words for the same codes.
_PROBLEM_WORDS = {
    ("name", "empty"): "the name is empty",
    ("name", "slash"): "the name may not contain '/'",
    ("host", "empty"): "the host is empty",
    ("host", "space"): "the host may not contain spaces",
    ("port", "range"): "the port must be between 1 and 65535",
    ("protocol", "unknown"): "the protocol is not one of " + ", ".join(PROTOCOLS),
    ("logon", "unknown"): "the logon type is not one of " + ", ".join(LOGONS),
    ("user", "empty"): "a user name is needed for this logon type",
    ("mode", "unknown"): "the transfer mode is not one of " + ", ".join(MODES),
    ("encoding", "unknown"): "the encoding is not a codec Python knows",
    ("time_offset_minutes", "range"): "the time offset must be within ±24 hours",
    ("connections", "range"): f"transfer connections must be between 1 and {MAX_CONNECTIONS}",
    ("transfer_type", "unknown"): "the transfer type is not one of " + ", ".join(SITE_TYPES),
    ("proxy", "invalid"): "the proxy is not default, none or a socks5:// or http:// address",
}


def describe_problem(field_name: str, code: str) -> str:
    return _PROBLEM_WORDS.get((field_name, code), f"{field_name}: {code}")


def validate(site: Site) -> List[Tuple[str, str]]:
    """What is wrong with ``site``, as ``(field, code)`` pairs; empty when it can be saved and used."""
    problems: List[Tuple[str, str]] = []
    if not site.name.strip():
        problems.append(("name", "empty"))
    elif "/" in site.name:
        problems.append(("name", "slash"))
    if not site.host.strip():
        problems.append(("host", "empty"))
    elif any(c.isspace() for c in site.host.strip()):
        problems.append(("host", "space"))
    if not 1 <= site.port <= 65535:
        problems.append(("port", "range"))
    if site.protocol not in PROTOCOLS:
        problems.append(("protocol", "unknown"))
    if site.logon not in LOGONS:
        problems.append(("logon", "unknown"))
    elif site.logon != "anonymous" and not site.user.strip():
        problems.append(("user", "empty"))
    if site.mode not in MODES:
        problems.append(("mode", "unknown"))
    if not codec_known(site.encoding):
        problems.append(("encoding", "unknown"))
    if not offset_known(site.time_offset_minutes):
        problems.append(("time_offset_minutes", "range"))
    if not 1 <= site.connections <= MAX_CONNECTIONS:
        problems.append(("connections", "range"))
    if site.transfer_type not in SITE_TYPES:
        problems.append(("transfer_type", "unknown"))
    if site.proxy not in ("default", "none"):
        try:
            parse_proxy(site.proxy)
        except ProxyUrlError:
            problems.append(("proxy", "invalid"))
    return problems


SCHEME_PROTOCOL = {"ftp": "ftp", "ftpes": "ftpes", "ftps": "ftps"}  # a URL's scheme → a site's protocol


@dataclass(frozen=True)
class RecentServer:
    """A server reached by quick-connect: host, port, user and the URL scheme it was reached with (``ftp``:
    TLS if available, ``ftpes``: explicit TLS required, ``ftps``: implicit TLS) — never a password."""

    host: str
    port: int = 21
    user: str = ""
    scheme: str = "ftp"

    def to_site(self, name: Optional[str] = None) -> Site:
        """A new site for this server (its password, if any, is asked for or typed in the site manager)."""
        anonymous = self.user in ("", "anonymous", "ftp")
        return Site(
            id=new_id(),
            name=name or self.host,
            host=self.host,
            port=self.port,
            logon="anonymous" if anonymous else "normal",
            user="" if anonymous else self.user,
            protocol=SCHEME_PROTOCOL.get(self.scheme, "ftp"),
        )


class SiteStore:
    """The saved sites, their folders and the recent servers, in one JSON file."""

    def __init__(self, path: Optional[str] = None):
        self.path = path or paths.config_path(FILE_NAME)
        self._sites: Dict[str, Site] = {}
        self._folders: Dict[str, None] = {}  # (in the order added: a dict, looked up at once where a list was read)
        self._recent: List[RecentServer] = []

    # --- file ---------------------------------------------------------------------------------------
    def load(self) -> None:
        """Read the file (a missing file is an empty store); a damaged one raises ValueError in words."""
        try:
            data = paths.read_json(self.path, None)
        except ValueError as exc:
            raise WordedError(
                QT_TRANSLATE_NOOP("explain", "{path} is not valid JSON: {detail}"), path=self.path, detail=exc
            ) from None
        self._sites, self._folders, self._recent = {}, {}, []
        if data is None:
            return
        if not isinstance(data, dict) or not isinstance(data.get("version"), int):
            raise WordedError(
                QT_TRANSLATE_NOOP("explain", "{path} is not an ftpgui sites file (no version)"), path=self.path
            )
        if data["version"] > VERSION:
            raise WordedError(NEWER, path=self.path, version=data["version"])
        for key in ("sites", "folders", "recent"):  # (a number there stopped the app at its start - found by QA)
            if not isinstance(data.get(key) or [], list):
                raise WordedError(
                    QT_TRANSLATE_NOOP("explain", "{path} is not an ftpgui sites file (its “{key}” is not a list)"),
                    path=self.path,
                    key=key,
                )
        for i, raw in enumerate(data.get("sites") or []):
            try:
                site = Site.from_json(raw)
            except SiteError as exc:
                raise WordedError(BAD_SITE, path=self.path, n=i + 1, detail=exc) from None
            self._sites[site.id] = site
        for folder in data.get("folders") or []:
            if isinstance(folder, str):
                self.add_folder(folder)
        for raw in data.get("recent") or []:
            if isinstance(raw, dict) and isinstance(raw.get("host"), str) and isinstance(raw.get("port"), int):
                user = raw.get("user") if isinstance(raw.get("user"), str) else ""
                scheme = raw.get("scheme") if raw.get("scheme") in SCHEME_PROTOCOL else "ftp"
                self._recent.append(RecentServer(raw["host"], raw["port"], user, scheme))

    def save(self) -> None:
        paths.atomic_write_json(self.path, self.to_json())

    def to_json(self) -> Dict[str, Any]:
        return {
            "version": VERSION,
            "folders": self.folders(),
            "sites": [s.to_json() for s in self.sites()],
            "recent": [dataclasses.asdict(r) for r in self._recent],
        }

    # --- sites --------------------------------------------------------------------------------------
    def sites(self) -> List[Site]:
        return sorted(self._sites.values(), key=lambda s: (s.folder.casefold(), s.name.casefold()))

    def get(self, id: str) -> Optional[Site]:
        return self._sites.get(id)

    def add(self, site: Site) -> None:
        if site.id in self._sites:
            raise KeyError(f"a site with id {site.id} exists already")
        site.folder = clean_folder(site.folder)
        self._sites[site.id] = site
        if site.folder:
            self.add_folder(site.folder)

    def update(self, site: Site) -> None:
        if site.id not in self._sites:
            raise KeyError(f"no site with id {site.id}")
        site.folder = clean_folder(site.folder)
        self._sites[site.id] = site
        if site.folder:
            self.add_folder(site.folder)

    def remove(self, id: str) -> None:
        """Forget the site (its passwords in the keyring are the caller's to delete)."""
        self._sites.pop(id, None)

    def copy(self) -> SiteStore:
        """A working copy (the site manager edits one; OK hands it back through :meth:`assign`)."""
        other = SiteStore(self.path)
        other._sites = {id: dataclasses.replace(s) for id, s in self._sites.items()}
        other._folders = dict(self._folders)
        other._recent = list(self._recent)
        return other

    def assign(self, sites: List[Site], folders: List[str]) -> List[str]:
        """Hold exactly ``sites`` and ``folders`` from now on; returns the ids of the sites no longer there,
        whose passwords the caller deletes (the site manager does, with its other keyring writes)."""
        keep = {s.id for s in sites}
        gone = [id for id in self._sites if id not in keep]
        self._sites = {s.id: dataclasses.replace(s) for s in sites}
        self._folders = {}
        for folder in list(folders) + [s.folder for s in sites if s.folder]:
            self.add_folder(folder)
        return gone

    # --- folders ------------------------------------------------------------------------------------
    def folders(self) -> List[str]:
        """Every folder, parents included, sorted."""
        return sorted(self._folders, key=str.casefold)

    def add_folder(self, folder: str) -> None:
        parts = clean_folder(folder).split("/")
        for i in range(1, len(parts) + 1):
            path = "/".join(parts[:i])
            if path:
                self._folders[path] = None

    def remove_folder(self, folder: str) -> List[str]:
        """Remove a folder, its subfolders and their sites; returns the ids of the removed sites."""
        folder = clean_folder(folder)
        inside = lambda path: path == folder or path.startswith(folder + "/")  # noqa: E731
        self._folders = {f: None for f in self._folders if not inside(f)}
        gone = [s.id for s in self._sites.values() if inside(s.folder)]
        for id in gone:
            self.remove(id)
        return gone

    def move_folder(self, folder: str, new_path: str) -> None:
        """Rename or refile ``folder`` (and everything in it) to ``new_path``."""
        folder, new_path = clean_folder(folder), clean_folder(new_path)
        if new_path == folder or new_path.startswith(folder + "/"):
            raise ValueError("a folder cannot be moved into itself")

        def moved(path: str) -> str:
            if path == folder or path.startswith(folder + "/"):
                return new_path + path[len(folder) :]
            return path

        self._folders = dict.fromkeys(sorted({moved(f) for f in self._folders}, key=str.casefold))
        for site in self._sites.values():
            site.folder = moved(site.folder)
        self.add_folder(new_path)

    # --- recent servers -----------------------------------------------------------------------------
    def recent(self) -> List[RecentServer]:
        return list(self._recent)

    def remember_recent(self, host: str, port: int, user: str, scheme: str = "ftp") -> None:
        """Put a quick-connect server first in the recent list (no password is ever kept here); the same
        server reached with another scheme replaces its entry."""
        entry = RecentServer(host.strip(), int(port), user.strip(), scheme if scheme in SCHEME_PROTOCOL else "ftp")
        same = (entry.host, entry.port, entry.user)
        self._recent = [entry] + [r for r in self._recent if (r.host, r.port, r.user) != same]
        del self._recent[MAX_RECENT:]
