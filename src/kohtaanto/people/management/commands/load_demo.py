"""Load the demo organisations, persona accounts and fictional participants (idempotent)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from kohtaanto.core import services
from kohtaanto.core.enums import OrganisationKind, Role
from kohtaanto.core.models import Organisation, User
from kohtaanto.core.validators import DEMO_PASSWORD
from kohtaanto.people import invitations
from kohtaanto.people import services as people_services
from kohtaanto.people.enums import ConsentPurpose
from kohtaanto.people.models import Participant

ORGANISATIONS = {
    "polku": ("Polku ry", OrganisationKind.SERVICE_PROVIDER, "", "091"),
    "suunta": ("Uusi Suunta -hanke", OrganisationKind.SERVICE_PROVIDER, "", "837"),
    "konepaja": ("Konepaja Virtanen Oy", OrganisationKind.EMPLOYER, "1572860-0", "837"),
}
# username → (first name, last name, organisation key, role)
USERS = {
    "coordinator": ("Kaisa", "Koordinaattori", "polku", Role.COORDINATOR),
    "coach": ("Ville", "Valmentaja", "polku", Role.COACH),
    "coach2": ("Sanna", "Suuntaaja", "suunta", Role.COACH),
    "participant": ("Pekka", "Osallistuja", "polku", Role.PARTICIPANT),
    "mentor": ("Maija", "Mentori", "polku", Role.MENTOR),
    "employer": ("Timo", "Virtanen", "konepaja", Role.EMPLOYER_CONTACT),
    "workplace-mentor": ("Olli", "Ohjaaja", "konepaja", Role.WORKPLACE_MENTOR),
}
# Fictional participants: (first name, last name, language, organisation key, coach username)
PARTICIPANTS = [
    ("Aino", "Laaksonen", "fi", "polku", "coach"),
    ("Matti", "Heikkinen", "fi", "polku", "coach"),
    ("Leena", "Nieminen", "fi", "polku", "coach"),
    ("Juhani", "Mäkelä", "fi", "polku", "coach"),
    ("Birgitta", "Lindholm", "sv", "polku", "coach"),
    ("Ahmed", "Hassan", "en", "polku", "coach"),
    ("Tuula", "Koskinen", "fi", "polku", "coach"),
    ("Eero", "Salminen", "fi", "suunta", "coach2"),
    ("Riikka", "Hämäläinen", "fi", "suunta", "coach2"),
]
# The demo participant whose invitation (a printed letter) is waiting to be used.
INVITED = ("Tuula", "Koskinen", "polku")
PARTICIPANT_CONSENTS = (
    ConsentPurpose.SERVICE_PROCESSING,
    ConsentPurpose.MATCHING,
    ConsentPurpose.SHARE_PROFILE_WITH_EMPLOYERS,
    ConsentPurpose.FOLLOW_UP_CONTACT,
    ConsentPurpose.ANONYMISED_STATISTICS,
)


class Command(BaseCommand):
    help = "Load demo data (needs KOHTAANTO_DEMO=1). Running it again changes nothing."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--site-url",
            default="http://localhost:8000",
            help="The demo site's address, for the pending invitation's link.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not getattr(settings, "DEMO", False):
            raise CommandError(
                "load_demo refuses to run: the demo accounts share a published password. "
                "Set KOHTAANTO_DEMO=1 to load demo data on a demo site only."
            )
        with transaction.atomic():
            organisations = {key: self._organisation(*spec) for key, spec in ORGANISATIONS.items()}
            users = {name: self._user(name, *spec, organisations) for name, spec in USERS.items()}
            self._participant_user(users["participant"], organisations["polku"], users["coach"])
            for first, last, language, org_key, coach in PARTICIPANTS:
                self._participant(first, last, language, organisations[org_key], users[coach])
            issued = self._pending_invitation(organisations[INVITED[2]], users["coach"], options)
        if issued is not None:
            self.stdout.write(
                f"A pending invitation (a printed letter) for the demo participant "
                f"{INVITED[0]} {INVITED[1]}: open {issued.link} or type the code "
                f"{issued.code_display} at {options['site_url'].rstrip('/')}/invitation/code/"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {len(organisations)} organisations, {len(users)} accounts, "
                f"{Participant.objects.count()} participants."
            )
        )

    def _organisation(
        self, name: str, kind: str, business_id: str, municipality_code: str
    ) -> Organisation:
        existing = Organisation.objects.filter(name=name).first()
        if existing is not None:
            return existing
        return services.create_organisation(
            name=name, kind=kind, business_id=business_id, municipality_code=municipality_code
        )

    def _user(
        self,
        username: str,
        first_name: str,
        last_name: str,
        org_key: str,
        role: Role,
        organisations: dict[str, Organisation],
    ) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = services.create_user(
                username=username,
                password=DEMO_PASSWORD,
                first_name=first_name,
                last_name=last_name,
                email=f"{username}@demo.kohtaanto.invalid",
            )
        services.add_membership(user, organisations[org_key], role)
        return user

    def _participant_user(self, user: User, organisation: Organisation, coach: User) -> None:
        participant = Participant.objects.filter(user=user).first()
        if participant is None:
            participant = people_services.create_participant(
                organisation=organisation,
                first_name=user.first_name,
                last_name=user.last_name,
                email=user.email,
                user=user,
                coaches=[coach],
            )
        for purpose in PARTICIPANT_CONSENTS:
            people_services.give_consent(participant, purpose, by=user)

    def _pending_invitation(
        self, organisation: Organisation, coach: User, options: dict[str, Any]
    ) -> invitations.IssuedInvitation | None:
        """Once: a letter invitation for one demo participant (shown as "invited" to the coach).
        The letter's link and code are printed now; only their hashes are stored."""
        participant = Participant.objects.filter(
            organisation=organisation, first_name=INVITED[0], last_name=INVITED[1]
        ).first()
        if participant is None or participant.user_id or participant.invitations.exists():
            return None
        site = str(options.get("site_url") or "http://localhost:8000").rstrip("/")
        return invitations.invite(
            participant, "letter", by=coach, link_for=lambda token: f"{site}/invitation/{token}/"
        )

    def _participant(
        self, first: str, last: str, language: str, organisation: Organisation, coach: User
    ) -> None:
        if Participant.objects.filter(
            organisation=organisation, first_name=first, last_name=last
        ).exists():
            return
        participant = people_services.create_participant(
            organisation=organisation,
            first_name=first,
            last_name=last,
            email=f"{first.lower()}.{last.lower()}@demo.kohtaanto.invalid".replace("ä", "a"),
            preferred_language=language,
            coaches=[coach],
        )
        people_services.give_consent(participant, ConsentPurpose.SERVICE_PROCESSING, by=coach)
