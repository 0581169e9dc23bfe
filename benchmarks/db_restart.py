"""`kohtaanto bench db-restart`: the database restarts while coaches are saving their work.

The benchmark starts a PostgreSQL cluster of its own (initdb + pg_ctl from the machine's
PostgreSQL, on a spare port of 127.0.0.1, in a temporary folder), loads the demo data into it,
and starts the production application server (gunicorn, production settings) against it.
Coaches then save session notes through the case file's form in a bounded loop until
`--writes` were acknowledged or `--max-seconds` passed (`--writers` at a time). After
`--restart-after` acknowledged writes the cluster is stopped (fast shutdown), kept down for
`--outage` seconds and started again, while the writes go on.

It prints:
- acknowledged writes lost: writes the server answered as saved (the redirect after the save)
  whose note is not in the database at the end (target 0);
- what people saw while the database was away: each answer that was not a save, by status,
  whether it was the translated "try again in a moment" page with `Retry-After`, and whether
  any showed a stack trace (target: every such answer is that page, never a trace);
- seconds from the database being back until the next acknowledged write (target ≤ 10 s),
  and the whole time without a successful write.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import itertools
import json
import os
import shutil
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from benchmarks import live

TARGET_RECOVERY_S = 10.0
TRY_AGAIN_FI = "hetken"  # the Finnish "try again in a moment" page says "… hetken kuluttua"

DEMO = (
    ("manage", "migrate", "--noinput"),
    ("manage", "load_demo"),
    ("cli", "taxonomy", "import", "starter", "--name", "starter"),
    ("manage", "load_demo_journeys"),
)


def postgres_bin() -> Path:
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (candidate / "initdb").exists() and (candidate / "pg_ctl").exists():
            return candidate
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    raise click.ClickException("PostgreSQL's initdb and pg_ctl were not found")


class Cluster:
    """A throw-away PostgreSQL cluster (trust authentication, 127.0.0.1 only)."""

    def __init__(self, folder: Path, port: int) -> None:
        self.bin = postgres_bin()
        self.data = folder / "pgdata"
        self.port = port
        self.folder = folder
        self.as_user: list[str] = []
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            self.as_user = ["runuser", "-u", "postgres", "--"]
            shutil.chown(folder, "postgres")
            folder.parent.chmod(0o711)  # the temporary folder above it: let postgres through

    def _run(self, *argv: str, timeout: float = 60) -> None:
        done = subprocess.run(
            [*self.as_user, *argv], capture_output=True, text=True, timeout=timeout, check=False
        )
        if done.returncode != 0:
            raise click.ClickException(f"{argv[0]} failed: {done.stderr[-1500:]}")

    def init(self) -> None:
        self._run(
            str(self.bin / "initdb"),
            "-D",
            str(self.data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "--no-sync",
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=on"
        self._run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.folder / "postgres.log"),
            "-w",
            "start",
        )

    def stop(self) -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"


@contextlib.contextmanager
def cluster(folder: Path) -> Iterator[Cluster]:
    pg = Cluster(folder, live.free_port())
    pg.init()
    pg.start()
    try:
        yield pg
    finally:
        with contextlib.suppress(click.ClickException, subprocess.TimeoutExpired):
            pg.stop()


class Writes:
    def __init__(self) -> None:
        self.acknowledged: list[tuple[str, float]] = []
        self.failed: list[tuple[float, int, bool, bool, bool]] = []

    def last_ack_before(self, t: float) -> float | None:
        times = [at for _m, at in self.acknowledged if at <= t]
        return max(times) if times else None

    def first_ack_after(self, t: float) -> float | None:
        times = [at for _m, at in self.acknowledged if at >= t]
        return min(times) if times else None


async def _writer(
    browser: live.Browser,
    case_files: list[int],
    numbers: Iterator[int],
    writes: Writes,
    total: int,
    deadline: float,
) -> None:
    """Save session notes until `total` were acknowledged (by all writers) or the deadline."""
    today = dt.date.today().isoformat()
    while len(writes.acknowledged) < total and time.monotonic() < deadline:
        number = next(numbers)
        pid = case_files[number % len(case_files)]
        marker = f"BENCH-RESTART-{number:05d}"
        path = f"/participants/{pid}/plan/"
        try:
            page = await browser.get(path)
            form = live.form_with(page.text, "form", "session")
            response = await browser.submit(
                path, form, date=today, done_together=marker, next_steps="-"
            )
        except LookupError:
            writes.failed.append((time.monotonic(), page.status_code, *_looks(page)))
            await asyncio.sleep(0.2)
            continue
        except Exception:  # a refused connection or a timeout: nothing acknowledged
            writes.failed.append((time.monotonic(), 0, False, False, False))
            await asyncio.sleep(0.2)
            continue
        if response.status_code == 302:
            writes.acknowledged.append((marker, time.monotonic()))
        else:
            writes.failed.append((time.monotonic(), response.status_code, *_looks(response)))
            await asyncio.sleep(0.2)


def _looks(response: Any) -> tuple[bool, bool, bool]:
    """(the translated try-again page, Retry-After sent, a stack trace shown)"""
    text = response.text
    translated = response.status_code == 503 and TRY_AGAIN_FI in text
    trace = "Traceback" in text or "OperationalError" in text or "psycopg" in text
    return translated, "retry-after" in response.headers, trace


async def _drive(
    base: str,
    password: str,
    pg: Cluster,
    writes_total: int,
    writers: int,
    restart_after: int,
    outage: float,
    max_seconds: float,
) -> dict[str, Any]:
    import httpx

    writes = Writes()
    async with httpx.AsyncClient(timeout=30.0) as client:
        browsers = []
        for _ in range(writers):
            browser = live.Browser(client, base, password)
            await browser.log_in("coach")
            browsers.append(browser)
        caseload = await browsers[0].get("/caseload/")
        case_files = live.participant_ids(caseload.text)
        if not case_files:
            raise click.ClickException("the demo coach has no case files")
        numbers = itertools.count()
        deadline = time.monotonic() + max_seconds
        tasks = [
            asyncio.create_task(_writer(b, case_files, numbers, writes, writes_total, deadline))
            for b in browsers
        ]
        while len(writes.acknowledged) < restart_after and not all(t.done() for t in tasks):
            await asyncio.sleep(0.05)
        down_at = time.monotonic()
        await asyncio.to_thread(pg.stop)
        await asyncio.sleep(outage)
        await asyncio.to_thread(pg.start)
        up_at = time.monotonic()
        await asyncio.gather(*tasks)
    return {"writes": writes, "down_at": down_at, "up_at": up_at}


def _lost(url: str, markers: list[str]) -> int:
    import psycopg

    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT done_together FROM journeys_session WHERE done_together LIKE 'BENCH-RESTART-%'"
        ).fetchall()
    stored = {r[0] for r in rows}
    return sum(1 for m in markers if m not in stored)


@click.command()
@click.option("--writes", "writes_total", default=300, show_default=True)
@click.option("--writers", default=4, show_default=True, help="Coaches saving at the same time.")
@click.option("--restart-after", default=100, show_default=True, help="Acknowledged writes.")
@click.option("--outage", default=3.0, show_default=True, help="Seconds the database is down.")
@click.option("--workers", default=2, show_default=True, help="Application server workers.")
@click.option(
    "--max-seconds",
    default=120.0,
    show_default=True,
    help="The loop stops here even if not every write was acknowledged.",
)
def command(
    writes_total: int,
    writers: int,
    restart_after: int,
    outage: float,
    workers: int,
    max_seconds: float,
) -> None:
    """Acknowledged writes lost, what people saw, and recovery time over a PostgreSQL restart."""
    with live.scratch_dir() as folder:
        root = Path(folder)
        pg_folder = root / "pg"
        pg_folder.mkdir()
        with cluster(pg_folder) as pg:
            import psycopg

            with psycopg.connect(pg.url, autocommit=True) as conn:
                conn.execute("CREATE DATABASE kohtaanto")
            url = live.with_database(pg.url, "kohtaanto")
            data_dir = root / "data"
            data_dir.mkdir()
            live.load_demo(url, data_dir, commands=DEMO)
            password = live.set_passwords(url, data_dir, ("coach",))
            port = live.free_port()
            env = live.production_env(url, data_dir, port)
            live.collect_static(env)
            with live.gunicorn(env, port, workers, data_dir / "server.log") as server:
                run = asyncio.run(
                    _drive(
                        server.url,
                        password,
                        pg,
                        writes_total,
                        writers,
                        restart_after,
                        outage,
                        max_seconds,
                    )
                )
            writes: Writes = run["writes"]
            lost = _lost(url, [m for m, _t in writes.acknowledged])
    seen = Counter(status for _t, status, *_rest in writes.failed)
    during = [f for f in writes.failed if f[0] >= run["down_at"]]
    first_after = writes.first_ack_after(run["up_at"])
    last_before = writes.last_ack_before(run["down_at"])
    recovery = None if first_after is None else round(first_after - run["up_at"], 2)
    print(
        json.dumps(
            {
                "benchmark": "db-restart",
                "server": f"gunicorn, {workers} workers, production settings, own PostgreSQL",
                "writes_attempted": len(writes.acknowledged) + len(writes.failed),
                "acknowledged_writes": len(writes.acknowledged),
                "acknowledged_writes_lost": lost,
                "outage_s": outage,
                "answers_not_saved": dict(sorted((str(k), v) for k, v in seen.items())),
                "answers_during_outage": len(during),
                "translated_try_again_pages": sum(1 for f in during if f[2]),
                "with_retry_after": sum(1 for f in during if f[3]),
                "stack_traces_shown": sum(1 for f in writes.failed if f[4]),
                "connection_errors": seen.get(0, 0),
                "recovery_s_after_database_back": recovery,
                "without_a_write_s": None
                if first_after is None or last_before is None
                else round(first_after - last_before, 2),
                "target_recovery_s": TARGET_RECOVERY_S,
                "target_met": bool(
                    lost == 0
                    and recovery is not None
                    and recovery <= TARGET_RECOVERY_S
                    and all(f[2] and f[3] and not f[4] for f in writes.failed)
                ),
            },
            indent=2,
        )
    )
