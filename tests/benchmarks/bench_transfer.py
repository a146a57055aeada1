"""Benchmarks against a local vsftpd: ftpgui-cli vs curl and a local cp (not collected by pytest).

    sudo python tests/benchmarks/bench_transfer.py [--rounds 5] [--size-mib 1024] [--no-readme]

Every command is timed as a whole process (start-up included), the sides alternated (A B C, C B A, …)
so a slow moment of a shared machine hits each side alike, and medians with the spread (min–max) are
printed, with ratios to ftpgui-cli. Unless ``--no-readme``, the README's performance table (between the
``bench:start``/``bench:end`` markers) is rewritten with the results.

Cases: a SIZE-MiB download and upload (ftpgui-cli vs ``curl`` vs ``cp`` of the same file, all on the same
disk and page cache; the download also vs ``loopback_floor.py``, the same bytes through a loopback TCP
connection with no FTP). Trees of small files are ``bench_tree.py``'s (every connection count, both directions,
against lftp), which rewrites its own part of the README. Needs root (vsftpd) and curl.
"""

from __future__ import annotations

import argparse
import atexit
import os
import platform
import pwd
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE.parent))

from daemons import Daemon, start_vsftpd, vsftpd_usable  # noqa: E402

START, END = "<!-- bench:start -->", "<!-- bench:end -->"


@dataclass
class Side:
    """One way of doing the job: ``prepare`` (untimed) then ``argv`` (timed)."""

    name: str
    argv: Sequence[str]
    prepare: Callable[[], None] = lambda: None
    check: Callable[[], None] = lambda: None
    times: List[float] = field(default_factory=list)
    client_cpu: List[float] = field(default_factory=list)  # the command's own CPU seconds (user + system)
    client_system: List[float] = field(default_factory=list)  # of which in the kernel (system)
    server_cpu: List[float] = field(default_factory=list)  # vsftpd's, when a cpuacct cgroup could be made


@dataclass
class Case:
    title: str
    sides: List[Side]


class ServerCpu:
    """vsftpd's CPU time, all its processes, read from a cpuacct cgroup of its own (cgroup v1, as root);
    ``read()`` is None where none could be made."""

    def __init__(self, pid: int):
        self.path: Optional[Path] = Path(f"/sys/fs/cgroup/cpuacct/ftpgui-bench-{os.getpid()}")
        try:
            self.path.mkdir()
            (self.path / "cgroup.procs").write_text(str(pid))
        except OSError:
            self.path = None

    def read(self) -> Optional[float]:
        if self.path is None:
            return None
        time.sleep(0.2)  # the session's processes have ended and been counted
        return int((self.path / "cpuacct.usage").read_text()) / 1e9

    def remove(self) -> None:
        if self.path is not None:
            try:
                self.path.rmdir()
            except OSError:
                pass


_pycache: Optional[str] = None  # (``compiled_env``) this run's bytecode folder, once compiled


def compiled_env(**extra: str) -> Dict[str, str]:
    """The environment timed commands run in: the checkout on the path and its bytecode compiled, as an
    installed program's is, into a folder of this run. (With PYTHONDONTWRITEBYTECODE set, as it may be in a
    developer's shell, a module edited since its .pyc was written is compiled again by every run, and that
    counted as start-up.)"""
    global _pycache
    env = dict(os.environ, PYTHONPATH=str(REPO), **extra)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if _pycache is None:
        folder = tempfile.mkdtemp(prefix="ftpgui-bench-pyc-")
        atexit.register(shutil.rmtree, folder, True)
        env["PYTHONPYCACHEPREFIX"] = folder
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "ftpgui")], env=env, check=True)
        _pycache = folder
    env["PYTHONPYCACHEPREFIX"] = _pycache
    return env


