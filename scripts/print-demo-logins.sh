#!/usr/bin/env bash
port="${1:-8000}"
cat <<MSG

  Kohtaanto demo is starting at http://localhost:${port}/

  Log in with any of these usernames; the password is: kohtaanto-demo
    coordinator        coordinator of Polku ry (organisation admin, audit log, Django admin,
                       volunteer pool, mentor matching, groups, interventions, support line)
    analyst            analyst of Polku ry (outcome figures and regional foresight with
                       small numbers of people hidden)
    coach              work coach at Polku ry (caseload, work trials: agreement, rules, days)
    coach2             work coach at Uusi Suunta -hanke (a second organisation)
    participant        a participant of Polku ry ("my path", jobs and courses, groups, mentor,
                       a running work trial to follow)
    mentor             volunteer peer mentor: leads groups (roll call), mentees, company visits
    vapaaehtoinen-01   one of 30 volunteer mentors in five towns (…-01 to …-29)
    tukiluuri          support-line volunteer only (shift calendar, anonymous contact log)
    employer           employer contact at Konepaja Virtanen Oy (opportunities, candidates,
                       work trials at the workplace, reference letters)
    employer2          employer contact at Siivouspalvelu Kirkas Oy
    employer3          employer contact at Hoivakoti Kotiranta Oy
    workplace-mentor   workplace mentor at Konepaja Virtanen Oy (this week's check-in of Pekka's
                       work trial, assessments, skills shown)

  Stop the server with Ctrl+C. Data is kept in ${KOHTAANTO_DATA_DIR:-./var}/.

MSG
