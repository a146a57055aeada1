"""``ftpgui-cli``'s command line: its arguments, and what they make — session options, the proxy, the password
(``cli`` runs the commands)."""

from __future__ import annotations

import argparse
import dataclasses
import getpass
import os
import re
from typing import TYPE_CHECKING, NoReturn, Optional, TextIO, Tuple

from . import __version__
from .ftp import FtpUrl, SessionOptions
from .ftp.localpath import MAX_FOLDERS
from .ftp.options import PROXY_PASSWORD_ENV as ENV_PASSWORD
from .ftp.transfertype import BINARY, DEFAULT_ASCII_EXTENSIONS, TYPES

if TYPE_CHECKING:
    from .ftp.proxy import Proxy

ENV_ACCOUNT = "FTPGUI_ACCOUNT"  # the account (ACCT) a server may ask for at login, as the password: not on argv


class UsageError(Exception):
    """Bad usage: exit 2, with one line on stderr. ``see_help``: the line points to ``--help`` (not where the
    help has nothing to add: a local file missing, or in the way)."""

    def __init__(self, message: str, prog: str = "ftpgui-cli", see_help: bool = True) -> None:
        super().__init__(message)
        self.prog = prog
        self.see_help = see_help


def local_problem(message: str) -> UsageError:
    """A local file missing or in the way: exit 2, and no pointer to ``--help``, which says nothing of it."""
    return UsageError(message, see_help=False)


# under every help (the main one and each command's): where the password comes from, and the exit status as
# ``cli.main`` returns it
EPILOG = """password: the URL's (ftp://user:password@host/, %-encoded; the process list
  shows it to other users), else FTPGUI_PASSWORD, else asked on the terminal
  when the URL names a user and stdin is a terminal. No user: anonymous.
exit status: 0 done; 1 failed (connecting, login, a refusal or error of the
  server, a local file error, items of -r failed, diagnose: neither mode
  works); 2 bad usage (an argument or the URL; a local file missing or in the
  way; get: the local file exists, without --force or --resume, or the part
  an earlier try left of it); 130 interrupted (Ctrl+C)."""


