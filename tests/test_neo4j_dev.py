"""scripts/neo4j-dev on a shared, busy machine: it trusts only a private state dir, deletes only
what it created, records the server's own pid, and a failed start leaves no process behind.

The lifecycle test runs with every core kept busy, the condition under which the old script
took a wrapper's pid for the server's and misreported starts."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from neo4j import GraphDatabase

from tests.neo4j_support import ROOT, free_port, unavailable

NEO4J_DEV = ROOT / "scripts" / "neo4j-dev"
MAIN = "quzhou.neo4j.Launcher"


def dev(state: Path, command: str, timeout: float = 240, **env) -> subprocess.CompletedProcess:
    full = {**os.environ, "NEO4J_DEV_STATE": str(state), **env}
    return subprocess.run([str(NEO4J_DEV), command], env=full, capture_output=True, text=True, timeout=timeout)


def launchers_for(state: Path, *, wrappers: bool = False) -> list[int]:
    """Pids of launcher JVMs started for this state dir (their --pid-file lies in it); with
    `wrappers`, also the `setsid` processes around them."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            args = (proc / "cmdline").read_bytes().split(b"\0")
            comm = (proc / "comm").read_text().strip()
        except OSError:
            continue
        if MAIN.encode() in args and str(state / "neo4j.pid").encode() in args and (wrappers or comm == "java"):
            found.append(int(proc.name))
    return found


# -- the state dir: private or refused ---------------------------------------------------------------

@pytest.mark.parametrize("command", ["stop", "status", "env", "restart"])
def test_a_state_dir_open_to_others_is_refused(tmp_path, command):
    state = tmp_path / "state"
    state.mkdir()
    state.chmod(0o777)
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "precious.txt").write_text("keep me", encoding="utf-8")
    (state / "datadir").write_text(f"{victim}\n", encoding="utf-8")  # planted by someone else
    (victim / ".created-by-neo4j-dev").write_text("", encoding="utf-8")  # even with a forged marker
    proc = dev(state, command, timeout=60)
    assert proc.returncode != 0 and "open to other users" in proc.stderr and "refusing" in proc.stderr
    assert (victim / "precious.txt").read_text(encoding="utf-8") == "keep me"


def test_a_symlinked_state_dir_is_refused(tmp_path):
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    link = tmp_path / "link"
    link.symlink_to(real)
    proc = dev(link, "stop", timeout=60)
    assert proc.returncode != 0 and "symlink" in proc.stderr


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give a directory to another user")
def test_a_state_dir_of_another_user_is_refused(tmp_path):
    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    os.chown(state, 65534, 65534)
    proc = dev(state, "stop", timeout=60)
    assert proc.returncode != 0 and "not to you" in proc.stderr


def test_a_planted_password_link_receives_nothing(tmp_path):
    """A world-writable state dir with a `password` symlink: start refuses before writing anything."""
    if not (shutil.which("java") and shutil.which("mvn")):
        unavailable("java or mvn missing")
    state = tmp_path / "state"
    state.mkdir()
    state.chmod(0o1777)
    target = tmp_path / "stolen"
    (state / "password").symlink_to(target)
    proc = dev(state, "start", timeout=60, NEO4J_PASSWORD="pw-" + uuid.uuid4().hex,
               NEO4J_DEV_PORT=str(free_port()))
    assert proc.returncode != 0 and "refusing" in proc.stderr
    assert not target.exists() and launchers_for(state) == []


def test_a_new_state_dir_is_created_private(tmp_path):
    if not (shutil.which("java") and shutil.which("mvn")):
        unavailable("java or mvn missing")
    state = tmp_path / "fresh" / "state"
    with socket.socket() as busy:  # start stops at the busy port, right after making the dir
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        proc = dev(state, "start", timeout=60, NEO4J_DEV_PORT=str(busy.getsockname()[1]))
    assert proc.returncode != 0 and "already in use" in proc.stderr, proc.stderr
    assert (state.stat().st_mode & 0o777) == 0o700 and state.stat().st_uid == os.getuid()


