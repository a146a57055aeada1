"""Export sites to a JSON file anyone may read (no passwords, ever), and read such a file back."""

from __future__ import annotations

from typing import Iterable, List, Tuple

from .. import paths
from ..explain import QT_TRANSLATE_NOOP, WordedError
from .store import BAD_SITE, NEWER, VERSION, Site, SiteError, clean_folder, new_id

FORMAT = "ftpgui-sites"


def export_sites(path: str, sites: Iterable[Site], folders: Iterable[str] = ()) -> int:
    """Write ``sites`` (and empty ``folders``) to ``path`` atomically, without passwords; returns the count."""
    rows = [s.to_json() for s in sites]
    for row in rows:
        del row["id"]  # ids key the keyring entries of this installation only
    paths.atomic_write_json(
        path, {"version": VERSION, "format": FORMAT, "folders": sorted(set(folders)), "sites": rows}
    )
    return len(rows)


def read_export(path: str) -> Tuple[List[Site], List[str]]:
    """The sites and folders of a file :func:`export_sites` wrote, each site with a fresh id."""
    try:
        data = paths.read_json(path)
    except (OSError, ValueError) as exc:
        raise WordedError(
            QT_TRANSLATE_NOOP("explain", "could not read {path}: {detail}"), path=path, detail=exc
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("version"), int):
        raise WordedError(QT_TRANSLATE_NOOP("explain", "{path} is not an ftpgui site export"), path=path)
    if data["version"] > VERSION:
        raise WordedError(NEWER, path=path, version=data["version"])
    if not isinstance(data.get("sites") or [], list) or not isinstance(data.get("folders") or [], list):
        raise WordedError(QT_TRANSLATE_NOOP("explain", "{path} is not an ftpgui site export"), path=path)
    sites = []
    for i, raw in enumerate(data.get("sites") or []):
        try:
            site = Site.from_json({**raw, "id": new_id()} if isinstance(raw, dict) else raw)
        except SiteError as exc:
            raise WordedError(BAD_SITE, path=path, n=i + 1, detail=exc) from None
        sites.append(site)
    folders = [clean_folder(f) for f in data.get("folders") or [] if isinstance(f, str) and clean_folder(f)]
    return sites, folders
