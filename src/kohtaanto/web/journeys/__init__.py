"""Pages of the participant journey: caseload, intake, story, profile, plan, DigComp,
documents, end of service and the participant's own "my path". Built on
`kohtaanto.journeys` (services, selectors) and `kohtaanto.profiles`."""
