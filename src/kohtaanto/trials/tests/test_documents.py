"""The trial documents render as real PDFs in fi, sv and en, from plain data.

Text is checked in two ways: with the built-in Helvetica and uncompressed page streams the
strings are readable in the bytes (`_strings`), and with the embedded Unicode font through
poppler's `pdftotext` when it is installed (skipped otherwise)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from kohtaanto.trials.documents import (
    AgreementContent,
    CertificateContent,
    CertificateUnit,
    Confirmation,
    EvidenceEntry,
    ReferenceContent,
    RulesCheck,
    ShownRequirement,
    UnitAim,
    render_agreement_pdf,
    render_certificate_pdf,
    render_reference_pdf,
    text,
)

HELSINKI = ZoneInfo("Europe/Helsinki")
LANGS = ("fi", "sv", "en")

# Sample data; the unit code and diary number are illustrative, not looked up in ePerusteet.
REQUIREMENTS = (
    "vastaanottaa tavaraa ja tarkastaa sen määrän ja laadun",
    "kerätä tilauksia keräilylistan tai päätelaitteen mukaan",
    "pakata tavaraa lähetettäväksi ja merkitä lähetykset",
    "käyttää varaston laitteita ja välineitä turvallisesti",
    "toimia työturvallisuusohjeiden mukaan",
)


def _today() -> date:
    return datetime.now(HELSINKI).date()


def _moment(days_ago: int, hour: int) -> datetime:
    day = _today() - timedelta(days=days_ago)
    return datetime(day.year, day.month, day.day, hour, 5, tzinfo=HELSINKI)


def sample_agreement(
    lang: str = "fi", *, confirmed: bool = False, requirements: int = len(REQUIREMENTS)
) -> AgreementContent:
    today = _today()
    chosen = [
        REQUIREMENTS[i % len(REQUIREMENTS)] + (f" ({i + 1})" if i >= len(REQUIREMENTS) else "")
        for i in range(requirements)
    ]
    return AgreementContent(
        language=lang,
        reference="TK-2041",
        revision=2,
        participant_name="Matti Virtanen",
        participant_birth_date=date(today.year - 34, 3, 14),
        organiser_name="Kouvolan Konepaja Oy",
        organiser_business_id="1234567-8",
        organiser_address="Teollisuuskatu 12, 45100 Kouvola",
        authority_name="Kouvolan kaupungin työllisyyspalvelut",
        service_organisation="Kymenlaakson Työpaja ry",
        coach_name="Kaisa Valmentaja",
        start=today + timedelta(days=7),
        end=today + timedelta(days=7 + 8 * 7 - 3),
        days_per_week=4,
        hours_per_day=Decimal("6.5"),
        working_time_note="Ma–to klo 7.00–13.30. Ei vuoro- eikä viikonlopputyötä.",
        tasks="- Tavaran vastaanotto ja hyllytys\n- Tilausten keräily ja pakkaaminen\n"
        "- Trukkikortin suorittaminen kokeilun aikana, jos se sopii",
        place="Kouvolan Konepaja Oy, varasto, Teollisuuskatu 12, Kouvola",
        mentor_name="Olli Ohjaaja",
        mentor_phone="040 123 4567",
        mentor_email="olli.ohjaaja@konepaja.example",
        goals=(
            "Selvittää, sopiiko varasto- ja logistiikkatyö Matille",
            "Osoittaa osaamista tutkinnon osasta Varastopalveluiden tuottaminen",
        ),
        units=(
            UnitAim(
                name="Varastopalveluiden tuottaminen",
                code="106935",
                qualification="Logistiikan perustutkinto",
                requirements=chosen,
            ),
        ),
        insurance_note="Osallistuja on vakuutettu tapaturmien varalta "
        "Valtiokonttorin kautta (laki 1193/2023).",
        allowance_per_day=Decimal("9.00"),
        outside_commuting_area=False,
        rules=RulesCheck(
            version="tyokokeilu-2025.1",
            checked_at=_moment(2, 10),
            sources=("Laki työvoimapalvelujen järjestämisestä 380/2023, 7 luku",),
        ),
        confirmations=(
            Confirmation("participant", "Matti Virtanen", _moment(1, 9)),
            Confirmation(
                "organiser",
                "Olli Ohjaaja",
                _moment(1, 14),
                method="paper",
                recorded_by="Kaisa Valmentaja",
            ),
            Confirmation(
                "authority",
                "Aino Asiantuntija",
                _moment(0, 8) if confirmed else None,
            ),
        ),
    )


def sample_certificate(lang: str = "fi", *, shown: int = 3) -> CertificateContent:
    today = _today()
    start = today - timedelta(days=60)
    items = [
        ShownRequirement(
            requirement=REQUIREMENTS[i % len(REQUIREMENTS)],
            workplace_tasks="Saapuvan kuorman purku, lähetteen tarkastus",
            evidence=(
                EvidenceEntry(
                    shown_on=start + timedelta(days=10 + i % 40),
                    text="Tarkasti lähetteen itsenäisesti ja huomasi puuttuvan lavan. "
                    "Kirjasi poikkeaman järjestelmään oikein.",
                    author_name="Olli Ohjaaja",
                ),
                EvidenceEntry(
                    shown_on=start + timedelta(days=20 + i % 30),
                    text="Kertoi vaiheet omin sanoin valmennustapaamisessa.",
                    author_name="Kaisa Valmentaja",
                    author_role="coach",
                ),
            ),
        )
        for i in range(shown)
    ]
    return CertificateContent(
        language=lang,
        reference="OT-2041-7F3K",
        person_name="Matti Virtanen",
        organiser_name="Kouvolan Konepaja Oy",
        place="Varasto, Teollisuuskatu 12, Kouvola",
        start=start,
        end=today - timedelta(days=4),
        attended_days=31,
        units=(
            CertificateUnit(
                name="Varastopalveluiden tuottaminen",
                code="106935",
                qualification_name="Logistiikan perustutkinto",
                qualification_diary_number="OPH-2524-2017",
                scope_points=30,
                shown=items,
                not_shown=("käyttää varastonhallintajärjestelmän raportteja",),
            ),
        ),
        summary="Matti oppi varaston työtavat nopeasti ja työskenteli huolellisesti. "
        "Kokeilu tukee hakemista logistiikan perustutkintoon.",
        mentor_name="Olli Ohjaaja",
        mentor_signed_on=today - timedelta(days=3),
        coach_name="Kaisa Valmentaja",
        coach_signed_on=None,
        issued_on=today - timedelta(days=3),
    )


def sample_reference(lang: str = "fi") -> ReferenceContent:
    today = _today()
    return ReferenceContent(
        language=lang,
        company_name="Kouvolan Konepaja Oy",
        company_business_id="1234567-8",
        writer_name="Riikka Rautio",
        writer_title="Toimitusjohtaja",
        person_name="Matti Virtanen",
        project_title="Varaston layoutin ja keräilyreittien parantaminen",
        start=today - timedelta(days=90),
        end=today - timedelta(days=30),
        work_done="Matti kartoitti keräilyreitit ja ehdotti hyllyjärjestystä, "
        "joka lyhensi keräilyaikaa.\n- Teki aikamittaukset kahden viikon ajalta",
        skills=("varastonhallinta", "prosessien kehittäminen", "taulukkolaskenta"),
        letter="Suosittelemme Mattia lämpimästi varasto- ja logistiikkatehtäviin. "
        "Hän on täsmällinen, oma-aloitteinen ja helppo tehdä yhteistyötä kanssa.",
        written_on=today - timedelta(days=20),
        place="Kouvola",
    )


RENDERERS: dict[str, tuple[Callable[..., Any], Callable[..., bytes]]] = {
    "agreement": (sample_agreement, render_agreement_pdf),
    "certificate": (sample_certificate, render_certificate_pdf),
    "reference": (sample_reference, render_reference_pdf),
}
TITLES = {
    "agreement": ("title_work_trial", "parties"),
    "certificate": ("cert_title", "col_requirement"),
    "reference": ("ref_title", "skills_shown"),
}


def _strings(pdf: bytes) -> str:
    """The text of an uncompressed, Helvetica-set PDF: its literal strings, unescaped, with
    each run of white space as one space (so a phrase wrapped over two lines still matches)."""
    escapes = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"(": b"(", b")": b")", b"\\": b"\\"}

    def unescape(match: re.Match[bytes]) -> bytes:
        code = match.group(1)
        return bytes([int(code, 8)]) if code[:1].isdigit() else escapes.get(code, code)

    # Pieces of one line drawn one after another (reportlab splits at "<", "&"...) are joined.
    parts = re.findall(rb"\(((?:\\.|[^\\)])*)\)", pdf.replace(b") Tj (", b""))
    joined = " ".join(
        re.sub(rb"\\([0-7]{1,3}|.)", unescape, part).decode("cp1252") for part in parts
    )
    return " ".join(joined.split())


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b(?!s)", pdf))


def _pdftotext(pdf: bytes) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return done.stdout.decode()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("document", sorted(RENDERERS))
def test_renders_a_pdf_with_headings_in_its_language(document, lang):
    make, render = RENDERERS[document]
    pdf = render(make(lang))
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert b"/FontFile2" in pdf  # the Unicode TrueType font is embedded
    strings = _strings(render(make(lang), unicode_font=False, compress=False))
    for key in TITLES[document]:
        assert text(key, lang) in strings
        for other in set(LANGS) - {lang}:
            assert text(key, other) not in strings
    assert text("page", lang, page=1, pages=_pages(pdf)) in strings


def test_agreement_is_a_draft_until_every_party_confirms():
    draft = _strings(render_agreement_pdf(sample_agreement(), unicode_font=False, compress=False))
    assert "LUONNOS" in draft and "Kaikki osapuolet eivät ole vielä vahvistaneet" in draft
    assert "Allekirjoitus ja päiväys" in draft  # the authority's empty signature line
    assert "Vahvistettu sähköisesti Kohtaannossa" in draft
    assert "Allekirjoitettu paperilla, kirjannut Kaisa Valmentaja" in draft
    agreed = sample_agreement(confirmed=True)
    assert not agreed.is_draft
    final = _strings(render_agreement_pdf(agreed, unicode_font=False, compress=False))
    assert "LUONNOS" not in final and "Allekirjoitus ja päiväys" not in final
    assert "Aino Asiantuntija" in final


def test_agreement_terms_are_shown_in_the_document_language():
    sv = _strings(render_agreement_pdf(sample_agreement("sv"), unicode_font=False, compress=False))
    assert "UTKAST" in sv and "Avtal om arbetsprövning" in sv
    assert "9,00 € per dag" in sv and "FO-nummer" in sv
    assert "Kouvolan kaupungin työllisyyspalvelut" in sv and "Olli Ohjaaja" in sv
    assert "tyokokeilu-2025.1" in sv and "380/2023" in sv
    en = _strings(render_agreement_pdf(sample_agreement("en"), unicode_font=False, compress=False))
    assert "€9.00 per day" in en and "paid for attended days only" in en
    assert "Signed on paper, recorded by Kaisa Valmentaja" in en
    education = AgreementContent(
        "fi", "Matti Virtanen", "Kouvolan ammattiopisto", None, None, kind="education_trial"
    )
    strings = _strings(render_agreement_pdf(education, unicode_font=False, compress=False))
    assert "Koulutuskokeilusopimus" in strings and "Koulutuskokeilu" in strings
    assert "LUONNOS" in strings  # nobody has confirmed


def test_long_content_runs_onto_numbered_pages():
    pdf = render_agreement_pdf(sample_agreement(requirements=65), compress=False)
    pages = _pages(pdf)
    assert pages >= 3
    plain = render_agreement_pdf(
        sample_agreement(requirements=65), unicode_font=False, compress=False
    )
    strings = _strings(plain)
    assert _pages(plain) == pages
    for page in range(1, pages + 1):
        assert f"Sivu {page}/{pages}" in strings
    assert "(65)" in strings  # the last requirement made it in
    certificate = render_certificate_pdf(sample_certificate(shown=65), compress=False)
    assert _pages(certificate) >= 4
    strings = _strings(
        render_certificate_pdf(
            sample_certificate("en", shown=65), unicode_font=False, compress=False
        )
    )
    assert strings.count("Skill requirement") >= 3  # the table header repeats on each page


def test_a_text_longer_than_a_page_splits_inside_its_table_row():
    long_text = "Keräsi tilauksen ja tarkasti sen. " * 60  # about 2,000 characters
    requirement = ShownRequirement(
        "kerätä tilauksia " * 30,
        "Tilausten keräily " * 100,
        tuple(EvidenceEntry(_today(), long_text, "Olli Ohjaaja") for _ in range(6)),
    )
    unit = CertificateUnit(name="Varastopalveluiden tuottaminen", shown=(requirement,))
    certificate = CertificateContent(
        "fi", "OT-9", "Matti Virtanen", "Kouvolan Konepaja Oy", None, None, 5, units=(unit,)
    )
    assert _pages(render_certificate_pdf(certificate, compress=False)) >= 3
    agreement = AgreementContent(
        "fi", "Matti Virtanen", "Kouvolan Konepaja Oy", None, None, tasks="Hyllytys. " * 800
    )
    assert _pages(render_agreement_pdf(agreement, compress=False)) >= 2


def test_certificate_is_honest_about_what_was_not_shown():
    strings = _strings(
        render_certificate_pdf(sample_certificate(), unicode_font=False, compress=False)
    )
    assert "Ei osoitettu tässä kokeilussa" in strings
    assert "käyttää varastonhallintajärjestelmän raportteja" in strings
    assert "Oppilaitos arvioi ja tunnustaa osaamisen (AHOT)." in strings
    assert "OT-2041-7F3K" in strings and "OPH-2524-2017" in strings
    assert "30 osaamispistettä" in strings
    assert "merkinnyt Olli Ohjaaja (työpaikkaohjaaja)" in strings
    assert "merkinnyt Kaisa Valmentaja (valmentaja)" in strings
    assert "Allekirjoitus ja päiväys" in strings  # the coach has not signed yet
    nothing = CertificateUnit(name="Varastopalveluiden tuottaminen", not_shown=REQUIREMENTS)
    empty = CertificateContent(
        "sv", "OT-1", "Matti Virtanen", "Kouvolan Konepaja Oy", None, None, 0, units=(nothing,)
    )
    strings = _strings(render_certificate_pdf(empty, unicode_font=False, compress=False))
    assert "Visades inte i denna prövning" in strings
    assert "Inga yrkeskunskapskrav i denna examensdel visades" in strings


def test_reference_letter_carries_the_company_text_and_skills():
    strings = _strings(
        render_reference_pdf(sample_reference("en"), unicode_font=False, compress=False)
    )
    assert "Reference letter" in strings and "Skills shown" in strings
    assert "Kouvolan Konepaja Oy (Business ID 1234567-8)" in strings
    assert "prosessien kehittäminen" in strings and "Suosittelemme Mattia" in strings
    assert "Riikka Rautio" in strings and "Toimitusjohtaja" in strings


def test_special_characters_and_markup_are_text():
    tricky = "Åsa Öhman <b>&amp; Ääliö</b> €"
    content = sample_reference("fi")
    content = ReferenceContent(**{**content.__dict__, "person_name": tricky})
    strings = _strings(render_reference_pdf(content, unicode_font=False, compress=False))
    assert tricky in strings


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler's pdftotext not installed")
@pytest.mark.parametrize("lang", LANGS)
def test_embedded_font_carries_nordic_letters_and_euro(lang):
    agreement = _pdftotext(render_agreement_pdf(sample_agreement(lang)))
    assert "Kouvolan kaupungin työllisyyspalvelut" in agreement
    assert text("title_work_trial", lang) in agreement
    assert ("€9.00" if lang == "en" else "9,00 €") in agreement
    certificate = _pdftotext(render_certificate_pdf(sample_certificate(lang)))
    assert text("cert_title", lang) in certificate and "käyttää varaston" in certificate
    letter = _pdftotext(render_reference_pdf(sample_reference(lang)))
    assert "Åbo" not in letter and "hyllyjärjestystä" in letter


def test_content_checks_its_choices():
    with pytest.raises(ValueError, match="language"):
        sample_reference("de")
    with pytest.raises(ValueError, match="kind"):
        AgreementContent("fi", "M", "O", None, None, kind="internship")
    with pytest.raises(ValueError, match="party"):
        Confirmation("mentor", "Olli Ohjaaja")


def test_documents_import_no_django():
    code = (
        "import sys, kohtaanto.trials.documents as d; "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('django', 'rest_framework')); "
        "print(bad); raise SystemExit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
