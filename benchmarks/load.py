"""`kohtaanto bench load`: many logged-in people at once on the production server.

A scratch PostgreSQL database (on the server of `--database-url`) gets the demo data; the
production application server (gunicorn, the production settings, `--workers` workers) serves
it on a free port of 127.0.0.1. `--users` simulated people of mixed roles log in through the
login form and then, each in a loop with a think time, use the pages their role uses:

- coaches: the caseload, a case file, saving a story (recognition), a participant's
  suggestions (matching);
- participants: their home, their path, their suggestions;
- coordinators: an import check (a 20-row CSV uploaded and checked: parsing, recognition of
  every row, the preview), the home page;
- employers and mentors: their home pages.

Every person also requests the bare view (`/healthz`, a view that touches neither the database
nor a template; before it exists, the login page) now and then, so the baseline is measured on
the same server, under the same load, in the same run. The result is p50/p95/p99 per page,
errors, requests per second, and each page's p95 as a multiple of the bare view's p95.
Target (issue 18): every page's p95 at most 3 × the bare view's, 0 errors. `logged_in` pools
every logged-in request, the figure the issue's probe reported against the login page
(`--roles coach --think 0:0` repeats the probe: 50 coach sessions without a pause).

Bounded: the run stops at `--duration` seconds; every request has a timeout; only 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import random
import statistics
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from benchmarks import live

TARGET_RATIO = 3.0
LOGIN_LABEL = "login page"
"""The second baseline: the login page as an anonymous visitor opens it — the baseline the
issue's probe measured against ("730 ms for the login page in the same run")."""

# (role, usernames used in turn, share of the simulated people)
ROLES: tuple[tuple[str, tuple[str, ...], float], ...] = (
    ("coach", ("coach",), 0.40),
    ("participant", ("participant",), 0.24),
    ("coordinator", ("coordinator",), 0.12),
    ("employer", ("employer", "employer2", "employer3"), 0.12),
    ("mentor", ("mentor",), 0.12),
)


def role_counts(
    users: int, roles: tuple[str, ...] | None = None
) -> list[tuple[str, tuple[str, ...], int]]:
    """How many of `users` (at least one per role) have each of `roles` (default: every role):
    one each, and the rest by the roles' shares among those chosen (largest remainder)."""
    chosen = [row for row in ROLES if roles is None or row[0] in roles]
    unknown = sorted(set(roles or ()) - {role for role, _n, _s in ROLES})
    if unknown or not chosen:
        known = ", ".join(role for role, _n, _s in ROLES)
        raise click.BadParameter(
            f"unknown role {', '.join(unknown) or '(none)'}; the roles are {known}",
            param_hint="--roles",
        )
    if users < len(chosen):
        raise click.BadParameter(
            f"at least {len(chosen)} users, one per role", param_hint="--users"
        )
    rest = users - len(chosen)
    total = sum(share for _role, _names, share in chosen)
    raw = [share / total * rest for _role, _names, share in chosen]
    extra = [int(x) for x in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - extra[i], reverse=True)
    for i in order[: rest - sum(extra)]:
        extra[i] += 1
    return [(role, names, 1 + extra[i]) for i, (role, names, _s) in enumerate(chosen)]


def import_csv(rows: int, seed: int) -> bytes:
    titles = ("Varastotyöntekijä", "Siivooja", "Kokki", "Asiakaspalvelija", "Trukinkuljettaja")
    lines = ["external_id,title,description,kind,municipality"]
    for i in range(rows):
        title = titles[(i + seed) % len(titles)]
        lines.append(
            f"LOAD-{seed}-{i},{title},"
            f'"Tehtäviin kuuluu {title.lower()}n työt, trukin ajaminen ja Excel.",työpaikka,Vantaa'
        )
    return ("\n".join(lines) + "\n").encode()


def percentile(ordered: list[float], p: float) -> float:
    """Nearest rank: the smallest sample with at least p % of the samples at or below it."""
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


