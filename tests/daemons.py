"""Real FTP daemons started by test fixtures, on 127.0.0.1 and a free port, stopped afterwards."""

from __future__ import annotations

import fcntl
import grp
import os
import pwd
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional, Tuple

VSFTPD = shutil.which("vsftpd") or ("/usr/sbin/vsftpd" if os.path.exists("/usr/sbin/vsftpd") else None)
# pure-ftpd's and proftpd's Debian packages conflict with vsftpd's, so they are not installed: the fixtures
# fetch them with `apt-get download` and unpack them with `dpkg -x` into this folder, once.
CACHE = Path(os.environ.get("FTPGUI_DAEMON_CACHE", Path.home() / ".cache" / "ftpgui-test-daemons"))
UNPACKED = {
    # daemon: (Debian packages, the binary inside, arguments that only print the version)
    "pure-ftpd": (("pure-ftpd",), "usr/sbin/pure-ftpd", ("--help",)),
    "proftpd": (("proftpd-core",), "usr/sbin/proftpd", ("-v",)),
}


@dataclass
class Daemon:
    """A running daemon: where to reach it and the folder the anonymous user may write."""

    name: str
    host: str
    port: int
    writable: Path  # on disk
    remote_dir: str  # the same folder as the server names it
    process: subprocess.Popen
    log: Path
    user: str = "anonymous"
    password: str = ""
    remove: Optional[Path] = None  # a folder of its own, removed when it stops
    relay: Optional[Any] = None  # what ``port`` reaches it through (``listonly.ListOnly``), closed when it stops

    def put_file(self, name: str, data: bytes) -> Path:
        """A file in the writable folder, owned by the daemon's FTP user (so it may overwrite it)."""
        path = self.writable / name
        path.write_bytes(data)
        ftp = pwd.getpwnam("ftp")
        os.chown(path, ftp.pw_uid, ftp.pw_gid)
        return path

    def put_folder(self, name: str) -> Path:
        """A folder in the writable folder, owned by the daemon's FTP user (so it may write in it)."""
        path = self.writable / name
        path.mkdir()
        ftp = pwd.getpwnam("ftp")
        os.chown(path, ftp.pw_uid, ftp.pw_gid)
        return path

    def stop(self) -> None:
        if self.process.stderr:
            self.process.stderr.close()
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
        if self.relay is not None:
            self.relay.close()
        if self.remove is not None:
            shutil.rmtree(self.remove, ignore_errors=True)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


class DaemonExited(RuntimeError):
    """The daemon ended while starting (vsftpd does so with status 2, silently, when its port is taken)."""


def wait_for_port(
    host: str,
    port: int,
    process: subprocess.Popen,
    seconds: float = 15,
    netns: Optional[str] = None,
    *,
    greeting: bool = True,
) -> None:
    """Until the daemon greets on ``host``:``port`` (inside network namespace ``netns``, if given); with
    ``greeting=False`` until it accepts (implicit TLS does not greet in clear)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise DaemonExited(f"the daemon exited with {process.returncode}: {process.stderr.read()[:500]!r}")
        if netns is not None:
            if _greets_in_netns(netns, host, port, deadline - time.monotonic()):
                return
            continue
        try:
            with socket.create_connection((host, port), timeout=1) as s:
                if greeting:
                    s.recv(100)
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"the daemon did not listen on {host}:{port} within {seconds} s")


_PROBE = """
import socket, sys, time
deadline = time.monotonic() + float(sys.argv[3])
while time.monotonic() < deadline:
    try:
        with socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=1) as s:
            s.recv(100)
            sys.exit(0)
    except OSError:
        time.sleep(0.05)
