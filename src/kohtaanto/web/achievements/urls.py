"""Pages of Open Badges: staff (issue, revoke), wallet (/my/badges/), public (verify, DID,
issuer, achievements, status lists, shared badges)."""

from kohtaanto.web.achievements import public, staff, wallet

app_name = "achievements"

urlpatterns = [*staff.urlpatterns, *wallet.urlpatterns, *public.urlpatterns]
