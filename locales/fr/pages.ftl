# Public pages (home, search, place, coverage, login, errors) and the words
# code puts into them. English: locales/en/pages.ftl, same keys.

## Layout
skip-link = Aller au contenu
nav-label = Navigation principale
nav-my-space = Mon espace
nav-log-out = Se déconnecter
nav-home = Accueil
nav-places = Trouver un lieu
nav-coverage = Couverture
nav-staff = Espace professionnel
footer = Maille, logiciel libre (AGPL-3.0) pour la médiation numérique des centres sociaux. Aucun traceur, aucun service tiers.
error-prefix = Erreur :{" "}
form-error-count = Le formulaire contient { $count ->
    [one] { $count } erreur
   *[other] { $count } erreurs
}
colon = {" : "}
list-separator = {" ; "}
and-separator = {" et "}
decimal-separator = ,
date-format = %d/%m/%Y

## Home
home-title = Accueil
home-heading = Maille : de l’aide au numérique près de chez vous
home-lead = Maille aide les centres sociaux et leurs partenaires à accompagner chacune et chacun dans le numérique : trouver un lieu d’aide, être accompagné dans la durée, obtenir un ordinateur reconditionné.
home-help-heading = Vous cherchez de l’aide ?
home-help = Les lieux de médiation numérique vous accueillent pour faire une démarche en ligne, apprendre à utiliser un téléphone ou un ordinateur, ou obtenir un ordinateur reconditionné. Trouvez le plus proche :
home-staff-heading = Vous travaillez dans une structure du réseau ?
home-staff = Médiatrices et médiateurs, directions de structure, coordinations : retrouvez votre espace professionnel.
home-staff-link = Accéder à l’espace professionnel
home-principles-heading = Nos principes
home-principle-data = Vos données restent chez vous
home-principle-data-more = {" "}: chaque structure ne voit que ses propres données personnelles.
home-principle-frugal = Sobre
home-principle-frugal-more = {" "}: pages légères, sans publicité ni traceur, utilisables sur un vieil ordinateur.
home-principle-free = Libre
home-principle-free-more = {" "}: le logiciel peut être installé et modifié par chaque centre.

## Search
search-title = Trouver un lieu d’aide
search-title-around = Lieux autour { $of }
search-heading = Trouver de l’aide au numérique près de chez vous
search-q-label = Commune, code postal ou adresse
search-q-hint = Par exemple : Cholet, 49300, ou 12 rue Nationale Cholet
search-q-hint-commune = Par exemple : Cholet ou 49300
search-around-me = Autour de moi
search-around-me-searching = Recherche de votre position…
search-around-me-unavailable = Votre position n’est pas disponible : saisissez votre commune ou votre code postal.
search-refine = Affiner la recherche
search-criteria-count = { $count ->
    [one] { $count } critère choisi
   *[other] { $count } critères choisis
}
search-services-legend = J’ai besoin d’aide pour
search-conditions-legend = Conditions
search-open-now = Ouvert maintenant
search-free = Gratuit
search-accessible = Accessible en fauteuil roulant
search-publics-legend = Public accueilli en particulier
search-supports-legend = Accompagnement adapté
search-submit = Rechercher
search-position-of = de votre position
search-position-name = votre position
search-address-of = du { $address }
search-no-commune = Nous ne trouvons pas de commune pour « { $query } ». Vérifiez l’orthographe, ou saisissez un code postal (5 chiffres).
search-none = Aucun lieu ne correspond
search-nearest = Les { $count } lieux les plus proches { $of }
search-count = { $count ->
    [one] { $count } lieu autour { $of }
   *[other] { $count } lieux autour { $of }
}
search-criteria = Critères :
search-did-you-mean = Vouliez-vous dire :
search-homonyms = Vous cherchiez une autre commune ?
search-none-overseas = Aucun lieu de médiation numérique n’est encore connu dans ce territoire. Les lieux les plus proches sont de l’autre côté de l’océan : ils ne sont pas listés. La mairie ou la préfecture peut vous orienter.
search-closed-now = Des lieux proposent ce que vous cherchez, mais aucun n’est ouvert en ce moment. Le plus proche, « { $name } », { $distance } : { $status }. Décochez « Ouvert maintenant » pour les voir tous.
search-none-widen = Aucun lieu ne propose tout ce que vous avez coché. Retirez un critère pour élargir la recherche.
search-far = Aucun lieu à moins de 20 km. Voici les plus proches, du plus près au plus loin.
search-result-free = gratuit
search-pages-label = Pages de résultats
search-nearer = Lieux plus proches
search-further = Lieux plus éloignés
search-page-of = Page { $page } sur { $pages }
search-hours-unknown = Horaires non renseignés
distance-m = à { $amount } m
distance-km = à { $amount } km
stop-here-now = Halte itinérante : sur place maintenant, jusqu’à { $until }
stop-coming = Halte itinérante : { $when }

