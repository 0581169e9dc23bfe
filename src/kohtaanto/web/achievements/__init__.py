"""Pages of Open Badges (issue 17): issuing and revoking on a participant's case file, the
person's own badges (/my/badges/), and the public, anonymous pages: the verifier (/verify/,
/verify/api/), the did:web document, issuer profiles, achievement versions, status lists and
shared badges."""
