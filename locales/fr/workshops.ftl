# Ateliers : pages publiques, inscriptions, messages aux habitants.
nav-workshops = Ateliers
workshops-title = Ateliers
workshops-heading = Trouver un atelier près de chez vous
workshops-lead = Des ateliers gratuits ou presque pour apprendre le numérique, à plusieurs : démarches en ligne, téléphone, sécurité, et des jeux pour comprendre les écrans. L’inscription se fait ici, sans compte.
workshops-q-label = Votre commune ou votre code postal
workshops-none = Aucun atelier prévu à moins de 40 km pour l’instant.
workshops-results = Ateliers à venir
workshops-other = Voir d’autres ateliers
workshop-full = Complet : inscription sur liste d’attente
workshop-seats-left = { $count ->
    [one] Il reste 1 place
   *[other] Il reste { $count } places
}
workshop-when = { $weekday } { $day } { $month }, de { $start } à { $end }
workshop-add-to-calendar = Ajouter à mon agenda
workshop-poster = Affiche à imprimer
registration-heading = S’inscrire
registration-heading-waiting = S’inscrire sur la liste d’attente
registration-full-explained = Toutes les places sont prises. Inscrivez-vous : si quelqu’un se désiste, la première personne en attente a la place et est prévenue.
registration-name = Prénom ou surnom
registration-name-hint = Pas besoin de nom de famille.
registration-phone = Téléphone
registration-phone-hint = Pour le rappel de la veille. Un téléphone ou un e-mail suffit.
registration-email = E-mail
registration-email-hint = Facultatif si vous avez donné un téléphone.
registration-consent = J’accepte d’être contacté·e au sujet de cet atelier (confirmation, rappel, changement).
registration-submit = M’inscrire
registration-submit-waiting = M’inscrire sur la liste d’attente
registration-closed = Les inscriptions à cette séance sont fermées : elle a commencé, a eu lieu ou a été annulée.
registration-contact-required = Donnez un numéro de téléphone ou une adresse e-mail, pour être prévenu·e.
registration-consent-required = Cochez la case pour accepter d’être contacté·e au sujet de cet atelier.
registration-phone-invalid = Numéro de téléphone attendu, par exemple 06 12 34 56 78.
poster-register-at = Inscription gratuite, sans compte, sur :
poster-register-desk = ou à l’accueil du centre.
booking-title = Votre inscription
booking-made = C’est noté.
booking-name = Au nom de :
booking-keep-link = Gardez cette adresse : elle permet de revoir ou d’annuler votre inscription.
booking-cancel = Annuler mon inscription
booking-session-cancelled = Cette séance a été annulée par le centre.
booking-cancelled = Cette inscription est annulée.
booking-past = Cette séance a commencé ou a eu lieu : l’inscription ne peut plus être changée.
booking-waiting = Vous êtes sur la liste d’attente, rang { $rank }. Si une place se libère, vous serez prévenu·e.
booking-confirmed = Votre place est réservée.
booking-cancel-question = Annuler votre inscription ?
booking-cancel-consequence = Votre place pour « { $title } », { $when }, sera donnée à la première personne en attente.
booking-cancel-yes = Oui, annuler mon inscription
calendar-booking-note = Pour revoir ou annuler votre inscription : { $link }
message-confirmed-subject = Inscription confirmée : { $title }
message-confirmed-body = Bonjour { $name },
    votre place est réservée pour « { $title } », { $when }, { $where }.
    Pour revoir ou annuler : { $link }
message-waiting-subject = Liste d’attente : { $title }
message-waiting-body = Bonjour { $name },
    la séance « { $title } », { $when }, est complète : vous êtes sur la liste d’attente, rang { $rank }. Si une place se libère, nous vous prévenons.
    Pour revoir ou annuler : { $link }
message-reminder-subject = Rappel : { $title } demain
message-reminder-body = Bonjour { $name },
    rappel : « { $title } », { $when }, { $where }.
    Vous ne pouvez pas venir ? Libérez votre place : { $link }
message-promoted-subject = Une place s’est libérée : { $title }
message-promoted-body = Bonjour { $name },
    une place s’est libérée : elle est à vous pour « { $title } », { $when }, { $where }.
    Pour revoir ou annuler : { $link }
message-cancelled-subject = Inscription annulée : { $title }
message-cancelled-body = Bonjour { $name },
    votre inscription à « { $title } », { $when }, est annulée.
    Détails : { $link }
