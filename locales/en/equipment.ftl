# Equipment: form and API messages, the certificates' public page.
equipment-required = This field is required.
equipment-number = A whole number is expected, from 0 to { $max }.
equipment-decimal = A number is expected (comma or point), from 0 to { $max }.
equipment-storage-kind = Storage kind expected: ssd, hdd, nvme, emmc or sd.
equipment-kind-required = Choose the kind of device. Possible values: { $values }.
equipment-year = Year of manufacture expected, from 1980 to { $max }.
equipment-siren = A SIREN has 9 digits (the start of the SIRET); this one is not valid.
equipment-grade-required = Give the diagnosis grade. Possible values: { $values }.
equipment-day = A date is expected, for example 25/11/2026, within three years of today.
equipment-day-future = The handover cannot be in the future.
equipment-due-after = The return date must come after the loan date.
equipment-agreement = A loan needs the person to accept the loan agreement.
equipment-weight = Weight expected in kg, for example 2.1.
equipment-method-required = Choose the wipe method (NIST SP 800-88). Possible values: { $values }.
equipment-passes = Number of passes expected, from 1 to 35.
equipment-verified-required = Say whether the wipe verification passed.
equipment-state = Unknown state. Possible values: { $values }.
equipment-wrong-state = This device is “{ $from }”: it cannot move to “{ $to }” now. Steps to take first: { $path }.
equipment-wrong-state-never = This device is “{ $from }”: it can no longer move to “{ $to }”.
equipment-wipe-not-verified = The wipe verification failed: the device cannot be marked wiped. Wipe it again, or have the storage destroyed.
equipment-moved-meanwhile = Someone has just changed this device’s state: reload the page and try again.
equipment-conflict = { $why }
equipment-unknown-person = Your structure does not follow this person.
equipment-unknown-lot = This lot does not exist in your structure.
equipment-unknown-donor = This donor does not exist in your structure.
equipment-cost = Cost expected in euros, for example 12.50.
equipment-report-too-big = The report is over { $max } MB: a “lshw -json” report is under 1.
equipment-report-unreadable = This file is not readable JSON (line { $line }, column { $column }). Save the output of “sudo lshw -json” as it is.
equipment-report-not-lshw = This JSON is not a “lshw -json” report: it does not describe a machine.
equipment-report-missing = Choose the report file.
equipment-source = Give the figure’s source and its edition (10 to 400 characters).
equipment-page = Page number expected, from 1.
equipment-not-wiped = This device has not been wiped yet: it has no certificate.
equipment-loan-reminder-subject = Return of the equipment lent, on { $day }
equipment-loan-reminder-body = Hello { $name },

    The loan of your { $device } ends on { $day }. Please bring it back with its charger to the structure that lent it. If you still need it, talk to your digital mediator.

    See you soon!
problem-no-device = No device of your structure has the identifier “{ $id }”.
certificate-title = Data wipe certificate { $code }
certificate-lead = This certificate is genuine: it was issued by { $structure }.
certificate-device = Device
certificate-serial = Serial number
certificate-wipes = Verified wipes
certificate-day = Date
certificate-method = Method
certificate-tool = Tool
certificate-passes = Passes
certificate-storage = Storage wiped
certificate-privacy = This page shows no personal data: neither the donor nor the person who received the device.
