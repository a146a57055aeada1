"""A support bundle: one zip with the diagnosis as JSON, its transcript, and the versions of everything.

Passwords are always masked (the engine already masks PASS; every member is scrubbed again of the
password in every form it could take: as typed, escaped as shown or quoted, each of those JSON-escaped,
percent-encoded, base64); the user name is masked on request. No Qt needed: Qt's version is added only
where Qt can be imported.
"""

from __future__ import annotations

import base64
import io
import json
import platform
import sys
import urllib.parse
import zipfile
from datetime import datetime, timezone
from typing import Dict, List, Optional

from . import __version__
from .cli_output import TRANSCRIBED, diagnosis_doc, exchange_line, json_text
from .explain import BUNDLE
from .fixes import Fix
from .ftp.diagnose import Diagnosis
from .ftp.safetext import MASK, format_address, mask_word, shown

_SCRUB_MIN = 3  # shorter passwords are not scrubbed from free text (they would mangle it); PASS is masked anyway


def versions() -> Dict[str, str]:
    """The versions of ftpgui, Python, the OS and (where it can be imported) Qt."""
    found = {
        "ftpgui": __version__,
        "python": sys.version.split()[0],
        "os": platform.platform(),
    }
    try:
        from PySide6 import QtCore  # optional: the CLI runs without Qt

        found["qt"] = QtCore.qVersion()
        found["pyside6"] = getattr(QtCore, "__version__", "") or ""
    except ImportError:
        pass
    return found


def transcript(d: Diagnosis) -> str:
    """Each attempt's conversation, one line per command, reply and data-connection event; written in UTC
    at the top, each line timed from the start of its attempt."""
    attempts: List[tuple] = [(c, r) for c, r in d.probes.items()]
    if d.plain_passive is not None:
        attempts.append(("passive without TLS", d.plain_passive))
    out: List[str] = [
        f"ftpgui diagnosis of {format_address(d.server)}, {datetime.now(timezone.utc):%Y-%m-%d %H:%M:%S} UTC",
        "",
    ]
    for name, res in attempts:
        out.append(f"== {name} ==")
        start = res.events[0].at if res.events else 0.0
        out.extend(exchange_line(e, start) for e in res.events if isinstance(e, TRANSCRIBED))
        out.append("")
    return "\n".join(line for line in out if line is not None) + "\n"


def _forms(secret: str) -> List[str]:
    """``secret`` as it could appear in text: itself; escaped as the transcript writes server text (``shown``)
    and as a message quotes it (``repr``, in either quotes); each of those JSON-escaped as diagnosis.json
    writes it (and as plain ``json.dumps``: one more level of backslashes); percent-encoded; base64."""
    escaped = {secret, shown(secret), repr(secret)[1:-1], repr(secret + '"')[1:-2]}  # (+'"': the '-quoted form)
    forms = {
        *escaped,
        *(json.dumps(form)[1:-1] for form in escaped),
        *(json.dumps(form, ensure_ascii=False)[1:-1] for form in escaped),
        *(json_text(form, None)[1:-1] for form in escaped),
        urllib.parse.quote(secret, safe=""),
        urllib.parse.quote_plus(secret),
        base64.b64encode(secret.encode()).decode().rstrip("="),
    }
    return sorted((f for f in forms if f), key=len, reverse=True)


def scrub(text: str, secrets: List[str]) -> str:
    """``text`` with every form of each secret replaced by stars where it is a word of its own (``whole_word``):
    the password "pass" inside "passive" is the server's word, and "****ive" gave the password away."""
    for secret in secrets:
        if len(secret) < _SCRUB_MIN:
            continue
        for form in _forms(secret):
            text = mask_word(text, form)
    return text


def write_bundle(
    path: str,
    d: Diagnosis,
    *,
    password: str = "",
    user: str = "",
    mask_user: bool = False,
    fixes: Optional[List[Fix]] = None,
    extra: Optional[Dict[str, bytes]] = None,
) -> None:
    """Write the zip at ``path``: diagnosis.json, transcript.txt, versions.json (and ``extra`` members,
    e.g. the GUI's picture and ladder), the password masked everywhere, the user name on request."""
    doc = diagnosis_doc(d, shown_in=BUNDLE)
    if fixes is not None:
        doc["fixes"] = [f.to_json() for f in fixes]
    lines = transcript(d)
    secrets = [password]
    if mask_user and user:
        # USER's argument first, by its place (a short name is masked too), then anywhere else
        lines = "\n".join(
            f"{line.split(' > ', 1)[0]} > USER {MASK}" if " > USER " in line else line for line in lines.split("\n")
        )
        secrets.append(user)
    members = {
        "diagnosis.json": json_text(doc) + "\n",
        "transcript.txt": lines,
        "versions.json": json_text(versions()) + "\n",
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in members.items():
            z.writestr(name, scrub(text, secrets).encode("utf-8"))
        for name, data in (extra or {}).items():
            try:
                data = scrub(data.decode("utf-8"), secrets).encode("utf-8")
            except UnicodeDecodeError:
                pass  # a binary member (a picture) carries no text
            z.writestr(name, data)
    with open(path, "wb") as f:  # written whole: no half-written zip is left behind an error
        f.write(buffer.getvalue())
