"""Runs wrk against one URL with bench/wrk.lua and reads the JSON line its done() prints."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

SCRIPT = Path(__file__).with_name("wrk.lua")
THREADS = 2
CONNECTIONS = 32
# Longer than any page takes here: a request wrk gives up on stays queued in gunicorn, and wrk would
# send another in its place, so a slow page would pile up work for the pages measured after it.
TIMEOUT_SECONDS = 60


@dataclass
class Measure:
    requests: int
    seconds: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    socket_errors: int
    statuses: dict[str, int]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def failures(self) -> int:
        """Responses that were not 2xx or 3xx, and requests that never got an answer."""
        return self.socket_errors + sum(n for code, n in self.statuses.items() if int(code) >= 400)


def combine(slices: list[Measure]) -> Measure:
    """Several short runs as one: requests and time add up; p50 and p90 are the request-weighted mean
    of the slices' (an approximation), p99 and the maximum the worst slice's (on the safe side)."""
    total = sum(m.requests for m in slices) or 1
    statuses: dict[str, int] = {}
    for measure in slices:
        for code, count in measure.statuses.items():
            statuses[code] = statuses.get(code, 0) + count
    return Measure(
        requests=sum(m.requests for m in slices),
        seconds=sum(m.seconds for m in slices),
        p50_ms=sum(m.p50_ms * m.requests for m in slices) / total,
        p90_ms=sum(m.p90_ms * m.requests for m in slices) / total,
        p99_ms=max(m.p99_ms for m in slices),
        max_ms=max(m.max_ms for m in slices),
        socket_errors=sum(m.socket_errors for m in slices),
        statuses=statuses,
    )


def wrk_binary() -> str:
    found = shutil.which("wrk")
    if found is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk (make bench does this).")
    return found


def run(
    base_url: str,
    path: str,
    *,
    seconds: int,
    mode: str = "pages",
    lines: Path | None = None,
    connections: int = CONNECTIONS,
) -> Measure:
    command = [
        wrk_binary(),
        f"-t{THREADS}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        f"{TIMEOUT_SECONDS}s",
        "-s",
        str(SCRIPT),
        base_url + path,
        "--",
        mode,
        path,
        str(lines or ""),
        str(THREADS),
        base_url.replace("http://", "https://"),
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next((raw for raw in output.splitlines() if raw.startswith("BENCH ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no result for {path}:\n{output}")
    data = json.loads(line.removeprefix("BENCH "))
    return Measure(
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        p50_ms=data["p50_us"] / 1e3,
        p90_ms=data["p90_us"] / 1e3,
        p99_ms=data["p99_us"] / 1e3,
        max_ms=data["max_us"] / 1e3,
        socket_errors=data["socket_errors"],
        statuses={str(k): v for k, v in data["statuses"].items()},
    )
