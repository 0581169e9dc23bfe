"""`kohtaanto bench roll-call`: server time of the attendance roll call of a 25-person group, as
its leader would open it on a phone, and of saving the 25 marks with the page's one POST.

The database is a fresh SQLite file in a temporary folder (or `DATABASE_URL`: use a scratch
one). The demo organisation and personas (`load_demo`) are loaded; the `mentor` persona gets a
group of `--members` participants of Polku ry (made for the benchmark) and a session today,
written through `kohtaanto.groups.services`. Then, in-process with Django's test client (server
time: URL routing, middleware, access checks, the audit events of reading the members, queries,
template rendering; no network):

- GET of the roll call page (`/groups/sessions/<id>/`), as the leader;
- POST of all marks, each time different from the saved ones (every row changes);
- POST of the same marks again (the idempotent re-send of the offline script);
- the baseline, in the same run: the anonymous login page.

Budget (issue 14): the page's median ≤ 100 ms.
"""

from __future__ import annotations

import io
import json
import os
import time
from contextlib import ExitStack
from typing import Any

import click

from benchmarks.caseload import _queries, setup_database
from benchmarks.runtime import peak_rss_mb
from benchmarks.web_home import _summary, _timings

BUDGET_MS = 100.0


def fill(members: int) -> tuple[Any, Any]:
    """(the leader, the session) of a group with `members` members."""
    import datetime as dt

    from django.core.management import call_command
    from django.utils import timezone

    from kohtaanto.core.models import Organisation, User
    from kohtaanto.groups import services
    from kohtaanto.people.models import Participant

    if not User.objects.filter(username="mentor").exists():
        call_command("load_demo", verbosity=0, stdout=io.StringIO())
    leader = User.objects.get(username="mentor")
    organisation = Organisation.objects.get(name="Polku ry")
    participants = Participant.objects.bulk_create(
        [
            Participant(
                organisation=organisation,
                first_name=f"Jäsen{n:02d}",
                last_name=f"Penkkiläinen{n:02d}",
            )
            for n in range(members)
        ]
    )
    group = services.create_group(
        organisation=organisation,
        by=leader,
        leaders=[leader],
        name="Lentopalloryhmä (benchmark)",
        kind="hobby",
        place="Liikuntahalli",
    )
    for participant in participants:
        services.invite(group, participant, by=leader)
        services.answer_invitation(group, participant, accept=True, by=None)
    # Started at the top of this hour: the roll call is open (it opens 30 minutes before).
    starts = timezone.now().replace(minute=0, second=0, microsecond=0)
    session = services.schedule_sessions(
        group,
        starts=starts,
        ends=starts + dt.timedelta(hours=2),
        by=leader,
        allow_overlap=True,
    )[0]
    return leader, session


def _post_timings(client: Any, path: str, forms: list[dict[str, str]], repeat: int) -> list[float]:
    samples = []
    for n in range(repeat):
        start = time.perf_counter()
        response = client.post(path, forms[n % len(forms)], HTTP_ACCEPT="application/json")
        samples.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise click.ClickException(f"POST {path} answered {response.status_code}")
    return samples


@click.command("roll-call")
@click.option("--members", default=25, show_default=True, help="Members of the group.")
@click.option("--repeat", default=50, show_default=True, help="Requests per measurement (≥ 30).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON only.")
def command(members: int, repeat: int, as_json: bool) -> None:
    """The roll call page and saving its marks, against the login page."""
    with ExitStack() as stack:
        database = setup_database(stack)
        leader, session = fill(members)
        from django.test import Client

        from kohtaanto.core.models import AuditEvent
        from kohtaanto.groups.models import Attendance, GroupMember

        page_path = f"/groups/sessions/{session.pk}/?lang=fi"
        post_path = f"/groups/sessions/{session.pk}/attendance/"
        baseline = _summary(_timings(Client(), "/login/", repeat))
        client = Client()
        client.force_login(leader)
        page = _summary(_timings(client, page_path, repeat))
        queries = _queries(client, page_path)
        before = AuditEvent.objects.count()
        client.get(page_path)
        audit_per_get = AuditEvent.objects.count() - before
        ids = list(
            GroupMember.objects.filter(group_id=session.group_id).values_list(
                "participant_id", flat=True
            )
        )
        present = {f"mark-{pid}": "present" for pid in ids}
        mixed = {
            f"mark-{pid}": ("absent" if n % 5 == 0 else "excused" if n % 7 == 0 else "present")
            for n, pid in enumerate(ids)
        }
        # Alternating two different sets: every POST changes every differing row.
        client.post(post_path, present, HTTP_ACCEPT="application/json")
        changing = _summary(_post_timings(client, post_path, [mixed, present], repeat))
        same = _summary(_post_timings(client, post_path, [present], repeat))
        saved = Attendance.objects.filter(session=session).count()
        page_median = page["median_ms"]
    result = {
        "database": database,
        "members": members,
        "repeat": repeat,
        "page": {"path": "/groups/sessions/<id>/", **page, "queries": queries},
        "audit_events_per_page_view": audit_per_get,
        "post_changed_marks": changing,
        "post_same_marks_again": same,
        "attendance_rows_saved": saved,
        "baseline": {"page": "anonymous /login/", **baseline},
        "ratio_median_vs_baseline": round(page_median / baseline["median_ms"], 2),
        "budget_ms": BUDGET_MS,
        "within_budget": page_median <= BUDGET_MS,
        "load_average_1min": round(os.getloadavg()[0], 2),
        "peak_rss_mb": peak_rss_mb(),
    }
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    click.echo(f"{database}, a group of {members}; baseline (login) {baseline['median_ms']} ms")
    click.echo(
        f"roll call page: median {page_median} ms, p95 {page['p95_ms']} ms, {queries} queries "
        f"(budget {BUDGET_MS} ms: {'ok' if result['within_budget'] else 'OVER'})"
    )
    click.echo(
        f"POST {members} marks: median {changing['median_ms']} ms (changed), "
        f"{same['median_ms']} ms (the same again)"
    )
