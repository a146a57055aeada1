"""``ftpgui-cli``: the engine, headless (DESIGN.md, "The command line")."""

from __future__ import annotations

import argparse
import dataclasses
import os
import posixpath
import sys
import time
from typing import Callable, List, Optional, Sequence, TextIO, Tuple

from .cli_args import (
    UsageError,
    ask_password,
    build_parser,
    local_problem,
    password_for,
    proxy_from,
    session_options,
    without_passwords,
)
from .cli_local import (
    after,
    download_left,
    download_target,
    earlier_part,
    in_the_way,
    kept_lines,
    named,
    part_state,
    parts_kept,
    upload_left,
)
from .cli_output import (
    EXCHANGE,
    Progress,
    exchange_line,
    listing_order,
    unread_names_warning,
    write_diagnosis_json,
    write_diagnosis_text,
    write_entries_json,
    write_entries_text,
    write_tree_report,
)
from .explain import CLI, CLI_VERBOSE, describe_error, explain_result
from .ftp import FtpError, FtpSession, UrlError, parse_url
from .ftp.errors import LoginError, UntrustedCertificate, unexpected
from .ftp.events import DataClosed, Event, ResumeUnchecked, TlsNotUsed, TransferProgress
from .ftp.localfs import taken_by_a_file
from .ftp.mirror import RESUME_LINK_TO_NOTHING, MirrorResult, NotAFolder, download_tree, upload_tree
from .ftp.options import normalize_fingerprint
from .ftp.partfile import Unchecked
from .ftp.safetext import shown, shown_cut, shown_line
from .ftp.transfertype import is_ascii
from .sites.trust import TrustStore, TrustStoreError

__all__ = ["Progress", "UsageError", "build_parser", "main"]

