"""Real FTP daemons started by test fixtures, on 127.0.0.1 and a free port, stopped afterwards."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

VSFTPD = shutil.which("vsftpd") or ("/usr/sbin/vsftpd" if os.path.exists("/usr/sbin/vsftpd") else None)


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

    def put_file(self, name: str, data: bytes) -> Path:
        """A file in the writable folder, owned by the daemon's anonymous user (so it may overwrite it)."""
        path = self.writable / name
        path.write_bytes(data)
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


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def wait_for_port(
    host: str, port: int, process: subprocess.Popen, seconds: float = 15, *, greeting: bool = True
) -> None:
    """Wait until the daemon accepts (and, with ``greeting``, greets: implicit TLS does not greet in clear)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the daemon exited with {process.returncode}: {process.stderr.read()[:500]!r}")
        try:
            with socket.create_connection((host, port), timeout=1) as s:
                if greeting:
                    s.recv(100)
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"the daemon did not listen on {host}:{port} within {seconds} s")


def vsftpd_usable() -> bool:
    return VSFTPD is not None and os.geteuid() == 0 and _has_user("ftp")


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def start_vsftpd(base: Path, host: str = "127.0.0.1", extra: str = "") -> Daemon:
    """vsftpd with anonymous read/write in ``base/root/pub`` (vsftpd refuses a writable chroot root)."""
    root = base / "root"
    pub = root / "pub"
    pub.mkdir(parents=True)
    os.chmod(root, 0o755)
    ftp = pwd.getpwnam("ftp")
    os.chown(pub, ftp.pw_uid, ftp.pw_gid)
    os.chmod(base, 0o755)
    port = free_port(host)
    conf = base / "vsftpd.conf"
    conf.write_text(
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
    os.makedirs("/var/run/vsftpd/empty", exist_ok=True)
    proc = subprocess.Popen([VSFTPD, str(conf)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for_port(host, port, proc, greeting="implicit_ssl=YES" not in extra)
    except BaseException:
        proc.kill()
        proc.wait(10)
        raise
    return Daemon("vsftpd", host, port, pub, "/pub", proc, base / "vsftpd.log")


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
