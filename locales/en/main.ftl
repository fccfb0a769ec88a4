# Messages shown to users by the code, in English (keys: locales/fr/main.ftl).

## Generic field messages
field-required = This field is required.
text-too-long = This text is too long (200 characters at most).
text-formula = This text cannot start with =, +, @, a tab or a line break: a spreadsheet would take it for a formula. Start with a word.

## Accounts
email-invalid = Enter a valid e-mail address, for example name@example.org.
email-look-alike = This address contains an invisible character or mixes alphabets (for example a Cyrillic « а » among Latin letters): type it again on the keyboard.
email-taken = This e-mail address is already used by another account.
display-name-invalid = Enter the person’s first and last name (2 to 100 characters).
role-invalid = Choose a role from the list.
role-not-for-organization = This role does not suit this kind of organisation: mediation and management in a structure, coordination in a federation or a network.
role-not-allowed = You cannot give this role.
password-required = Enter your password.
password-too-short = The password must be at least 12 characters long.
password-too-long = The password must be at most 128 characters long.
password-mismatch = The two passwords are not the same.
password-current-wrong = The current password is wrong.
credentials-wrong = Wrong e-mail address or password. Check what you typed.
lockout-address = Too many login attempts failed from your internet connection. Try again in { $minutes ->
    [one] { $minutes } minute.
   *[other] { $minutes } minutes.
}
lockout-account = Too many attempts failed for this account: for safety, logins from an unknown browser are slowed down. Try again in { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}, or log in right away from a browser you have logged in with before.
login-failures-notice = { $count ->
    [one] One attempt to log in to your account failed
   *[other] { $count } attempts to log in to your account failed
} since your last login (the last one on { $when }). If it was not you, change your password and tell your structure’s management.
role-last-manager = This structure would have nobody left in its management in Maille. First give the role « Structure management » to someone else in the team, then change this one.
cannot-deactivate-self = You cannot deactivate your own account.

## Organisations
organization-name-invalid = Enter a name of 2 to 120 characters.
organization-kind-invalid = Choose the kind of organisation.
organization-parent-invalid = Choose a parent organisation that exists.
organization-parent-wrong-kind = This link is not possible: a network has no parent, a federation or a structure belongs to a network or a federation.
organization-invalid = Choose an organisation from the list.

## Flash messages after an action
flash-password-changed = Your password has been changed.
flash-account-updated = The account has been updated.
flash-account-deactivated = The account has been deactivated: the person can no longer log in.
flash-account-reactivated = The account has been reactivated.
flash-organization-created = The organisation has been created.

## Places (national schema fields)
place-required = This field is required by the national places schema.
place-pivot = The pivot must be a SIRET (14 digits) or an RNA (W followed by 9 digits): 9 to 14 letters or digits, without spaces.
place-postcode = The postcode must have exactly 5 digits, for example 49300.
place-insee-code = The commune’s INSEE code has 5 characters, for example 49099 (or 2A004 in Corsica).
place-latitude = The latitude must be a number between -90 and 90, with a decimal point, for example 47.0600.
place-longitude = The longitude must be a number between -180 and 180, with a decimal point, for example -0.8790.
place-phone = The phone number must be in international format, without spaces or a leading zero: +33241000000.
place-summary-too-long = The summary must not be longer than 280 characters.
place-date = The update date must be a real date written YYYY-MM-DD, for example 2026-11-23.
place-value-not-in-list = This value is not in the national schema’s list: check the exact spelling, accents included, and separate values with « | ».
place-hours = These opening hours are not understood. Write them in French words, for example « du lundi au vendredi de 9 h à 12 h », or fill in the grid.
place-hours-word = « { $word } » is not understood in these hours. Write the days and times, for example « mardi de 14 h à 18 h », or fill in the grid.
place-hours-overlap = The ranges on { $day } overlap: the second must start after the first ends.
place-hours-order = A range ends before it starts: write the opening time then the closing time, for example « de 9 h à 12 h ».
stop-date = The date is not understood: pick it in the calendar or write it as 25/11/2026.
stop-date-past = This date has passed: a stop is planned for today or later.
stop-time = The time is not understood: write it as 9:30 or 14:00.
stop-ends-before = The end time must be after the start time.
stop-commune = We cannot find this commune: type its name or its postcode (5 digits).
stop-position = Give the latitude and the longitude together, as numbers with a decimal point (47.06 and -0.88), or leave both empty.
flash-place-created = The place has been created: it shows in searches from now on.
flash-place-updated = The place has been updated.
flash-stop-added = The stop has been added.
flash-stop-removed = The stop has been removed.

