## Activities (fields refused)
activity-code-required = Choose a value. Possible values: { $values }.
activity-code-invalid = This value is not in the national model's list. Possible values: { $values }.
activity-date = The date is not understood: pick it in the calendar or type it as 20/11/2026 (from the year 2000).
activity-date-future = This date has not passed yet: an activity is recorded on the day or after.
activity-number = A whole number is expected, from { $min } to { $max }.
activity-text-too-long = This text is longer than { $max } characters: shorten it.
activity-unknown-record = This id matches nothing your structure knows.
activity-place-not-ours = This place is not one of your structure's: pick one in the list, or « At home », « Remote », « Elsewhere ».
activity-commune-required = Give the commune where the activity took place.
activity-title-required = Give the workshop a title, for instance « First steps on a tablet ».
activity-themes-required = Tick at least one theme.
activity-admin-without-theme = Details of an administrative procedure need the theme « Aide aux démarches administratives ».
activity-orientation-kind = First choose the kind of structure the person is sent to.
activity-count = A number of people is expected, from 0 to { $max } (the number of participants).
activity-counts-total = These numbers add up to more than the { $max } participants.
## People followed
beneficiary-consent-required = Without the person's consent nothing is recorded about them: the activity stays anonymous. Tick the box only if they agreed.
beneficiary-pseudonym = Type a first name or a nickname, 1 to 60 characters.
beneficiary-birth-year = A 4-digit year of birth is expected, from 1900 to { $max }.
beneficiary-phone = A phone number is expected, 8 to 15 digits, for instance 06 12 34 56 78.
goal-text = Describe the goal in a few words (at most { $max } characters).
## Tokens
token-label = The token's name must not be longer than { $max } characters.
token-days = A number of days is expected, from 1 to { $max } (or 0 for a token that never expires).
confirm-token-heading = Revoke this token?
confirm-token-consequence = The token « { $label } » will no longer open the API, from now on and for ever. Programs using it will get a 401 error.
confirm-token-button = Yes, revoke the token
flash-token-revoked = The token was revoked.
## Activities and people (flash messages and confirmations)
flash-activity-recorded = The activity was recorded.
flash-activity-updated = The activity was edited.
flash-activity-deleted = The activity was deleted.
flash-person-created = The person is recorded, with their consent.
flash-person-updated = The record was edited.
flash-person-erased = The person was erased: their activities stay, anonymous.
flash-people-merged = The two records were merged.
flash-goal-added = The goal was added.
flash-skill-added = The level was noted.
confirm-activity-heading = Delete this activity?
confirm-activity-consequence = The activity of { $date } ({ $kind }, { $minutes } min) will be deleted and taken out of the structure's figures.
confirm-activity-button = Yes, delete the activity
confirm-erase-heading = Erase this person?
confirm-erase-consequence = Everything Maille knows about « { $name } » will be erased: their record, goals and progress. Their { $count } activities stay, unlinked, for the figures. This cannot be undone.
confirm-erase-button = Yes, erase the person
confirm-withdraw-heading = Withdraw consent?
confirm-withdraw-consequence = Without consent Maille keeps nothing about « { $name } »: their record, goals and progress are erased. Their { $count } activities stay, anonymous. This cannot be undone.
confirm-withdraw-button = Yes, the person withdraws their consent
confirm-merge-heading = Merge these two records?
confirm-merge-consequence = The record « { $duplicate } » will be merged into « { $kept } »: activities, goals and progress move to « { $kept } », then « { $duplicate } » is deleted.
confirm-merge-button = Yes, merge
## API
api-body-object = The body must be a JSON object: {"{"} "field": value, … {"}"}.
api-unknown-member = This field does not exist. Accepted fields: { $known }.
api-group-by = Expected grouping: month, type, theme or place.
api-member-type = This field must be { $expected }.
