"""Demo data of the support line (needs KOHTAANTO_DEMO=1; runs after load_demo_mentoring).

Tukiluuri, the support line of Polku ry, answered by the `mentor` persona, the new `tukiluuri`
user (a support-line volunteer only: the demo shows what such a volunteer sees) and the
volunteers of load_demo_mentoring that exist (vapaaehtoinen-NN). A month of shifts from
tomorrow: weekday evenings 17–20 and Tuesday and Thursday mornings 10–13, two volunteers
each, with some gaps and one swap offered; about 60 anonymous contacts over the past eight
weeks (more from Kymenlaakso after the Kuusankoski mill closure) and one open call-back; and the
shifts those weeks were answered on (the same schedule, with who answered, from the Monday of
the first contact's week to yesterday). Everything goes through `supportline.services`.
Idempotent: once loaded, running it again changes nothing (a past day that already has its
shifts is left as it is).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from kohtaanto.core import services as core_services
from kohtaanto.core.enums import Role
from kohtaanto.core.models import Organisation, User
from kohtaanto.core.validators import DEMO_PASSWORD
from kohtaanto.supportline import services
from kohtaanto.supportline.enums import SignupStatus
from kohtaanto.supportline.models import Line, Shift

ORGANISATION = "Polku ry"
LINE = "Tukiluuri"
DESCRIPTION = (
    "Tukiluuri on puhelin, johon vapaaehtoiset päivystäjät vastaavat. Sinne voi soittaa, kun "
    "on menettänyt työnsä tai pelkää menettävänsä sen. Palvelu on tarkoitettu myös "
    "irtisanovien yritysten henkilöstölle. Soittaja saa olla nimettömänä."
)
REGIONS = ["08", "07", "01", "06"]  # Kymenlaakso, Päijät-Häme, Uusimaa, Pirkanmaa
VOLUNTEERS = (
    "vapaaehtoinen-06",
    "vapaaehtoinen-11",
    "vapaaehtoinen-23",
    "vapaaehtoinen-02",
    "vapaaehtoinen-09",
    "vapaaehtoinen-15",
    "vapaaehtoinen-19",
    "vapaaehtoinen-27",
)
CONTACTS = 60
WEEKS = 8

# (weight, topics, caller group, referrals)
STORIES: tuple[tuple[int, list[str], str, list[str]], ...] = (
    (10, ["job_loss", "unemployment_benefit"], "dismissed", ["employment_services", "union"]),
    (8, ["change_negotiations", "coping"], "dismissed", ["union"]),
    (6, ["job_loss", "money", "coping"], "dismissed", ["kela", "employment_services"]),
    (5, ["change_negotiations"], "dismissing_staff", ["union"]),
    (4, ["coping"], "dismissing_staff", ["health_care"]),
    (5, ["job_search", "education"], "dismissed", ["employment_services", "coaching"]),
    (4, ["money", "family"], "relative", ["kela"]),
    (3, ["coping", "family"], "relative", ["crisis_help"]),
    (3, ["unemployment_benefit"], "dismissed", ["union"]),
    (2, ["education"], "dismissed", ["coaching"]),
    (2, ["other"], "other", []),
)
MORNINGS = (1, 3)  # Tuesday and Thursday mornings 10–13; every weekday evening 17–20
REGION_WEIGHTS = (("08", 12), ("07", 4), ("01", 5), ("06", 3), ("", 3))


def _choose(rng: random.Random, weighted: tuple[tuple[Any, int], ...]) -> Any:
    return rng.choices([item for item, _w in weighted], [w for _item, w in weighted])[0]


class Command(BaseCommand):
    help = "Load the support-line demo data (needs KOHTAANTO_DEMO=1)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not getattr(settings, "DEMO", False):
            raise CommandError(
                "load_demo_supportline refuses to run: demo accounts share a published "
                "password. Set KOHTAANTO_DEMO=1 to load demo data on a demo site only."
            )
        organisation = Organisation.objects.filter(name=ORGANISATION).first()
        coordinator = User.objects.filter(username="coordinator").first()
        mentor = User.objects.filter(username="mentor").first()
        if organisation is None or coordinator is None or mentor is None:
            raise CommandError("Run load_demo first (Polku ry and its personas are missing).")
        with transaction.atomic():
            line = Line.objects.filter(organisation=organisation, name=LINE).first()
            if line is None:
                line = services.create_line(
                    organisation,
                    name=LINE,
                    regions=REGIONS,
                    description=DESCRIPTION,
                    by=coordinator,
                )
            volunteers = self._volunteers(line, organisation, coordinator, mentor)
            if not line.shifts.exists():
                self._shifts(line, coordinator, volunteers)
            if not line.contacts.exists():
                self._contacts(line, volunteers)
            self._past_shifts(line, coordinator, volunteers)
        self.stdout.write(
            f"Support-line demo: {line.name} with {line.volunteers.count()} volunteers, "
            f"{line.shifts.count()} shifts, {line.contacts.count()} contacts, "
            f"{line.contacts.filter(callback__isnull=False).count()} open call-back(s)."
        )

    def _volunteers(
        self, line: Line, organisation: Organisation, coordinator: User, mentor: User
    ) -> list[User]:
        own = User.objects.filter(username="tukiluuri").first()
        if own is None:
            own = core_services.create_user(
                username="tukiluuri",
                password=DEMO_PASSWORD,
                first_name="Tuula",
                last_name="Luurinen",
                email="tukiluuri@demo.kohtaanto.invalid",
            )
        core_services.add_membership(own, organisation, Role.MENTOR)
        users = [mentor, own]
        users += list(
            User.objects.filter(
                username__in=VOLUNTEERS,
                memberships__organisation=organisation,
                memberships__role=Role.MENTOR,
            ).order_by("username")
        )
        today = timezone.localdate()
        for number, user in enumerate(users):
            if not line.volunteers.filter(user=user).exists():
                services.add_volunteer(
                    line,
                    user,
                    trained_on=today - dt.timedelta(days=40 + 23 * number),
                    by=coordinator,
                )
        return users

    def _shifts(self, line: Line, coordinator: User, volunteers: list[User]) -> None:
        first = timezone.localdate() + dt.timedelta(days=1)
        last = first + dt.timedelta(days=27)
        evenings = services.create_shifts(
            line,
            day=first,
            start=dt.time(17),
            end=dt.time(20),
            repeat="weekdays",
            until=last,
            by=coordinator,
        )
        mornings = []
        for weekday in MORNINGS:
            day = first + dt.timedelta(days=(weekday - first.weekday()) % 7)
            mornings += services.create_shifts(
                line,
                day=day,
                start=dt.time(10),
                end=dt.time(13),
                repeat="weekly",
                until=last,
                by=coordinator,
            )
        shifts = sorted([*evenings, *mornings], key=lambda shift: shift.starts)
        others = volunteers[2:] or volunteers
        mentor, own = volunteers[0], volunteers[1]
        for index, shift in enumerate(shifts):
            if index % 9 == 0:
                continue  # nobody yet: a gap (the first shift, tomorrow, is one)
            wanted = 1 if index % 5 == 3 else 2
            chosen: list[User] = []
            if index % 4 == 1:
                chosen.append(mentor)
            if index % 5 == 2:
                chosen.append(own)
            turn = index
            while len(chosen) < wanted:
                candidate = others[turn % len(others)]
                turn += 1
                if candidate not in chosen:
                    chosen.append(candidate)
            for user in chosen[:wanted]:
                services.sign_up(shift, user)
        self._swap(shifts, volunteers)

    def _past_shifts(self, line: Line, coordinator: User, volunteers: list[User]) -> None:
        """The shifts of the weeks the contacts cover, up to yesterday, on the same schedule
        as the coming ones, each answered by two volunteers (one on some), the personas now and
        then. A day that already has a shift at that time is skipped."""
        first_contact = line.contacts.order_by("started_at").first()
        if first_contact is None:
            return
        tz = timezone.get_current_timezone()
        today = timezone.localdate()
        day = timezone.localtime(first_contact.started_at, tz).date()
        day -= dt.timedelta(days=day.weekday())
        existing = set(
            line.shifts.filter(starts__lt=timezone.now()).values_list("starts", flat=True)
        )
        others = volunteers[2:] or volunteers
        index = 0
        while day < today:
            hours = [(17, 20)] + ([(10, 13)] if day.weekday() in MORNINGS else [])
            for start, end in hours if day.weekday() < 5 else []:
                starts = dt.datetime.combine(day, dt.time(start), tzinfo=tz)
                index += 1
                if starts in existing:
                    continue
                chosen: list[User] = []
                if index % 4 == 1:
                    chosen.append(volunteers[0])  # the mentor persona
                if index % 5 == 2:
                    chosen.append(volunteers[1])  # tukiluuri
                wanted = 1 if index % 7 == 3 else 2  # now and then one answered alone
                turn = index % len(others)
                for candidate in others[turn:] + others[:turn]:
                    if len(chosen) < wanted and candidate not in chosen:
                        chosen.append(candidate)
                services.record_past_shift(
                    line,
                    starts=starts,
                    ends=dt.datetime.combine(day, dt.time(end), tzinfo=tz),
                    volunteers=chosen[:2],
                    by=coordinator,
                )
            day += dt.timedelta(days=1)

    def _swap(self, shifts: list[Shift], volunteers: list[User]) -> None:
        """One volunteer other than the personas offers a swap on a shift a few days ahead."""
        for shift in shifts[4:]:
            signup = shift.signups.filter(status=SignupStatus.SIGNED_UP).exclude(
                user__in=volunteers[:2]
            )
            first = signup.first()
            if first is not None:
                services.offer_swap(shift, first.user)
                return

    def _contacts(self, line: Line, volunteers: list[User]) -> None:
        rng = random.Random(14)  # the same demo every time
        tz = timezone.get_current_timezone()
        today = timezone.localdate()
        for number in range(CONTACTS):
            days_ago = rng.randint(1, WEEKS * 7 - 1)
            day = today - dt.timedelta(days=days_ago)
            if day.weekday() >= 5:
                day -= dt.timedelta(days=day.weekday() - 4)  # the line is open on weekdays
            hour = rng.choice((10, 11, 12, 17, 17, 18, 18, 19))
            if hour < 13 and day.weekday() not in MORNINGS:
                hour += 7  # mornings are answered on Tuesdays and Thursdays only
            started = dt.datetime.combine(day, dt.time(hour, rng.randrange(0, 60, 5)), tzinfo=tz)
            topics, group, referrals = _choose(rng, tuple(((t, g, r), w) for w, t, g, r in STORIES))
            services.log_contact(
                line,
                by=volunteers[number % len(volunteers)],
                channel=_choose(rng, (("phone", 15), ("chat", 4), ("email", 1))),
                duration_minutes=rng.choice((5, 10, 15, 15, 20, 25, 30, 40, 45, 60)),
                topics=topics,
                started_at=started,
                region=_choose(rng, REGION_WEIGHTS),
                caller_group=group,
                referred_to=referrals,
                follow_up="other" if number % 11 == 4 else "none",
            )
        last_open = today - dt.timedelta(days=1)
        while last_open.weekday() >= 5:  # the line is open on weekdays
            last_open -= dt.timedelta(days=1)
        services.log_contact(  # the last open evening; the caller asked to be called back
            line,
            by=volunteers[0],
            channel="phone",
            duration_minutes=12,
            topics=["change_negotiations", "unemployment_benefit"],
            started_at=dt.datetime.combine(last_open, dt.time(18, 40), tz),
            region="08",
            caller_group="dismissed",
            referred_to=["union"],
            follow_up="callback",
            callback_phone="040 000 0000",
        )
