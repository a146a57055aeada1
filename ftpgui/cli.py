"""``ftpgui-cli``: the engine, headless (DESIGN.md, "The command line")."""

from __future__ import annotations

import argparse
import dataclasses
import getpass
import json
import os
import posixpath
import re
import sys
import threading
import time
from datetime import timezone
from typing import Callable, Optional, Sequence, TextIO

from . import __version__
from .explain import describe_error, explain_cause
from .ftp import FtpError, FtpSession, FtpUrl, SessionOptions, UrlError, parse_url
from .ftp.control import format_address
from .ftp.diagnose import diagnose
from .ftp.errors import UntrustedCertificate, unexpected
from .ftp.events import DataClosed, Event, TlsNotUsed, TransferProgress
from .ftp.localpath import safe_name
from .ftp.mirror import MirrorResult, download_tree, upload_tree
from .ftp.tls import normalize_fingerprint
from .sites.trust import TrustStore, TrustStoreError


class UsageError(Exception):
    """Bad usage: exit 2."""


class Progress:
    """One line on a terminal: bytes, rate and ETA, redrawn at most ten times a second."""

    def __init__(self, stream: TextIO, total: Optional[int] = None, clock: Callable[[], float] = time.monotonic):
        self.stream = stream
        self._clock = clock
        self.enabled = stream.isatty()
        self.total = total
        self._lock = threading.Lock()
        self._current = {}  # connection id → bytes of its current transfer
        self._finished = 0
        self._start = clock()
        self._last_draw = 0.0

    def __call__(self, event: Event) -> None:
        if isinstance(event, TransferProgress):
            with self._lock:
                self._current[event.connection_id] = event.done
        elif isinstance(event, DataClosed):
            with self._lock:
                self._finished += self._current.pop(event.connection_id, 0)
        else:
            return
        self.draw()

    def draw(self, final: bool = False) -> None:
        if not self.enabled:
            return
        now = self._clock()
        if not final and now - self._last_draw < 0.1:
            return
        self._last_draw = now
        with self._lock:
            done = self._finished + sum(self._current.values())
        elapsed = max(now - self._start, 1e-6)
        rate = done / elapsed
        text = f"{_size(done)}"
        if self.total:
            text += f" / {_size(self.total)} ({100 * done / self.total:.0f}%)"
        text += f"  {_size(rate)}/s"
        if self.total and rate > 0 and done < self.total:
            left = (self.total - done) / rate
            text += f"  ETA {int(left // 60)}:{int(left % 60):02d}"
        self.stream.write("\r" + text.ljust(60))
        if final:
            self.stream.write("\n")
        self.stream.flush()


def _size(n: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} TiB"


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="ftpgui-cli", description="FTP from the command line, with ftpgui's engine.")
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
            "--tls",
            choices=("off", "auto", "require"),
            default="auto",
            help="FTPS: auto uses TLS when the server offers it (default); ftps:// URLs are implicit TLS",
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
    common(get)

    put = sub.add_parser("put", help="upload a file or (-r) a folder's contents")
    put.add_argument("src")
    put.add_argument("url")
    put.add_argument("-r", "--recursive", action="store_true")
    put.add_argument("--parallel", type=int, default=1, metavar="N", help="transfer connections (1–10)")
    put.add_argument("--resume", action="store_true", help="continue partial uploads")
    common(put)
    return p


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


def _password(url: FtpUrl, stdin: TextIO) -> str:
    if url.password is not None:
        return url.password
    env = os.environ.get("FTPGUI_PASSWORD")
    if env is not None:
        return env
    if url.user and url.user != "anonymous" and stdin.isatty():
        return getpass.getpass(f"Password for {url.user}@{url.host}: ")
    return ""


