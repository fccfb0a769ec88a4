# Public pages (home, search, place, coverage, login, errors) and the words
# code puts into them, in English (keys: locales/fr/pages.ftl).

## Layout
skip-link = Skip to content
nav-label = Main navigation
nav-my-space = My space
nav-log-out = Log out
nav-home = Home
nav-places = Find a place
nav-coverage = Coverage
nav-staff = Staff area
footer = Maille, free software (AGPL-3.0) for digital inclusion in French social centres. No trackers, no third-party services.
error-prefix = Error:{" "}
form-error-count = The form has { $count ->
    [one] { $count } error
   *[other] { $count } errors
}
colon = {": "}
list-separator = {"; "}
and-separator = {" and "}
decimal-separator = .
date-format = %-d %B %Y

## Home
home-title = Home
home-heading = Maille: help with digital tools near you
home-lead = Maille helps social centres and their partners support everyone with digital tools: find a place that helps, get support over time, get a refurbished computer.
home-help-heading = Looking for help?
home-help = Digital help places welcome you to do something online, learn to use a phone or a computer, or get a refurbished computer. Find the nearest:
home-staff-heading = Do you work in a structure of the network?
home-staff = Digital mediators, structure managers, coordinators: go to your staff area.
home-staff-link = Go to the staff area
home-principles-heading = Our principles
home-principle-data = Your data stays with you
home-principle-data-more = : each structure sees only its own personal data.
home-principle-frugal = Frugal
home-principle-frugal-more = : light pages, no ads or trackers, usable on an old computer.
home-principle-free = Free software
home-principle-free-more = : each centre can install and change it.

## Search
search-title = Find a place that helps
search-title-around = Places around { $name }
search-heading = Find help with digital tools near you
search-q-label = Commune, postcode or address
search-q-hint = For example: Cholet, 49300, or 12 rue Nationale Cholet
search-q-hint-commune = For example: Cholet or 49300
search-around-me = Around me
search-around-me-searching = Finding your position…
search-around-me-unavailable = Your position is not available: type your commune or your postcode.
search-refine = Refine the search
search-criteria-count = { $count ->
    [one] { $count } criterion chosen
   *[other] { $count } criteria chosen
}
search-services-legend = I need help with
search-conditions-legend = Conditions
search-open-now = Open now
search-free = Free
search-accessible = Wheelchair accessible
search-publics-legend = Especially welcoming
search-supports-legend = Adapted support
search-submit = Search
search-position-of = your position
search-position-name = your position
search-address-of = { $address }
search-no-commune = We cannot find a commune for « { $query } ». Check the spelling, or type a postcode (5 digits).
search-none = No place matches
search-nearest = The { $count } places nearest to { $name }
search-count = { $count ->
    [one] { $count } place around { $name }
   *[other] { $count } places around { $name }
}
search-criteria = Criteria:
search-did-you-mean = Did you mean:
search-homonyms = Looking for another commune?
search-none-overseas = No digital help place is known in this territory yet. The nearest ones are across the ocean: they are not listed. The town hall or the prefecture can point you to help.
search-closed-now = Places offer what you are looking for, but none is open right now. The nearest, « { $name } », { $distance }: { $status }. Untick « Open now » to see them all.
search-none-widen = No place offers everything you ticked. Untick a criterion to widen the search.
search-far = No place within 20 km. Here are the nearest, from nearest to farthest.
search-result-free = free
search-pages-label = Result pages
search-nearer = Nearer places
search-further = Farther places
search-page-of = Page { $page } of { $pages }
search-hours-unknown = Opening hours not given
distance-m = { $amount } m away
distance-km = { $amount } km away
stop-here-now = Mobile stop: here now, until { $until }
stop-coming = Mobile stop: { $when }