class _Parser(argparse.ArgumentParser):
    """argparse whose errors are a :class:`UsageError` — one line on the caller's stream, not a usage dump
    on ``sys.stderr`` and ``SystemExit``."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message, self.prog)


# "scheme://user:password@" in a message (argparse quotes arguments it did not expect): the password part
# goes, up to the token's last "@", so a password with "@", "#" or "/" in it goes whole.
_URL_PASSWORD = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*://[^\s/:@]*:)[^\s]*@")


def without_passwords(text: str) -> str:
    return _URL_PASSWORD.sub(r"\1****@", text)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="ftpgui-cli",
        description="FTP from the command line, with ftpgui's engine.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"ftpgui {__version__}")
    p.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="timeout for every network operation (default 30)",
    )
    p.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="print the exchange with the server on stderr: each command and reply (passwords masked), TLS and "
        "the data connections",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(sp: argparse.ArgumentParser) -> None:
        # also accepted after the command; SUPPRESS keeps the global value when it is not given here
        sp.add_argument("--timeout", type=float, default=argparse.SUPPRESS, metavar="SECONDS", help=argparse.SUPPRESS)
        sp.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
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
            help="how far the server's LIST times are ahead of UTC (e.g. 480 for UTC+8; default 0)",
        )
        sp.add_argument(
            "--account",
            default=None,
            metavar="ACCOUNT",
            help=f"what ACCT sends when the server asks for an account at login (332); also from {ENV_ACCOUNT}",
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
            help="trust the server's certificate with this SHA-256 fingerprint (hex, colons optional); remembered "
            "for its host and port instead of the one trusted before (repeat it to keep several: a pool)",
        )

    url_help = "ftp://, ftpes:// (TLS required) or ftps:// (implicit TLS): [user[:password]@]host[:port]/path"

    def command(name: str, what: str) -> argparse.ArgumentParser:
        return sub.add_parser(
            name, help=what, description=what, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
        )

    diag = command("diagnose", "try passive and active mode; say which works and why")
    diag.add_argument("url", help=f"the server (a path: the folder listed in each mode); {url_help}")
    diag.add_argument("--json", action="store_true", help="print the result as JSON")
    diag.add_argument("--fix", action="store_true", help="also print how to fix what fails, ready to paste")
    diag.add_argument(
        "--bundle",
        metavar="FILE.zip",
        help="also write a support bundle: the diagnosis, its transcript (passwords masked) and versions",
    )
    diag.add_argument("--mask-user", action="store_true", help="mask the user name in the support bundle")
    common(diag)  # (no --mode: diagnose tries both modes, each command on its own)

    ls = command("ls", "list a directory")
    ls.add_argument("url", help=f"the folder (or a file) to list; {url_help}")
    ls.add_argument("--json", action="store_true", help="print a JSON array")
    mode_option(ls)
    common(ls)

    get = command("get", "download a file or (-r) a folder's contents")
    get.add_argument("url", help=f"the file (with -r: the folder) to download; {url_help}")
    get.add_argument(
        "dest",
        help="the local file to write, or a folder to write it into (ending in /: made when missing); "
        "with -r, the folder the contents go into (made when missing)",
    )
    mode_option(get)
    keep = "give each file the server's modification time (from MLSD, else MDTM)"
    transfer_options(get, "download", "downloads", keep)
    get.add_argument(
        "-f",
        "--force",
        action="store_true",
        help=(
            "replace local files that exist (without it: get refuses, get -r keeps them and says how many), and "
            "start afresh over the part of a file an earlier try left (without it: refused, --resume continues it)"
        ),
    )
    get.add_argument(
        "--max-folders",
        type=int,
        default=MAX_FOLDERS,
        metavar="N",
        help=f"with -r, stop after N folders (default {MAX_FOLDERS})",
    )
    common(get)

    put = command("put", "upload a file or (-r) a folder's contents")
    put.add_argument("src", help="the local file (with -r: the folder whose contents go) to upload")
    put.add_argument(
        "url",
        help="the file's name on the server (a file there is replaced), or a folder to put it into (ending in /, "
        f"or one that exists); with -r, the folder the contents go into; {url_help}",
    )
    mode_option(put)
    keep = "give each file on the server its local modification time (MFMT, where the server has it)"
    transfer_options(put, "upload", "uploads", keep)
    put.add_argument(
        "--follow-links",
        action="store_true",
        help="with -r, upload symbolic links to files inside the folder (links are skipped otherwise; "
        "a link leading out of the folder never is followed)",
    )
    common(put)
    return p


def mode_option(parser: argparse.ArgumentParser) -> None:
    """``--mode``, for the commands that use one mode (``diagnose`` tries both and has none)."""
    parser.add_argument(
        "--mode",
        choices=("passive", "active", "auto"),
        default="passive",
        help="data connection mode (default passive)",
    )


def transfer_options(parser: argparse.ArgumentParser, verb: str, what: str, keep_times: str) -> None:
    """What ``get`` and ``put`` share: -r, --parallel, --resume, --keep-times and --type."""
    parser.add_argument(
        "-r", "--recursive", action="store_true", help=f"{verb} a folder's contents, its sub-folders' too"
    )
    parser.add_argument(
        "--parallel", type=int, default=1, metavar="N", help="transfer connections, with -r (1–10, default 1)"
    )
    whole = "a local file of the server's size" if verb == "download" else "a server's file of the local one's size"
    parser.add_argument("--resume", action="store_true", help=f"continue partial {what} ({whole} is left as it is)")
    parser.add_argument("--keep-times", action="store_true", help=keep_times)
    transfer_type(parser)


def transfer_type(parser: argparse.ArgumentParser) -> None:
    """``--type``: binary (the default), ascii, or auto (ASCII for text extensions such as .txt)."""
    parser.add_argument(
        "--type",
        choices=TYPES,
        default=BINARY,
        help="transfer type: binary (default, bytes exactly), ascii (line ends converted), or auto "
        f"(ascii for {DEFAULT_ASCII_EXTENSIONS}; binary otherwise)",
    )


def session_options(args: argparse.Namespace) -> SessionOptions:
    port_range = None
    if args.active_port_range:
        try:
            lo, hi = (int(x) for x in args.active_port_range.split("-", 1))
            port_range = (lo, hi)
        except ValueError:
            raise UsageError("--active-port-range takes LOW-HIGH, e.g. 50000-50100") from None
    try:
        return SessionOptions(
            mode=getattr(args, "mode", "passive"),  # (diagnose sets the mode of each attempt itself)
            timeout=args.timeout,
            encoding=args.encoding,
            active_port_range=port_range,
            active_external_address=args.active_address,
            list_hidden=args.hidden,
            listing_timeout=args.listing_timeout,
            server_time_offset=args.time_offset,
            account=args.account if args.account is not None else os.environ.get(ENV_ACCOUNT, ""),
        )
    except (ValueError, LookupError) as exc:
        raise UsageError(str(exc)) from None


def proxy_from(text: Optional[str], stdin: TextIO) -> Optional[Proxy]:
    """``--proxy``: its password from FTPGUI_PROXY_PASSWORD, else asked on a terminal (never in the URL)."""
    if not text:
        return None
    from .ftp.proxy import ProxyUrlError, parse_proxy  # (loaded for --proxy only: design note 287)

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


def password_for(url: FtpUrl, stdin: TextIO) -> Tuple[Optional[str], bool]:
    """(the password: the URL's, FTPGUI_PASSWORD, or None to be asked on the terminal — ``ask_password``, once the
    server's certificate is known to be trusted; whether a user was named and none of them could give one, so an
    empty one is sent — a refused login then says why)."""
    if url.password is not None:
        return url.password, False
    env = os.environ.get("FTPGUI_PASSWORD")
    if env is not None:
        return env, False
    named = bool(url.user) and url.user != "anonymous"
    if named and stdin.isatty():
        return None, False
    return "", named


def ask_password(url: FtpUrl) -> str:
    return getpass.getpass(f"Password for {url.user}@{url.host}: ")
