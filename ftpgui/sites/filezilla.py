"""Import FileZilla's ``sitemanager.xml``: folders, sites, and their passwords (for the keyring).

Both layouts are read: FileZilla 3.26 and later (``<Name>``, ``<Pass encoding="base64">``, or
``encoding="crypt"`` under a master password) and the older one (the name as the ``<Server>`` element's
text, the password in plain). FTP-family protocols are imported (0 "FTP, TLS if available", 3 implicit FTPS,
4 explicit FTPS, 6 plain FTP only); every other protocol (SFTP, S3, WebDAV…) is listed as skipped with the
reason. The XML is parsed without DOCTYPEs or entities, so a crafted file cannot expand or fetch anything.
"""

from __future__ import annotations

import base64
import binascii
import os
import sys
import xml.etree.ElementTree as ET
import xml.parsers.expat
from dataclasses import dataclass, field
from typing import Iterator, List, Mapping, Optional, Tuple

from ..explain import QT_TRANSLATE_NOOP, WordedError
from .store import IMPLICIT_TLS_PORT, Site, clean_folder, codec_known, new_id, offset_known

MAX_FILE_BYTES = 32 << 20

PROTOCOLS = {0: "ftp", 3: "ftps", 4: "ftpes", 6: "ftp-plain"}
PROTOCOL_NAMES = {  # FileZilla's ServerProtocol numbers, for the "skipped" list
    1: "SFTP",
    2: "HTTP",
    5: "HTTPS",
    7: "S3",
    8: "Storj",
    9: "WebDAV",
    10: "Azure Files",
    11: "Azure Blob Storage",
    12: "OpenStack Swift",
    13: "Google Cloud Storage",
    14: "Google Drive",
    15: "Dropbox",
    16: "Microsoft OneDrive",
    17: "Backblaze B2",
    18: "Box",
    19: "WebDAV (insecure)",
    20: "Rackspace Cloud Storage",
}
LOGONS = {0: "anonymous", 1: "normal", 2: "ask", 3: "ask", 4: "normal"}  # 3 interactive, 4 account
PASV_MODES = {"MODE_DEFAULT": "default", "MODE_ACTIVE": "active", "MODE_PASSIVE": "passive"}


TOO_LARGE = QT_TRANSLATE_NOOP("explain", "the file is larger than {mib} MiB")
MAX_FOLDER_DEPTH = 64  # folders in folders; FileZilla's own files rarely go past a handful
DEEP = QT_TRANSLATE_NOOP("explain", "a folder more than {depth} folders deep; skipped with everything in it")


class FileZillaError(WordedError):
    """The file is not a FileZilla site list we can read (the message says why)."""


@dataclass(frozen=True)
class Note:
    """A sentence for people (an English template and its values), translated when it is shown."""

    template: str
    values: Tuple[Tuple[str, str], ...] = ()

    def text(self) -> str:
        from ..explain import tr

        return tr(self.template).format(**dict(self.values))

    def __str__(self) -> str:
        return self.template.format(**dict(self.values))


def _note(template: str, **values: object) -> Note:
    return Note(template, tuple((k, str(v)) for k, v in values.items()))


@dataclass
class ImportedSite:
    site: Site
    password: Optional[str] = field(default=None, repr=False)  # for the keyring; never written to a file
    notes: List[Note] = field(default_factory=list)  # what was changed on the way in


@dataclass
class Skipped:
    path: str  # "Folder/Name"
    reason: Note


@dataclass
class FileZillaImport:
    sites: List[ImportedSite] = field(default_factory=list)
    folders: List[str] = field(default_factory=list)
    skipped: List[Skipped] = field(default_factory=list)