## Opening hours and dates
hours-closed = closed
hours-two-days = { $first } and { $last }
hours-day-range = { $first } to { $last }
hours-days = { $days }: { $hours }
hours-closure-days = closed from { $from } to { $to }
hours-closure-day = closed on { $day }
date-words = { $month } { $day }, { $year }
hours-closed-on-holidays = closed on public holidays
clock-midnight = midnight
clock-hour = { $hour }:00
clock-hour-minute = { $hour }:{ $minute }
status-open-until = Open · closes { $when }
status-open = Open
status-closed-opens = Closed · opens { $when }
status-closed = Closed
status-unknown = Opening hours to be confirmed
when-today = at { $clock }
when-tomorrow = tomorrow at { $clock }
when-weekday = on { $day } at { $clock }
when-date = on { $day } { $month } at { $clock }
stop-when = { $weekday } { $day } { $month }, { $start } to { $end }
day-monday = Monday
day-tuesday = Tuesday
day-wednesday = Wednesday
day-thursday = Thursday
day-friday = Friday
day-saturday = Saturday
day-sunday = Sunday
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## A place's page
place-address = Address
place-approximate = Approximate position (centre of the commune).
place-contact = Contact
place-page-phone = Phone:
place-email = E-mail:
place-website = Website:
place-book-online = Book an appointment online
place-how-to-come = To come:
place-page-hours = Opening hours
place-hours-unknown = Opening hours not given: contact the place before you go.
place-next-stops = Next stops
place-services = What you can do there
place-support-modes = How you are supported
place-fees = Prices
place-publics = Especially welcoming
place-specific-support = Adapted support
place-accessibility-sheet = Accessibility of the place (Acceslibre sheet)
place-presentation = About
place-updated = Information updated on
place-source = source:
place-new-search = New search

## Coverage
coverage-title = Territory coverage
coverage-intro = For each commune, the distance from its town hall to the nearest digital help place. Beyond the chosen radius, the commune counts as not covered.
coverage-unreadable = The question could not be read
coverage-radius = Radius, in kilometres
coverage-department = Department
coverage-department-hint = Its name or number; leave empty for all of France or a region.
coverage-department-unknown = Unknown department: write its name or number, for example Maine-et-Loire or 49.
coverage-region = or region
coverage-service = Service
coverage-submit = Calculate
coverage-all = All
coverage-all-france = All of France
coverage-all-services = all services
coverage-no-place = no place
coverage-heading = { $territory }: more than { $radius } km from a place
coverage-service-label = Service:
coverage-uncovered-communes = Communes not covered
coverage-uncovered-people = Inhabitants not covered
coverage-out-of = out of
coverage-map-alt = Map of the communes by their distance to the nearest place. The same figures are in the « Communes by distance » table below.
coverage-map-caption = Each dot is a commune (or a few neighbouring communes); the bigger and darker, the farther the nearest place. Lines are department borders; squares mark the largest towns. Borders: IGN, Admin Express.
coverage-map-overseas = Overseas departments are not drawn on the map of all France: they are in the tables, and on their own map.
coverage-map-title = Distance to the nearest place, commune by commune: { $territory }
coverage-by-distance = Communes by distance
coverage-by-distance-caption = Number of communes and inhabitants by distance to the nearest place
coverage-col-distance = Distance to the nearest place
coverage-col-communes = Communes
coverage-col-people = Inhabitants
coverage-col-commune = Commune
coverage-col-nearest = Nearest place
coverage-uncovered-list = Communes not covered, most populated first
coverage-all-covered = Every commune is covered.
coverage-more = And { $count } more communes, in the CSV file.
coverage-download = Download every commune of the territory (CSV for a spreadsheet)
coverage-download-raw-before = for a program: 
coverage-download-raw = raw CSV
band-near = up to { $to } km
band-between = { $from } to { $to } km
band-far = more than { $from } km, or no place

## Login
login-title = Log in
login-heading = Log in to the staff area
login-logged-out = You are logged out. See you soon!
login-refused = Logging in is not possible for now
login-email = E-mail address
login-password = Password
login-submit = Log in
login-forgotten = Forgotten your password? Ask your structure’s management: they can give you a new one.
login-demo-heading = Demo accounts
login-demo-table = The demo accounts and their roles
login-demo-password = This instance runs in demo mode. Password of every account:
role-mediator = Mediation
role-manager = Structure management
role-coordinator = Coordination
role-admin = Administration
login-demo-role = Role
login-demo-organization = Organisation

