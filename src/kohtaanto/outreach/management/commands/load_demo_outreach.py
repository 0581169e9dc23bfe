"""Demo data of outreach: a Digiolkkari-style company-visit group of Polku ry (led by the
`mentor` persona, the `participant` persona a member) with three visits to demo employers, each
with a future-skill interview in Finnish whose needs are recognised through the product's
recognition and mostly confirmed; and the regional intervention in Kouvola after the fictional
Kymijoen Paperi Oy closes its Kuusankoski mill (420 people, change negotiations ended
2026-09-30), tied to Polku ry's Kouvola groups, the volunteers who work with people (group
leaders, individual and learning mentors, peer facilitators; not support-line-only volunteers)
whose towns include Kouvola, and two partners.

The visit group has sessions too (through `groups.services`): one on each visit's day with the
attendance of those who went (marked when the session ended), and coming workshops where the
group turns what it learnt into stories. Each interview is written on the day of its visit.

Needs KOHTAANTO_DEMO=1; runs after load_demo, load_demo_journeys, load_demo_opportunities,
load_demo_mentoring and load_demo_groups (groups and mentors found by then are linked; none is
required). Idempotent: the group is found by name, visits by (group, company), a visit's
session by (group, day), the workshops by topic, the intervention by name; running it twice
gives the same data. Everything is written through the services.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from kohtaanto.core.enums import OrganisationKind
from kohtaanto.core.errors import ValidationFailed
from kohtaanto.core.models import Organisation, User
from kohtaanto.groups import services as group_services
from kohtaanto.groups.enums import AttendanceMark, GroupKind, MemberStatus
from kohtaanto.groups.management.commands.load_demo_groups import holidays
from kohtaanto.groups.models import Group, GroupMember, GroupSession
from kohtaanto.outreach import selectors, services
from kohtaanto.outreach.enums import Certainty, EventKind, SignalStatus, TimeHorizon
from kohtaanto.outreach.models import CompanyVisit, Intervention
from kohtaanto.people.enums import ParticipantStatus
from kohtaanto.people.models import Participant

ORGANISATION = "Polku ry"
GROUP_NAME = "Digiolkkari: yritysvierailut"
KOUVOLA = "286"
INTERVENTION_NAME = "Kuusankosken paperitehtaan sulkeminen"
OTHER_MEMBERS = 4
"""Demo participants of Polku ry (beside the `participant` persona) in the visit group."""


@dataclass(frozen=True)
class DemoVisit:
    business_id: str
    days_ago: int
    """Moved back to a working day."""
    host_name: str
    host_role: str
    text: str
    horizon: str
    certainty: str
    reject: frozenset[str]
    """Labels (Finnish) the group rejects: recognised, but not what the company meant."""


VISITS = (
    DemoVisit(
        "1572860-0",  # Konepaja Virtanen Oy
        63,
        "Jari Lehtinen",
        "tuotantopäällikkö",
        "Tuotantopäällikkö kertoi, että lähivuosina tarvitaan lisää hitsaajia ja "
        "CNC-koneistajia. Hitsaus ja CNC-ohjelmointi ovat tärkeimmät taidot. Myös "
        "työturvallisuus ja laadunvalvonta korostuvat, kun tuotanto automatisoituu.",
        TimeHorizon.ONE_TO_TWO,
        Certainty.SURE,
        frozenset({"työturvallisuus rakennustyömaalla", "Ohjelmointi"}),
    ),
    DemoVisit(
        "2197405-8",  # IT-Tuki Nopsa Oy
        35,
        "Sanna Koivisto",
        "toimitusjohtaja",
        "Yrityksen mukaan asiakkaat hoitavat asiansa yhä useammin verkossa. Tarvitaan "
        "tietokoneen käyttöä, tietoturvaa ja asiakaspalvelua. Ohjelmointia osaavia etsitään "
        "muutaman vuoden päästä.",
        TimeHorizon.THREE_TO_FIVE,
        Certainty.LIKELY,
        frozenset({"yrittäjyys"}),
    ),
    DemoVisit(
        "2828004-0",  # Hoivakoti Kotiranta Oy
        14,
        "Leena Aalto",
        "hoivakodin johtaja",
        "Hoivakodin johtaja sanoi, että lähihoitajia tarvitaan heti. Vanhustenhoito, "
        "lääkkeiden antaminen ja ensiapu ovat tärkeimpiä. Suomen kieltä pitää osata hyvin.",
        TimeHorizon.NOW,
        Certainty.SURE,
        frozenset(),
    ),
)

PARTNERS = ["Kouvolan kaupunki", "Kymenlaakson Uusi Alku ry"]
VISIT_HOURS = (10, 12, 14)
"""A visit session lasts two hours from the first of these the leader has free that day."""
INTERVIEW_TIME = dt.time(17, 0)
"""The interview is written in the late afternoon of the visit's day, after the visit."""
WORKSHOPS = (
    (3, "Työpaja: digitaalinen tarina"),
    (10, "Työpaja: tarinan kuvat ja ääni"),
    (17, "Työpaja: tarinat muille ryhmille"),
)
"""Coming workshops: (days from today, topic; moved on to a working day), two hours from the
first of `WORKSHOP_HOURS` the leader has free that day."""
WORKSHOP_HOURS = (13, 10, 16)


