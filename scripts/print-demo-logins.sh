#!/usr/bin/env bash
port="${1:-8000}"
cat <<MSG

  Kohtaanto demo is starting at http://localhost:${port}/

  Log in with any of these usernames; the password is: kohtaanto-demo
    coordinator        coordinator of Polku ry (organisation admin, audit log, Django admin)
    coach              work coach at Polku ry (caseload)
    coach2             work coach at Uusi Suunta -hanke (a second organisation)
    participant        a participant of Polku ry ("my path", jobs and courses for me)
    mentor             volunteer peer mentor
    employer           employer contact at Konepaja Virtanen Oy (opportunities, candidates)
    employer2          employer contact at Siivouspalvelu Kirkas Oy
    employer3          employer contact at Hoivakoti Kotiranta Oy
    workplace-mentor   workplace mentor at Konepaja Virtanen Oy

  Stop the server with Ctrl+C. Data is kept in ${KOHTAANTO_DATA_DIR:-./var}/.

MSG