@dataclass
class Results:
    samples: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def record(self, label: str, started: float, ok: bool, what: str = "") -> None:
        self.samples[label].append((time.perf_counter() - started) * 1000)
        if not ok:
            self.errors[label].append(what)

    def summary(
        self, seconds: float, bare_label: str, login_label: str = LOGIN_LABEL
    ) -> dict[str, Any]:
        pages: dict[str, Any] = {}
        for label, values in sorted(self.samples.items()):
            ordered = sorted(values)
            pages[label] = {
                "requests": len(ordered),
                "errors": len(self.errors.get(label, [])),
                "p50_ms": round(statistics.median(ordered), 1),
                "p95_ms": round(percentile(ordered, 95), 1),
                "p99_ms": round(percentile(ordered, 99), 1),
            }
        baselines = (bare_label, login_label)
        bare = pages.get(bare_label, {}).get("p95_ms") or float("nan")
        login = pages.get(login_label, {}).get("p95_ms")
        for row in pages.values():
            row["p95_vs_bare"] = round(row["p95_ms"] / bare, 2) if bare else None
            if login:
                row["p95_vs_login"] = round(row["p95_ms"] / login, 2)
        total = sum(len(v) for v in self.samples.values())
        logged_in = [row for label, row in pages.items() if label not in baselines]
        # Every logged-in request together: the figure the issue's probe reported ("50
        # logged-in coach sessions, p95 2,563 ms against 730 ms for the login page").
        pooled = sorted(
            v for label, vs in self.samples.items() if label not in baselines for v in vs
        )
        pooled_row: dict[str, Any] = {}
        if pooled:
            pooled_row = {
                "requests": len(pooled),
                "p50_ms": round(statistics.median(pooled), 1),
                "p95_ms": round(percentile(pooled, 95), 1),
                "p99_ms": round(percentile(pooled, 99), 1),
            }
            if bare == bare:  # not NaN
                pooled_row["p95_vs_bare"] = round(pooled_row["p95_ms"] / bare, 2)
            if login:
                pooled_row["p95_vs_login"] = round(pooled_row["p95_ms"] / login, 2)
        worst = max((row["p95_vs_bare"] for row in logged_in), default=0.0)
        errors = sum(len(v) for v in self.errors.values())
        summary: dict[str, Any] = {
            "pages": pages,
            "requests": total,
            "requests_per_second": round(total / seconds, 1) if seconds else None,
            "errors": errors,
            "error_examples": {k: v[:3] for k, v in self.errors.items() if v},
            "logged_in": pooled_row,
            "worst_p95_vs_bare": worst,
            "target_p95_vs_bare": TARGET_RATIO,
            "target_met": bool(worst <= TARGET_RATIO and errors == 0),
        }
        if login:
            worst_login = max((row["p95_vs_login"] for row in logged_in), default=0.0)
            summary["worst_p95_vs_login"] = worst_login
            summary["target_met_vs_login"] = bool(worst_login <= TARGET_RATIO and errors == 0)
            if pooled_row:
                summary["logged_in_target_met_vs_login"] = bool(
                    pooled_row["p95_vs_login"] <= TARGET_RATIO and errors == 0
                )
        return summary