# --- where FileZilla keeps it ------------------------------------------------------------------------
def candidate_paths(env: Optional[Mapping[str, str]] = None, platform: Optional[str] = None) -> List[str]:
    """Where FileZilla keeps ``sitemanager.xml`` on this platform, most likely first."""
    env = os.environ if env is None else env
    platform = platform or sys.platform
    home = env.get("HOME") or env.get("USERPROFILE") or os.path.expanduser("~")
    found: List[str] = []
    if platform.startswith("win"):
        if env.get("APPDATA"):
            found.append(os.path.join(env["APPDATA"], "FileZilla", "sitemanager.xml"))
        found.append(os.path.join(home, "AppData", "Roaming", "FileZilla", "sitemanager.xml"))
    else:
        xdg = env.get("XDG_CONFIG_HOME") or os.path.join(home, ".config")
        found.append(os.path.join(xdg, "filezilla", "sitemanager.xml"))
        found.append(os.path.join(home, ".config", "filezilla", "sitemanager.xml"))
        found.append(os.path.join(home, ".filezilla", "sitemanager.xml"))
    unique: List[str] = []
    for p in found:
        if p not in unique:
            unique.append(p)
    return unique


def find_sitemanager(env: Optional[Mapping[str, str]] = None, platform: Optional[str] = None) -> Optional[str]:
    """The first of :func:`candidate_paths` that exists, or ``None``."""
    for p in candidate_paths(env, platform):
        if os.path.isfile(p):
            return p
    return None


# --- safe XML ----------------------------------------------------------------------------------------
def _refuse(*_args) -> None:
    raise FileZillaError(
        QT_TRANSLATE_NOOP("explain", "the file declares a DOCTYPE or entities, which a FileZilla site list never does")
    )


def parse_xml(data: bytes) -> ET.Element:
    """Parse ``data``, refusing DOCTYPE and ENTITY declarations before anything is expanded."""
    if len(data) > MAX_FILE_BYTES:
        raise FileZillaError(TOO_LARGE, mib=MAX_FILE_BYTES >> 20)
    guard = xml.parsers.expat.ParserCreate()
    guard.StartDoctypeDeclHandler = _refuse
    guard.EntityDeclHandler = _refuse
    guard.ExternalEntityRefHandler = _refuse
    try:
        guard.Parse(data, True)
        return ET.fromstring(data)
    except (xml.parsers.expat.ExpatError, ET.ParseError) as exc:
        raise FileZillaError(
            QT_TRANSLATE_NOOP("explain", "the file is not well-formed XML ({detail})"), detail=exc
        ) from None


# --- FileZilla's values ------------------------------------------------------------------------------
def decode_remote_dir(value: str) -> str:
    """FileZilla's serialised server path (``"1 0 3 pub 4 test"``) as a path (``/pub/test``).

    The format is the path type, then the prefix and each segment as ``LENGTH SP TEXT``, separated by
    spaces; lengths make segments with spaces unambiguous. Raises ValueError when it does not add up.
    """
    value = value.strip()
    if not value:
        return ""
    head, _, rest = value.partition(" ")
    kind = int(head)
    parts: List[str] = []
    pos = 0
    while pos < len(rest):
        space = rest.find(" ", pos)
        number = rest[pos:] if space < 0 else rest[pos:space]
        length = int(number)
        if length < 0:
            raise ValueError("negative length")
        if length == 0:  # an empty prefix is written as "0" alone, with no text after it
            parts.append("")
            pos = len(rest) if space < 0 else space
        else:
            start = len(rest) if space < 0 else space + 1
            if start + length > len(rest):
                raise ValueError("a segment runs past the end")
            parts.append(rest[start : start + length])
            pos = start + length
        if pos < len(rest):
            if rest[pos] != " ":
                raise ValueError("a segment is longer than its length says")
            pos += 1
    if not parts:
        raise ValueError("no prefix")
    prefix, segments = parts[0], parts[1:]
    if kind == 2:  # VMS: DISK:[DIR.SUB]
        return f"{prefix}[{'.'.join(segments)}]" if segments else prefix
    if kind in (3, 8, 10):  # DOS: the drive is the first segment, C:\dir\sub (type 10: C:/dir/sub)
        sep = "/" if kind == 10 else "\\"
        return prefix + sep.join(segments) + (sep if len(segments) == 1 else "")
    return prefix + "/" + "/".join(segments)