## Opening hours and dates
hours-closed = fermé
hours-two-days = { $first } et { $last }
hours-day-range = du { $first } au { $last }
hours-days = { $days } : { $hours }
hours-closure-days = fermé du { $from } au { $to }
hours-closure-day = fermé le { $day }
date-words = { $day ->
    [1] 1er
   *[other] { $day }
} { $month } { $year }
hours-closed-on-holidays = fermé les jours fériés
clock-midnight = minuit
clock-hour = { $hour } h
clock-hour-minute = { $hour } h { $minute }
status-open-until = Ouvert · ferme { $when }
status-open = Ouvert
status-closed-opens = Fermé · ouvre { $when }
status-closed = Fermé
status-unknown = Horaires à confirmer
when-today = à { $clock }
when-tomorrow = demain à { $clock }
when-weekday = { $day } à { $clock }
when-date = le { $day } { $month } à { $clock }
stop-when = { $weekday } { $day } { $month }, de { $start } à { $end }
day-monday = lundi
day-tuesday = mardi
day-wednesday = mercredi
day-thursday = jeudi
day-friday = vendredi
day-saturday = samedi
day-sunday = dimanche
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre

## A place's page
place-address = Adresse
place-approximate = Position approximative (centre de la commune).
place-contact = Contact
place-page-phone = Téléphone :
place-email = Courriel :
place-website = Site :
place-book-online = Prendre rendez-vous en ligne
place-how-to-come = Pour venir :
place-page-hours = Horaires
place-hours-unknown = Horaires non renseignés : contactez le lieu avant de vous déplacer.
place-next-stops = Prochaines haltes
place-services = Ce que l’on peut y faire
place-support-modes = Comment on y est accompagné
place-fees = Tarifs
place-publics = Public accueilli en particulier
place-specific-support = Accompagnement adapté
place-accessibility-sheet = Accessibilité du lieu (fiche Acceslibre)
place-presentation = Présentation
place-updated = Informations mises à jour le
place-source = source :
place-new-search = Nouvelle recherche