class Runner:
    """The CLI's commands, each returning an exit code."""

    def __init__(self, args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> None:
        self.args = args
        self.out, self.err = out, err
        try:
            self.url = parse_url(args.url)
        except UrlError as exc:
            raise UsageError(str(exc)) from None
        if self.url.implicit_tls and args.tls == "off":
            raise UsageError("ftps:// means TLS from the first byte; use ftp:// for --tls off")
        if getattr(args, "parallel", 1) < 1 or getattr(args, "parallel", 1) > 10:
            raise UsageError("--parallel takes a number from 1 to 10")
        try:
            self.fingerprints = {normalize_fingerprint(fp) for fp in args.trust_fingerprint}
        except ValueError as exc:
            raise UsageError(f"--trust-fingerprint: {exc}") from None
        self.trust_store = TrustStore()
        tls = "implicit" if self.url.implicit_tls else args.tls
        self.options = dataclasses.replace(_options(args), tls=tls, trust=self.trust)
        self.password = _password(self.url, stdin)
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
        if isinstance(event, TlsNotUsed) and not self._warned_plain:
            self._warned_plain = True
            self.err.write("ftpgui-cli: warning: the server offers no TLS; the password and files travel unencrypted\n")
        self.progress(event)

    def session(self, listener: Optional[Callable[[Event], None]] = None) -> FtpSession:
        s = FtpSession(self.options, listener or self.listen)
        try:
            s.open(self.url.host, self.url.port, self.url.user or "anonymous", self.password)
        except BaseException:
            s.close()
            raise
        return s

    def diagnose(self) -> int:
        d = diagnose(
            self.url.host,
            self.url.port,
            self.url.user or "anonymous",
            self.password,
            self.options,
            self.url.path or None,
        )
        explanations = {m: explain_cause(m, r.cause) for m, r in d.modes.items()}
        if self.args.json:
            doc = {
                "server": {"host": d.server[0], "port": d.server[1]},
                "control": {k: list(v) for k, v in d.control.items()},
                "modes": {m: r.to_json(explanations[m]) for m, r in d.modes.items()},
                "recommended": d.recommended,
            }
            json.dump(doc, self.out, ensure_ascii=False, indent=1)
            self.out.write("\n")
        else:
            local, remote = d.control["local"], d.control["remote"]
            self.out.write(f"Control connection: {format_address(local)} -> {format_address(remote)}\n")
            for mode, r in d.modes.items():
                verdict = "works" if r.ok else f"fails at {r.stage} ({r.cause})"
                self.out.write(f"{mode:<8} {verdict}\n")
                if r.command:
                    self.out.write(f"         {r.command}  ->  {_printable(r.reply or '(no reply)')}\n")
                if r.advertised and r.dialled and mode == "passive":
                    self.out.write(
                        f"         advertised {format_address(r.advertised)}, dialled {format_address(r.dialled)}\n"
                    )
                if r.data:
                    dialer = "we dialled the server" if r.data["dialer"] == "client" else "the server dialled us"
                    ends = f"{format_address(r.data['local'])} <-> {format_address(r.data['remote'])}"
                    self.out.write(f"         data {ends} ({dialer})\n")
                self.out.write(f"         {explanations[mode]}\n")
            self.out.write(f"Recommended: {d.recommended or 'neither mode works'}\n")
        if d.recommended is None:
            self.err.write("ftpgui-cli: neither passive nor active mode works with this server\n")
            return 1
        return 0

    def ls(self) -> int:
        with self.session() as s:
            entries = s.listdir(self.url.path or None)
        entries.sort(key=lambda e: (e.type != "dir", e.name))
        if self.args.json:
            self.out.write(_json_text([e.to_json() for e in entries]) + "\n")
            return 0
        for e in entries:
            size = "" if e.size is None else str(e.size)
            when = e.modified.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M") if e.modified else ""
            name = e.name + (f" -> {e.target}" if e.target else "") + ("/" if e.type == "dir" else "")
            self.out.write(f"{(e.permissions or e.type):<11} {size:>12}  {when:<16}  {_printable(name)}\n")
        return 0

    def get(self) -> int:
        path = self.url.path
        if self.args.recursive:
            result = download_tree(
                self.session, path, self.args.dest, parallel=self.args.parallel, resume=self.args.resume
            )
            return self._finish_tree(result, "downloaded")
        if not path or path.endswith("/"):
            raise UsageError("get needs the URL of a file (or -r for a folder)")
        dest = self.args.dest
        if os.path.isdir(dest):
            dest = os.path.join(dest, safe_name(posixpath.basename(path)))
        with self.session() as s:
            self.progress.total = s.size_or_none(path)
            s.download(path, dest, resume=self.args.resume, size=self.progress.total)
            s.quit(wait=False)
        self.progress.draw(final=True)
        return 0

    def put(self) -> int:
        src = self.args.src
        path = self.url.path
        if self.args.recursive:
            if not os.path.isdir(src):
                raise UsageError(f"{src} is not a folder")
            result = upload_tree(self.session, src, path, parallel=self.args.parallel, resume=self.args.resume)
            return self._finish_tree(result, "uploaded")
        if not os.path.isfile(src):
            raise UsageError(f"{src} is not a file (use -r for a folder)")
        self.progress.total = os.path.getsize(src)
        with self.session() as s:
            if not path or path.endswith("/") or _is_remote_dir(s, path):
                path = posixpath.join(path or "", os.path.basename(src))
            s.upload(src, path, resume=self.args.resume)
            s.quit(wait=False)
        self.progress.draw(final=True)
        return 0

    def _finish_tree(self, result: MirrorResult, verb: str) -> int:
        self.progress.draw(final=True)
        for path, reason in result.report.skipped:
            self.err.write(f"skipped {_printable(path)}: {reason}\n")
        for path, name in result.report.renamed:
            self.err.write(f"renamed {_printable(path)} to {_printable(name)}\n")
        for path, message in result.failed:
            self.err.write(f"failed {_printable(path)}: {message}\n")
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


def _json_text(doc) -> str:
    """JSON with names readable; bytes no codec could decode (lone surrogates) as ``\\udcXX`` escapes, which a
    JSON reader turns back into the same text (and so the same bytes)."""
    text = json.dumps(doc, ensure_ascii=False, indent=1)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _printable(text: str) -> str:
    """Undecodable bytes (kept as surrogates) and control characters shown escaped, never raw."""
    out = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in out)


def main(
    argv: Optional[Sequence[str]] = None,
    *,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
    stdin: TextIO = sys.stdin,
) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    runner: Optional[Runner] = None
    try:
        runner = Runner(args, out, err, stdin)
        commands = {"diagnose": runner.diagnose, "ls": runner.ls, "get": runner.get, "put": runner.put}
        return commands[args.command]()
    except UsageError as exc:
        parser.print_usage(err)
        err.write(f"ftpgui-cli: error: {exc}\n")
        return 2
    except KeyboardInterrupt:
        err.write("\nftpgui-cli: interrupted\n")
        return 1
    except (FtpError, OSError, TrustStoreError) as exc:
        fresh_line = "\n" if runner is not None and runner.progress.enabled else ""
        message = describe_error(exc)
        if isinstance(exc, UntrustedCertificate):
            message += f" If this is the server's certificate, run again with --trust-fingerprint {exc.fingerprint}"
        err.write(f"{fresh_line}ftpgui-cli: {_printable(message)}\n")
        return 1
    except Exception as exc:  # nothing foresaw it (a bug): still one line in words, never a traceback
        err.write(f"ftpgui-cli: {_printable(describe_error(unexpected(exc)))}\n")
        return 1


def _entry() -> None:
    sys.exit(main())


if __name__ == "__main__":
    _entry()