def _text(server: ET.Element, tag: str) -> str:
    el = server.find(tag)
    return (el.text or "").strip() if el is not None else ""


def _int(server: ET.Element, tag: str, default: int) -> int:
    text = _text(server, tag)
    try:
        return int(text) if text else default
    except ValueError:
        return default


def _server_name(server: ET.Element) -> str:
    name = _text(server, "Name")
    if name:
        return name
    # The old layout: the name is the text after the last child element (or the element's own text).
    tail = ""
    for child in server:
        tail = (child.tail or "").strip() or tail
    return tail or (server.text or "").strip()


def _folder_name(folder: ET.Element) -> str:
    return (folder.text or "").strip().replace("/", "-")


def _read_server(server: ET.Element, folder: str, out: FileZillaImport) -> None:
    name = _server_name(server).replace("/", "-")
    host = _text(server, "Host")
    display = f"{folder}/{name or host}" if folder else (name or host)
    protocol_code = _int(server, "Protocol", 0)
    if protocol_code not in PROTOCOLS:
        what = PROTOCOL_NAMES.get(protocol_code, f"protocol {protocol_code}")
        out.skipped.append(
            Skipped(
                display,
                _note(
                    QT_TRANSLATE_NOOP("explain", "{protocol} is not FTP; ftpgui speaks FTP and FTPS only"),
                    protocol=what,
                ),
            )
        )
        return
    if not host:
        out.skipped.append(Skipped(display, _note(QT_TRANSLATE_NOOP("explain", "it has no host"))))
        return
    protocol = PROTOCOLS[protocol_code]
    notes: List[Note] = []
    port = _int(server, "Port", IMPLICIT_TLS_PORT if protocol == "ftps" else 21)
    if not 1 <= port <= 65535:
        notes.append(_note(QT_TRANSLATE_NOOP("explain", "port {port} is out of range; 21 used"), port=port))
        port = 21
    logon_code = _int(server, "Logontype", 1)
    logon = LOGONS.get(logon_code, "ask")
    if logon_code == 4:
        notes.append(_note(QT_TRANSLATE_NOOP("explain", "the account (ACCT) is not imported")))
    password: Optional[str] = None
    pass_el = server.find("Pass")
    if logon == "normal" and pass_el is not None:
        encoding = pass_el.get("encoding", "")
        raw = pass_el.text or ""
        if encoding == "base64":
            try:
                password = base64.b64decode(raw.strip(), validate=True).decode("utf-8")
            except (binascii.Error, UnicodeDecodeError):
                logon = "ask"
                notes.append(
                    _note(
                        QT_TRANSLATE_NOOP(
                            "explain", "the saved password could not be decoded; you will be asked for it"
                        )
                    )
                )
        elif encoding == "crypt":
            logon = "ask"
            notes.append(
                _note(
                    QT_TRANSLATE_NOOP(
                        "explain", "the password is protected by FileZilla's master password; you will be asked for it"
                    )
                )
            )
        elif encoding == "":
            password = raw
        else:
            logon = "ask"
            notes.append(
                _note(
                    QT_TRANSLATE_NOOP(
                        "explain", "the password's encoding “{encoding}” is unknown; you will be asked for it"
                    ),
                    encoding=encoding,
                )
            )
    elif logon == "normal":
        logon = "ask"  # no password saved
    mode = PASV_MODES.get(_text(server, "PasvMode") or "MODE_DEFAULT", "default")
    encoding_type = _text(server, "EncodingType") or "Auto"
    encoding = "auto"
    if encoding_type.upper() in ("UTF-8", "UTF8"):
        encoding = "utf-8"
    elif encoding_type == "Custom":
        custom = _text(server, "CustomEncoding")
        if custom and codec_known(custom):
            encoding = custom
        else:
            notes.append(
                _note(
                    QT_TRANSLATE_NOOP("explain", "the encoding “{codec}” is unknown; automatic detection used"),
                    codec=custom,
                )
            )
    offset = _int(server, "TimezoneOffset", 0)
    if not offset_known(offset):
        notes.append(_note(QT_TRANSLATE_NOOP("explain", "the time offset is out of range; 0 used")))
        offset = 0
    remote_raw = _text(server, "RemoteDir")
    try:
        remote_dir = decode_remote_dir(remote_raw)
    except ValueError:
        remote_dir = ""
        notes.append(_note(QT_TRANSLATE_NOOP("explain", "the default remote folder could not be read")))
    local_dir = _text(server, "LocalDir")
    site = Site(
        id=new_id(),
        name=name or host,
        folder=folder,
        protocol=protocol,
        host=host,
        port=port,
        logon=logon,
        user="" if logon == "anonymous" else _text(server, "User"),
        mode=mode,
        encoding=encoding,
        time_offset_minutes=offset,
        local_dir=local_dir,
        remote_dir=remote_dir,
        # FileZilla reads it only with both folders set, as a number ("1" on); so does ftpgui
        sync_browsing=bool(local_dir and remote_dir) and _int(server, "SyncBrowsing", 0) != 0,
        comments=_text(server, "Comments"),
    )
    if logon != "anonymous" and not site.user:
        if logon == "normal" and password:
            notes.append(
                _note(QT_TRANSLATE_NOOP("explain", "no user name was saved; you will be asked for the password"))
            )
        site.logon = "ask"
    out.sites.append(ImportedSite(site, password if site.logon == "normal" else None, notes))


