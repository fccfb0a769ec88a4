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
# Appointments.
nav-appointments = Appointments
appointments-title = Book an appointment
appointments-heading = Book an appointment with a digital helper
appointments-lead = To be helped one to one: choose a place near you, then a time. No account needed.
appointments-none = No place within 40 km takes appointments for now.
appointments-results = Places taking appointments
appointments-book-heading = Book an appointment
appointments-not-offered = This place does not take appointments online: call it or come to the front desk.
appointments-slot-legend = Choose a time
appointments-week-full = No free time left this week: see the next one.
appointments-weeks-label = Other weeks
appointments-earlier = Previous week
appointments-later = Next week
appointments-reason = What for?
appointments-consent = I agree to be contacted about this appointment (confirmation, reminder, changes).
appointments-submit = Book this time
appointment-title = Your appointment
appointment-day = { $weekday } { $month } { $day }
appointment-when = { $weekday } { $month } { $day } at { $time }
appointment-booked = Your appointment is booked.
appointment-cancelled = This appointment is cancelled.
appointment-past = The time of this appointment has passed: it can no longer be changed.
appointment-cancel = Cancel my appointment
appointment-cancel-question = Cancel your appointment?
appointment-cancel-consequence = The time on { $when } will be freed for someone else.
appointment-cancel-yes = Yes, cancel my appointment
appointment-calendar-summary = Appointment: { $reason }
booking-slot-required = Choose a time.
booking-slot-unknown = This time does not exist or has passed: choose one in the list.
booking-slot-taken = Someone else just took this time: choose another.
booking-reason-required = Choose what you are coming for.
schedule-hours-required = Give the days and hours you receive, for example "Tu,Th 14:00-17:00".
message-appointment-confirmed-subject = Appointment confirmed: { $when }
message-appointment-confirmed-body = Hello { $name },
    your appointment is booked: { $when }, { $where }.
    To see or cancel: { $link }
message-appointment-reminder-subject = Reminder: appointment { $when }
message-appointment-reminder-body = Hello { $name },
    a reminder of your appointment: { $when }, { $where }.
    Can't come? Free the time: { $link }
message-appointment-cancelled-subject = Appointment cancelled: { $when }
message-appointment-cancelled-body = Hello { $name },
    your appointment on { $when } is cancelled.
    Details: { $link }
api-place-required = Give the place: place=its identifier.
api-kind-day-param = A date in YYYY-MM-DD format is expected, for example 2026-12-15.
problem-no-schedule = The place "{ $id }" does not take appointments online.
workshops-appointment-hint = Need one-to-one help?
place-book-appointment = Book an appointment online
