"""The load and database-restart benchmarks' parts that need no server: the form reader that
fills in forms as a browser would, the cookie keeping of the simulated browser, the role mix,
the percentiles and the summary's target. (A whole run needs a demo database, the production
server and minutes; it is run by hand, `kohtaanto bench load` / `db-restart`, and its JSON is
quoted in the issue notes.)"""

from __future__ import annotations

import asyncio
import concurrent.futures
from typing import Any

import click
import pytest

from benchmarks import live
from benchmarks.db_restart import Writes, _looks
from benchmarks.load import Results, import_csv, percentile, role_counts


def _run(coroutine: Any) -> Any:
    """Run a coroutine in a thread of its own: in the browser-test pass Playwright's event loop
    already runs in this thread, and asyncio.run refuses to start a second one there."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


PAGE = """
<form method="post" action="/i18n/setlang/"><input type="hidden" name="csrfmiddlewaretoken"
 value="lang"><input type="hidden" name="next" value="/x/"></form>
<form method="post">
  <input type="hidden" name="csrfmiddlewaretoken" value="tok">
  <input type="hidden" name="form" value="session">
  <select name="kind"><option value="meeting">Tapaaminen</option>
    <option value="phone" selected>Puhelu</option></select>
  <select name="lang"><option value="fi">suomi</option><option value="sv">svenska</option></select>
  <input type="date" name="date" value="">
  <input type="checkbox" name="remote" value="yes">
  <input type="checkbox" name="together" value="yes" checked>
  <input type="radio" name="mood" value="1"><input type="radio" name="mood" value="2" checked>
  <textarea name="done_together">Kävimme &amp; teimme</textarea>
  <input type="submit" name="save" value="Tallenna">
