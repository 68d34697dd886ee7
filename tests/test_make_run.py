"""make run's own Redis: one per checkout, never another checkout's (scripts/lib.sh)."""

import shutil
import subprocess
from pathlib import Path

import pytest
import redis

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server")


def bash(script: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", "-c", f"set -euo pipefail; source scripts/lib.sh; {script}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_make_run_starts_a_redis_of_its_own_and_refuses_a_second_on_the_same_files(tmp_path):
    first = bash(f"start_own_redis {tmp_path}")
    try:
        assert first.returncode == 0, first.stderr
        url = first.stdout.strip()
        assert redis.Redis.from_url(url).ping()
        assert (tmp_path / "redis.pid").exists()

        second = bash(f"start_own_redis {tmp_path}")
        assert second.returncode != 0
        assert second.stderr.strip().splitlines() == [
            f"Error: a Redis (pid {(tmp_path / 'redis.pid').read_text().strip()}) already serves "
            f"{tmp_path}: is make run already running in this checkout? Stop it first."
        ]
    finally:
        bash(f"stop_redis {tmp_path}")
