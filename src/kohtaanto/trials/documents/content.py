"""The content of the trial documents as plain data, and their own texts in fi/sv/en.

The texts are document text in the document's language, chosen by whoever makes the
document (not the reader's UI language), so they live here as data instead of in the gettext
catalogue, like the CV's headings in `journeys/documents/content.py`. Nothing here imports
Django: the renderers take these dataclasses and return PDF bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

LANGUAGES = ("fi", "sv", "en")
KINDS = ("work_trial", "education_trial")
PARTIES = ("participant", "organiser", "authority", "service")
METHODS = ("electronic", "paper")
MARKER_ROLES = ("workplace_mentor", "coach")
LOCAL_TIME = ZoneInfo("Europe/Helsinki")

TEXTS: dict[str, dict[str, str]] = {
    # Shared
    "page": {"fi": "Sivu {page}/{pages}", "sv": "Sida {page}/{pages}", "en": "Page {page}/{pages}"},
    "reference": {"fi": "Tunniste", "sv": "Referens", "en": "Reference"},
    "revision": {"fi": "versio {n}", "sv": "version {n}", "en": "version {n}"},
    "name": {"fi": "Nimi", "sv": "Namn", "en": "Name"},
    "period": {"fi": "Ajanjakso", "sv": "Period", "en": "Period"},
    "yes": {"fi": "kyllä", "sv": "ja", "en": "yes"},
    "no": {"fi": "ei", "sv": "nej", "en": "no"},
    "signature_and_date": {
        "fi": "Allekirjoitus ja päiväys",
        "sv": "Underskrift och datum",
        "en": "Signature and date",
    },
    "signature": {"fi": "Allekirjoitus", "sv": "Underskrift", "en": "Signature"},
    "kind_work_trial": {"fi": "Työkokeilu", "sv": "Arbetsprövning", "en": "Work trial"},
    "kind_education_trial": {
        "fi": "Koulutuskokeilu",
        "sv": "Utbildningsprövning",
        "en": "Education trial",
    },
    "organiser": {"fi": "Kokeilun järjestäjä", "sv": "Anordnare", "en": "Trial organiser"},
    "place": {"fi": "Kokeilupaikka", "sv": "Prövningsplats", "en": "Place of the trial"},
    "workplace_mentor": {
        "fi": "Työpaikkaohjaaja",
        "sv": "Arbetsplatshandledare",
        "en": "Workplace mentor",
    },
    "coach": {"fi": "Valmentaja", "sv": "Coach", "en": "Coach"},
    "role_workplace_mentor": {
        "fi": "työpaikkaohjaaja",
        "sv": "arbetsplatshandledare",
        "en": "workplace mentor",
    },
    "role_coach": {"fi": "valmentaja", "sv": "coach", "en": "coach"},
    # Agreement
    "title_work_trial": {
        "fi": "Työkokeilusopimus",
        "sv": "Avtal om arbetsprövning",
        "en": "Work trial agreement",
    },
    "title_education_trial": {
        "fi": "Koulutuskokeilusopimus",
        "sv": "Avtal om utbildningsprövning",
        "en": "Education trial agreement",
    },
    "draft": {"fi": "LUONNOS", "sv": "UTKAST", "en": "DRAFT"},
    "draft_note": {
        "fi": "Kaikki osapuolet eivät ole vielä vahvistaneet sopimusta.",
        "sv": "Alla parter har ännu inte bekräftat avtalet.",
        "en": "Not all parties have confirmed the agreement yet.",
    },
    "parties": {"fi": "Osapuolet", "sv": "Parter", "en": "Parties"},
    "party_participant": {"fi": "Osallistuja", "sv": "Deltagare", "en": "Participant"},
    "party_organiser": {"fi": "Kokeilun järjestäjä", "sv": "Anordnare", "en": "Trial organiser"},
    "party_authority": {
        "fi": "Työllisyysviranomainen",
        "sv": "Arbetskraftsmyndighet",
        "en": "Employment authority",
    },
    "party_service": {
        "fi": "Palvelun toteuttaja",
        "sv": "Tjänsteleverantör",
        "en": "Service provider",
    },
    "birth_date": {"fi": "Syntymäaika", "sv": "Födelsedatum", "en": "Date of birth"},
    "business_id": {"fi": "Y-tunnus", "sv": "FO-nummer", "en": "Business ID"},
    "address": {"fi": "Osoite", "sv": "Adress", "en": "Address"},
    "phone": {"fi": "Puhelin", "sv": "Telefon", "en": "Phone"},
    "email": {"fi": "Sähköposti", "sv": "E-post", "en": "Email"},
    "time_section": {
        "fi": "Kokeilun aika ja työaika",
        "sv": "Prövningens tid och arbetstid",
        "en": "Period and working hours",
    },
    "days_per_week": {"fi": "Päiviä viikossa", "sv": "Dagar per vecka", "en": "Days per week"},
    "hours_per_day": {"fi": "Tunteja päivässä", "sv": "Timmar per dag", "en": "Hours per day"},
    "working_time": {"fi": "Työaika", "sv": "Arbetstid", "en": "Working time"},
    "tasks_section": {
        "fi": "Tehtävät ja ohjaus",
        "sv": "Uppgifter och handledning",
        "en": "Tasks and guidance",
    },
    "tasks": {"fi": "Tehtävät", "sv": "Uppgifter", "en": "Tasks"},
    "goals": {"fi": "Tavoitteet", "sv": "Mål", "en": "Goals"},
    "units_aimed": {
        "fi": "Tavoitteena olevat tutkinnon osat",
        "sv": "Examensdelar som prövningen siktar på",
        "en": "Qualification units aimed at",
    },
    "chosen_requirements": {
        "fi": "Valitut ammattitaitovaatimukset",
        "sv": "Valda yrkeskunskapskrav",
        "en": "Chosen skill requirements",
    },
    "insurance": {"fi": "Vakuutus", "sv": "Försäkring", "en": "Insurance"},
    "allowance": {"fi": "Kulukorvaus", "sv": "Kostnadsersättning", "en": "Expense allowance"},
    "allowance_amount": {
        "fi": "{amount} päivässä",
        "sv": "{amount} per dag",
        "en": "{amount} per day",
    },
    "no_allowance": {
        "fi": "Kulukorvausta ei makseta.",
        "sv": "Ingen kostnadsersättning betalas.",
        "en": "No expense allowance is paid.",
    },
    "amount": {"fi": "Määrä", "sv": "Belopp", "en": "Amount"},
    "outside_area": {
        "fi": "Työssäkäyntialueen ulkopuolella",
        "sv": "Utanför pendlingsområdet",
        "en": "Outside the commuting area",
    },
    "attended_only": {
        "fi": "Kulukorvaus maksetaan vain päiviltä, joina osallistuja on ollut kokeilussa.",
        "sv": "Kostnadsersättningen betalas endast för de dagar då deltagaren har deltagit.",
        "en": "The allowance is paid for attended days only.",
    },
    "rules": {"fi": "Tarkistetut säännöt", "sv": "Kontrollerade regler", "en": "Rules checked"},
    "rules_version": {"fi": "Sääntöversio", "sv": "Regelversion", "en": "Rules version"},
    "rules_checked": {"fi": "Tarkistettu", "sv": "Kontrollerade", "en": "Checked"},
    "rules_sources": {"fi": "Lähteet", "sv": "Källor", "en": "Sources"},
    "confirmations": {"fi": "Vahvistukset", "sv": "Bekräftelser", "en": "Confirmations"},
    "col_party": {"fi": "Osapuoli", "sv": "Part", "en": "Party"},
    "col_method": {"fi": "Tapa", "sv": "Sätt", "en": "Method"},
    "col_time": {"fi": "Aika", "sv": "Tidpunkt", "en": "Date and time"},
    "method_electronic": {
        "fi": "Vahvistettu sähköisesti Kohtaannossa",
        "sv": "Bekräftat elektroniskt i Kohtaanto",
        "en": "Confirmed electronically in Kohtaanto",
    },
    "method_paper": {
        "fi": "Allekirjoitettu paperilla, kirjannut {name}",
        "sv": "Undertecknat på papper, registrerat av {name}",
        "en": "Signed on paper, recorded by {name}",
    },
    # Certificate
    "cert_title": {"fi": "Osaamistodistus", "sv": "Kompetensintyg", "en": "Competence certificate"},
    "cert_subtitle_work_trial": {
        "fi": "Työkokeilussa osoitettu osaaminen oppilaitoksen arvioitavaksi",
        "sv": "Kompetens som visats i arbetsprövningen, för bedömning av en läroanstalt",
        "en": "Competence shown in a work trial, for formal assessment by an education provider",
    },
    "cert_subtitle_education_trial": {
        "fi": "Koulutuskokeilussa osoitettu osaaminen oppilaitoksen arvioitavaksi",
        "sv": "Kompetens som visats i utbildningsprövningen, för bedömning av en läroanstalt",
        "en": "Competence shown in an education trial, for formal assessment by an education "
        "provider",
    },
    "attended_days": {"fi": "Läsnäolopäiviä", "sv": "Närvarodagar", "en": "Days attended"},
    "issued": {"fi": "Päivätty", "sv": "Daterat", "en": "Dated"},
    "qualification": {"fi": "Tutkinto", "sv": "Examen", "en": "Qualification"},
    "diary_number": {"fi": "diaarinumero", "sv": "diarienummer", "en": "diary number"},
    "scope": {"fi": "Laajuus", "sv": "Omfattning", "en": "Scope"},
    "scope_points": {
        "fi": "{n} osaamispistettä",
        "sv": "{n} kompetenspoäng",
        "en": "{n} competence points",
    },
    "shown_requirements": {
        "fi": "Osoitetut ammattitaitovaatimukset",
        "sv": "Yrkeskunskapskrav som visats",
        "en": "Skill requirements shown",
    },
    "col_requirement": {
        "fi": "Ammattitaitovaatimus",
        "sv": "Yrkeskunskapskrav",
        "en": "Skill requirement",
    },
    "col_how": {
        "fi": "Missä ja miten osoitettu",
        "sv": "Var och hur det visades",
        "en": "Where and how shown",
    },
    "marked_by": {
        "fi": "merkinnyt {name} ({role})",
        "sv": "antecknat av {name} ({role})",
        "en": "marked by {name} ({role})",
    },
    "workplace_tasks": {"fi": "Työtehtävät", "sv": "Arbetsuppgifter", "en": "Workplace tasks"},
    "not_shown": {
        "fi": "Ei osoitettu tässä kokeilussa",
        "sv": "Visades inte i denna prövning",
        "en": "Not shown in this trial",
    },
    "none_shown": {
        "fi": "Tämän tutkinnon osan ammattitaitovaatimuksia ei osoitettu tässä kokeilussa.",
        "sv": "Inga yrkeskunskapskrav i denna examensdel visades i denna prövning.",
        "en": "No skill requirements of this unit were shown in this trial.",
    },
    "final_assessment": {"fi": "Loppuarvio", "sv": "Slutbedömning", "en": "Final assessment"},
    "sign_off": {"fi": "Allekirjoitukset", "sv": "Underskrifter", "en": "Signatures"},
    "signed_on": {
        "fi": "Allekirjoitettu {date}",
        "sv": "Undertecknat {date}",
        "en": "Signed {date}",
    },
    "cert_footer_work_trial": {
        "fi": "Tämä todistus kuvaa työkokeilussa osoitettua osaamista. "
        "Oppilaitos arvioi ja tunnustaa osaamisen (AHOT).",
        "sv": "Detta intyg beskriver kompetens som visats i arbetsprövningen. "
        "Läroanstalten bedömer och erkänner kompetensen (identifiering och erkännande "
        "av tidigare förvärvad kompetens).",
        "en": "This certificate describes competence shown in the work trial. "
        "The education provider assesses and recognises the competence "
        "(recognition of prior learning).",
    },
    "cert_footer_education_trial": {
        "fi": "Tämä todistus kuvaa koulutuskokeilussa osoitettua osaamista. "
        "Oppilaitos arvioi ja tunnustaa osaamisen (AHOT).",
        "sv": "Detta intyg beskriver kompetens som visats i utbildningsprövningen. "
        "Läroanstalten bedömer och erkänner kompetensen (identifiering och erkännande "
        "av tidigare förvärvad kompetens).",
        "en": "This certificate describes competence shown in the education trial. "
        "The education provider assesses and recognises the competence "
        "(recognition of prior learning).",
    },
    # Reference letter
    "ref_title": {
        "fi": "Suosittelukirje",
        "sv": "Rekommendationsbrev",
        "en": "Reference letter",
    },
    "ref_subtitle": {
        "fi": "Puuttuva palanen -kehittämisprojekti työkokeiluna",
        "sv": "Utvecklingsprojekt inom Puuttuva palanen som arbetsprövning",
        "en": "Puuttuva palanen development project as a work trial",
    },
    "project": {
        "fi": "Kehittämisprojekti",
        "sv": "Utvecklingsprojekt",
        "en": "Development project",
    },
    "work_done": {
        "fi": "Mitä henkilö teki",
        "sv": "Vad personen gjorde",
        "en": "What the person did",
    },
    "skills_shown": {"fi": "Osoitettu osaaminen", "sv": "Visad kompetens", "en": "Skills shown"},
    "recommendation": {"fi": "Suositus", "sv": "Rekommendation", "en": "Recommendation"},
}

MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def text(key: str, lang: str, **values: object) -> str:
    """The document text `key` in `lang` (English when a language lacks it)."""
    texts = TEXTS[key]
    result = texts.get(lang) or texts["en"]
    return result.format(**values) if values else result


def _local(moment: datetime) -> datetime:
    return moment.astimezone(LOCAL_TIME) if moment.tzinfo is not None else moment


def format_date(day: date | datetime, lang: str) -> str:
    """1.9.2025 in Finnish and Swedish, 1 September 2025 in English. An aware date-time is
    shown as its day in Finnish time."""
    if isinstance(day, datetime):
        day = _local(day).date()
    if lang == "en":
        return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"
    return f"{day.day}.{day.month}.{day.year}"


def format_datetime(moment: datetime, lang: str) -> str:
    """1.9.2025 klo 9.05 (fi), 1.9.2025 kl. 9.05 (sv), 1 September 2025 at 09:05 (en),
    in Finnish time when the date-time is aware."""
    moment = _local(moment)
    day = format_date(moment.date(), lang)
    if lang == "en":
        return f"{day} at {moment:%H:%M}"
    return f"{day} {'klo' if lang == 'fi' else 'kl.'} {moment.hour}.{moment:%M}"


def format_period(start: date | None, end: date | None, lang: str) -> str:
    first = format_date(start, lang) if start else "…"
    last = format_date(end, lang) if end else "…"
    return f"{first} – {last}"


def format_number(value: Decimal | float | int, lang: str) -> str:
    """6, 6,5 (fi, sv) or 6.5 (en): no trailing zeros."""
    number = Decimal(str(value)).normalize()
    shown = f"{number:f}"
    return shown.replace(".", ",") if lang in ("fi", "sv") else shown


def format_euros(value: Decimal | float | int, lang: str) -> str:
    """9,00 € (fi, sv) or €9.00 (en)."""
    amount = f"{Decimal(str(value)).quantize(Decimal('0.01')):f}"
    if lang == "en":
        return f"€{amount}"
    return f"{amount.replace('.', ',')}\u00a0€"


def _check(value: str, allowed: Sequence[str], what: str) -> None:
    if value not in allowed:
        raise ValueError(f"{what} must be one of {', '.join(allowed)}, not {value!r}")


# ---------------------------------------------------------------------------- agreement


@dataclass(frozen=True)
class Confirmation:
    """One party's confirmation row. `confirmed_at` None: not yet confirmed (the document
    shows an empty signature line). A paper signature names the coach who recorded it."""

    party: str
    """participant | organiser | authority | service"""
    name: str
    confirmed_at: datetime | None = None
    method: str = "electronic"
    """electronic | paper"""
    recorded_by: str = ""

    def __post_init__(self) -> None:
        _check(self.party, PARTIES, "party")
        _check(self.method, METHODS, "method")


@dataclass(frozen=True)
class UnitAim:
    """A qualification unit the trial aims at, with the skill requirements chosen for it."""

    name: str
    code: str = ""
    requirements: Sequence[str] = ()
    qualification: str = ""


@dataclass(frozen=True)
class RulesCheck:
    """Which version of the rule book the terms were checked against, when, and its sources."""

    version: str
    checked_at: date | datetime
    sources: Sequence[str] = ()


@dataclass(frozen=True)
class AgreementContent:
    language: str
    participant_name: str
    organiser_name: str
    start: date | None
    end: date | None
    kind: str = "work_trial"
    """work_trial | education_trial"""
    reference: str = ""
    revision: int | None = None
    participant_birth_date: date | None = None
    organiser_business_id: str = ""
    organiser_address: str = ""
    authority_name: str = ""
    service_organisation: str = ""
    coach_name: str = ""
    days_per_week: int | None = None
    hours_per_day: Decimal | float | None = None
    working_time_note: str = ""
    tasks: str = ""
    place: str = ""
    mentor_name: str = ""
    mentor_phone: str = ""
    mentor_email: str = ""
    goals: Sequence[str] = ()
    units: Sequence[UnitAim] = ()
    insurance_note: str = ""
    allowance_per_day: Decimal | float | None = None
    outside_commuting_area: bool = False
    rules: RulesCheck | None = None
    confirmations: Sequence[Confirmation] = ()

    def __post_init__(self) -> None:
        _check(self.language, LANGUAGES, "language")
        _check(self.kind, KINDS, "kind")

    @property
    def is_draft(self) -> bool:
        """A draft until there are confirmations and every one of them is made."""
        return not self.confirmations or any(c.confirmed_at is None for c in self.confirmations)

    @property
    def title(self) -> str:
        return text(f"title_{self.kind}", self.language)


# ---------------------------------------------------------------------------- certificate


@dataclass(frozen=True)
class EvidenceEntry:
    """One marking that a requirement was shown: when, how, and by whom."""

    shown_on: date
    text: str
    author_name: str
    author_role: str = "workplace_mentor"
    """workplace_mentor | coach"""

    def __post_init__(self) -> None:
        _check(self.author_role, MARKER_ROLES, "author_role")


@dataclass(frozen=True)
class ShownRequirement:
    requirement: str
    workplace_tasks: str = ""
    evidence: Sequence[EvidenceEntry] = ()


@dataclass(frozen=True)
class CertificateUnit:
    name: str
    code: str = ""
    qualification_name: str = ""
    qualification_diary_number: str = ""
    scope_points: int | None = None
    """The unit's scope in osaamispisteet (competence points)."""
    shown: Sequence[ShownRequirement] = ()
    not_shown: Sequence[str] = ()
    """Requirements aimed at but not shown in this trial, listed honestly."""


