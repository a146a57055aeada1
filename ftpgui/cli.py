"""``ftpgui-cli``: the engine, headless (DESIGN.md, "The command line")."""

from __future__ import annotations

import argparse
import dataclasses
import getpass
import os
import posixpath
import re
import sys
from typing import Callable, NoReturn, Optional, Sequence, TextIO, Tuple

from . import __version__
from .cli_output import (
    Progress,
    listing_order,
    write_diagnosis_json,
    write_diagnosis_text,
    write_entries_json,
    write_entries_text,
    write_tree_report,
)
from .explain import describe_error, explain_result
from .ftp import FtpError, FtpSession, FtpUrl, SessionOptions, UrlError, parse_url
from .ftp.errors import LoginError, UntrustedCertificate, unexpected
from .ftp.events import DataClosed, Event, TlsNotUsed, TransferProgress
from .ftp.localpath import MAX_FOLDERS, safe_name
from .ftp.mirror import MirrorResult, download_tree, upload_tree
from .ftp.proxy import ENV_PASSWORD, Proxy, ProxyUrlError, parse_proxy
from .ftp.safetext import shown
from .ftp.tls import normalize_fingerprint
from .ftp.transfertype import BINARY, DEFAULT_ASCII_EXTENSIONS, TYPES, is_ascii
from .sites.trust import TrustStore, TrustStoreError

__all__ = ["Progress", "UsageError", "build_parser", "main"]


class UsageError(Exception):
    """Bad usage: exit 2, with one line on stderr."""

    def __init__(self, message: str, prog: str = "ftpgui-cli") -> None:
        super().__init__(message)
        self.prog = prog