sys.exit(1)
"""


def _greets_in_netns(netns: str, host: str, port: int, seconds: float) -> bool:
    """One probe process inside the namespace, polling for up to a second (or what is left)."""
    wait = f"{max(0.1, min(1.0, seconds)):.2f}"
    probe = ["ip", "netns", "exec", netns, sys.executable, "-c", _PROBE, host, str(port), wait]
    return subprocess.run(probe, capture_output=True, timeout=30).returncode == 0


def free_port_range(host: str = "127.0.0.1", size: int = 20) -> Tuple[int, int]:
    """``size`` consecutive ports nobody listens on, for a daemon's passive range: above Linux's
    ephemeral ports (32768–60999), where thousands of short connections leave no TIME_WAIT behind."""
    rng = random.Random()
    for _ in range(50):
        lo = rng.randrange(61000, 65535 - size)
        try:
            for port in range(lo, lo + size):
                with socket.socket() as s:
                    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                    s.bind((host, port))
        except OSError:
            continue
        return lo, lo + size - 1
    raise RuntimeError("no free range of passive ports")


NETNS_PORT = 21  # in a network namespace of its own, a daemon has every port to itself
NETNS_PASSIVE_RANGE = (50000, 50019)


def _spawn(
    name: str,
    argv_for: Callable[[int], list],
    host: str,
    netns: Optional[str] = None,
    greeting: bool = True,
    **fields,
) -> Daemon:
    """Start a daemon in the foreground (inside ``netns``, if given) and wait for its greeting.

    ``argv_for(port)`` gives the command line. A daemon that dies at once is started again on another
    port (three tries): between ``free_port`` and the daemon's bind another process may take the port.
    """
    tries = 1 if netns is not None else 3
    while True:
        tries -= 1
        port = NETNS_PORT if netns else free_port(host)
        argv = argv_for(port)
        if netns is not None:
            argv = ["ip", "netns", "exec", netns, *argv]
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            wait_for_port(host, port, proc, netns=netns, greeting=greeting)
        except DaemonExited:
            proc.stderr.close()
            if tries == 0:
                raise
            continue
        except BaseException:
            proc.kill()
            proc.wait(10)
            proc.stderr.close()
            raise
        return Daemon(name, host, port, process=proc, **fields)


def unpacked(daemon: str) -> Tuple[Optional[Path], str]:
    """The daemon's binary, fetched and unpacked on first use; (None, why) when that is impossible."""
    packages, binary, version_args = UNPACKED[daemon]
    target = CACHE / daemon
    path = target / binary
    if not path.exists():
        if os.geteuid() != 0:
            return None, f"{daemon} runs as root in these tests (it switches to the ftp user)"
        if not shutil.which("apt-get") or not shutil.which("dpkg"):
            return None, f"{daemon} is fetched with apt-get download and dpkg -x, which are not here"
        CACHE.mkdir(parents=True, exist_ok=True)
        with open(CACHE / ".lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # one fetch at a time, also across test processes
            if not path.exists():
                why = _fetch(packages, target)
                if why:
                    return None, why
    run = subprocess.run([str(path), *version_args], capture_output=True, text=True, timeout=30)
    if "error while loading shared libraries" in run.stderr:
        return None, f"{daemon} cannot start: {run.stderr.strip()} (see the library list in .ci/run)"
    return path, ""


def _fetch(packages: Tuple[str, ...], target: Path) -> str:
    """``apt-get download`` and ``dpkg -x`` into ``target``; an error message, or "" when it worked."""
    work = target.with_name(target.name + ".download")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    os.chmod(work, 0o777)  # apt's download user (_apt) writes here
    download = ["apt-get", "download", "-q", *packages]
    run = subprocess.run(download, cwd=work, capture_output=True, text=True, timeout=600)
    if run.returncode != 0:  # the package lists may be missing (a fresh container): update once
        subprocess.run(["apt-get", "update", "-qq"], capture_output=True, timeout=600)
        run = subprocess.run(download, cwd=work, capture_output=True, text=True, timeout=600)
        if run.returncode != 0:
            return f"apt-get download {' '.join(packages)} failed: {run.stderr.strip()[-300:]}"
    tmp = target.with_name(target.name + ".unpacking")
    shutil.rmtree(tmp, ignore_errors=True)
    for deb in sorted(work.glob("*.deb")):
        subprocess.run(["dpkg", "-x", str(deb), str(tmp)], check=True, timeout=120)
    shutil.rmtree(work)
    os.replace(tmp, target)  # complete, or not there at all
    return ""


def _writable_pub(base: Path) -> Tuple[Path, Path]:
    """``base/root`` (root's, not writable: some daemons refuse a writable chroot) and ``root/pub`` (ftp's)."""
    root = base / "root"
    pub = root / "pub"
    pub.mkdir(parents=True)
    os.chmod(root, 0o755)
    os.chmod(base, 0o755)
    ftp = pwd.getpwnam("ftp")
    os.chown(pub, ftp.pw_uid, ftp.pw_gid)
    return root, pub


def vsftpd_usable() -> bool:
    return VSFTPD is not None and os.geteuid() == 0 and _has_user("ftp")


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def start_vsftpd(base: Path, host: str = "127.0.0.1", extra: str = "", netns: Optional[str] = None) -> Daemon:
    """vsftpd with anonymous read/write in ``base/root/pub`` (vsftpd refuses a writable chroot root)."""
    root, pub = _writable_pub(base)
    conf = base / "vsftpd.conf"
    os.makedirs("/var/run/vsftpd/empty", exist_ok=True)

    def argv_for(port: int) -> list:
        conf.write_text(_vsftpd_conf(base, root, host, port, extra))
        return [VSFTPD, str(conf)]

    greeting = "implicit_ssl=YES" not in extra  # implicit TLS does not greet in clear
    return _spawn("vsftpd", argv_for, host, netns, greeting, writable=pub, remote_dir="/pub", log=base / "vsftpd.log")


def _vsftpd_conf(base: Path, root: Path, host: str, port: int, extra: str) -> str:
    return (
        "\n".join(
            [
                "listen=YES",
                "listen_ipv6=NO",
                f"listen_address={host}",
                f"listen_port={port}",
                "background=NO",
                "anonymous_enable=YES",
                "no_anon_password=YES",
                f"anon_root={root}",
                "write_enable=YES",
                "anon_upload_enable=YES",
                "anon_mkdir_write_enable=YES",
                "anon_other_write_enable=YES",
                "anon_umask=022",
                "local_enable=NO",
                "pasv_enable=YES",
                "port_enable=YES",
                "seccomp_sandbox=NO",
                "isolate=NO",
                "isolate_network=NO",
                "xferlog_enable=YES",
                "log_ftp_protocol=YES",
                f"vsftpd_log_file={base / 'vsftpd.log'}",
                "secure_chroot_dir=/var/run/vsftpd/empty",
                "use_localtime=NO",
                "ftpd_banner=vsftpd for ftpgui tests",
                extra,
            ]
        )
        + "\n"
    )


PURE_USER, PURE_PASSWORD = "ftpgui", "pure-pässword:1"


def start_pure_ftpd(base: Path, host: str = "127.0.0.1", extra: Tuple[str, ...] = ()) -> Daemon:
    """pure-ftpd with a virtual user (a PureDB file) chrooted to ``base/root``, writing in ``/pub``; ``extra``:
    more of its command-line options."""
    binary, why = unpacked("pure-ftpd")
    if binary is None:
        raise RuntimeError(why)
    root, pub = _writable_pub(base)
    pure_pw = binary.parent.parent / "bin" / "pure-pw"
    files = ["-d", str(root), "-f", str(base / "pureftpd.passwd"), "-F", str(base / "pureftpd.pdb"), "-m"]
    subprocess.run(
        [str(pure_pw), "useradd", PURE_USER, "-u", "ftp", "-g", str(pwd.getpwnam("ftp").pw_gid), *files],
        input=f"{PURE_PASSWORD}\n{PURE_PASSWORD}\n",
        text=True,
        capture_output=True,
        check=True,
        timeout=60,
    )
    lo, hi = free_port_range(host)
    options = ["--login", f"puredb:{base / 'pureftpd.pdb'}", "--noanonymous", "--chrooteveryone", "--dontresolve"]
    options += ["--minuid", "1", "--altlog", f"clf:{base / 'transfer.log'}", "--passiveportrange", f"{lo}:{hi}"]
    options += extra
    return _spawn(
        "pure-ftpd",
        lambda port: [str(binary), "--bind", f"{host},{port}", *options],
        host,
        writable=pub,
        remote_dir="/pub",
        log=base / "transfer.log",
        user=PURE_USER,
        password=PURE_PASSWORD,
    )


def start_proftpd(
    base: Path, host: str = "127.0.0.1", extra: str = "", netns: Optional[str] = None, store_restart: bool = True
) -> Daemon:
    """proftpd with anonymous read/write in ``/pub`` of an ``<Anonymous>`` root, in the foreground;
    ``extra`` is added to the server's configuration. ``store_restart=False``: as stock proftpd (its default
    AllowStoreRestart off), a resumed upload's STOR after REST, and APPE, are refused with 451."""
    binary, why = unpacked("proftpd")
    if binary is None:
        raise RuntimeError(why)
    # proftpd checks the anonymous root as the ftp user, who cannot pass pytest's private (0700) folders
    shared = Path(tempfile.mkdtemp(prefix="ftpgui-proftpd-"))
    os.chmod(shared, 0o755)
    root, pub = _writable_pub(shared)
    lo, hi = NETNS_PASSIVE_RANGE if netns else free_port_range(host)
    group = grp.getgrgid(pwd.getpwnam("ftp").pw_gid).gr_name
    conf = base / "proftpd.conf"

    def argv_for(port: int) -> list:
        conf.write_text(
            f"""ServerType standalone
ServerName "proftpd for ftpgui tests"
Port {port}
DefaultAddress {host}
SocketBindTight on
UseIPv6 off
User nobody
Group {group}
PassivePorts {lo} {hi}
ScoreboardFile {base / "scoreboard"}
PidFile {base / "proftpd.pid"}
DelayTable none
WtmpLog off
UseReverseDNS off
SystemLog {base / "proftpd.log"}
TransferLog {base / "transfer.log"}
AllowStoreRestart {"on" if store_restart else "off"}
AllowRetrieveRestart on
Umask 022
{extra}
<IfModule mod_auth_pam.c>
  AuthPAM off
</IfModule>
<Anonymous {root}>
  User ftp
  Group {group}
  UserAlias anonymous ftp
  RequireValidShell off
  AllowOverwrite on
  <Limit WRITE>
    AllowAll
  </Limit>
</Anonymous>
"""
        )
        return [str(binary), "--nodaemon", "--quiet", "--config", str(conf)]

    try:
        return _spawn(
            "proftpd",
            argv_for,
            host,
            netns,
            writable=pub,
            remote_dir="/pub",
            log=base / "transfer.log",
            remove=shared,
        )
    except BaseException:
        shutil.rmtree(shared, ignore_errors=True)
        raise


def vsftpd_tls(pem: Path, *, implicit: bool = False, reuse: bool = True) -> str:
    """vsftpd configuration lines for FTPS with ``pem`` (key and certificate chain): TLS required for
    the anonymous login and its data, the data connections' TLS session reused as the control's."""
    return "\n".join(
        [
            "ssl_enable=YES",
            f"rsa_cert_file={pem}",
            f"rsa_private_key_file={pem}",
            "allow_anon_ssl=YES",
            "force_anon_logins_ssl=YES",
            "force_anon_data_ssl=YES",
            f"require_ssl_reuse={'YES' if reuse else 'NO'}",
            "ssl_ciphers=HIGH",
            "strict_ssl_read_eof=YES",
            f"implicit_ssl={'YES' if implicit else 'NO'}",
        ]
    )
