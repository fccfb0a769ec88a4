# Workshops: public pages, registrations, messages to inhabitants.
nav-workshops = Workshops
workshops-title = Workshops
workshops-heading = Find a workshop near you
workshops-lead = Free or nearly free workshops to learn digital skills together: online procedures, phones, safety, and games to understand screens. Register here, no account needed.
workshops-q-label = Your town or postcode
workshops-none = No workshop planned within 40 km for now.
workshops-results = Upcoming workshops
workshops-other = See other workshops
workshop-full = Full: join the waiting list
workshop-seats-left = { $count ->
    [one] 1 seat left
   *[other] { $count } seats left
}
workshop-when = { $weekday } { $month } { $day }, { $start } to { $end }
workshop-add-to-calendar = Add to my calendar
workshop-poster = Printable poster
registration-heading = Register
registration-heading-waiting = Join the waiting list
registration-full-explained = Every seat is taken. Register anyway: if someone cancels, the first person waiting gets the seat and is told.
registration-name = First name or nickname
registration-name-hint = No surname needed.
registration-phone = Phone
registration-phone-hint = For the reminder the day before. A phone or an e-mail is enough.
registration-email = E-mail
registration-email-hint = Optional if you gave a phone number.
registration-consent = I agree to be contacted about this workshop (confirmation, reminder, changes).
registration-submit = Register
registration-submit-waiting = Join the waiting list
registration-closed = Registration for this session is closed: it has started, taken place or been cancelled.
registration-contact-required = Give a phone number or an e-mail address, so that we can tell you.
registration-consent-required = Tick the box to agree to be contacted about this workshop.
registration-phone-invalid = A phone number is expected, for example 06 12 34 56 78.
poster-register-at = Free registration, no account, at:
poster-register-desk = or at the centre's front desk.
booking-title = Your registration
booking-made = Done.
booking-name = Name:
booking-keep-link = Keep this address: it lets you see or cancel your registration.
booking-cancel = Cancel my registration
booking-session-cancelled = This session was cancelled by the centre.
booking-cancelled = This registration is cancelled.
booking-past = This session has started or taken place: the registration can no longer be changed.
booking-waiting = You are on the waiting list, number { $rank }. If a seat frees up, you will be told.
booking-confirmed = Your seat is booked.
booking-cancel-question = Cancel your registration?
booking-cancel-consequence = Your seat for "{ $title }", { $when }, will go to the first person waiting.
booking-cancel-yes = Yes, cancel my registration
calendar-booking-note = To see or cancel your registration: { $link }
message-confirmed-subject = Registration confirmed: { $title }
message-confirmed-body = Hello { $name },
    your seat is booked for "{ $title }", { $when }, { $where }.
    To see or cancel: { $link }
message-waiting-subject = Waiting list: { $title }
message-waiting-body = Hello { $name },
    "{ $title }", { $when }, is full: you are on the waiting list, number { $rank }. If a seat frees up, we will tell you.
    To see or cancel: { $link }
message-reminder-subject = Reminder: { $title } tomorrow
message-reminder-body = Hello { $name },
    a reminder: "{ $title }", { $when }, { $where }.
    Can't come? Free your seat: { $link }
message-promoted-subject = A seat is free: { $title }
message-promoted-body = Hello { $name },
    a seat has freed up and it is yours for "{ $title }", { $when }, { $where }.
    To see or cancel: { $link }
message-cancelled-subject = Registration cancelled: { $title }
message-cancelled-body = Hello { $name },
    your registration for "{ $title }", { $when }, is cancelled.
    Details: { $link }
workshop-required = This field is required.
workshop-starts-at = A date and time in RFC 3339 format is expected, for example 2026-12-15T14:00:00+01:00.
workshop-date = A date is expected, for example 15/12/2026.
workshop-time = A time is expected, for example 14:00 or 9:30.
workshop-past = This date has passed: sessions are planned ahead.
workshop-too-far = This date is more than two years away.
workshop-no-place = Your organisation has no place yet: add one before planning a session.
workshop-capacity-below = A number of seats is expected, from { $confirmed } (the people already registered) to { $max }.
attendance-too-many = At most { $max } names at once.
attendance-already = Attendance for this session was already taken (or the session is cancelled).
attendance-too-early = The session has not started yet: attendance is taken during or after it.
attendance-nobody = Tick at least one person who came, or give the number of people who came without a name.
api-unknown-commune = No town matches: check the spelling, or give a 5-digit postcode.
place-next-workshops = Next workshops here