## Coverage
coverage-title = Couverture du territoire
coverage-intro = Pour chaque commune, la distance entre sa mairie et le lieu de médiation numérique le plus proche. Au-delà du rayon choisi, la commune est considérée comme non couverte.
coverage-unreadable = La question n’a pas pu être lue
coverage-radius = Rayon, en kilomètres
coverage-department = Département
coverage-department-hint = Son nom ou son numéro ; laissez vide pour toute la France ou une région.
coverage-department-unknown = Département inconnu : écrivez son nom ou son numéro, par exemple Maine-et-Loire ou 49.
coverage-region = ou région
coverage-service = Service
coverage-submit = Calculer
coverage-all = Tous
coverage-all-france = France entière
coverage-all-services = tous les services
coverage-no-place = aucun lieu
coverage-heading = { $territory } : à plus de { $radius } km d’un lieu
coverage-service-label = Service :
coverage-uncovered-communes = Communes non couvertes
coverage-uncovered-people = Habitants non couverts
coverage-out-of = sur
coverage-map-alt = Carte des communes selon leur distance au lieu le plus proche. Les mêmes données figurent dans le tableau « Communes par distance » ci-dessous.
coverage-map-caption = Chaque point est une commune (ou quelques communes voisines) ; plus il est gros et foncé, plus le lieu le plus proche est loin. Les traits sont les limites des départements, les carrés les plus grandes villes. Contours : IGN, Admin Express.
coverage-map-overseas = Les départements d’outre-mer ne sont pas dessinés sur la carte de la France entière : ils figurent dans les tableaux et sur leur propre carte.
coverage-map-title = Distance au lieu le plus proche, commune par commune : { $territory }
coverage-by-distance = Communes par distance
coverage-by-distance-caption = Nombre de communes et d’habitants par distance au lieu le plus proche
coverage-col-distance = Distance au lieu le plus proche
coverage-col-communes = Communes
coverage-col-people = Habitants
coverage-col-commune = Commune
coverage-col-nearest = Lieu le plus proche
coverage-uncovered-list = Communes non couvertes, les plus peuplées d’abord
coverage-all-covered = Toutes les communes sont couvertes.
coverage-more = Et { $count } autres communes, dans le fichier CSV.
coverage-download = Télécharger toutes les communes du territoire (CSV pour tableur)
coverage-download-raw-before = pour un programme : 
coverage-download-raw = CSV brut
band-near = jusqu’à { $to } km
band-between = de { $from } à { $to } km
band-far = plus de { $from } km, ou aucun lieu

## Login
login-title = Connexion
login-heading = Connexion à l’espace professionnel
login-logged-out = Vous êtes déconnecté·e. À bientôt !
login-refused = Connexion impossible pour le moment
login-email = Adresse e-mail
login-password = Mot de passe
login-submit = Se connecter
login-forgotten = Mot de passe oublié ? Adressez-vous à la direction de votre structure : elle peut vous en donner un nouveau.
login-demo-heading = Comptes de démonstration
login-demo-table = Les comptes de démonstration et leur rôle
login-demo-password = Cette instance tourne en mode démonstration. Mot de passe de tous les comptes :
role-mediator = Médiation
role-manager = Direction de structure
role-coordinator = Coordination
role-admin = Administration
login-demo-role = Rôle
login-demo-organization = Organisation

## Error pages
error-code = Code d’erreur :
error-home = Revenir à l’accueil
error-not-found-title = Page introuvable
error-not-found = Cette adresse ne correspond à aucune page. Elle a peut-être été mal recopiée, ou la page a été supprimée.
error-forbidden-title = Accès refusé
error-forbidden = Votre compte ne permet pas d’ouvrir cette page. Si vous pensez que c’est une erreur, adressez-vous à la direction de votre structure.
error-csrf-title = Formulaire expiré
error-csrf = Ce formulaire a expiré ou ne vient pas de Maille. Revenez à la page précédente, rechargez-la, puis envoyez-le de nouveau.
error-bad-request-title = Formulaire illisible
error-bad-request = Les informations envoyées sont incomplètes ou mal formées. Revenez à la page précédente et vérifiez le formulaire.
error-conflict-title = Donnée déjà existante
error-conflict = Cette information existe déjà. Revenez à la page précédente et modifiez votre saisie.
error-too-large-title = Envoi trop volumineux
error-too-large = Le contenu envoyé dépasse la taille autorisée.
error-method-title = Action impossible
error-method = Cette page ne peut pas être utilisée de cette façon. Revenez à la page précédente.
error-unavailable-title = Service momentanément indisponible
error-unavailable = Maille a mis trop de temps à répondre. Réessayez dans quelques instants ; s’il persiste, prévenez la personne qui administre Maille.
error-uri-too-long-title = Adresse trop longue
error-uri-too-long = L’adresse de cette page est bien trop longue pour être lue. Revenez à la page précédente, ou repartez de la page d’accueil.
error-headers-too-large-title = Requête trop volumineuse
error-headers-too-large = Votre navigateur a envoyé trop d’informations avec sa demande (souvent des cookies trop nombreux). Effacez les cookies de ce site, puis réessayez.
error-malformed-title = Requête illisible
error-malformed = Cette demande est mal formée et n’a pas pu être lue (l’adresse contient peut-être des caractères invalides). Revenez à la page précédente, ou repartez de la page d’accueil.
error-too-many-title = Trop de demandes
error-too-many = Trop de demandes sont arrivées de votre adresse en peu de temps. Patientez une minute, puis réessayez.
error-server-title = Erreur du serveur
error-server = Un problème est survenu de notre côté. Réessayez dans quelques instants ; s’il persiste, prévenez la personne qui administre Maille.

