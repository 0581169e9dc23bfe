from __future__ import annotations

import pytest

from kohtaanto.recognition import Engine, build_engine
from kohtaanto.recognition.tests.fixtures import tiny_taxonomy
from kohtaanto.taxonomy.model import Taxonomy


@pytest.fixture(scope="session")
def taxonomy() -> Taxonomy:
    return tiny_taxonomy()


@pytest.fixture(scope="session")
def engine(taxonomy: Taxonomy) -> Engine:
    return build_engine(taxonomy, languages=("fi", "sv", "en"))
