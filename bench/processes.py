"""What the server benchmarks share: running a manage.py command of the project in a prepared environment,
serving it with gunicorn on a free port, and measuring in a process of its own."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def manage(*args: str, env: dict[str, str]) -> str:
    """`manage.py <args>` with `env`; its output, or RuntimeError with the end of its errors."""
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def port_free() -> int:
    """A loopback port nobody listens on (another `make run` may hold any fixed one, and would then be
    measured instead)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn_serving(
    *, port: int, env: dict[str, str], workers: int = 2, ready_path: str = "/ping"
) -> Iterator[subprocess.Popen]:
    """The project served by gunicorn on `port` with `env`, from the moment it answers `ready_path` (any HTTP
    status: /healthz answers 503 without a Celery worker) until the block ends, when it and its workers stop.
    RuntimeError if it exits first (the port was taken: never measure whatever answers there) or never
    answers."""
    process = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "ewtp.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--worker-class", "sync", "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    try:
        _answering(process, f"http://127.0.0.1:{port}{ready_path}")
        yield process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def _answering(process: subprocess.Popen, url: str) -> None:
    for _ in range(100):
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited ({process.returncode}); is the port of {url} free?")
        try:
            urllib.request.urlopen(url, timeout=1)  # noqa: S310 - our own server, on loopback
            return
        except urllib.error.HTTPError:
            return  # it answers: it is up
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def measure_in_own_process(module: str) -> dict:
    """`module`'s measure_all() run by a fresh interpreter, so that the settings it sets up (production, its
    own database) stay its own; the JSON it prints, or RuntimeError with the end of its errors."""
    out = subprocess.run(
        [PYTHON, "-c", f"from {module} import measure_all; import json; print(json.dumps(measure_all()))"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode:
        raise RuntimeError(out.stderr[-4000:])
    return json.loads(out.stdout.strip().splitlines()[-1])
