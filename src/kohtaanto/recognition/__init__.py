"""Recognition of skills and occupations in free text (fi/sv/en), and job-title linking.

A pure library: no Django. Build an engine from a `Taxonomy` and ask it for suggestions::

    engine = build_engine(taxonomy, languages=("fi", "sv", "en"))
    engine.recognize("Olen työskennellyt trukinkuljettajana", lang="fi")
    engine.link_title("Senior Java Developer (m/f/d)", lang="en")
"""

from kohtaanto.recognition.analyzer import Analyzer, Token, get_analyzer
from kohtaanto.recognition.engine import Engine, build_engine
from kohtaanto.recognition.ensemble import EnsembleWeights, WeightsError, load_weights
from kohtaanto.recognition.titles import TitleLinker
from kohtaanto.recognition.types import Evidence, Suggestion

__all__ = [
    "Analyzer",
    "Engine",
    "EnsembleWeights",
    "Evidence",
    "Suggestion",
    "TitleLinker",
    "Token",
    "WeightsError",
    "build_engine",
    "get_analyzer",
    "load_weights",
]