</form>
<a href="/participants/12/">A</a> <a href="/participants/7/">B</a>
<a href="/participants/12/">A again</a> <a href="/participants/3/story/">story</a>
"""


def test_forms_are_read_as_a_browser_sends_them() -> None:
    forms = live.page_forms(PAGE)
    assert [f["action"] for f in forms] == ["/i18n/setlang/", ""]
    form = live.form_with(PAGE, "form", "session")
    assert form["fields"] == {
        "csrfmiddlewaretoken": "tok",
        "form": "session",
        "kind": "phone",  # the selected option
        "lang": "fi",  # no option selected: the first
        "date": "",
        "together": "yes",  # only checked boxes are sent
        "mood": "2",
        "done_together": "Kävimme & teimme",
    }
    # The first form with a CSRF token is the language switcher, not the one looked for.
    assert live.form_with(PAGE, "csrfmiddlewaretoken")["action"] == "/i18n/setlang/"
    with pytest.raises(LookupError):
        live.form_with(PAGE, "form", "outcome")


def test_case_file_links_in_order_without_repeats() -> None:
    assert live.participant_ids(PAGE) == [12, 7]


class _Response:
    def __init__(self, status: int, cookies: list[str], text: str = "") -> None:
        self.status_code = status
        self.text = text
        self.headers = _Headers(cookies)


class _Headers(dict[str, Any]):
    def __init__(self, cookies: list[str]) -> None:
        super().__init__()
        self._cookies = cookies

    def get_list(self, name: str) -> list[str]:
        return self._cookies if name == "set-cookie" else []


class _Client:
    def __init__(self, answers: list[_Response]) -> None:
        self.answers = answers
        self.sent: list[dict[str, Any]] = []

    async def get(self, url: str, headers: dict[str, str]) -> _Response:
        self.sent.append({"url": url, "headers": headers})
        return self.answers.pop(0)

    async def post(self, url: str, data: dict[str, str], headers: dict[str, str]) -> _Response:
        self.sent.append({"url": url, "data": data, "headers": headers})
        return self.answers.pop(0)


def test_the_browser_keeps_secure_cookies_and_logs_in_through_the_form() -> None:
    login_page = (
        '<form action="/i18n/setlang/"><input name="csrfmiddlewaretoken" value="a"></form>'
        '<form method="post" action="/login/"><input name="csrfmiddlewaretoken" value="b">'
        '<input name="username"><input type="password" name="password"></form>'
    )
    client = _Client(
        [
            _Response(200, ["csrftoken=c1; Path=/; Secure; SameSite=Lax"], login_page),
            _Response(302, ["sessionid=s1; HttpOnly; Path=/; Secure", "csrftoken=c2; Secure"]),
        ]
    )
    browser = live.Browser(client, "http://127.0.0.1:9", "pw")
    _run(browser.log_in("coach"))
    post = client.sent[1]
    assert post["url"] == "http://127.0.0.1:9/login/"
    assert post["data"] == {"csrfmiddlewaretoken": "b", "username": "coach", "password": "pw"}
    # Seen by the server as HTTPS behind a proxy; the Secure cookie goes back; Origin matches.
    assert post["headers"]["X-Forwarded-Proto"] == "https"
    assert post["headers"]["Cookie"] == "csrftoken=c1"
    assert post["headers"]["Origin"] == "https://127.0.0.1:9"
    assert browser.cookies == {"csrftoken": "c2", "sessionid": "s1"}


def test_a_refused_login_is_an_error() -> None:
    page = '<form method="post" action="/login/"><input name="username"></form>'
    client = _Client([_Response(200, [], page), _Response(200, [], page)])
    browser = live.Browser(client, "http://127.0.0.1:9", "wrong")
    with pytest.raises(Exception, match="could not log in"):
        _run(browser.log_in("coach"))


@pytest.mark.parametrize("users", [5, 6, 13, 50, 51])
def test_every_role_is_there_and_the_count_is_exact(users: int) -> None:
    counts = role_counts(users)
    assert sum(n for _r, _u, n in counts) == users
    assert all(n >= 1 for _r, _u, n in counts)
    assert {r: n for r, _u, n in role_counts(50)}["coach"] == 19  # 1 + 40 % of 45, rounded
    with pytest.raises(click.BadParameter):
        role_counts(4)


def test_percentiles_are_nearest_rank() -> None:
    ordered = [float(x) for x in range(1, 101)]
    assert percentile(ordered, 50) == 50
    assert percentile(ordered, 95) == 95
    assert percentile(ordered, 99) == 99
    assert percentile([7.0], 95) == 7.0


def test_the_summary_compares_every_page_with_the_bare_view() -> None:
    results = Results()
    results.samples["bare view"] = [10.0] * 20
    results.samples["coach: caseload"] = [20.0] * 19 + [29.0]
    summary = results.summary(10.0, "bare view")
    assert summary["pages"]["coach: caseload"]["p95_vs_bare"] == 2.0
    assert summary["requests"] == 40 and summary["requests_per_second"] == 4.0
    assert summary["target_met"] is True
    results.samples["participant: home"] = [31.0] * 20
    assert results.summary(10.0, "bare view")["target_met"] is False
    results.samples.pop("participant: home")
    results.errors["coach: caseload"].append("500 /caseload/")
    assert results.summary(10.0, "bare view")["target_met"] is False


def test_the_summary_also_compares_with_the_login_page() -> None:
    """The login page is a second baseline (the probe's), never a logged-in page itself."""
    results = Results()
    results.samples["bare view"] = [5.0] * 20
    results.samples["login page"] = [10.0] * 20
    results.samples["coach: caseload"] = [25.0] * 20
    summary = results.summary(10.0, "bare view")
    assert summary["pages"]["coach: caseload"]["p95_vs_login"] == 2.5
    assert summary["worst_p95_vs_bare"] == 5.0 and summary["worst_p95_vs_login"] == 2.5
    assert summary["target_met"] is False and summary["target_met_vs_login"] is True
    assert "worst_p95_vs_login" not in Results().summary(1.0, "bare view")


def test_the_import_file_has_the_rows_asked_for() -> None:
    lines = import_csv(20, 3).decode().splitlines()
    assert lines[0] == "external_id,title,description,kind,municipality"
    assert len(lines) == 21 and len({line.split(",")[0] for line in lines[1:]}) == 20


def test_what_people_saw_during_the_outage() -> None:
    page = _Response(503, [], "<h1>Yritä hetken kuluttua uudelleen</h1>")
    page.headers["retry-after"] = "5"
    assert _looks(page) == (True, True, False)
    assert _looks(_Response(500, [], "Traceback (most recent call last)")) == (False, False, True)
    writes = Writes()
    writes.acknowledged = [("a", 1.0), ("b", 5.0), ("c", 9.0)]
    assert writes.last_ack_before(6.0) == 5.0
    assert writes.first_ack_after(6.0) == 9.0
    assert writes.first_ack_after(10.0) is None


def test_a_form_is_sent_where_a_browser_sends_it() -> None:
    client = _Client([_Response(302, []), _Response(302, []), _Response(302, [])])
    browser = live.Browser(client, "http://127.0.0.1:9", "pw")
    page = "/participants/4/story/"
    for action in ("#language-check", "", "../plan/"):
        _run(browser.submit(page, {"action": action, "fields": {"a": "1"}}))
    assert [sent["url"] for sent in client.sent] == [
        "http://127.0.0.1:9/participants/4/story/",
        "http://127.0.0.1:9/participants/4/story/",
        "http://127.0.0.1:9/participants/4/plan/",
    ]


def test_only_the_roles_asked_for() -> None:
    """`--roles coach` is the issue's probe: every simulated person a coach."""
    assert role_counts(50, ("coach",)) == [("coach", ("coach",), 50)]
    counts = {r: n for r, _u, n in role_counts(10, ("coach", "mentor"))}
    assert sum(counts.values()) == 10 and counts["coach"] > counts["mentor"] >= 1
    with pytest.raises(click.BadParameter, match="unknown role nurse"):
        role_counts(50, ("nurse",))
    with pytest.raises(click.BadParameter):
        role_counts(1, ("coach", "mentor"))


def test_the_summary_pools_every_logged_in_request() -> None:
    """The probe's figure: the p95 of all logged-in requests together against the login page;
    the baselines are not in the pool."""
    results = Results()
    results.samples["bare view"] = [1.0] * 20
    results.samples["login page"] = [10.0] * 20
    results.samples["coach: caseload"] = [20.0] * 50
    results.samples["coach: story saved"] = [40.0] * 50
    pooled = results.summary(10.0, "bare view")["logged_in"]
    assert pooled["requests"] == 100
    assert pooled["p50_ms"] == 30.0 and pooled["p95_ms"] == 40.0
    assert pooled["p95_vs_login"] == 4.0 and pooled["p95_vs_bare"] == 40.0
    results.samples["coach: caseload"] = [20.0] * 960
    summary = results.summary(10.0, "bare view")
    assert summary["logged_in"]["p95_ms"] == 20.0
    assert summary["logged_in_target_met_vs_login"] is True
    assert summary["target_met_vs_login"] is False  # the worst page alone is 4 ×