class Person:
    def __init__(
        self,
        browser: live.Browser,
        role: str,
        rng: random.Random,
        results: Results,
        bare: str,
        anonymous: Any = None,
    ) -> None:
        self.browser, self.role, self.rng, self.results, self.bare = (
            browser,
            role,
            rng,
            results,
            bare,
        )
        self.anonymous = anonymous  # an httpx client without anyone's session
        self.case_files: list[int] = []
        self.imports = 0

    async def timed(self, label: str, path: str, *, post: dict[str, str] | None = None) -> Any:
        started = time.perf_counter()
        try:
            if post is None:
                response = await self.browser.get(path)
            else:
                response = await self.browser.post(path, post)
        except Exception as exc:  # a timeout or a refused connection is an error of the run
            self.results.record(label, started, False, f"{type(exc).__name__}")
            return None
        ok = response.status_code in {200, 302}
        self.results.record(label, started, ok, f"{response.status_code} {path}")
        return response if ok else None

    async def step(self) -> None:
        chance = self.rng.random()
        if chance < 0.12:
            if chance < 0.06 or self.anonymous is None:
                await self.timed("bare view", self.bare)
            else:
                await self.login_page()
            return
        await getattr(self, f"as_{self.role}")()

    async def login_page(self) -> None:
        """The login page as someone not logged in opens it (no session cookie)."""
        started = time.perf_counter()
        try:
            response = await self.anonymous.get(
                self.browser.base + "/login/", headers=live.PROXY_HEADERS
            )
        except Exception as exc:
            self.results.record(LOGIN_LABEL, started, False, type(exc).__name__)
            return
        ok = response.status_code == 200 and 'name="username"' in response.text
        self.results.record(LOGIN_LABEL, started, ok, str(response.status_code))

    async def as_coach(self) -> None:
        choice = self.rng.random()
        if not self.case_files or choice < 0.25:
            page = await self.timed("coach: caseload", "/caseload/")
            if page is not None:
                self.case_files = live.participant_ids(page.text)[:20] or self.case_files
            return
        pid = self.rng.choice(self.case_files)
        if choice < 0.55:
            await self.timed("coach: case file", f"/participants/{pid}/")
        elif choice < 0.75:
            await self.timed("coach: suggestions", f"/matches/participants/{pid}/")
        else:
            await self.save_story(pid)

    async def save_story(self, pid: int) -> None:
        # Reading the page first is what a coach does; only the save is timed as "story".
        page = await self.browser.get(f"/participants/{pid}/story/")
        try:
            form = live.form_with(page.text, "story")
        except LookupError:
            self.results.errors["coach: story saved"].append("no story form")
            return
        words = ("trukki", "Excel", "inventaario", "yövuoro", "kuoro", "asiakaspalvelu")
        text = (form["fields"].get("story") or "").strip()
        extra = f" Olen tehnyt myös {self.rng.choice(words)}-töitä."
        started = time.perf_counter()
        try:
            response = await self.browser.submit(
                f"/participants/{pid}/story/", form, story=(text + extra)[-4000:]
            )
        except Exception as exc:
            self.results.record("coach: story saved", started, False, type(exc).__name__)
            return
        self.results.record(
            "coach: story saved",
            started,
            response.status_code in {200, 302},
            f"{response.status_code}",
        )

    async def as_participant(self) -> None:
        path, label = self.rng.choice(
            (("/", "participant: home"), ("/my/path/", "participant: my path")),
        )
        if self.rng.random() < 0.4:
            path, label = "/matches/my/", "participant: suggestions"
        await self.timed(label, path)

    async def as_coordinator(self) -> None:
        if self.rng.random() < 0.5:
            await self.timed("coordinator: home", "/")
            return
        page = await self.browser.get("/opportunities/import/")
        try:
            form = live.form_with(page.text, "organisation")
        except LookupError:
            self.results.errors["coordinator: import check"].append("no import form")
            return
        self.imports += 1
        fields = {**form["fields"], "target": "opportunities", "file_format": "csv"}
        origin = "https://" + self.browser.base.split("://", 1)[1]
        headers = self.browser._headers({"Referer": origin + "/opportunities/import/"})
        files = {"file": ("load.csv", import_csv(20, self.imports), "text/csv")}
        started = time.perf_counter()
        try:
            response = await self.browser.client.post(
                self.browser.base + "/opportunities/import/",
                data=fields,
                files=files,
                headers=headers,
            )
        except Exception as exc:
            self.results.record("coordinator: import check", started, False, type(exc).__name__)
            return
        ok = response.status_code == 200 and 'id="import-summary"' in response.text
        self.results.record("coordinator: import check", started, ok, str(response.status_code))

    async def as_employer(self) -> None:
        await self.timed("employer: home", "/")

    async def as_mentor(self) -> None:
        await self.timed("mentor: home", "/")


