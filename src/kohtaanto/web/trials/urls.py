"""Pages of work and education trials. Each part keeps its own URL list: `coach` (the trial,
its agreement, confirmations, schedule and attendance), `workplace` (the workplace mentor's
check-ins, assessments and evidence, the signed link, the employer's view), `completion`
(certificate, skills into the profile, Puuttuva palanen's learning plan and reference, what
came next) and `rules` (the rule book's versions)."""

from kohtaanto.web.trials import coach, completion, rules, workplace

app_name = "trials"

urlpatterns = [
    *coach.urlpatterns,
    *workplace.urlpatterns,
    *completion.urlpatterns,
    *rules.urlpatterns,
]
