"""Pages of Open Badges: staff (issue, revoke), wallet (/my/badges/), public (verify, DID,
issuer, achievements, status lists, shared badges)."""

from kohtaanto.web.achievements import courses, manage, public, staff, volunteers, wallet

app_name = "achievements"

urlpatterns = [
    *manage.urlpatterns,
    *staff.urlpatterns,
    *courses.urlpatterns,
    *volunteers.urlpatterns,
    *wallet.urlpatterns,
    *public.urlpatterns,
]
