"""Fixtures of the fault tests: our own Redis, an SMTP sink and the processes a test starts.

Processes are stopped before pytest-django empties the database (the fixtures depend on it), so no
worker holds a lock or writes while the tables are truncated.
"""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

import pytest

from tests.support.processes import RedisServer, signal_group, stop, tail


@pytest.fixture
def redis_server(tmp_path):
    with RedisServer(tmp_path) as server:
        yield server


class Processes:
    """The processes one test started, each with its log file; all stopped at the end of the test."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.started: list[tuple[subprocess.Popen, Path]] = []

    def log(self, name: str) -> Path:
        return self.directory / f"{name}.log"

    def add(self, process: subprocess.Popen, log: Path) -> subprocess.Popen:
        self.started.append((process, log))
        return process

    def logs(self) -> str:
        return "\n".join(f"--- {log.name}\n{tail(log)}" for _process, log in self.started)

    def stop_all(self) -> None:
        for process, _log in self.started:
            signal_group(process, signal.SIGTERM)  # all at once: each then has its seconds to finish
        for process, _log in reversed(self.started):
            stop(process)


@pytest.fixture
def processes(transactional_db, tmp_path, request):
    started = Processes(tmp_path)
    yield started
    started.stop_all()
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        print(started.logs())


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.rep_call = report
    return report