class _Parser(argparse.ArgumentParser):
    """argparse whose errors are a :class:`UsageError` — one line on the caller's stream, not a usage dump
    on ``sys.stderr`` and ``SystemExit``."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message, self.prog)


# "scheme://user:password@" in a message (argparse quotes arguments it did not expect): the password part
# goes, up to the token's last "@", so a password with "@", "#" or "/" in it goes whole.
_URL_PASSWORD = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*://[^\s/:@]*:)[^\s]*@")


def _without_passwords(text: str) -> str:
    return _URL_PASSWORD.sub(r"\1****@", text)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="ftpgui-cli", description="FTP from the command line, with ftpgui's engine.")
    p.add_argument("--version", action="version", version=f"ftpgui {__version__}")
    p.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="timeout for every network operation (default 30)",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(sp: argparse.ArgumentParser) -> None:
        # also accepted after the command; SUPPRESS keeps the global value when it is not given here
        sp.add_argument("--timeout", type=float, default=argparse.SUPPRESS, metavar="SECONDS", help=argparse.SUPPRESS)
        sp.add_argument(
            "--mode",
            choices=("passive", "active", "auto"),
            default="passive",
            help="data connection mode (default passive)",
        )
        sp.add_argument(
            "--encoding",
            default="utf-8",
            metavar="CODEC",
            help="file names: utf-8 (default), gbk, gb18030, big5, shift_jis, euc-kr, latin-1; auto = UTF-8 if the "
            "server says so; auto:CODEC = UTF-8 where valid, else CODEC",
        )
        sp.add_argument("--hidden", action="store_true", help="ask for hidden files (LIST -a)")
        sp.add_argument(
            "--listing-timeout",
            type=float,
            default=300.0,
            metavar="SECONDS",
            help="the longest a folder listing may take in all (default 300)",
        )
        sp.add_argument(
            "--time-offset",
            type=int,
            default=0,
            metavar="MINUTES",
            help="how far the server's LIST times are ahead of UTC (e.g. 480 for UTC+8)",
        )
        sp.add_argument("--active-port-range", metavar="LOW-HIGH", help="local ports for active mode")
        sp.add_argument("--active-address", metavar="IP", help="address to advertise in active mode")
        sp.add_argument(
            "--proxy",
            metavar="URL",
            help="connect through a proxy: socks5://[user@]host:port or http://host:port (its password from "
            f"{ENV_PASSWORD} or asked for; active mode needs a SOCKS5 proxy that allows BIND)",
        )
        sp.add_argument(
            "--tls",
            choices=("off", "auto", "require"),
            default="auto",
            help="FTPS: auto uses TLS when the server offers it (default); ftpes:// requires TLS, ftps:// is implicit",
        )
        sp.add_argument(
            "--trust-fingerprint",
            action="append",
            default=[],
            metavar="SHA256",
            help="trust the server's certificate with this SHA-256 fingerprint (hex, colons optional); remembered",
        )

    diag = sub.add_parser("diagnose", help="try passive and active mode; say which works and why")
    diag.add_argument("url")
    diag.add_argument("--json", action="store_true", help="print the result as JSON")
    diag.add_argument("--fix", action="store_true", help="also print how to fix what fails, ready to paste")
    diag.add_argument(
        "--bundle",
        metavar="FILE.zip",
        help="also write a support bundle: the diagnosis, its transcript (passwords masked) and versions",
    )
    diag.add_argument("--mask-user", action="store_true", help="mask the user name in the support bundle")
    common(diag)

    ls = sub.add_parser("ls", help="list a directory")
    ls.add_argument("url")
    ls.add_argument("--json", action="store_true", help="print a JSON array")
    common(ls)

    get = sub.add_parser("get", help="download a file or (-r) a folder's contents")
    get.add_argument("url")
    get.add_argument("dest")
    get.add_argument("-r", "--recursive", action="store_true")
    get.add_argument("--parallel", type=int, default=1, metavar="N", help="transfer connections (1–10)")
    get.add_argument("--resume", action="store_true", help="continue partial downloads")
    transfer_type(get)
    get.add_argument(
        "--max-folders",
        type=int,
        default=MAX_FOLDERS,
        metavar="N",
        help=f"with -r, stop after N folders (default {MAX_FOLDERS})",
    )
    common(get)

    put = sub.add_parser("put", help="upload a file or (-r) a folder's contents")
    put.add_argument("src")
    put.add_argument("url")
    put.add_argument("-r", "--recursive", action="store_true")
    put.add_argument("--parallel", type=int, default=1, metavar="N", help="transfer connections (1–10)")
    put.add_argument("--resume", action="store_true", help="continue partial uploads")
    transfer_type(put)
    put.add_argument(
        "--follow-links",
        action="store_true",
        help="with -r, upload symbolic links to files inside the folder (links are skipped otherwise; "
        "a link leading out of the folder never is followed)",
    )
    common(put)
    return p


def transfer_type(parser: argparse.ArgumentParser) -> None:
    """``--type``: binary (the default), ascii, or auto (ASCII for text extensions such as .txt)."""
    parser.add_argument(
        "--type",
        choices=TYPES,
        default=BINARY,
        help="transfer type: binary (default, bytes exactly), ascii (line ends converted), or auto "
        f"(ascii for {DEFAULT_ASCII_EXTENSIONS}; binary otherwise)",
    )


def _options(args: argparse.Namespace) -> SessionOptions:
    port_range = None
    if args.active_port_range:
        try:
            lo, hi = (int(x) for x in args.active_port_range.split("-", 1))
            port_range = (lo, hi)
        except ValueError:
            raise UsageError("--active-port-range takes LOW-HIGH, e.g. 50000-50100") from None
    try:
        return SessionOptions(
            mode=args.mode,
            timeout=args.timeout,
            encoding=args.encoding,
            active_port_range=port_range,
            active_external_address=args.active_address,
            list_hidden=args.hidden,
            listing_timeout=args.listing_timeout,
            server_time_offset=args.time_offset,
        )
    except (ValueError, LookupError) as exc:
        raise UsageError(str(exc)) from None


def _proxy(text: Optional[str], stdin: TextIO) -> Optional[Proxy]:
    """``--proxy``: its password from FTPGUI_PROXY_PASSWORD, else asked on a terminal (never in the URL)."""
    if not text:
        return None
    try:
        proxy = parse_proxy(text)
    except ProxyUrlError as exc:
        raise UsageError(f"--proxy: {exc}") from None
    if not proxy.user:
        return proxy
    password = os.environ.get(ENV_PASSWORD)
    if password is None and stdin.isatty():
        password = getpass.getpass(f"Password for the proxy {proxy.user}@{proxy.shown}: ")
    return dataclasses.replace(proxy, password=password or "")


def _password(url: FtpUrl, stdin: TextIO) -> str:
    if url.password is not None:
        return url.password
    env = os.environ.get("FTPGUI_PASSWORD")
    if env is not None:
        return env
    if url.user and url.user != "anonymous" and stdin.isatty():
        return getpass.getpass(f"Password for {url.user}@{url.host}: ")
    return ""


def _unasked(url: FtpUrl, stdin: TextIO) -> bool:
    """A user named, and no password from the URL, FTPGUI_PASSWORD or a terminal: an empty one was sent."""
    named = bool(url.user) and url.user != "anonymous"
    return named and url.password is None and "FTPGUI_PASSWORD" not in os.environ and not stdin.isatty()


class Runner:
    """The CLI's commands, each returning an exit code."""

    def __init__(self, args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> None:
        self.args = args
        self.out, self.err = out, err
        try:
            self.url = parse_url(args.url)
        except UrlError as exc:  # its words never quote the URL's password (ftpgui.ftp.url)
            raise UsageError(str(exc)) from None
        if self.url.implicit_tls and args.tls == "off":
            raise UsageError("ftps:// means TLS from the first byte; use ftp:// for --tls off")
        if self.url.scheme == "ftpes" and args.tls == "off":
            raise UsageError("ftpes:// means TLS is required; use ftp:// for --tls off")
        if getattr(args, "parallel", 1) < 1 or getattr(args, "parallel", 1) > 10:
            raise UsageError("--parallel takes a number from 1 to 10")
        try:
            self.fingerprints = {normalize_fingerprint(fp) for fp in args.trust_fingerprint}
        except ValueError as exc:
            raise UsageError(f"--trust-fingerprint: {exc}") from None
        self.trust_store = TrustStore()
        tls = self.url.tls(args.tls)  # ftpes:// requires TLS, ftps:// is implicit; ftp:// takes --tls
        proxy = _proxy(args.proxy, stdin)
        self.options = dataclasses.replace(_options(args), tls=tls, trust=self.trust, proxy=proxy)
        self.password = _password(self.url, stdin)
        self.password_unasked = _unasked(self.url, stdin)  # (a refused login then says why)
        self.progress = Progress(err)
        self._warned_plain = False

    def trust(self, host: str, port: int, fingerprint: str) -> bool:
        """The engine's trust callback: a fingerprint given with --trust-fingerprint is trusted and
        remembered for host:port; otherwise the ones remembered before."""
        if fingerprint in self.fingerprints:
            self.trust_store.add(host, port, fingerprint)
            return True
        return self.trust_store.is_trusted(host, port, fingerprint)

    def listen(self, event: Event) -> None:
        self.warn_plain(event)
        self.progress(event)

    def warn_plain(self, event: Event) -> None:
        """Say once that the connection is plain FTP (``--tls auto`` and a server without TLS)."""
        if isinstance(event, TlsNotUsed) and not self._warned_plain:
            self._warned_plain = True
            what = "refused TLS" if event.reason == "refused" else "offers no TLS"
            self.err.write(f"ftpgui-cli: warning: the server {what}; the password and files travel unencrypted\n")

    def reads(self) -> Tuple[type, ...]:
        """The events ``listen`` reads: the plain-FTP warning, and the progress line's on a terminal."""
        return (TlsNotUsed, TransferProgress, DataClosed) if self.progress.enabled else (TlsNotUsed,)

    def session(
        self, listener: Optional[Callable[[Event], None]] = None, kinds: Optional[Tuple[type, ...]] = None
    ) -> FtpSession:
        s = FtpSession(self.options, listener or self.listen, kinds if listener else self.reads())
        try:
            s.open(self.url.host, self.url.port, self.url.user or "anonymous", self.password)
        except BaseException:
            s.close()
            raise
        return s

    def lister(self) -> FtpSession:
        """A tree's listing session: its listings are not the files the progress line counts."""
        return self.session(self.warn_plain, (TlsNotUsed,))

    def diagnose(self) -> int:
        from .bundle import write_bundle  # (the diagnosis' own modules: a transfer does not load them)
        from .fixes import fixes_for, fixes_text
        from .ftp.diagnose import diagnose

        d = diagnose(
            self.url.host,
            self.url.port,
            self.url.user or "anonymous",
            self.password,
            self.options,
            self.url.path or None,
            listener=self.warn_plain,
        )
        other = {"passive": d.active.ok, "active": d.passive.ok}  # advice from the other mode's real result
        explanations = {m: explain_result(r, other[m]) for m, r in d.modes.items()}
        fixes = fixes_for(d) if self.args.fix or self.args.bundle else None
        if self.args.json:
            write_diagnosis_json(self.out, d, explanations, fixes if self.args.fix else None)
        else:
            write_diagnosis_text(self.out, d, explanations)
            if self.args.fix:
                self.out.write("".join(shown(line) + "\n" for line in fixes_text(fixes or []).splitlines()))
        if self.args.bundle:
            write_bundle(
                self.args.bundle,
                d,
                password=self.password,
                user=self.url.user or "",
                mask_user=self.args.mask_user,
                fixes=fixes,
            )
        if d.recommended is None:
            self.err.write("ftpgui-cli: neither passive nor active mode works with this server\n")
            return 1
        return 0

    def ls(self) -> int:
        with self.session() as s:
            entries = s.listdir(self.url.path or None)
        # written as they go: a million entries never become one big text (or a list of dicts) first
        if self.args.json:
            write_entries_json(self.out, listing_order(entries))
        else:
            write_entries_text(self.out, listing_order(entries))
        return 0

    def get(self) -> int:
        path = self.url.path
        if self.args.recursive:
            if self.args.max_folders < 1:
                raise UsageError("--max-folders takes a number of 1 or more")
            result = download_tree(
                self.session,
                path,
                self.args.dest,
                parallel=self.args.parallel,
                resume=self.args.resume,
                max_folders=self.args.max_folders,
                transfer_type=self.args.type,
                processes=True,
                listener=self.listen,
                make_lister=self.lister,
            )
            return self._finish_tree(result, "downloaded")
        if not path or path.endswith("/"):
            raise UsageError("get needs the URL of a file (or -r for a folder)")
        dest = self.args.dest
        if os.path.isdir(dest):
            dest = os.path.join(dest, safe_name(posixpath.basename(path)))
        with self.session() as s:
            self.progress.total = s.size_or_none(path)
            ascii = is_ascii(self.args.type, path)
            s.download(path, dest, resume=self.args.resume, size=self.progress.total, ascii=ascii)
            s.quit(wait=False)
        self.progress.draw(final=True)
        return 0

    def put(self) -> int:
        src = self.args.src
        path = self.url.path
        if self.args.recursive:
            if not os.path.isdir(src):
                raise UsageError(f"{src} is not a folder")
            result = upload_tree(
                self.session,
                src,
                path,
                parallel=self.args.parallel,
                resume=self.args.resume,
                follow_links=self.args.follow_links,
                transfer_type=self.args.type,
                processes=True,
                listener=self.listen,
                make_lister=self.lister,
            )
            return self._finish_tree(result, "uploaded")
        if not os.path.isfile(src):
            raise UsageError(f"{src} is not a file (use -r for a folder)")
        self.progress.total = os.path.getsize(src)
        with self.session() as s:
            if not path or path.endswith("/") or _is_remote_dir(s, path):
                path = posixpath.join(path or "", os.path.basename(src))
            s.upload(src, path, resume=self.args.resume, ascii=is_ascii(self.args.type, path))
            s.quit(wait=False)
        self.progress.draw(final=True)
        return 0

    def _finish_tree(self, result: MirrorResult, verb: str) -> int:
        self.progress.draw(final=True)
        write_tree_report(self.err, result)
        if result.failed:
            self.err.write(f"ftpgui-cli: {len(result.failed)} item(s) failed; {result.files} file(s) {verb}\n")
            return 1
        return 0


def _is_remote_dir(session: FtpSession, path: str) -> bool:
    here = session.pwd()
    try:
        session.cwd(path)
    except FtpError:
        return False
    session.cwd(here)
    return True


def main(
    argv: Optional[Sequence[str]] = None,
    *,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
    stdin: TextIO = sys.stdin,
) -> int:
    parser = build_parser()
    runner: Optional[Runner] = None
    try:
        args = parser.parse_args(argv)
        runner = Runner(args, out, err, stdin)
        commands = {"diagnose": runner.diagnose, "ls": runner.ls, "get": runner.get, "put": runner.put}
        return commands[args.command]()
    except UsageError as exc:
        err.write(f"{exc.prog}: error: {shown(_without_passwords(str(exc)))} (see {exc.prog} --help)\n")
        return 2
    except KeyboardInterrupt:
        err.write("\nftpgui-cli: interrupted\n")
        return 1
    except (FtpError, OSError, TrustStoreError) as exc:
        fresh_line = "\n" if runner is not None and runner.progress.enabled else ""
        message = describe_error(exc)
        if isinstance(exc, UntrustedCertificate):
            message += f" If this is the server's certificate, run again with --trust-fingerprint {exc.fingerprint}"
        elif isinstance(exc, LoginError) and runner is not None and runner.password_unasked:
            message += (
                f" No password was given for {runner.url.user}: put it in FTPGUI_PASSWORD, or run in a terminal"
                " to be asked for it."
            )
        err.write(f"{fresh_line}ftpgui-cli: {shown(message)}\n")
        return 1
    except Exception as exc:  # nothing foresaw it (a bug): still one line in words, never a traceback
        err.write(f"ftpgui-cli: {shown(describe_error(unexpected(exc)))}\n")
        return 1


def _entry() -> None:
    for stream in (sys.stdout, sys.stderr):
        # a name the terminal's encoding cannot show is escaped, not a UnicodeEncodeError mid-listing
        stream.reconfigure(errors="backslashreplace")  # type: ignore[attr-defined]
    sys.exit(main())


if __name__ == "__main__":
    _entry()
