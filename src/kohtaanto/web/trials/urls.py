"""Pages of work and education trials. Each part keeps its own URL list: `coach` (the trial,
its agreement, confirmations, schedule and attendance), `workplace` (the workplace mentor's
check-ins, assessments and evidence, the signed link, the employer's view) and `completion`
(certificate, skills into the profile, Puuttuva palanen's learning plan and reference, what
came next)."""

from kohtaanto.web.trials import coach, completion, workplace

app_name = "trials"

urlpatterns = [*coach.urlpatterns, *workplace.urlpatterns, *completion.urlpatterns]
