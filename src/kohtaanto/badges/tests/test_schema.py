"""Kohtaanto's credentials against the 1EdTech OB 3.0 JSON Schema (draft 2019-09) in Python
(the Node verifier checks the same with ajv)."""

from __future__ import annotations

import copy
import json
from importlib import resources

import pytest
from jsonschema import Draft201909Validator

from kohtaanto.badges import credentials as c
from kohtaanto.badges.tests import factories as f


def validator() -> Draft201909Validator:
    path = resources.files("kohtaanto.badges").joinpath(
        "data", "schema", "ob_v3p0_achievementcredential_schema.json"
    )
    return Draft201909Validator(json.loads(path.read_text("utf-8")))


@pytest.mark.parametrize("maker", [f.did_key_issuer, f.did_web_issuer])
@pytest.mark.parametrize("by_did", [False, True])
def test_signed_credentials_match_the_ob3_schema(maker, by_did):
    person = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"
    recipient = c.Recipient.by_did(person) if by_did else None
    credential = f.credential(maker(), recipient=recipient)
    assert [e.message for e in validator().iter_errors(credential)] == []


def test_the_schema_catches_a_broken_credential():
    credential = copy.deepcopy(f.credential(f.did_key_issuer()))
    del credential["credentialSubject"]["achievement"]["criteria"]
    credential["type"] = ["VerifiableCredential"]
    assert len(list(validator().iter_errors(credential))) >= 2
