"""Demo data of the groups area: eight hobby and learning groups of Polku ry in the five demo
towns (Feeniks), each with leaders, a weekly schedule from three weeks ago to seven weeks ahead
(past sessions with attendance recorded at each session's end, one coming session cancelled;
no sessions on Finnish public holidays nor in the Christmas week 24.12–1.1), members from
Polku ry's demo participants (the `participant` persona in two groups), one full group with a
waiting list (filled up with the journeys demo's active participants when `load_demo_journeys`
ran before), materials and interim tasks.

Needs KOHTAANTO_DEMO=1; runs after `load_demo` (organisation, personas, participants) and
`load_demo_mentoring` (the volunteers `vapaaehtoinen-01`…`-29` with their towns: two of the
group's town lead each group, one with the `mentor` persona in Sulkapallo; without them the
`mentor` persona leads every group).
Idempotent: a group found by its name in Polku ry is left as it is, so running the command
again changes nothing. Everything is written through
`kohtaanto.groups.services`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from kohtaanto.core.models import Membership, Organisation, User
from kohtaanto.groups import services
from kohtaanto.groups.access import LEADER_ROLES
from kohtaanto.groups.enums import GroupKind
from kohtaanto.groups.models import Group, GroupSession
from kohtaanto.mentoring.models import VolunteerProfile
from kohtaanto.people.enums import ParticipantStatus
from kohtaanto.people.models import Participant

ORGANISATION = "Polku ry"
PERSONA = ("Pekka", "Osallistuja")
WEEKS_BACK = 3
SESSIONS = 10


@dataclass(frozen=True)
class DemoGroup:
    name: str
    kind: str
    town: str
    place: str
    weekday: int  # Monday 0
    start: tuple[int, int]
    minutes: int
    description: str
    town_code: str  # municipality code; "" for a group that meets online
    members: tuple[tuple[str, str], ...]
    with_mentor: bool = False
    capacity: int | None = None
    online_link: str = ""
    language: str = "fi"
    waiting: tuple[tuple[str, str], ...] = ()
    volunteers: int = 2  # volunteer leaders from the mentoring demo's pool
    fill: bool = False  # fill the places (and the waiting list) with other active participants


AINO, MATTI, LEENA = ("Aino", "Laaksonen"), ("Matti", "Heikkinen"), ("Leena", "Nieminen")
JUHANI, BIRGITTA = ("Juhani", "Mäkelä"), ("Birgitta", "Lindholm")
AHMED, TUULA = ("Ahmed", "Hassan"), ("Tuula", "Koskinen")

GROUPS = (
    DemoGroup(
        name="Kiipeilyryhmä Lahti",
        town_code="398",
        kind=GroupKind.HOBBY,
        town="Lahti",
        place="Kiipeilykeskus, Lahti",
        weekday=1,
        start=(17, 0),
        minutes=120,
        description="Kiipeilemme yhdessä ja opimme perusasiat turvallisesti. "
        "Aiempaa kokemusta ei tarvita. Kengät ja valjaat saa lainaan.",
        members=(AINO, MATTI, AHMED),
        capacity=10,
    ),
    DemoGroup(
        name="Uintiryhmä Kotka",
        town_code="285",
        kind=GroupKind.HOBBY,
        town="Kotka",
        place="Kotkan uimahalli",
        weekday=2,
        start=(10, 0),
        minutes=90,
        description="Uimme omaan tahtiin ja juomme kahvit uinnin jälkeen. "
        "Ohjaaja neuvoo uintitekniikassa, jos haluat.",
        members=(LEENA, BIRGITTA),
        capacity=12,
    ),
    DemoGroup(
        name="Grafiikkaryhmä Helsinki",
        town_code="091",
        kind=GroupKind.LEARNING,
        town="Helsinki",
        place="Polku ry:n kohtaamispaikka, Helsinki",
        weekday=0,
        start=(13, 0),
        minutes=120,
        description="Opettelemme kuvankäsittelyä ja taittoa ilmaisilla ohjelmilla. "
        "Teemme julisteen ja oman portfolion.",
        members=(BIRGITTA, AINO, TUULA),
        capacity=8,
    ),
    DemoGroup(
        name="Ohjelmointiryhmä (verkossa)",
        town_code="",
        kind=GroupKind.LEARNING,
        town="verkossa",
        place="",
        online_link="https://meet.example.fi/polku-ohjelmointi",
        weekday=3,
        start=(17, 0),
        minutes=120,
        description="Ohjelmoinnin vertaisryhmä kokoontuu viikoittain verkossa. Opettelemme "
        "Pythonia omien projektien kautta. Ryhmän vapaaehtoisia ohjaajia sparraa IT-alan "
        "ammattilainen, joka käy kerran kuussa mukana ja neuvoo ohjaajia.",
        members=(PERSONA, MATTI, AHMED, JUHANI),
        with_mentor=True,
        capacity=12,
    ),
    DemoGroup(
        name="Bändi Tampere",
        town_code="837",
        kind=GroupKind.HOBBY,
        town="Tampere",
        place="Nuorisotalo, Tampere",
        weekday=4,
        start=(15, 0),
        minutes=120,
        description="Soitamme ja laulamme yhdessä. Soittimet saa lainaan. "
        "Tavoitteena pieni keikka kevään lopussa.",
        members=(JUHANI, LEENA),
        capacity=6,
    ),
    DemoGroup(
        name="Sulkapallo Kouvola",
        town_code="286",
        kind=GroupKind.HOBBY,
        town="Kouvola",
        place="Kouvolan liikuntahalli",
        weekday=0,
        start=(17, 30),
        minutes=90,
        description="Pelaamme sulkapalloa kolmella kentällä, kaksinpelejä ja nelinpelejä "
        "vuorotellen. Mailat saa lainaan. Ryhmä on täynnä: jonosta pääsee mukaan, kun paikka "
        "vapautuu.",
        members=(MATTI, JUHANI, AINO, TUULA),
        waiting=(LEENA, AHMED),
        with_mentor=True,
        volunteers=1,
        capacity=12,
        fill=True,
    ),
    DemoGroup(
        name="Äänikirjapiiri",
        town_code="285",
        kind=GroupKind.HOBBY,
        town="Kotka",
        place="Kotkan pääkirjasto",
        online_link="https://meet.example.fi/polku-aanikirjat",
        weekday=1,
        start=(10, 0),
        minutes=90,
        description="Kuuntelemme saman äänikirjan ja juttelemme siitä. "
        "Voit osallistua kirjastossa tai verkossa.",
        members=(BIRGITTA, TUULA, LEENA),
        capacity=15,
    ),
    DemoGroup(
        name="Tutuksi oma kaupunki – Kouvola",
        town_code="286",
        kind=GroupKind.HOBBY,
        town="Kouvola",
        place="Kouvolan matkakeskus, pääovi",
        weekday=2,
        start=(13, 0),
        minutes=120,
        description="Tutustumme yhdessä Kouvolan palveluihin, luontopaikkoihin ja "
        "harrastuksiin. Ryhmä aloitettiin Kuusankosken tehtaan sulkemisen jälkeen.",
        members=(PERSONA, AHMED, JUHANI, BIRGITTA),
        with_mentor=True,
        capacity=12,
    ),
)

MATERIALS: dict[str, list[dict[str, str]]] = {
    "Ohjelmointiryhmä (verkossa)": [
        {
            "title": "Ohjelmoinnin perusteet (MOOC)",
            "link": "https://programming-25.mooc.fi/",
            "text": "Ilmainen verkkokurssi. Teemme tehtäviä omaan tahtiin.",
        },
        {
            "title": "Sparraajan vinkit ohjaajille",
            "text": "IT-ammattilaisen vinkit: anna ryhmäläisen kirjoittaa koodi itse, "
            "kysy ennen kuin neuvot, ja näytä miten virheilmoitus luetaan.",
        },
    ],
    "Tutuksi oma kaupunki – Kouvola": [
        {
            "title": "Kouvolan tapahtumakalenteri",
            "link": "https://www.kouvola.fi/",
            "text": "Täältä löydät kaupungin tapahtumat ja harrastukset.",
        }
    ],
    "Kiipeilyryhmä Lahti": [
        {
            "title": "Turvallisuusohjeet",
            "text": "Tarkista aina valjaat ja solmu parin kanssa ennen kiipeämistä.",
        }
    ],
}
TASKS: dict[str, dict[str, str]] = {
    "Ohjelmointiryhmä (verkossa)": {
        "title": "Oma pieni ohjelma",
        "text": "Kirjoita ohjelma, joka kysyy nimesi ja tervehtii sinua. "
        "Tuo se ensi kerralla näytille.",
    },
    "Tutuksi oma kaupunki – Kouvola": {
        "title": "Lempipaikkani",
        "text": "Ota kuva paikasta, joka on sinulle tärkeä Kouvolassa. "
        "Kerromme kuvista ensi kerralla.",
    },
}
# The group whose second coming session is cancelled (only a session not started yet can be).
CANCELLED = ("Uintiryhmä Kotka", 1, "Uimahalli on suljettu huoltotöiden vuoksi.")


def _easter(year: int) -> dt.date:
    """Easter Sunday (the Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _saturday_between(year: int, month: int, first: int) -> dt.date:
    """The Saturday of the week from `first` of `month` on (Midsummer, All Saints' Day)."""
    start = dt.date(year, month, first)
    return start + dt.timedelta(days=(5 - start.weekday()) % 7)


def holidays(year: int) -> set[dt.date]:
    """Days the demo groups do not meet: Finnish public holidays (and Midsummer Eve) and the
    Christmas week from Christmas Eve to New Year's Day."""
    easter = _easter(year)
    midsummer = _saturday_between(year, 6, 20)
    days = {
        dt.date(year, 1, 1),
        dt.date(year, 1, 6),
        easter - dt.timedelta(days=2),
        easter + dt.timedelta(days=1),
        easter + dt.timedelta(days=39),
        dt.date(year, 5, 1),
        midsummer - dt.timedelta(days=1),
        midsummer,
        _saturday_between(year, 10, 31),
        dt.date(year, 12, 6),
    }
    days.update(dt.date(year, 12, day) for day in range(24, 32))
    return days


def _skip_dates(first: dt.date) -> set[dt.date]:
    return holidays(first.year) | holidays(first.year + 1)


def _first_day(weekday: int) -> dt.date:
    start = timezone.localdate() - dt.timedelta(weeks=WEEKS_BACK)
    return start + dt.timedelta(days=(weekday - start.weekday()) % 7)


def _mark(participant_id: int, index: int) -> str:
    value = (participant_id * 7 + index * 3) % 10
    return "absent" if value == 0 else "excused" if value == 5 else "present"


class Command(BaseCommand):
    help = "Load the groups demo data (needs KOHTAANTO_DEMO=1)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not getattr(settings, "DEMO", False):
            raise CommandError(
                "load_demo_groups refuses to run: demo accounts share a published password. "
                "Set KOHTAANTO_DEMO=1 to load demo data on a demo site only."
            )
        organisation = Organisation.objects.filter(name=ORGANISATION).first()
        mentor = User.objects.filter(username="mentor").first()
        coordinator = User.objects.filter(username="coordinator").first()
        if organisation is None or mentor is None:
            raise CommandError("Run `manage.py load_demo` first (Polku ry or `mentor` missing).")
        created = 0
        used = set(
            Group.leaders.through.objects.filter(group__organisation=organisation).values_list(
                "user_id", flat=True
            )
        )
        with transaction.atomic():
            for spec in GROUPS:
                if Group.objects.filter(organisation=organisation, name=spec.name).exists():
                    continue
                self._group(spec, organisation, mentor, coordinator or mentor, used)
                created += 1
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo groups ready: {Group.objects.filter(organisation=organisation).count()} "
                f"groups of {ORGANISATION} ({created} new)."
            )
        )

    def _leaders(
        self, spec: DemoGroup, organisation: Organisation, mentor: User, used: set[int]
    ) -> list[User]:
        """`spec.volunteers` volunteers of the group's town (online: who meet remotely) from
        the mentoring demo's volunteer pool, each leading one group; the `mentor` persona too
        where the spec says so, or alone when the pool is empty."""
        leading = Membership.objects.filter(
            organisation=organisation, role__in=LEADER_ROLES
        ).values("user_id")
        profiles = VolunteerProfile.objects.filter(
            user__username__startswith="vapaaehtoinen-", user__in=leading
        ).select_related("user")
        chosen = [
            p.user
            for p in sorted(profiles, key=lambda p: p.user.username)
            if p.user_id not in used
            and (spec.town_code in (p.regions or []) if spec.town_code else p.remote_ok)
        ][: spec.volunteers]
        used.update(u.pk for u in chosen)
        if spec.with_mentor or not chosen:
            chosen.insert(0, mentor)
        return chosen

    def _filled(
        self,
        organisation: Organisation,
        capacity: int,
        members: list[Participant],
        waiting: list[Participant],
    ) -> tuple[list[Participant], list[Participant]]:
        """Members up to `capacity` and the named waiting list behind them: other active
        participants of the organisation (not the persona, who is in two groups) fill the
        places in a fixed order, so the group is full for the waiting list to make sense."""
        named = {p.pk for p in members + waiting}
        others = (
            Participant.objects.filter(organisation=organisation, status=ParticipantStatus.ACTIVE)
            .exclude(pk__in=named)
            .exclude(user__username="participant")
            .order_by("last_name", "first_name", "pk")
        )
        extra = list(others[: max(0, capacity - len(members))])
        return members + extra, waiting

    def _participant(self, organisation: Organisation, name: tuple[str, str]) -> Participant | None:
        return Participant.objects.filter(
            organisation=organisation, first_name=name[0], last_name=name[1]
        ).first()

    def _group(
        self, spec: DemoGroup, organisation: Organisation, mentor: User, by: User, used: set[int]
    ) -> None:
        leaders = self._leaders(spec, organisation, mentor, used)
        group = services.create_group(
            organisation=organisation,
            by=by,
            leaders=leaders,
            name=spec.name,
            kind=spec.kind,
            description=spec.description,
            place=spec.place,
            online_link=spec.online_link,
            capacity=spec.capacity,
            language=spec.language,
            starts_on=_first_day(spec.weekday),
        )
        lead = leaders[0]
        members = [p for p in (self._participant(organisation, n) for n in spec.members) if p]
        waiting = [p for p in (self._participant(organisation, n) for n in spec.waiting) if p]
        if spec.fill and spec.capacity:
            members, waiting = self._filled(organisation, spec.capacity, members, waiting)
        for participant in members:
            services.invite(group, participant, by=lead)
            services.answer_invitation(group, participant, accept=True, by=participant.user)
        for participant in waiting:
            # An open group: a participant joins straight away, onto the waiting list when full.
            services.join(group, participant, by=participant.user)
        first = timezone.make_aware(
            dt.datetime.combine(_first_day(spec.weekday), dt.time(*spec.start))
        )
        sessions = services.schedule_sessions(
            group,
            starts=first,
            ends=first + dt.timedelta(minutes=spec.minutes),
            by=lead,
            repeat=services.WEEKLY,
            count=SESSIONS,
            skip=_skip_dates(first.date()),
        )
        if spec.name == CANCELLED[0]:
            coming = [s for s in sessions if s.starts > timezone.now()]
            services.cancel_session(coming[CANCELLED[1]], reason=CANCELLED[2], by=lead)
        self._attendance(group, lead)
        for material in MATERIALS.get(spec.name, []):
            services.add_material(group, by=lead, **material)
        task = TASKS.get(spec.name)
        if task:
            due = (
                GroupSession.objects.filter(
                    group=group, starts__gt=timezone.now(), cancelled_at__isnull=True
                )
                .order_by("starts")
                .first()
            )
            services.add_task(group, by=lead, due=due, **task)

    def _attendance(self, group: Group, lead: User) -> None:
        members = list(
            group.members.filter(status="member").values_list("participant_id", flat=True)
        )
        past = GroupSession.objects.filter(
            group=group, ends__lt=timezone.now(), cancelled_at__isnull=True
        ).order_by("starts")
        for index, session in enumerate(past):
            marks = {pid: _mark(pid, index) for pid in members}
            # Taken at the session: saved when it ended, not when the demo was loaded.
            services.record_attendance(session, marks, by=lead, at=session.ends)