def run_case(case: Case, rounds: int, server: Optional[ServerCpu] = None) -> None:
    """Alternate the sides: forwards in even rounds, backwards in odd ones."""
    print(f"\n{case.title}", flush=True)
    for r in range(rounds):
        order = case.sides if r % 2 == 0 else list(reversed(case.sides))
        for side in order:
            side.prepare()
            env = compiled_env()
            before = server.read() if server else None
            usage = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            done = subprocess.run(side.argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            if done.returncode:  # say what the command said: a benchmark's failure is a finding
                sys.stderr.write(done.stderr.decode("utf-8", "replace")[-4000:])
                raise SystemExit(f"{side.name} exited {done.returncode} in round {r + 1}: {side.argv}")
            side.times.append(time.perf_counter() - t0)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            side.client_cpu.append(after.ru_utime - usage.ru_utime + after.ru_stime - usage.ru_stime)
            side.client_system.append(after.ru_stime - usage.ru_stime)
            if before is not None and server is not None:
                side.server_cpu.append(server.read() - before)  # type: ignore[operator]
            side.check()
        print("  round", r + 1, "  ".join(f"{s.name}={s.times[-1]:.2f}s" for s in case.sides), flush=True)


def summary(case: Case) -> List[Dict[str, str]]:
    base = statistics.median(case.sides[0].times)
    rows = []
    for side in case.sides:
        med = statistics.median(side.times)
        rows.append(
            {
                "case": case.title,
                "side": side.name,
                "median": f"{med:.2f} s",
                "spread": f"{min(side.times):.2f}–{max(side.times):.2f} s",
                "ratio": f"{med / base:.2f}",
            }
        )
    return rows


def _remove(path: Path) -> Callable[[], None]:
    def remove() -> None:
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()

    return remove


def _same_size(path: Path, size: int) -> Callable[[], None]:
    def check() -> None:
        got = path.stat().st_size
        if got != size:
            raise SystemExit(f"{path} has {got} bytes, not {size}")

    return check


def _owned_by_ftp(path: Path) -> None:
    ftp = pwd.getpwnam("ftp")
    os.chown(path, ftp.pw_uid, ftp.pw_gid)


def make_file(path: Path, size: int) -> None:
    block = os.urandom(1 << 20)
    with open(path, "wb") as f:
        for _ in range(size >> 20):
            f.write(block)
    _owned_by_ftp(path)


def cases(d: Daemon, work: Path, size: int) -> List[Case]:
    url = f"ftp://{d.host}:{d.port}{d.remote_dir}"
    cli = [sys.executable, "-m", "ftpgui.cli"]
    big = d.writable / "big.bin"
    make_file(big, size)
    local_big = work / "local-big.bin"
    shutil.copyfile(big, local_big)
    out = work / "out"
    out.mkdir()
    mib = size >> 20

    def one_file(name: str, argv: List[str], dest: Path) -> Side:
        return Side(name, argv, prepare=_remove(dest), check=_same_size(dest, size))

    return [
        Case(
            f"download of {mib} MiB",
            [
                one_file("ftpgui-cli get", [*cli, "get", f"{url}/big.bin", str(out / "a.bin")], out / "a.bin"),
                one_file("curl -o", ["curl", "-s", "-S", "-o", str(out / "b.bin"), f"{url}/big.bin"], out / "b.bin"),
                one_file("cp", ["cp", str(big), str(out / "c.bin")], out / "c.bin"),
                one_file(
                    "loopback floor",
                    [sys.executable, str(HERE / "loopback_floor.py"), str(big), str(out / "d.bin")],
                    out / "d.bin",
                ),
            ],
        ),
        Case(
            f"upload of {mib} MiB",
            [
                one_file("ftpgui-cli put", [*cli, "put", str(local_big), f"{url}/up-a.bin"], d.writable / "up-a.bin"),
                one_file(
                    "curl -T", ["curl", "-s", "-S", "-T", str(local_big), f"{url}/up-b.bin"], d.writable / "up-b.bin"
                ),
                one_file("cp", ["cp", str(local_big), str(out / "up-c.bin")], out / "up-c.bin"),
            ],
        ),
    ]


def verdicts(all_cases: List[Case]) -> List[str]:
    med = {(c.title.split()[0], s.name.split()[0]): statistics.median(s.times) for c in all_cases for s in c.sides}
    lines = []
    if ("download", "cp") in med:
        dl, cp, curl = med[("download", "ftpgui-cli")], med[("download", "cp")], med[("download", "curl")]
        floor = med[("download", "loopback")]
        lines.append(
            f"download: ftpgui-cli / cp = {dl / cp:.2f} (target ≤ 1.10: {'met' if dl <= 1.1 * cp else 'MISSED'})"
        )
        lines.append(
            f"download: the loopback floor (sendfile → TCP → splice, no FTP) / cp = {floor / cp:.2f}; "
            f"ftpgui-cli / the floor = {dl / floor:.2f}"
        )
        lines.append(f"download: ftpgui-cli / curl = {dl / curl:.2f} (target < 1: {'met' if dl < curl else 'MISSED'})")
    if ("upload", "curl") in med:
        up, upcurl = med[("upload", "ftpgui-cli")], med[("upload", "curl")]
        lines.append(f"upload: ftpgui-cli / curl = {up / upcurl:.2f}")
    return lines


def table(all_cases: List[Case], rounds: int, notes: List[str]) -> str:
    load = os.getloadavg()
    head = [
        f"Measured {time.strftime('%Y-%m-%d', time.gmtime())} by `python tests/benchmarks/bench_transfer.py`: "
        f"a local vsftpd over loopback, {os.cpu_count()} CPU cores (load average {load[0]:.1f} at the end, "
        f"shared with other work, so the numbers are noisy), Python {platform.python_version()}. Whole "
        f"commands timed, start-up included; {rounds} alternated rounds; medians and the spread (min–max).",
        "",
        "| case | tool | median | spread | ratio to ftpgui-cli |",
        "|------|------|--------|--------|---------------------|",
    ]
    rows = [
        f"| {r['case']} | `{r['side']}` | {r['median']} | {r['spread']} | {r['ratio']} |"
        for c in all_cases
        for r in summary(c)
    ]
    return "\n".join([*head, *rows, "", *[f"- {n}" for n in notes]])


def update_readme(text: str, readme: Path = REPO / "README.md", markers: Tuple[str, str] = (START, END)) -> None:
    """Replace what lies between ``markers`` in ``readme`` (any file) with ``text``."""
    start, end = markers
    content = readme.read_text()
    if start not in content or end not in content:
        raise SystemExit(f"{readme} has no {start} … {end} markers")
    before, rest = content.split(start, 1)
    _, after = rest.split(end, 1)
    readme.write_text(f"{before}{start}\n{text}\n{end}{after}")


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5, help="alternated rounds per case (at least 5)")
    ap.add_argument("--size-mib", type=int, default=1024, help="size of the large file")
    ap.add_argument("--no-readme", action="store_true", help="print only; leave README.md alone")
    ap.add_argument("--only", choices=["download", "upload"], help="run one case (implies --no-readme)")
    args = ap.parse_args(argv)
    if args.rounds < 5:
        ap.error("--rounds must be at least 5")
    missing = [t for t in ("curl", "cp") if shutil.which(t) is None]
    if not vsftpd_usable() or missing:
        raise SystemExit(f"needs root, vsftpd and {', '.join(missing) or 'curl'}")
    work = Path(tempfile.mkdtemp(prefix="ftpgui-bench-"))
    os.chmod(work, 0o755)
    daemon = start_vsftpd(work / "vsftpd")
    server = ServerCpu(daemon.process.pid)
    try:
        all_cases = cases(daemon, work, args.size_mib << 20)
        if args.only:
            all_cases = [c for c in all_cases if c.title.split()[0].rstrip(":") == args.only]
        for case in all_cases:
            run_case(case, args.rounds, server)
    finally:
        daemon.stop()
        server.remove()
        shutil.rmtree(work, ignore_errors=True)
    notes = verdicts(all_cases)
    text = table(all_cases, args.rounds, notes)
    print("\n" + text)
    if not (args.no_readme or args.only):
        update_readme(text)
        print("\nREADME.md updated.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
