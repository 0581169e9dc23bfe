"""Demo data of the mentoring area (needs KOHTAANTO_DEMO=1; runs after load_demo_opportunities).

30 trained volunteers of Polku ry in Kouvola, Kotka, Lahti, Helsinki and Tampere (the `mentor`
persona and vapaaehtoinen-01 … -29, all with the demo password), their languages, skills,
training (the weekend mentor course, some expiring soon, and the learning-mentor programme) and
background checks; and two mentorings: the `participant` persona with the `mentor` persona
(active, with meetings and a shared note) and one proposal waiting for acceptance. Mentorings
are made only for participants who have given their matching consent. Everything goes through
`mentoring.services`. Idempotent: running it again changes nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from kohtaanto.core import services as core_services
from kohtaanto.core.enums import Role
from kohtaanto.core.models import Organisation, User
from kohtaanto.core.validators import DEMO_PASSWORD
from kohtaanto.mentoring import demo_data, services
from kohtaanto.mentoring.enums import OPEN_STATUSES, RequestStatus
from kohtaanto.mentoring.models import (
    Mentoring,
    MentorRequest,
    TrainingCourse,
    VolunteerEngagement,
)
from kohtaanto.people.consent import may_use_for_matching
from kohtaanto.people.models import Participant

ORGANISATION = "Polku ry"
SL = demo_data.SL


def _months_ago(today: dt.date, months: int) -> dt.date:
    return services.add_months(today, -months)


class Command(BaseCommand):
    help = "Load the mentoring demo data (needs KOHTAANTO_DEMO=1)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not getattr(settings, "DEMO", False):
            raise CommandError(
                "load_demo_mentoring refuses to run: demo accounts share a published "
                "password. Set KOHTAANTO_DEMO=1 to load demo data on a demo site only."
            )
        organisation = Organisation.objects.filter(name=ORGANISATION).first()
        coordinator = User.objects.filter(username="coordinator").first()
        coach = User.objects.filter(username="coach").first()
        if organisation is None or coordinator is None or coach is None:
            raise CommandError("Run load_demo first (Polku ry and its personas are missing).")
        with transaction.atomic():
            courses = self._courses(organisation)
            users = {
                spec.username: self._volunteer(spec, organisation, coordinator, courses)
                for spec in demo_data.VOLUNTEERS
            }
            self._fix_roles_and_capacity(organisation, coordinator)
            made = self._mentorings(organisation, coordinator, coach, users)
            requests = self._requests(organisation, coordinator)
        pool = VolunteerEngagement.objects.filter(organisation=organisation).count()
        self.stdout.write(
            f"Mentoring demo: {pool} "
            f"volunteers in {organisation.name}, {made} mentorings made now, "
            f"{Mentoring.objects.filter(organisation=organisation).count()} in all, "
            f"{requests} open mentor requests for matching."
        )

    def _fix_roles_and_capacity(self, organisation: Organisation, coordinator: User) -> None:
        """A demo loaded before: the support line's shift volunteers take the support-line
        role, and group leaders have room for the groups load_demo_groups gives them."""
        specs = {spec.username: spec for spec in demo_data.VOLUNTEERS}
        engagements = VolunteerEngagement.objects.filter(
            organisation=organisation, volunteer__user__username__in=list(specs)
        ).select_related("volunteer__user")
        for engagement in engagements:
            profile = engagement.volunteer
            username = profile.user.username
            if username in demo_data.SUPPORT_LINE_SHIFTS and SL not in engagement.roles:
                services.set_engagement(
                    coordinator,
                    profile,
                    organisation,
                    [*engagement.roles, SL],
                    active=engagement.active,
                )
            if profile.capacity_groups < specs[username].groups:
                services.update_profile(
                    coordinator, profile, capacity_groups=specs[username].groups
                )

    def _requests(self, organisation: Organisation, coordinator: User) -> int:
        """Open wishes for a mentor (so that mentor matching has something to rank), from
        consenting participants of Polku ry who have no mentoring or request yet."""
        if not MentorRequest.objects.filter(participant__organisation=organisation).exists():
            taken = set(
                Mentoring.objects.filter(organisation=organisation).values_list(
                    "participant_id", flat=True
                )
            )
            for (first, last), wish in demo_data.MENTOR_REQUESTS.items():
                person = Participant.objects.filter(
                    organisation=organisation, first_name=first, last_name=last
                ).first()
                if person is not None and person.pk not in taken and may_use_for_matching(person):
                    services.create_request(coordinator, person, **wish)
        return MentorRequest.objects.filter(
            participant__organisation=organisation, status=RequestStatus.OPEN
        ).count()

    def _courses(self, organisation: Organisation) -> dict[str, TrainingCourse]:
        courses = {}
        for name, hours, months in demo_data.COURSES:
            course, _ = TrainingCourse.objects.get_or_create(
                organisation=organisation,
                name=name,
                defaults={"hours": Decimal(hours), "valid_months": months},
            )
            courses[name] = course
        return courses

    def _volunteer(
        self,
        spec: demo_data.Volunteer,
        organisation: Organisation,
        coordinator: User,
        courses: dict[str, TrainingCourse],
    ) -> User:
        user = User.objects.filter(username=spec.username).first()
        if user is None:
            user = core_services.create_user(
                username=spec.username,
                password=DEMO_PASSWORD,
                first_name=spec.first_name,
                last_name=spec.last_name,
                email=f"{spec.username}@demo.kohtaanto.invalid",
            )
        core_services.add_membership(user, organisation, Role.MENTOR)
        if VolunteerEngagement.objects.filter(
            volunteer__user=user, organisation=organisation
        ).exists():
            return user  # already loaded: leave what people may have changed since
        today = timezone.localdate()
        profile = services.add_volunteer(
            coordinator,
            user,
            organisation,
            spec.roles,
            since=_months_ago(today, max(m for _, m in spec.training) + 1),
        )
        services.update_profile(
            coordinator,
            profile,
            regions=list(spec.towns),
            remote_ok=spec.remote,
            interests=spec.interests,
            availability=spec.availability,
            capacity_mentees=spec.capacity,
            capacity_groups=spec.groups,
            contact_for_mentees=spec.contact,
        )
        services.set_languages(coordinator, profile, spec.languages)
        services.set_skills(coordinator, profile, spec.skills)
        for (name, _hours, _months), months_ago in spec.training:
            services.add_training_record(
                coordinator,
                profile,
                courses[name],
                _months_ago(today, months_ago),
                trainer="Polku ry, vapaaehtoistoiminnan koordinaattori",
            )
        if spec.checked is not None:
            services.record_background_check(
                coordinator, profile, _months_ago(today, 6), spec.checked
            )
        return user

    def _mentorings(
        self, organisation: Organisation, coordinator: User, coach: User, users: dict[str, User]
    ) -> int:
        made = 0
        persona = Participant.objects.filter(user__username="participant").first()
        today = timezone.localdate()
        if persona is not None and may_use_for_matching(persona):
            mentor = users["mentor"]
            if not Mentoring.objects.filter(participant=persona, mentor=mentor).exists():
                mentoring = services.propose_mentoring(
                    persona,
                    mentor,
                    coach,
                    goals="Löytää työpaikka varastosta tai logistiikasta Kouvolan seudulta. "
                    "Harjoitella työhaastattelua ja päivittää CV.",
                    planned_end=today + dt.timedelta(days=90),
                )
                services.confirm_mentoring(mentoring, coordinator)
                services.accept_mentoring(mentoring, mentor)
                services.accept_mentoring(mentoring, persona.user)
                services.set_shared(mentoring, persona.user, ["goals", "languages"])
                services.add_meeting(
                    mentoring,
                    mentor,
                    today - dt.timedelta(days=14),
                    shared_note="Tutustuimme ja sovimme tavoitteet. Pekka päivittää CV:n "
                    "ennen seuraavaa tapaamista.",
                    private_note="Pekka jännittää haastatteluja. Kysy ensi kerralla jaksamisesta.",
                )
                services.add_meeting(
                    mentoring,
                    mentor,
                    today - dt.timedelta(days=3),
                    shared_note="Harjoittelimme työhaastattelua. Hyvä vastaus kysymykseen "
                    "vahvuuksista! Seuraavaksi haetaan kahta varastopaikkaa.",
                )
                services.add_meeting(
                    mentoring, mentor, today + dt.timedelta(days=7), time=dt.time(17, 0)
                )
                made += 1
        # A proposal waiting for acceptance: a learning mentor for another consenting
        # participant of Polku ry (or for the persona, when nobody else has consented).
        learning_mentor = users["vapaaehtoinen-03"]
        if not Mentoring.objects.filter(mentor=learning_mentor, status__in=OPEN_STATUSES).exists():
            candidates = [
                p
                for p in Participant.objects.filter(organisation=organisation)
                .exclude(user__username="participant")
                .order_by("last_name", "first_name", "id")
                if may_use_for_matching(p)
            ] or ([persona] if persona is not None and may_use_for_matching(persona) else [])
            if candidates:
                services.propose_mentoring(
                    candidates[0],
                    learning_mentor,
                    coach if candidates[0].coaches.filter(pk=coach.pk).exists() else coordinator,
                    goals="Oppia ohjelmoinnin perusteet ja Pythonia kolmen kuukauden aikana.",
                    planned_end=today + dt.timedelta(days=92),
                )
                made += 1
        return made