class Command(BaseCommand):
    help = "Load the outreach demo data (needs KOHTAANTO_DEMO=1)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not getattr(settings, "DEMO", False):
            raise CommandError(
                "load_demo_outreach refuses to run: demo accounts share a published password. "
                "Set KOHTAANTO_DEMO=1 to load demo data on a demo site only."
            )
        polku = Organisation.objects.filter(
            name=ORGANISATION, kind=OrganisationKind.SERVICE_PROVIDER
        ).first()
        mentor = User.objects.filter(username="mentor").first()
        coordinator = User.objects.filter(username="coordinator").first()
        if polku is None or mentor is None or coordinator is None:
            raise CommandError("Run `manage.py load_demo` first (Polku ry and its personas).")
        with transaction.atomic():
            group = self._group(polku, mentor)
            visits = [self._visit(group, spec, mentor) for spec in VISITS]
            for found in visits:
                if found is not None:
                    self._visit_session(group, found, mentor)
            self._workshops(group, mentor)
            intervention = self._intervention(polku, coordinator)
        confirmed = sum(
            v.interviews.filter(signals__status=SignalStatus.CONFIRMED).count()
            for v in visits
            if v is not None
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo outreach ready: {GROUP_NAME!r} with "
                f"{sum(v is not None for v in visits)} visits, {group.sessions.count()} "
                f"sessions and {confirmed} confirmed needs; "
                f"intervention {intervention.name!r} with {intervention.groups.count()} groups "
                f"and {intervention.mentors.count()} mentors."
            )
        )

    def _group(self, polku: Organisation, mentor: User) -> Group:
        group = Group.objects.filter(organisation=polku, name=GROUP_NAME).first()
        if group is None:
            group = group_services.create_group(
                organisation=polku,
                by=mentor,
                leaders=[mentor],
                name=GROUP_NAME,
                kind=GroupKind.COMPANY_VISITS,
                description=(
                    "Käymme pienryhmissä alan yrityksissä ja haastattelemme niiden edustajia: "
                    "mitä osaamista tulevaisuudessa tarvitaan? Työpajoissa teemme tarinoita "
                    "siitä, mitä opimme."
                ),
                is_open=False,
                place="Polku ry, Helsinki",
                capacity=12,
            )
        active = Participant.objects.filter(organisation=polku, status=ParticipantStatus.ACTIVE)
        participants = list(active.filter(user__username="participant")) + list(
            active.filter(user__isnull=True).order_by("id")[:OTHER_MEMBERS]
        )
        for participant in participants:
            current = GroupMember.objects.filter(group=group, participant=participant).first()
            if current is not None and current.status == MemberStatus.MEMBER:
                continue
            if current is None or current.status != MemberStatus.INVITED:
                group_services.invite(group, participant, by=mentor)
            group_services.answer_invitation(group, participant, accept=True, by=mentor)
        return group

    def _visit(self, group: Group, spec: DemoVisit, mentor: User) -> CompanyVisit | None:
        employer = Organisation.objects.filter(
            kind=OrganisationKind.EMPLOYER, business_id=spec.business_id
        ).first()
        if employer is None:
            self.stderr.write(
                f"Employer {spec.business_id} is missing: run load_demo_opportunities."
            )
            return None
        visit = CompanyVisit.objects.filter(group=group, employer=employer).first()
        if visit is not None:
            return visit
        members = list(
            GroupMember.objects.filter(group=group, status=MemberStatus.MEMBER)
            .order_by(F("participant__user_id").asc(nulls_last=True), "participant_id")
            .values_list("participant_id", flat=True)
        )
        visited_on = working_day(timezone.localdate() - dt.timedelta(days=spec.days_ago), -1)
        visit = services.record_visit(
            group,
            employer=employer,
            visited_on=visited_on,
            visitors=members[:3],
            host_name=spec.host_name,
            host_role=spec.host_role,
            by=mentor,
        )
        interview = services.record_interview(
            visit,
            text=spec.text,
            language="fi",
            time_horizon=spec.horizon,
            certainty=spec.certainty,
            by=mentor,
            recorded_at=timezone.make_aware(dt.datetime.combine(visited_on, INTERVIEW_TIME)),
        )
        services.decide_signals(
            interview,
            {
                signal.pk: (
                    SignalStatus.REJECTED if signal.label in spec.reject else SignalStatus.CONFIRMED
                )
                for signal in interview.signals.all()
            },
            by=mentor,
        )
        return visit

    def _visit_session(self, group: Group, visit: CompanyVisit, mentor: User) -> None:
        """The group's session on the visit's day, with the attendance of those who went
        (present), marked when the session ended (once it has); one session a day."""
        day = visit.visited_on
        session = next(
            (s for s in group.sessions.all() if timezone.localtime(s.starts).date() == day),
            None,
        )
        if session is None:
            session = self._schedule(
                group,
                day,
                VISIT_HOURS,
                by=mentor,
                place=visit.employer.name,
                topic=f"Yritysvierailu: {visit.employer.name}",
            )
        went = list(visit.visitors.values_list("pk", flat=True))
        if (
            session is not None
            and session.ends <= timezone.now()
            and went
            and not session.attendance.exists()
        ):
            group_services.record_attendance(
                session,
                dict.fromkeys(went, AttendanceMark.PRESENT),
                by=mentor,
                at=session.ends,
            )

    def _workshops(self, group: Group, mentor: User) -> None:
        """Coming workshops (by topic, once), at an hour the leader has no other session."""
        today = timezone.localdate()
        for days_ahead, topic in WORKSHOPS:
            if not GroupSession.objects.filter(group=group, topic=topic).exists():
                day = working_day(today + dt.timedelta(days=days_ahead), 1)
                self._schedule(group, day, WORKSHOP_HOURS, by=mentor, topic=topic)

    def _schedule(
        self,
        group: Group,
        day: dt.date,
        hours: tuple[int, ...],
        *,
        by: User,
        topic: str,
        place: str = "",
    ) -> GroupSession | None:
        """A two-hour session on `day` from the first of `hours` when no leader of the group
        has another session (None when every hour is taken)."""
        for hour in hours:
            starts = timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))
            try:
                return group_services.schedule_sessions(
                    group,
                    starts=starts,
                    ends=starts + dt.timedelta(hours=2),
                    by=by,
                    topic=topic,
                    place=place,
                )[0]
            except ValidationFailed:
                continue  # a leader has another session then: the next hour
        self.stderr.write(f"No free two hours on {day.isoformat()} for a session of the group.")
        return None

    def _intervention(self, polku: Organisation, coordinator: User) -> Intervention:
        groups = list(
            Group.objects.filter(organisation=polku)
            .filter(Q(place__icontains="Kouvola") | Q(name__icontains="Kouvola"))
            .order_by("id")
            .values_list("pk", flat=True)
        )
        mentors = [user.pk for user in selectors.volunteer_mentors_in(polku, KOUVOLA)]
        fields: dict[str, Any] = {
            "name": INTERVENTION_NAME,
            "municipality_code": KOUVOLA,
            "event_kind": EventKind.CLOSURE,
            "company_name": "Kymijoen Paperi Oy",
            "event_date": dt.date(2026, 9, 30),
            "people_affected": 420,
            "description": (
                "Kymijoen Paperi Oy sulkee Kuusankosken tehtaansa. Muutosneuvottelut päättyivät "
                "30.9.2026, ja 420 ihmistä menettää työnsä. Polku ry aloitti Kouvolassa "
                "harrastus- ja oppimisryhmiä yhdessä kaupungin ja paikallisen yhdistyksen kanssa; "
                "vapaaehtoiset mentorit tukevat myös yksilöllisesti."
            ),
            "partners": PARTNERS,
            "groups": groups,
            "mentors": mentors,
        }
        intervention = Intervention.objects.filter(
            organisation=polku, name=INTERVENTION_NAME
        ).first()
        if intervention is None:
            return services.create_intervention(organisation=polku, by=coordinator, **fields)
        linked = (
            set(intervention.groups.values_list("pk", flat=True)),
            set(intervention.mentors.values_list("pk", flat=True)),
        )
        if linked == (set(groups), set(mentors)):
            return intervention  # nothing new to link: no change, no audit event
        return services.update_intervention(intervention, by=coordinator, **fields)


def working_day(day: dt.date, step: int) -> dt.date:
    """`day`, or the nearest working day before (step -1) or after (step 1) it: companies are
    visited, and workshops held, on weekdays that are not holidays (`load_demo_groups`)."""
    while day.weekday() >= 5 or day in holidays(day.year):
        day += dt.timedelta(days=step)
    return day
