"""`make run`'s start-up path: ``pustaka start`` on an empty PUSTAKA_HOME migrates,
loads the demo district, prints the logins, serves, and stops cleanly on Ctrl-C."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

# A bound on a hang, not a timing: on PostgreSQL the migrations and the demo
# district (645 members registered through the services...) take 40 s on a
# quiet 2-core machine and more than 90 s under CI's load.
STARTUP_SECONDS = 240


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def children_of(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/status")
    return status.exists() and "State:\tZ" not in status.read_text()


def wait_for_page(url: str, process: subprocess.Popen) -> str:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"pustaka start exited early with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode()
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"nothing served at {url} after {STARTUP_SECONDS}s")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_start_on_empty_home_serves_demo_and_stops_on_ctrl_c(tmp_path):
    port = free_port()
    env = {**os.environ, "PUSTAKA_HOME": str(tmp_path), "PORT": str(port), "LOG_LEVEL": "ERROR"}
    env.pop("DATABASE_URL", None)
    log = (tmp_path / "start.log").open("w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "pustaka.cli", "start"], env=env, stdout=log, stderr=log
    )
    try:
        home = wait_for_page(f"http://127.0.0.1:{port}/", process)
        library = wait_for_page(f"http://127.0.0.1:{port}/perpustakaan/DS01/", process)
        children = children_of(process.pid)
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    log.seek(0)
    output = log.read()

    assert "Kutai Kartanegara" in home
    assert "Perpustakaan Desa Rebaq Rinding" in library
    assert (tmp_path / "pustaka.sqlite3").exists()
    assert "admin        demo-pustaka-2026" in output
    assert len(children) == 3, "gunicorn, the task worker and the scheduler run side by side"
    assert not [pid for pid in children if is_alive(pid)], "Ctrl-C stops all three"
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2)