async def _run(
    base: str,
    password: str,
    counts: list[tuple[str, tuple[str, ...], int]],
    duration: float,
    seed: int,
    bare: str,
    think: tuple[float, float],
) -> tuple[Results, float, int]:
    import httpx

    results = Results()
    users = sum(n for _r, _u, n in counts)
    limits = httpx.Limits(max_connections=users + 5, max_keepalive_connections=users + 5)
    async with (
        httpx.AsyncClient(timeout=60.0, limits=limits, follow_redirects=False) as client,
        httpx.AsyncClient(timeout=60.0, limits=limits, follow_redirects=False) as anonymous,
    ):
        people: list[Person] = []
        rng = random.Random(seed)
        for role, names, count in counts:
            for i in range(count):
                browser = live.Browser(client, base, password)
                await browser.log_in(names[i % len(names)])
                people.append(
                    Person(browser, role, random.Random(rng.random()), results, bare, anonymous)
                )
        deadline = time.monotonic() + duration

        async def loop(person: Person) -> None:
            # Start spread over the first think time, as people do not all click at once.
            await asyncio.sleep(person.rng.uniform(0, think[1]))
            while time.monotonic() < deadline:
                await person.step()
                await asyncio.sleep(person.rng.uniform(*think))

        started = time.monotonic()
        await asyncio.gather(*(loop(p) for p in people))
        return results, time.monotonic() - started, len(people)


@click.command()
@click.option("--users", default=50, show_default=True, help="Simulated people logged in.")
@click.option("--duration", default=300.0, show_default=True, help="Seconds of traffic.")
@click.option("--workers", default=4, show_default=True, help="Application server workers.")
@click.option(
    "--think",
    default="1.0:3.0",
    show_default=True,
    help="Think time between a person's requests, seconds MIN:MAX.",
)
@click.option(
    "--roles",
    default="",
    help="Only these roles, comma-separated (e.g. 'coach' for the issue's probe: 50 coach "
    "sessions); default every role by its share.",
)
@click.option("--seed", default=18, show_default=True)
@click.option(
    "--database-url",
    default=lambda: (
        os.environ.get("BENCH_ADMIN_DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/postgres"
    ),
    show_default="postgres://postgres@127.0.0.1:5432/postgres",
    help="A PostgreSQL server where a scratch database may be created and dropped.",
)
def command(
    users: int, duration: float, workers: int, think: str, roles: str, seed: int, database_url: str
) -> None:
    """Logged-in people of mixed roles on the production server: p50/p95/p99 per page vs a
    bare view on the same server in the same run."""
    low, high = (float(x) for x in think.split(":"))
    chosen = tuple(r.strip() for r in roles.split(",") if r.strip()) or None
    counts = role_counts(users, chosen)  # refuses unknown roles before any setup
    setup_started = time.perf_counter()
    with live.scratch_dir() as folder, live.scratch_database(database_url, "bench_load") as url:
        data_dir = Path(folder)
        live.load_demo(url, data_dir, commands=live.DEMO_COMMANDS)
        password = live.set_passwords(url, data_dir, tuple(n for _r, ns, _s in ROLES for n in ns))
        port = live.free_port()
        env = live.production_env(url, data_dir, port)
        live.collect_static(env)
        setup_seconds = time.perf_counter() - setup_started
        with live.gunicorn(env, port, workers, data_dir / "server.log") as server:
            bare = "/healthz" if _answers(server.url, "/healthz") else "/login/"
            results, seconds, people = asyncio.run(
                _run(server.url, password, counts, duration, seed, bare, (low, high))
            )
    summary = results.summary(seconds, "bare view")
    print(
        json.dumps(
            {
                "benchmark": "load",
                "server": f"gunicorn, {workers} workers, production settings, PostgreSQL",
                "users": people,
                "roles": {role: n for role, _names, n in counts},
                "duration_s": round(seconds, 1),
                "think_time_s": [low, high],
                "bare_view": bare,
                "setup_s": round(setup_seconds, 1),
                "cpu_count": os.cpu_count(),
                **summary,
            },
            indent=2,
            ensure_ascii=False,
        )
    )


def _answers(base: str, path: str) -> bool:
    import httpx

    try:
        return httpx.get(base + path, headers=live.PROXY_HEADERS, timeout=5).status_code == 200
    except httpx.HTTPError:
        return False