INTERRUPTED = 128 + 2  # Ctrl+C (SIGINT): the shell's code for it, as curl, wget and lftp exit (it was 1 - QA)


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
        if getattr(args, "force", False) and args.resume:
            raise UsageError("--force replaces a local file, --resume continues it: give one of them")
        try:
            self.fingerprints = {normalize_fingerprint(fp) for fp in args.trust_fingerprint}
        except ValueError as exc:
            raise UsageError(f"--trust-fingerprint: {exc}") from None
        self.trust_store = TrustStore()
        tls = self.url.tls(args.tls)  # ftpes:// requires TLS, ftps:// is implicit; ftp:// takes --tls
        proxy = proxy_from(args.proxy, stdin)
        self.options = dataclasses.replace(session_options(args), tls=tls, trust=self.trust, proxy=proxy)
        given, self.password_unasked = password_for(self.url, stdin)
        self.password = given or ""
        self.password_to_ask = given is None  # on the terminal, once the server was met (``ask_password``)
        self.progress = Progress(err)
        self._warned_plain = False
        self.started = time.monotonic()
        # where the exchange can be read, said under a failure ftpgui cannot classify: above, or with -v
        self.shown_in = CLI_VERBOSE if args.verbose else CLI
        self.left = ""  # a transfer that failed part way: what came or went and how to continue (``cli_local``)

    def before_login(self) -> None:
        """What is refused before the server is met and a password asked for: ``get`` of one file with no file
        named, or whose local file exists (``_target``)."""
        if self.args.command == "get" and not self.args.recursive:
            self._target(self._file_path())

    def ask_password(self) -> None:
        """The password typed on the terminal, asked only once the server was met (TLS, QUIT: nothing about the
        account sent): a certificate not trusted ends the run first, with its advice — a person decides about
        the server before typing a password meant for it, and a server without TLS under ``--tls auto`` is
        warned about before it too (design note 187). Its events are read as a tree listing's."""
        if not self.password_to_ask:
            return
        if self.options.tls != "off":
            with FtpSession(self.options, self.uncounted, self.uncounted_kinds()) as s:
                s.meet(self.url.host, self.url.port)
        self.password, self.password_to_ask = ask_password(self.url), False

    def trust(self, host: str, port: int, fingerprint: str) -> bool:
        """The engine's trust callback: a fingerprint given with --trust-fingerprint is trusted and
        remembered for host:port INSTEAD of the ones remembered before (but others given with it: a pool of
        machines, each with its own); otherwise the ones remembered before. The old one was kept, so a server
        that went back to it was not asked about (found by QA)."""
        if fingerprint in self.fingerprints:
            self.trust_store.trust(host, port, fingerprint, keep=self.fingerprints)
            return True
        return self.trust_store.is_trusted(host, port, fingerprint)

    def listen(self, event: Event) -> None:
        self.uncounted(event)
        self.progress(event)

    def uncounted(self, event: Event) -> None:
        """What ``listen`` does but count: the listener of a tree's listing and of the diagnosis."""
        self.warn_plain(event)
        if self.args.verbose and isinstance(event, EXCHANGE):
            self.tell(event)

    def tell(self, event: Event) -> None:
        """``-v``: the event on stderr, a line each (over the progress line, which is drawn again below),
        with its connection's number; the server's words escaped by ``exchange_line``, as everywhere."""
        over = "\r" if self.progress.enabled else ""
        width = 60 if self.progress.enabled else 0
        lines = exchange_line(event, self.started).split("\n")
        self.err.write("".join(over + f"[{event.connection_id}] {line}".ljust(width) + "\n" for line in lines))
        self.progress.drawn = False  # (written over: drawn again by the next event)

    def warn_plain(self, event: Event) -> None:
        """Say once that the connection is plain FTP (``--tls auto`` and a server without TLS); and each upload
        resumed without its check (the server would not send its file back: note 474)."""
        if isinstance(event, ResumeUnchecked):
            self.err.write(
                f"ftpgui-cli: warning: could not check that {shown(event.remote)} on the server is the start of "
                f"{shown(event.path)} (the server would not send it back: {shown(event.reply)}); resumed from "
                f"byte {event.offset} without the check\n"
            )
        if isinstance(event, TlsNotUsed) and not self._warned_plain:
            self._warned_plain = True
            what = "refused TLS" if event.reason == "refused" else "offers no TLS"
            self.err.write(f"ftpgui-cli: warning: the server {what}; the password and files travel unencrypted\n")

    def reads(self) -> Tuple[type, ...]:
        """The events ``listen`` reads: the plain-FTP warning, an upload resumed unchecked, the progress line's on
        a terminal, and with ``-v`` the exchange."""
        kinds: Tuple[type, ...] = (TlsNotUsed, ResumeUnchecked)
        if self.progress.enabled:
            kinds += (TransferProgress, DataClosed)
        return kinds + EXCHANGE if self.args.verbose else kinds

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

    def uncounted_kinds(self) -> Tuple[type, ...]:
        """The events ``uncounted`` reads: the plain-FTP warning, and with ``-v`` the exchange."""
        return (TlsNotUsed, ResumeUnchecked, *EXCHANGE) if self.args.verbose else (TlsNotUsed, ResumeUnchecked)

    def lister(self) -> FtpSession:
        """A tree's listing session: its listings are not the files the progress line counts."""
        return self.session(self.uncounted, self.uncounted_kinds())

    def uploads_lister(self) -> FtpSession:
        return self.warn_no_times(self.lister())

    def warn_no_times(self, session: FtpSession) -> FtpSession:
        """``put --keep-times`` to a server that cannot set a file's time: said once, before the files go."""
        if self.args.keep_times and "MFMT" not in session.features:
            self.err.write(
                "ftpgui-cli: warning: the server cannot set a file's time (no MFMT); "
                "the files it receives keep the time of their upload\n"
            )
        return session

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
            listener=self.uncounted,
        )
        other = {"passive": d.active.ok, "active": d.passive.ok}  # advice from the other mode's real result
        explanations = {m: explain_result(r, other[m], self.shown_in) for m, r in d.modes.items()}
        fixes = fixes_for(d) if self.args.fix or self.args.bundle else None
        if self.args.json:
            write_diagnosis_json(self.out, d, explanations, fixes if self.args.fix else None, self.shown_in)
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
        unparsed: List[bytes] = []
        with self.session() as s:
            entries = s.listdir_or_file(self.url.path or None, unparsed=unparsed)  # (a file: its line)
            unread = [shown_line(line, s.names.decode) for line in unparsed]
            s.quit(wait=False)  # (as get and put: the listing had its 226; the 221 would only hold it back)
        # written as they go: a million entries never become one big text (or a list of dicts) first
        self.progress.clear()  # (the listing's own bytes were counted: QA saw them before its first row)
        if self.args.json:
            write_entries_json(self.out, listing_order(entries))
        else:
            write_entries_text(self.out, listing_order(entries))
        self.err.write(unread_names_warning(entries, self.args.encoding))
        for text in unread:  # (said, as the window's log says it)
            said = f"a line of the listing could not be read; what it names is not listed: “{text}”"
            self.err.write(f"ftpgui-cli: {said}\n")
        return 0

    def get(self) -> int:
        path = self.url.path
        if self.args.recursive:
            if self.args.max_folders < 1:
                raise UsageError("--max-folders takes a number of 1 or more")
            try:
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
                    keep_times=self.args.keep_times,
                    keep_existing=not self.args.force,
                )
            except NotAFolder:  # a file, or a link to one, chosen on its own: what it leads to (note 220)
                return self._get_file(path.rstrip("/"))
            except FileExistsError:  # ``dest`` a file: the folder is made only once the URL is known to be one
                if not os.path.lexists(self.args.dest) or os.path.isdir(self.args.dest):
                    raise
                raise local_problem(in_the_way(self.args.dest)) from None
            return self._finish_tree(result, "downloaded")
        return self._get_file(self._file_path())

    def _file_path(self) -> str:
        path = self.url.path
        if not path or path.endswith("/"):
            raise UsageError("get needs the URL of a file (or -r for a folder)")
        return path

    def _target(self, path: str) -> str:
        """The local file ``get`` of ``path`` writes (``download_target``); one there already is refused before
        anything is downloaded, unless ``--force`` replaces it or ``--resume`` continues it — it was replaced
        without a word (found by QA; lftp's ``xfer:clobber`` is off too: design note 333). A link there is not
        continued: refused, in words (design note 371)."""
        dest = download_target(self.args.dest, posixpath.basename(path))
        link = os.path.islink(dest)
        real, nothing = (os.path.realpath(dest), not os.path.exists(dest)) if link else ("", False)
        if not (self.args.force or self.args.resume) and taken_by_a_file(dest):
            if nothing:  # (a link is not offered --resume, which fails on it: design note 377)
                raise local_problem(
                    f"{named(dest)} is a link to {real}, which does not exist: --force replaces the link"
                )
            if link:
                raise local_problem(
                    f"{named(dest)} exists, a link to {real}: --force replaces the link (--resume does not go "
                    "through links)"
                )
            raise local_problem(f"{named(dest)} exists: --force replaces it, --resume continues it")
        if not (self.args.force or self.args.resume) and earlier_part(dest):  # (replaced in silence: note 384)
            raise local_problem(earlier_part(dest))
        if self.args.resume and nothing:  # (no file to name: "name that file" named the missing one, note 377)
            raise local_problem(RESUME_LINK_TO_NOTHING.format(path=named(dest), real=real))
        if self.args.resume and link:  # (the engine continues no file through a link: it replaced
            # the link with the whole file, the partial it leads to unchanged — found by a QA recheck, note 371)
            raise local_problem(
                f"{named(dest)} is a link; ftpgui does not write through links: to continue the file it leads to, "
                f"name that file ({real}); --force instead of --resume replaces the link"
            )
        return dest

    def _get_file(self, path: str) -> int:
        """``get`` of the file ``path``: into ``dest`` (or into the folder ``dest`` names), as one download."""
        dest = self._target(path)
        before = part_state(dest)
        try:
            received = self._download(path, dest)
        except BaseException:  # (the server gone, an interrupt…: what arrived is said, and where it is kept)
            self.left = download_left(path, dest, before, self.progress.total)
            raise
        self.progress.draw(final=True)
        if isinstance(received, Unchecked):  # (the queue's words: downloadjob.UNCHECKED)
            self.err.write("ftpgui-cli: warning: resumed; the server gave no size to check that it is complete\n")
        return 0

    def _download(self, path: str, dest: str) -> int:
        with self.session() as s:
            self.progress.total = s.known_size(path)
            ascii = is_ascii(self.args.type, path)
            try:
                received = s.download(
                    path,
                    dest,
                    resume=self.args.resume,
                    size=self.progress.total,
                    ascii=ascii,
                    keep_time=self.args.keep_times,
                )
            except FtpError as exc:
                refused = getattr(exc, "code", None)
                # a folder: the server's "550 Failed to open file" said nothing of it (found by QA, design note
                # 257) — said so only where it is known: SIZE gave no size (a file's it gives), and a CWD into it
                # was taken (and back); else the server's own refusal stands
                if refused is not None and 500 <= refused < 600 and self.progress.total is None and _enters(s, path):
                    raise UsageError(f"{path} is a folder (use -r to download a folder)", see_help=False) from None
                raise
            s.quit(wait=False)
        return received

    def put(self) -> int:
        src = self.args.src
        path = self.url.path
        if not os.path.exists(src):  # (it was "not a file (use -r for a folder)", found by QA: note 257)
            raise local_problem(f"{src} does not exist")
        if self.args.recursive:
            if not os.path.isdir(src):
                raise local_problem(f"{src} is not a folder")
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
                make_lister=self.uploads_lister,
                keep_times=self.args.keep_times,
            )
            return self._finish_tree(result, "uploaded")
        if os.path.isdir(src):
            raise local_problem(f"{src} is a folder (use -r to upload a folder)")
        if not os.path.isfile(src):
            raise local_problem(f"{src} is not a file")
        self.progress.total = os.path.getsize(src)
        with self.session() as s:
            self.warn_no_times(s)
            if not path or path.endswith("/") or s.is_folder(path):
                path = posixpath.join(path or "", os.path.basename(src))
            ascii = is_ascii(self.args.type, path)
            try:
                s.upload(src, path, resume=self.args.resume, ascii=ascii, keep_time=self.args.keep_times)
            except BaseException:  # (the server gone, an interrupt…: what had gone is said, and how to go on)
                if s.upload_cut is not None:  # (its STOR or APPE went out: the server's file may be its start)
                    self.left = upload_left(src, path, *s.upload_cut)
                raise
            s.quit(wait=False)
        self.progress.draw(final=True)
        return 0

    def _finish_tree(self, result: MirrorResult, verb: str) -> int:
        self.progress.draw(final=True)
        write_tree_report(self.err, result)
        if result.kept:  # (as a "skipped" line: said, and no failure)
            self.err.write(kept_lines(result.kept, result.kept_links, shown_cut(self.args.dest)))
        if result.failed:
            parts = parts_kept(result)  # (its temporary files: --resume continues them, design note 384)
            parts = f"; {parts}" if parts else ""
            self.err.write(f"ftpgui-cli: {len(result.failed)} item(s) failed; {result.files} file(s) {verb}{parts}\n")
            return 1
        return 0