workshop-required = Ce champ est obligatoire.
workshop-starts-at = Date et heure attendues au format RFC 3339, par exemple 2026-12-15T14:00:00+01:00.
workshop-date = Date attendue, par exemple 15/12/2026.
workshop-time = Heure attendue, par exemple 14h ou 9h30.
workshop-past = Cette date est passée : une séance se programme à l’avance.
workshop-too-far = Cette date est à plus de deux ans.
workshop-no-place = Votre structure n’a pas encore de lieu : ajoutez-en un avant de programmer une séance.
workshop-capacity-below = Nombre de places attendu, de { $confirmed } (les personnes déjà inscrites) à { $max }.
attendance-too-many = Au plus { $max } noms à la fois.
attendance-already = Les présences de cette séance ont déjà été prises (ou la séance est annulée).
attendance-too-early = La séance n’a pas encore commencé : les présences se prennent pendant ou après.
attendance-nobody = Cochez au moins une personne venue, ou donnez le nombre de personnes venues sans nom.
api-unknown-commune = Aucune commune ne correspond : vérifiez l’orthographe, ou donnez un code postal à 5 chiffres.
place-next-workshops = Prochains ateliers ici
# Rendez-vous.
nav-appointments = Rendez-vous
appointments-title = Prendre rendez-vous
appointments-heading = Prendre rendez-vous avec un médiateur ou une médiatrice
appointments-lead = Pour être aidé·e seul·e à seul·e : choisissez un lieu près de chez vous, puis un créneau. Sans compte.
appointments-none = Aucun lieu ne reçoit sur rendez-vous à moins de 40 km pour l’instant.
appointments-results = Lieux qui reçoivent sur rendez-vous
appointments-book-heading = Prendre rendez-vous
appointments-not-offered = Ce lieu ne prend pas de rendez-vous en ligne : appelez-le ou passez à l’accueil.
appointments-slot-legend = Choisissez un créneau
appointments-week-full = Plus de créneau libre cette semaine : voyez la suivante.
appointments-weeks-label = Autres semaines
appointments-earlier = Semaine précédente
appointments-later = Semaine suivante
appointments-reason = Pour quoi ?
appointments-consent = J’accepte d’être contacté·e au sujet de ce rendez-vous (confirmation, rappel, changement).
appointments-submit = Réserver ce créneau
appointment-title = Votre rendez-vous
appointment-day = { $weekday } { $day } { $month }
appointment-when = { $weekday } { $day } { $month } à { $time }
appointment-booked = Votre rendez-vous est réservé.
appointment-cancelled = Ce rendez-vous est annulé.
appointment-past = L’heure de ce rendez-vous est passée : il ne peut plus être changé.
appointment-cancel = Annuler mon rendez-vous
appointment-cancel-question = Annuler votre rendez-vous ?
appointment-cancel-consequence = Le créneau du { $when } sera libéré pour quelqu’un d’autre.
appointment-cancel-yes = Oui, annuler mon rendez-vous
appointment-calendar-summary = Rendez-vous : { $reason }
booking-slot-required = Choisissez un créneau.
booking-slot-unknown = Ce créneau n’existe pas ou est passé : choisissez-en un dans la liste.
booking-slot-taken = Ce créneau vient d’être pris par quelqu’un d’autre : choisissez-en un autre.
booking-reason-required = Choisissez ce pour quoi vous venez.
schedule-hours-required = Donnez les jours et heures où vous recevez, par exemple « mardi et jeudi de 14 h à 17 h ».
message-appointment-confirmed-subject = Rendez-vous confirmé : { $when }
message-appointment-confirmed-body = Bonjour { $name },
    votre rendez-vous est réservé : { $when }, { $where }.
    Pour revoir ou annuler : { $link }
message-appointment-reminder-subject = Rappel : rendez-vous { $when }
message-appointment-reminder-body = Bonjour { $name },
    rappel de votre rendez-vous : { $when }, { $where }.
    Vous ne pouvez pas venir ? Libérez le créneau : { $link }
message-appointment-cancelled-subject = Rendez-vous annulé : { $when }
message-appointment-cancelled-body = Bonjour { $name },
    votre rendez-vous du { $when } est annulé.
    Détails : { $link }
api-place-required = Donnez le lieu : place=son identifiant.
api-kind-day-param = Date attendue au format AAAA-MM-JJ, par exemple 2026-12-15.
problem-no-schedule = Le lieu « { $id } » ne prend pas de rendez-vous en ligne.
workshops-appointment-hint = Besoin d’une aide seul·e à seul·e ?
place-book-appointment = Prendre rendez-vous en ligne
