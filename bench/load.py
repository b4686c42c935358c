"""`make load`: gunicorn with production settings on 127.0.0.1, driven by locust (headless) with 50
concurrent clients for a bounded time; prints requests per second, p50/p95/p99 and errors, and fails
on any error or 5xx.

Uses DATABASE_URL and REDIS_URL when set; otherwise the benchmark's SQLite database
(bench/bench-<SCALE>.sqlite3, made by `make bench`)."""

import csv
import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("LOAD_PORT", 8765))
USERS = int(os.environ.get("LOAD_USERS", 50))
DURATION = os.environ.get("LOAD_TIME", "30s")


def main() -> int:
    scale = os.environ.get("SCALE", "10000")
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SETTINGS_MODULE": "ev4scc.settings",
        # All simulated clients come from 127.0.0.1: the per-address API throttle would answer 429
        # to most of them, which measures the throttle, not the platform.
        "API_THROTTLE_ANON": "100000/minute",
    }
    env.setdefault("REDIS_URL", "memory://")  # production settings require it (issue 16)
    env.setdefault("EMAIL_URL", "memorymail://")
    env.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'bench' / f'bench-{scale}.sqlite3'}")
    if (
        env["DATABASE_URL"].startswith("sqlite")
        and not Path(env["DATABASE_URL"].removeprefix("sqlite://")).exists()
    ):
        print(f"no benchmark database: run `make bench SCALE={scale}` first", file=sys.stderr)
        return 2
    python = str(ROOT / ".venv" / "bin" / "python")
    subprocess.run([python, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "ev4scc.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "4",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(60):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=2)  # noqa: S310
                break
            except OSError:
                time.sleep(0.5)
        out = Path(tempfile.mkdtemp()) / "load"
        subprocess.run(
            [
                str(ROOT / ".venv" / "bin" / "locust"),
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "--headless",
                "-u",
                str(USERS),
                "-r",
                str(USERS),
                "-t",
                DURATION,
                "--host",
                f"http://127.0.0.1:{PORT}",
                "--csv",
                str(out),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env=env,
            check=False,
        )
        return report(out)
    finally:
        server.terminate()
        server.wait(timeout=30)


def report(out: Path) -> int:
    with open(f"{out}_stats.csv") as handle:
        rows = list(csv.DictReader(handle))
    with open(f"{out}_failures.csv") as handle:
        failures = list(csv.DictReader(handle))
    total = next(row for row in rows if row["Name"] == "Aggregated")
    print(f"\n{'endpoint':32} {'requests':>8} {'fails':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
    for row in rows:
        print(
            f"{row['Name'][:32]:32} {row['Request Count']:>8} {row['Failure Count']:>6} {row['50%']:>7} "
            f"{row['95%']:>7} {row['99%']:>7}"
        )
    print(
        f"\n{USERS} clients for {DURATION}: {float(total['Requests/s']):.1f} requests/s, "
        f"{total['Failure Count']} errors"
    )
    for failure in failures:
        print(
            f"  failure: {failure['Method']} {failure['Name']}: {failure['Error']} x{failure['Occurrences']}"
        )
    return 1 if int(total["Failure Count"]) else 0


if __name__ == "__main__":
    sys.exit(main())