def certificate_advice(exc: UntrustedCertificate, runner: Optional[Runner]) -> str:
    """What to do about a certificate not trusted: a first one may be trusted; one that replaces a certificate
    trusted for this host and port before is said to be a change (it read as a first one - found by QA)."""
    try:
        before = runner.trust_store.fingerprints(exc.host, exc.port) if runner is not None else []
    except TrustStoreError:
        before = []
    if before:
        return (
            f"WARNING: the server's certificate CHANGED - {', '.join(before)} was trusted for {exc.host} port "
            f"{exc.port} before. This can be an attack. Only if you know why it changed (a renewal), run again "
            f"with --trust-fingerprint {exc.fingerprint} (it replaces the one trusted before)"
        )
    return f"If this is the server's certificate, run again with --trust-fingerprint {exc.fingerprint}"


def _enters(session, path: str) -> bool:
    """Whether ``path`` is a folder ``session`` can enter (``is_folder``); False when the look itself fails: the
    refusal it was asked about is then what the person is told."""
    try:
        return session.is_folder(path)
    except FtpError:
        return False


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
        runner.before_login()
        runner.ask_password()
        commands = {"diagnose": runner.diagnose, "ls": runner.ls, "get": runner.get, "put": runner.put}
        return commands[args.command]()
    except UsageError as exc:
        see = f" (see {exc.prog} --help)" if exc.see_help else ""
        fresh_line = "\n" if runner is not None and runner.progress.drawn else ""
        err.write(f"{fresh_line}{exc.prog}: error: {shown_cut(without_passwords(str(exc)))}{see}\n")
        return 2
    except KeyboardInterrupt:
        left = f"; {shown_cut(runner.left)}" if runner is not None and runner.left else ""
        err.write(f"\nftpgui-cli: interrupted{left}\n")
        return INTERRUPTED
    except (FtpError, OSError, TrustStoreError) as exc:
        fresh_line = "\n" if runner is not None and runner.progress.drawn else ""
        message = describe_error(exc, runner.shown_in if runner is not None else CLI)
        if isinstance(exc, UntrustedCertificate):
            message = after(message, certificate_advice(exc, runner))
        elif isinstance(exc, LoginError) and runner is not None and runner.password_unasked:
            message = after(  # (after the server's refusal: "530 Login incorrect" ends in no period)
                message,
                f"No password was given for {runner.url.user}: put it in FTPGUI_PASSWORD, or run in a terminal"
                " to be asked for it.",
            )
        if runner is not None:  # (a transfer cut off part way: what came, where it is, how to go on)
            message = after(message, runner.left)
        err.write(f"{fresh_line}ftpgui-cli: {shown_cut(message)}\n")  # (a long name cut: design note 297)
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