## API problem documents (RFC 9457)
problem-invalid-params-title = Paramètres invalides
problem-invalid-params = { $count ->
    [one] Un paramètre de la requête est invalide : voir « errors ».
   *[other] { $count } paramètres de la requête sont invalides : voir « errors ».
}
problem-not-found-title = Introuvable
problem-not-found = Introuvable.
problem-conflict-title = Conflit
problem-conflict = La demande ne correspond plus à l’état de la ressource.
problem-no-session = Aucune séance n’a l’identifiant « { $id } ».
problem-session-closed = Les inscriptions à cette séance sont fermées : elle a commencé, a eu lieu ou a été annulée.
problem-no-resource = Cette adresse ne correspond à aucune ressource de l’API (voir /api/openapi.json).
problem-no-commune = Aucune commune ne correspond à « { $query } » (paramètre q) : vérifiez l’orthographe, ou donnez un code postal à 5 chiffres.
problem-no-place = Aucun lieu n’a l’identifiant « { $id } ».
problem-method-title = Méthode non autorisée
problem-method = Cette adresse de l’API ne répond qu’aux méthodes indiquées dans l’en-tête « Allow » (voir /api/openapi.json).
problem-unavailable-title = Service momentanément indisponible
problem-unavailable = Le serveur a mis trop de temps à répondre. Réessayez dans quelques instants.
problem-uri-too-long-title = Adresse trop longue
problem-uri-too-long = L’adresse de la requête dépasse ce que le serveur lit (64 Kio) : passez moins de paramètres, ou des valeurs plus courtes.
problem-headers-too-large-title = En-têtes trop volumineux
problem-headers-too-large = Les en-têtes de la requête dépassent ce que le serveur lit : envoyez-en moins, ou de plus courts.
problem-malformed-title = Requête illisible
problem-malformed = La requête est mal formée : un en-tête illisible, ou une adresse qui, une fois décodée, n’est pas du texte UTF-8.
problem-too-many-title = Trop de requêtes
problem-too-many = Trop de requêtes sont arrivées de votre adresse : réessayez dans { $seconds } s (en-tête « Retry-After »).
problem-server-title = Erreur du serveur
problem-server = Un problème est survenu de notre côté. Réessayez dans quelques instants.
problem-unprocessable-title = Données refusées
problem-unprocessable = { $count ->
    [one] Un champ est refusé : voir « errors ».
   *[other] { $count } champs sont refusés : voir « errors ».
}
problem-unauthorized-title = Authentification requise
problem-unauthorized = Cette opération demande un jeton personnel (en-tête « Authorization: Bearer … », créé par « maille tokens create ») ou une session ouverte. Le jeton donné est absent, inconnu, expiré ou révoqué.
problem-forbidden-title = Accès refusé
problem-forbidden = Votre compte n’a pas le droit de faire cela, ou la requête d’un navigateur connecté n’a pas son jeton CSRF (en-tête « X-CSRF-Token ») ou vient d’un autre site.
problem-unreadable-body-title = Corps de requête illisible
problem-unreadable-body = Le corps de la requête doit être un objet JSON (Content-Type: application/json) de moins de 64 Kio.
problem-no-activity = Aucune activité de votre structure n’a l’identifiant « { $id } ».
problem-no-beneficiary = Aucune personne suivie par votre structure n’a l’identifiant « { $id } ».
