"""Open Badges 3.0 credentials, pure Python (issue 17): no Django.

Keys (Ed25519), DIDs (did:key, did:web), JSON-LD contexts served offline, the
`OpenBadgeCredential` builder, Data Integrity proofs with the `eddsa-rdfc-2022` cryptosuite,
Bitstring Status Lists and a verifier that says why a credential fails. See README.md.
"""