@dataclass(frozen=True)
class CertificateContent:
    language: str
    reference: str
    person_name: str
    organiser_name: str
    start: date | None
    end: date | None
    attended_days: int
    kind: str = "work_trial"
    place: str = ""
    units: Sequence[CertificateUnit] = ()
    summary: str = ""
    mentor_name: str = ""
    mentor_signed_on: date | datetime | None = None
    coach_name: str = ""
    coach_signed_on: date | datetime | None = None
    issued_on: date | datetime | None = None

    def __post_init__(self) -> None:
        _check(self.language, LANGUAGES, "language")
        _check(self.kind, KINDS, "kind")

    @property
    def title(self) -> str:
        return text("cert_title", self.language)


# ---------------------------------------------------------------------------- reference letter


@dataclass(frozen=True)
class ReferenceContent:
    language: str
    company_name: str
    writer_name: str
    person_name: str
    project_title: str
    letter: str
    written_on: date | datetime
    company_business_id: str = ""
    writer_title: str = ""
    start: date | None = None
    end: date | None = None
    work_done: str = ""
    skills: Sequence[str] = ()
    place: str = ""
    """Where the letter is written (e.g. Kouvola), shown before the date."""

    def __post_init__(self) -> None:
        _check(self.language, LANGUAGES, "language")

    @property
    def title(self) -> str:
        return text("ref_title", self.language)
