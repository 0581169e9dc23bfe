"""Write paths of trials, one module per part: `lifecycle` (create, the state table, the
agreement and its rule check, confirmations, schedule and attendance), `workplace` (links,
check-ins, assessments, requirement evidence), `completion` (certificate, skills into the
profile, the reference letter, what came next) and `learning` (Puuttuva palanen)."""