## Error pages
error-code = Error code:
error-home = Back to the home page
error-not-found-title = Page not found
error-not-found = This address matches no page. It may have been mistyped, or the page was removed.
error-forbidden-title = Access denied
error-forbidden = Your account cannot open this page. If you think this is a mistake, ask your structure’s management.
error-csrf-title = Form expired
error-csrf = This form has expired or does not come from Maille. Go back to the previous page, reload it, then send it again.
error-bad-request-title = Form unreadable
error-bad-request = What was sent is incomplete or malformed. Go back to the previous page and check the form.
error-conflict-title = Already exists
error-conflict = This information already exists. Go back to the previous page and change what you typed.
error-too-large-title = Too large
error-too-large = What was sent is larger than allowed.
error-method-title = Not possible
error-method = This page cannot be used this way. Go back to the previous page.
error-unavailable-title = Service temporarily unavailable
error-unavailable = Maille took too long to answer. Try again in a moment; if it persists, tell the person who runs Maille.
error-uri-too-long-title = Address too long
error-uri-too-long = This page’s address is far too long to be read. Go back to the previous page, or start again from the home page.
error-headers-too-large-title = Request too large
error-headers-too-large = Your browser sent too much information with its request (often too many cookies). Clear this site’s cookies, then try again.
error-malformed-title = Request unreadable
error-malformed = This request is malformed and could not be read (the address may contain invalid characters). Go back to the previous page, or start again from the home page.
error-too-many-title = Too many requests
error-too-many = Too many requests came from your address in a short time. Wait a minute, then try again.
error-server-title = Server error
error-server = Something went wrong on our side. Try again in a moment; if it persists, tell the person who runs Maille.

## API problem documents (RFC 9457)
problem-invalid-params-title = Invalid parameters
problem-invalid-params = { $count ->
    [one] One parameter of the request is invalid: see « errors ».
   *[other] { $count } parameters of the request are invalid: see « errors ».
}
problem-not-found-title = Not found
problem-not-found = Not found.
problem-conflict-title = Conflict
problem-conflict = The request no longer matches the state of the resource.
problem-no-session = No session has the identifier "{ $id }".
problem-session-closed = Registration for this session is closed: it has started, taken place or been cancelled.
problem-no-resource = This address matches no resource of the API (see /api/openapi.json).
problem-no-commune = No commune matches « { $query } » (parameter q): check the spelling, or give a 5-digit postcode.
problem-no-place = No place has the id « { $id } ».
problem-method-title = Method not allowed
problem-method = This API address only answers the methods listed in the « Allow » header (see /api/openapi.json).
problem-unavailable-title = Service temporarily unavailable
problem-unavailable = The server took too long to answer. Try again in a moment.
problem-uri-too-long-title = Address too long
problem-uri-too-long = The request’s address is longer than the server reads (64 KiB): pass fewer parameters, or shorter values.
problem-headers-too-large-title = Headers too large
problem-headers-too-large = The request’s headers are larger than the server reads: send fewer, or shorter ones.
problem-malformed-title = Request unreadable
problem-malformed = The request is malformed: an unreadable header, or an address that, once decoded, is not UTF-8 text.
problem-too-many-title = Too many requests
problem-too-many = Too many requests came from your address: try again in { $seconds } s (« Retry-After » header).
problem-server-title = Server error
problem-server = Something went wrong on our side. Try again in a moment.
problem-unprocessable-title = Data refused
problem-unprocessable = { $count ->
    [one] One field is refused: see « errors ».
   *[other] { $count } fields are refused: see « errors ».
}
problem-unauthorized-title = Authentication required
problem-unauthorized = This operation needs a personal token (header « Authorization: Bearer … », made by « maille tokens create ») or an open session. The token given is missing, unknown, expired or revoked.
problem-forbidden-title = Access refused
problem-forbidden = Your account may not do this, or a logged-in browser's request lacks its CSRF token (header « X-CSRF-Token ») or comes from another site.
problem-unreadable-body-title = Unreadable request body
problem-unreadable-body = The request body must be a JSON object (Content-Type: application/json) under 64 KiB.
problem-no-activity = No activity of your structure has the id « { $id } ».
problem-no-beneficiary = No person followed by your structure has the id « { $id } ».
