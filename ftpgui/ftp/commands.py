"""The simple commands of ``FtpSession``: one line out, one reply back (a mixin)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .session import FtpSession

import contextlib
import select
from datetime import datetime, timezone
from typing import Callable, Iterator, Optional, Tuple

from .control import QUIT_WAIT, reply_text
from .errors import (
    QT_TRANSLATE_NOOP,
    Cancelled,
    FtpError,
    NoWayBack,
    ProtocolError,
    ReplyError,
    worded,
)
from .names import RemotePath
from .replies import MAX_OFFSET, check_argument, parse_257, parse_mdtm, server_number
from .safetext import dated

# (``inside`` of a relative path on a server that answers no PWD)
NO_WAY_BACK = QT_TRANSLATE_NOOP(
    "engine",
    "The folder {path} was not listed: this server's LIST may read its path as a pattern or as several paths, "
    "so it is listed from inside, and as the server answers no PWD this session could not come back from it. "
    "Give its path from the server's root, starting with /.",
)


class CommandsMixin:
    """PWD, CWD, MKD, DELE, RNFR/RNTO, SIZE, MDTM, QUIT… and how paths and credentials go on the wire."""

    def command(self, line: str, ok: str = "2") -> str:
        """Send one command; the reply must start with one of the digits in ``ok``."""
        return self._require().expect(line, ok)

    def _arg(self, path: RemotePath) -> str:
        """A path as the command line carries it: text the control channel encodes back to the exact bytes."""
        return self._wire(path if isinstance(path, bytes) else self.names.encode(path))

    def _credential(self, text: str) -> str:
        """User names and passwords in the session's codec, or in UTF-8 where it cannot write them."""
        try:
            return self._wire(text.encode(self._encoding.codec))
        except UnicodeEncodeError:
            return self._wire(text.encode("utf-8", "surrogateescape"))

    def _shown_command(self, line: str) -> str:
        """In auto mode the control channel speaks UTF-8: a name in the fallback codec is shown decoded
        with it in the CommandSent event (the bytes sent are unchanged)."""
        if line.isascii():
            return line
        try:
            return self.names.show(line.encode(self._encoding.codec, "surrogateescape"))
        except UnicodeError:
            return line

    def _wire(self, raw: bytes) -> str:
        if raw.isascii():
            return raw.decode("ascii")
        codec = self._encoding.codec
        try:
            text = raw.decode(codec)
            if text.encode(codec) == raw:
                return text
        except UnicodeError:
            pass
        return raw.decode("ascii", "surrogateescape")  # bytes above 127 as surrogates: sent back as they were

    def pwd(self) -> str:
        """The working directory, decoded name by name with the session's encoding."""
        path = parse_257(reply_text(self.command("PWD")))
        self._cwd = path  # exactly as the server sent it, for CWD after a reconnect
        return self._shown_path(path)

    def _shown_path(self, path: str) -> str:
        """A path from a reply (decoded by the control channel), decoded name by name with the session's codec."""
        return self.names.decode_path(path.encode(self._encoding.codec, "surrogateescape"))

    def cwd(self, path: RemotePath) -> str:
        """Change directory; returns the new working directory (from PWD)."""
        self.command(f"CWD {self._arg(path)}")
        return self.pwd()

    def is_folder(self, path: RemotePath) -> bool:
        """Whether ``path`` is a folder the server lets this session enter: CWD there, and back to the working
        folder as the server wrote it (asked with PWD once a session). A temporary refusal (4xx) is raised: it
        says nothing of what ``path`` is (a link to a folder was then worded as a link that leads nowhere); so is
        a failure to come back. A visit ``inside`` it: the working folder is known first, so PWD's refusal is
        raised too (no folder is entered and stayed in, as ``inside`` would on a server without PWD)."""
        self._where()
        entered = False
        try:
            with self.inside(path):
                entered = True
        except ReplyError as exc:
            if entered or exc.temporary:
                raise
            return False
        return True

    @contextlib.contextmanager
    def inside(self, path: RemotePath) -> Iterator[None]:
        """Work in the folder ``path`` (CWD there: a ReplyError when it cannot be entered), then back in the
        working folder as the server wrote it: for what a path argument cannot say, as a LIST of the folder's
        own entries where the server reads LIST's argument as a pattern (pure-ftpd and proftpd: ``LIST
        /pub/f[x]`` lists /pub/fx). After a failure inside, going back is tried, and what it met is not raised
        over that failure. A server that answers no PWD: an absolute ``path`` is entered and the session stays
        there, its working folder known from now on by that path (the next folder entered comes back to it); a
        relative one raises ``NoWayBack`` before anything is sent (design note 236)."""
        back = self._way_back(path)
        self.command(f"CWD {self._arg(path)}")
        if back is None:
            self._cwd = self._arg(path)  # (where it is now, by a path from the root: no PWD needed to come back)
            yield
            return
        try:
            yield
        except BaseException:
            with contextlib.suppress(FtpError, OSError):
                self._back_to(back)
            raise
        self._back_to(back)

    def _way_back(self, path: RemotePath) -> Optional[str]:
        """``_where``, or None where the server answers no PWD (refused for good, or unreadable) and ``path`` is
        absolute: after ``inside`` the session is known to be there. A relative ``path`` then: ``NoWayBack``."""
        try:
            return self._where()
        except (ReplyError, ProtocolError) as exc:
            if isinstance(exc, ReplyError) and exc.temporary:
                raise
            if self._arg(path).startswith("/"):
                return None
            shown = path if isinstance(path, str) else self.names.show(path)
            raise worded(NoWayBack, NO_WAY_BACK, path=shown) from exc

    def _where(self) -> str:
        """The working folder as the server wrote it (PWD once, when not known yet)."""
        if self._cwd is None:
            self.pwd()
        return self._cwd  # type: ignore[return-value]

    def wire_cwd(self) -> bytes:
        """The working folder's bytes, as the server wrote them (its PWD reply): the folder of a listing, to join
        each entry's ``wire_name`` to, so that a path goes back as the server listed it whatever its codec."""
        return self._where().encode(self._encoding.codec, "surrogateescape")

    def _back_to(self, folder: str) -> None:
        """CWD to ``folder`` (``_where``'s); when that fails, where the session is is no longer known."""
        try:
            self.command(f"CWD {folder}")
        except BaseException:
            self._cwd = None
            raise

    def cdup(self) -> str:
        self.command("CDUP")
        return self.pwd()

    def mkd(self, path: RemotePath) -> str:
        resp = self.command(f"MKD {self._arg(path)}")
        try:
            return self._shown_path(parse_257(reply_text(resp)))
        except ProtocolError:
            return path if isinstance(path, str) else self.names.decode_path(path)

    def rmd(self, path: RemotePath) -> None:
        self.command(f"RMD {self._arg(path)}")

    def delete(self, path: RemotePath) -> None:
        self.command(f"DELE {self._arg(path)}")

    def rename(self, old: RemotePath, new: RemotePath, sending_rnto: Callable[[], None] = lambda: None) -> None:
        """RNFR, RNTO; ``sending_rnto()`` is called once RNFR was accepted, before RNTO goes out."""
        new_arg = self._arg(new)
        check_argument(new_arg)  # both names checked before RNFR is sent
        self.command(f"RNFR {self._arg(old)}", ok="3")
        sending_rnto()
        self.command(f"RNTO {new_arg}")

    def size(self, path: RemotePath) -> int:
        """SIZE's byte count of ``path``; a refusal raises ``ReplyError``, a 213 with no byte count in it (a
        negative number, an old 32-bit server's over 2 GiB; words; more than a file can hold) ``ProtocolError``."""
        size, text = self._size_reply(path)
        if size is None:
            raise worded(
                ProtocolError,
                QT_TRANSLATE_NOOP("engine", "The server's SIZE reply is no byte count: {reply!r}"),
                reply=text[:40],
            )
        return size

    def _size_reply(self, path: RemotePath) -> Tuple[Optional[int], str]:
        """(SIZE's byte count of ``path``, or None where the 213 holds none; the reply's text)."""
        self._ensure_binary()
        text = reply_text(self.command(f"SIZE {self._arg(path)}")).strip()
        size = server_number(text)
        return (None if size is None or size > MAX_OFFSET else size), text

    def size_or_none(self, path: RemotePath) -> Optional[int]:
        """SIZE's byte count, or None where the server refuses it (no such file, no SIZE command): what tells
        whether a file is there. A 213 with no byte count in it still raises (the file is there)."""
        try:
            return self.size(path)
        except ReplyError:
            return None

    def size_if_there(self, path: RemotePath) -> Tuple[bool, Optional[int]]:
        """(whether the server has ``path``: SIZE answered 213; its byte count, or None where that 213 holds none,
        ``213 size unknown``). What an upload's "target exists" goes by: a 213 says the file is there, whatever
        follows it — taken for "not there" it would be replaced unasked (design notes 285, 336)."""
        try:
            return True, self._size_reply(path)[0]
        except ReplyError:
            return False, None

    def known_size(self, path: RemotePath) -> Optional[int]:
        """SIZE's byte count, or None where none is known: refused, or a 213 with no byte count in it
        (``213 -1294967296``, ``213 File status: size unknown``). What a download goes by: an unreadable
        SIZE is a size unknown, as FileZilla and lftp take it, not a reason to fail a file that is fine."""
        try:
            return self._size_reply(path)[0]
        except ReplyError:
            return None

    def mdtm(self, path: RemotePath) -> datetime:
        return parse_mdtm(reply_text(self.command(f"MDTM {self._arg(path)}")))

    def mdtm_or_none(self, path: RemotePath) -> Optional[float]:
        """MDTM's time of ``path`` as POSIX seconds; None where FEAT lists no MDTM, or the server refuses it
        or answers with no time stamp."""
        if "MDTM" not in self.features:
            return None
        try:
            return self.mdtm(path).timestamp()
        except (ReplyError, ProtocolError):
            return None

    def mfmt(self, path: RemotePath, when: datetime) -> None:
        """Set the server's modification time of ``path`` (MFMT, draft-somers-ftp-mfxx; UTC)."""
        stamp = when.astimezone(timezone.utc) if when.tzinfo else when
        self.command(f"MFMT {dated(stamp, '%Y%m%d%H%M%S')} {self._arg(path)}")

    def chmod(self, mode: int, path: RemotePath) -> None:
        self.command(f"SITE CHMOD {mode:o} {self._arg(path)}")

    def noop(self) -> None:
        self.command("NOOP")

    def keep_alive(self, send_noop: bool) -> bool:
        """An idle control connection's check: False when it is gone (closed, or lost now). Sends NOOP when
        ``send_noop`` or when the server said something unasked (a 421 before it closes, or its end), so the
        reply or the close is read now, not at the next action. Never reconnects (unlike other commands)."""
        ctrl = self._ctrl
        if ctrl is None or not ctrl.connected:
            return False
        if not send_noop:
            try:
                readable, _, _ = select.select([ctrl.sock], [], [], 0)
            except (OSError, ValueError):
                readable = [True]
            if not readable:
                return True
        try:
            ctrl.expect("NOOP", "2")
        except ReplyError:
            return True  # answered, if oddly: the connection is there
        except Cancelled:
            raise  # the work's cancel (NOOP not sent, or its wait cut): not a word on the connection
        except FtpError:
            return False  # lost, 421 or a broken reply: the channel has closed itself and said why
        return ctrl.connected

    def quit(self, wait: bool = True) -> None:
        """QUIT and close. The 221 is awaited a moment (``QUIT_WAIT``), never the whole timeout; with
        ``wait=False`` not at all: after the last 226 it says nothing new, and a server may answer only once
        it has flushed the last upload to disk."""
        if self._ctrl is not None and self._ctrl.connected:
            self._ctrl.quit(QUIT_WAIT if wait else 0)
        self._credentials = None

    def close(self) -> None:
        """Close without QUIT and release everything; the session cannot be used again."""
        if self._ctrl is not None:
            self._ctrl.close_with("closed")
        self._credentials = None
        self._waker.close()
        self.release_folders()

    def __enter__(self) -> FtpSession:
        return self

    def __exit__(self, *exc) -> None:
        try:
            self.quit()
        except FtpError:
            pass
        self.close()