## Imports of places (a whole row refused)
import-row-too-long = This row is longer than { $kib } KiB: it was not read. An unclosed quote, perhaps?
import-row-width = This row has { $found } columns instead of { $expected }: check the separators and the quotes.
import-item-truncated = The file stops in the middle of this item: it is incomplete.
import-item-not-object = This item is not an object.
import-item-invalid-json = Invalid JSON: { $detail }.
import-item-unknown-field = The field « { $name } » does not exist in the national schema.
import-far-from-commune = Imported, to check: this position is { $km } km from { $commune }, the row’s commune. A search around { $commune } will not find this place until the latitude and longitude are corrected (or removed: Maille will place it at the centre of its commune).
place-position-far = Position to check: it is { $km } km from { $commune }, the place’s commune. A search around { $commune } does not find this place: correct the latitude and longitude, or erase them to place it at the centre of its commune.
place-position-far-short = To check: { $km } km from { $commune }
import-id-repeated = This id already appears on row { $first }: each place needs its own id.
import-place-owned = This place is run by the structure « { $structure } »: only its management can change it, in Maille. Remove this row from the file.

## Query strings (API, coverage page, command line)
query-unreadable = The query string cannot be read: it must be encoded as application/x-www-form-urlencoded (UTF-8).
query-unknown = Unknown parameter. Accepted parameters: { $known }.
query-once = This parameter can only be given once.
query-number = A number between { $min } and { $max } is expected, with a point for decimals (7.5).
query-integer = A whole number between { $min } and { $max } is expected.
query-boolean = Expected value: true or false.
query-instant = A date and time in RFC 3339 format is expected, for example 2026-11-23T14:30:00+01:00.
query-text = Text of 1 to { $max } characters is expected.
query-list-value = Unknown value. Possible values (national schema, field { $field }): { $values }.
query-department = A department code is expected, such as 49, 2A or 971.
query-region = A region INSEE code is expected, such as 52 (Pays de la Loire).
query-one-service = One service at a time.
query-department-or-region = Give a department or a region, not both.
query-q-or-position = Give either q (commune or postcode), or lat and lon, not both.
query-lat-lon-together = lat and lon go together: give both.
query-where = Say where to search: q (commune or postcode), or lat and lon.

