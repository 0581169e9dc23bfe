"""A tiny hand-made taxonomy in fi/sv/en for recognizer tests."""

from __future__ import annotations

from kohtaanto.taxonomy.model import Concept, ConceptKind, LabelSet, Relation, Taxonomy

E = "http://example.org/"
FORKLIFT, WELD, SERVICE, JAVA, LOAD = (
    E + s for s in ("forklift", "weld", "service", "java", "load")
)
DRIVER, DEVELOPER = E + "occ/forklift-driver", E + "occ/software-developer"


def _concept(uri: str, kind: ConceptKind, **labels: tuple[str, list[str]]) -> Concept:
    return Concept(
        uri,
        kind,
        labels={lang: LabelSet(pref, list(alts)) for lang, (pref, alts) in labels.items()},
        descriptions={"en": f"Description of {labels['en'][0]}."},
    )


def tiny_taxonomy() -> Taxonomy:
    taxonomy = Taxonomy(sources=["tiny test taxonomy"])
    for concept in (
        _concept(
            FORKLIFT,
            ConceptKind.SKILL,
            en=("operate forklift", ["drive forklift"]),
            fi=("trukin ajaminen", ["ajaa trukkia"]),
            sv=("köra truck", []),
        ),
        _concept(
            WELD,
            ConceptKind.SKILL,
            en=("weld", ["welding"]),
            fi=("hitsata", ["hitsaus"]),
            sv=("svetsa", ["svetsning"]),
        ),
        _concept(
            SERVICE,
            ConceptKind.SKILL,
            en=("customer service", []),
            fi=("asiakaspalvelu", []),
            sv=("kundservice", []),
        ),
        _concept(
            JAVA,
            ConceptKind.KNOWLEDGE,
            en=("Java (computer programming)", ["Java"]),
            fi=("Java-ohjelmointi", ["Java"]),
            sv=("Java", []),
        ),
        _concept(
            LOAD,
            ConceptKind.SKILL,
            en=("load cargo", []),
            fi=("kuormaaminen", []),
            sv=("lasta gods", []),
        ),
        _concept(
            DRIVER,
            ConceptKind.OCCUPATION,
            en=("forklift operator", ["forklift driver"]),
            fi=("trukinkuljettaja", ["trukkikuljettaja"]),
            sv=("truckförare", []),
        ),
        _concept(
            DEVELOPER,
            ConceptKind.OCCUPATION,
            en=("software developer", ["Java developer"]),
            fi=("ohjelmistokehittäjä", []),
            sv=("mjukvaruutvecklare", []),
        ),
    ):
        taxonomy.add(concept)
    taxonomy.occupation_skills[DRIVER] = {FORKLIFT: Relation.ESSENTIAL, LOAD: Relation.ESSENTIAL}
    taxonomy.occupation_skills[DEVELOPER] = {JAVA: Relation.ESSENTIAL, WELD: Relation.OPTIONAL}
    return taxonomy