def _walk(servers: ET.Element, out: FileZillaImport) -> None:
    """Every folder and site under ``<Servers>``, in the file's order, without recursion (a crafted file may
    nest folders a million deep). A folder deeper than ``MAX_FOLDER_DEPTH`` is skipped with what is in it."""
    seen = set()
    stack: List[Tuple[Iterator[ET.Element], str, int]] = [(iter(servers), "", 0)]
    while stack:
        children, folder, depth = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
        elif child.tag == "Folder":
            name = _folder_name(child)
            path = clean_folder(f"{folder}/{name}" if folder else name) or folder
            if depth >= MAX_FOLDER_DEPTH:
                out.skipped.append(Skipped(path, _note(DEEP, depth=MAX_FOLDER_DEPTH)))
                continue
            if path and path not in seen:
                seen.add(path)
                out.folders.append(path)
            stack.append((iter(child), path, depth + 1))
        elif child.tag == "Server":
            _read_server(child, folder, out)


def read_sitemanager(data: bytes) -> FileZillaImport:
    """Parse the bytes of a ``sitemanager.xml``."""
    root = parse_xml(data)
    if root.tag not in ("FileZilla3", "FileZilla"):
        raise FileZillaError(
            QT_TRANSLATE_NOOP("explain", "the root element is <{tag}>, not <FileZilla3>: not a FileZilla site list"),
            tag=root.tag,
        )
    servers = root.find("Servers")
    if servers is None:
        raise FileZillaError(
            QT_TRANSLATE_NOOP("explain", "the file has no <Servers> element: not a FileZilla site list")
        )
    out = FileZillaImport()
    _walk(servers, out)
    return out


def import_file(path: str) -> FileZillaImport:
    """Read and parse ``path`` (blocking: disk)."""
    try:
        size = os.path.getsize(path)
        if size > MAX_FILE_BYTES:
            raise FileZillaError(TOO_LARGE, mib=MAX_FILE_BYTES >> 20)
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        raise FileZillaError(
            QT_TRANSLATE_NOOP("explain", "could not read {path}: {detail}"), path=path, detail=exc.strerror or exc
        ) from None
    return read_sitemanager(data)