## Imports of places (a whole file refused)
import-file-refused = The file « { $file } » was not imported: { $why }.
import-file-interrupted = unreadable file: reading was interrupted ({ $detail })
import-file-empty = unreadable file: the file is empty
import-file-unknown-column = header not in the national schema: the column « { $column } » does not exist in the schema (the schema's column names, such as « id », « nom » or « code_postal », are written in lower case, without accents)
import-file-unknown-and-missing-column = header not in the national schema: the column « { $column } » does not exist in the schema, and the required column « { $missing } » is missing (the schema’s column names are written in lower case, without accents, such as « code_postal »)
import-file-missing-column = header not in the national schema: the required column « { $column } » is missing
import-file-column-twice = header not in the national schema: the column « { $column } » appears twice
import-file-header-too-long = header not in the national schema: the first line is longer than { $kib } KiB: this is not the header of a file of places
import-file-not-an-array = header not in the national schema: the file must hold an array of « lieux » objects: [ {"{"}…{"}"}, {"{"}…{"}"} ]

## Security journal (event names on the journal page)
journal-event-login_succeeded = Logged in
journal-event-login_failed = Login failed
journal-event-account_locked = Attempts slowed down on an account after too many failures
journal-event-login_refused_locked = Login refused (attempts slowed down)
journal-event-logged_out = Logged out
journal-event-account_created = Account created
journal-event-account_updated = Account updated
journal-event-role_changed = Role changed
journal-event-account_deactivated = Account deactivated
journal-event-account_reactivated = Account reactivated
journal-event-password_changed = Password changed
journal-event-password_reset = Password reset
journal-event-organization_created = Organisation created
journal-event-place_created = Place created
journal-event-place_updated = Place updated
journal-event-places_imported = Places imported
journal-event-stop_added = Stop added
journal-event-stop_removed = Stop removed
journal-event-address_blocked = Address blocked after too many failed logins
journal-event-place_import_refused = Import refused on a place run by a structure
journal-event-activity_created = Activity recorded
journal-event-activity_updated = Activity edited
journal-event-activity_deleted = Activity deleted
journal-event-beneficiary_created = Person followed recorded (with their consent)
journal-event-beneficiary_read = Record of a person followed read
journal-event-beneficiary_updated = Record of a person followed edited
journal-event-beneficiary_exported = Data of a person followed handed over (export)
journal-event-beneficiary_erased = Person followed erased
journal-event-beneficiaries_merged = Duplicate records merged
journal-event-retention_run = Retention period applied
journal-event-token_created = API token created
journal-event-token_used_from_new_address = API token used from a new address
journal-event-token_revoked = API token revoked

## Kinds of organisation
organization-kind-network = Network
organization-kind-federation = Federation
organization-kind-structure = Structure

## Staff pages: headings and legends written by code
accounts-scope-all = Every account of this instance.
accounts-scope-organization = Accounts of { $organization }.
accounts-created-heading = Account created
accounts-new-password-heading = New password
accounts-edit-heading = Edit an account
accounts-edit-submit = Save the changes
accounts-create-heading = Create an account
accounts-create-submit = Create the account
places-edit-heading = Edit « { $name } »
places-new-heading = New place
import-choose-file = Choose a CSV or JSON file in the national schema’s format.
places-legend-services = Services offered
places-legend-publics = Especially welcoming
places-legend-specific-support = Adapted support
places-legend-fees = Costs to the person
places-legend-access-modes = How to get in touch
places-legend-support-modes = How people are supported
places-legend-national-programmes = National schemes and programmes
places-legend-trainings-labels = Trainings and labels
places-legend-itinerancy = Fixed or mobile

## The national schema's fields as people read them (import reports)
field-id = identifier (id)
field-pivot = SIRET or RNA (pivot)
field-nom = name
field-commune = commune
field-code_postal = postcode
field-code_insee = commune’s INSEE code
field-adresse = address
field-complement_adresse = address line 2
field-latitude = latitude
field-longitude = longitude
field-typologie = type
field-telephone = phone
field-courriels = e-mail addresses
field-site_web = websites
field-horaires = opening hours
field-presentation_resume = summary
field-presentation_detail = full presentation
field-source = data source
field-itinerance = fixed or mobile
field-structure_parente = parent structure
field-date_maj = update date
field-services = services
field-publics_specifiquement_adresses = especially welcoming
field-prise_en_charge_specifique = adapted support
field-frais_a_charge = costs to the person
field-dispositif_programmes_nationaux = national schemes and programmes
field-formations_labels = trainings and labels
field-autres_formations_labels = other trainings and labels
field-modalites_acces = how to get in touch
field-modalites_accompagnement = how people are supported
field-fiche_acces_libre = Acceslibre sheet
field-prise_rdv = online booking
field-whole-row = (the whole row)

# The week grid of opening hours.
hours-grid-time = { $day }: time not understood. Write it as 9:00 or 14:30.
hours-grid-missing-start = { $day }: give this range’s opening time too.
hours-grid-missing-end = { $day }: give this range’s closing time too.
hours-grid-order = { $day }: the closing time must come after the opening time.
hours-grid-overlap = { $day }: the second range must start after the first ends.
hours-grid-date = Date not understood: pick it in the calendar or write it as 01/08/2027.
hours-grid-closure-order = The closure must end after it starts.

# Confirmation before a destructive action (works without JavaScript).
confirm-cancel = No, go back without changing anything
confirm-stop-heading = Delete this stop?
confirm-stop-consequence = The stop on { $when } ({ $where }) will be deleted: inhabitants will no longer find it in the search.
confirm-stop-button = Yes, delete the stop
confirm-deactivate-heading = Deactivate { $name }’s account?
confirm-deactivate-consequence = { $name } will no longer be able to log in, and their open sessions will be closed. You can reactivate the account later.
confirm-deactivate-button = Yes, deactivate the account
confirm-password-heading = Give { $name } a new password?
confirm-password-consequence = Their current password will stop working. A new password will be shown once, for you to pass on.
confirm-password-button = Yes, give a new password