def test_stop_deletes_no_data_dir_it_did_not_create(tmp_path):
    """A private state dir that names a data dir without the marker (a NEO4J_DEV_DATA dir, or a
    path written there by hand): stop keeps it."""
    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    mine = tmp_path / "my-data"
    mine.mkdir()
    (mine / "graph.db").write_text("data", encoding="utf-8")
    (state / "datadir").write_text(f"{mine}\n", encoding="utf-8")
    proc = dev(state, "stop", timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert (mine / "graph.db").exists()


# -- start, restart, stop under CPU load ------------------------------------------------------------

@contextmanager
def cpu_load(n: int | None = None):
    """Keep `n` cores (default: all) busy for the duration; the loops end by their own pids."""
    loops = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(n or os.cpu_count() or 2)]
    try:
        yield
    finally:
        for p in loops:
            p.kill()
            p.wait()


def count_probes(port: int, password: str) -> int:
    with GraphDatabase.driver(f"bolt://127.0.0.1:{port}", auth=("neo4j", password)) as d:
        records, _, _ = d.execute_query("MATCH (p:DevScriptProbe) RETURN count(p) AS n")
        return records[0]["n"]


def launcher_pid(state: Path) -> int:
    pid = int((state / "neo4j.pid").read_text().strip())
    args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    assert MAIN.encode() in args  # the JVM itself, not a shell or wrapper around it
    assert Path(f"/proc/{pid}/exe").resolve().name == "java"
    return pid


@pytest.mark.neo4j
def test_start_restart_stop_under_cpu_load_keep_their_word(tmp_path):
    if not (shutil.which("java") and shutil.which("mvn")):
        unavailable("java or mvn missing: cannot run scripts/neo4j-dev")
    state, temp = tmp_path / "state", tmp_path / "tmp"
    temp.mkdir()
    port, password = free_port(), "pw-" + uuid.uuid4().hex
    env = {"NEO4J_DEV_PORT": str(port), "NEO4J_PASSWORD": password, "TMPDIR": str(temp),
           "NEO4J_DEV_JAVA_OPTS": f"-XX:TieredStopAtLevel=1 {os.environ.get('NEO4J_DEV_JAVA_OPTS', '')}"}
    try:
        with cpu_load():
            started = dev(state, "start", **env)
            assert started.returncode == 0, started.stderr
            pid = launcher_pid(state)
            (data,) = temp.iterdir()  # the temp data dir start made
            assert dev(state, "status", **env).returncode == 0
            with GraphDatabase.driver(f"bolt://127.0.0.1:{port}", auth=("neo4j", password)) as d:
                d.execute_query("CREATE (:DevScriptProbe {n: 1})")

            restarted = dev(state, "restart", **env)
            assert restarted.returncode == 0, restarted.stderr
            new_pid = launcher_pid(state)
            assert new_pid != pid and not Path(f"/proc/{pid}").exists()
            assert count_probes(port, password) == 1  # restart keeps the data

            again = dev(state, "start", **env)  # a second start finds it running and touches nothing
            assert again.returncode == 0 and "already running" in again.stdout, again.stderr
            assert launcher_pid(state) == new_pid and count_probes(port, password) == 1

            stopped = dev(state, "stop", **env)
            assert stopped.returncode == 0, stopped.stderr
            assert not Path(f"/proc/{new_pid}").exists() and launchers_for(state) == []
            assert not data.exists() and list(temp.iterdir()) == []  # its own temp dir, removed

            # A start that fails (here: not ready within 1 s) stops what it launched.
            failed = dev(state, "start", **env, NEO4J_DEV_TIMEOUT="1")
            assert failed.returncode != 0 and "stopped it" in failed.stderr, failed.stderr
            assert launchers_for(state, wrappers=True) == [] and list(temp.iterdir()) == []
            assert not (state / "neo4j.pid").exists()
    finally:
        dev(state, "stop", **env)
        for pid in launchers_for(state, wrappers=True):  # only if something above failed half-way
            os.kill(pid, 9)
