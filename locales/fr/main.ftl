# Messages shown to users by the code (templates hold their own text).
# Keys are grouped by feature; a key names what went wrong, not where.

## Generic field messages
field-required = Ce champ est obligatoire.
text-too-long = Ce texte est trop long (200 caractères au plus).
text-formula = Ce texte ne peut pas commencer par =, +, @, une tabulation ou un retour à la ligne : un tableur le prendrait pour une formule. Commencez par un mot.

## Accounts
email-invalid = Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.
email-look-alike = Cette adresse contient un caractère invisible ou mélange des alphabets (par exemple un « а » cyrillique parmi des lettres latines) : retapez-la au clavier.
email-taken = Cette adresse e-mail est déjà utilisée par un autre compte.
display-name-invalid = Saisissez le prénom et le nom de la personne (2 à 100 caractères).
role-invalid = Choisissez un rôle dans la liste.
role-not-for-organization = Ce rôle ne convient pas à ce type d’organisation : médiation et direction dans une structure, coordination dans une fédération ou un réseau.
role-not-allowed = Vous ne pouvez pas attribuer ce rôle.
password-required = Saisissez votre mot de passe.
password-too-short = Le mot de passe doit contenir au moins 12 caractères.
password-too-long = Le mot de passe doit contenir au plus 128 caractères.
password-mismatch = Les deux mots de passe ne sont pas identiques.
password-current-wrong = Le mot de passe actuel est incorrect.
credentials-wrong = Adresse e-mail ou mot de passe incorrect. Vérifiez votre saisie.
lockout-address = Trop d’essais de connexion ont échoué depuis votre connexion à internet. Réessayez dans { $minutes ->
    [one] { $minutes } minute.
   *[other] { $minutes } minutes.
}
lockout-account = Trop d’essais ont échoué pour ce compte : par sécurité, les connexions depuis un navigateur inconnu sont ralenties. Réessayez dans { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}, ou connectez-vous tout de suite depuis un navigateur où vous vous êtes déjà connecté·e.
login-failures-notice = { $count ->
    [one] Une tentative de connexion à votre compte a échoué
   *[other] { $count } tentatives de connexion à votre compte ont échoué
} depuis votre dernière connexion (la dernière le { $when }). Si ce n’était pas vous, changez votre mot de passe et prévenez la direction de votre structure.
role-last-manager = Cette structure n’aurait plus personne à sa direction dans Maille. Donnez d’abord le rôle « Direction de structure » à une autre personne de l’équipe, puis changez celui-ci.
cannot-deactivate-self = Vous ne pouvez pas désactiver votre propre compte.

## Organisations
organization-name-invalid = Saisissez un nom de 2 à 120 caractères.
organization-kind-invalid = Choisissez le type d’organisation.
organization-parent-invalid = Choisissez une organisation parente qui existe.
organization-parent-wrong-kind = Ce rattachement n’est pas possible : un réseau n’a pas de parent, une fédération ou une structure se rattache à un réseau ou à une fédération.
organization-invalid = Choisissez une organisation dans la liste.

## Flash messages after an action
flash-password-changed = Votre mot de passe a été modifié.
flash-account-updated = Le compte a été modifié.
flash-account-deactivated = Le compte a été désactivé : la personne ne peut plus se connecter.
flash-account-reactivated = Le compte a été réactivé.
flash-organization-created = L’organisation a été créée.

## Places (national schema fields)
place-required = Ce champ est obligatoire dans le schéma national des lieux.
place-pivot = Le pivot doit être un SIRET (14 chiffres) ou un RNA (W suivi de 9 chiffres) : 9 à 14 lettres ou chiffres, sans espace.
place-postcode = Le code postal doit compter exactement 5 chiffres, par exemple 49300.
place-insee-code = Le code INSEE de la commune compte 5 caractères, par exemple 49099 (ou 2A004 en Corse).
place-latitude = La latitude doit être un nombre entre -90 et 90, avec un point décimal, par exemple 47.0600.
place-longitude = La longitude doit être un nombre entre -180 et 180, avec un point décimal, par exemple -0.8790.
place-phone = Le téléphone doit être au format international, sans espace ni zéro initial : +33241000000.
place-summary-too-long = Le résumé ne doit pas dépasser 280 caractères.
place-date = La date de mise à jour doit être une date réelle au format AAAA-MM-JJ, par exemple 2026-11-23.
place-value-not-in-list = Cette valeur ne fait pas partie de la liste du schéma national : vérifiez l’orthographe exacte, accents compris, et séparez les valeurs par « | ».
place-hours = Ces horaires ne sont pas compris. Écrivez-les en mots, par exemple « du lundi au vendredi de 9 h à 12 h et de 14 h à 17 h, fermé les jours fériés », ou remplissez la grille.
place-hours-word = « { $word } » n’est pas compris dans ces horaires. Écrivez les jours et les heures, par exemple « mardi de 14 h à 18 h », ou remplissez la grille.
place-hours-overlap = Les plages du { $day } se chevauchent : la seconde doit commencer après la fin de la première.
place-hours-order = Une plage finit avant de commencer : écrivez l’heure d’ouverture puis l’heure de fermeture, par exemple « de 9 h à 12 h ».
stop-date = La date n’est pas comprise : choisissez-la dans le calendrier ou écrivez-la comme 25/11/2026.
stop-date-past = Cette date est passée : un passage se prévoit pour aujourd’hui ou plus tard.
stop-time = L’heure n’est pas comprise : écrivez-la comme 9:30 ou 14 h.
stop-ends-before = L’heure de fin doit être après l’heure de début.
stop-commune = Nous ne trouvons pas cette commune : saisissez son nom ou son code postal (5 chiffres).
stop-position = Donnez la latitude et la longitude ensemble, en nombres avec un point décimal (47.06 et -0.88), ou laissez-les vides.
flash-place-created = Le lieu a été créé : il apparaît dès maintenant dans la recherche.
flash-place-updated = Le lieu a été modifié.
flash-stop-added = La halte a été ajoutée.
flash-stop-removed = La halte a été supprimée.

## Imports of places (a whole row refused)
import-row-too-long = Cette ligne dépasse { $kib } Kio : elle n’a pas été lue. Un guillemet non refermé, peut-être ?
import-row-width = Cette ligne a { $found } colonnes au lieu de { $expected } : vérifiez les séparateurs et les guillemets.
import-item-truncated = Le fichier s’arrête au milieu de cet élément : il est incomplet.
import-item-not-object = Cet élément n’est pas un objet.
import-item-invalid-json = JSON invalide : { $detail }.
import-item-unknown-field = Le champ « { $name } » n’existe pas dans le schéma national.
import-far-from-commune = Importé, à vérifier : cette position est à { $km } km de { $commune }, la commune de la ligne. Une recherche autour de { $commune } ne trouvera pas ce lieu tant que la latitude et la longitude ne sont pas corrigées (ou effacées : Maille placera le lieu au centre de sa commune).
place-position-far = Position à vérifier : elle est à { $km } km de { $commune }, la commune du lieu. Une recherche autour de { $commune } ne trouve pas ce lieu : corrigez la latitude et la longitude, ou effacez-les pour le placer au centre de sa commune.
place-position-far-short = À vérifier : à { $km } km de { $commune }
import-id-repeated = Cet identifiant figure déjà ligne { $first } : chaque lieu doit avoir un id unique.
import-place-owned = Ce lieu est géré par la structure « { $structure } » : seule sa direction peut le modifier, dans Maille. Retirez cette ligne du fichier.

## Query strings (API, coverage page, command line)
query-unreadable = La chaîne de requête est illisible : elle doit être encodée en application/x-www-form-urlencoded (UTF-8).
query-unknown = Paramètre inconnu. Paramètres acceptés : { $known }.
query-once = Ce paramètre ne peut être donné qu’une fois.
query-number = Nombre attendu entre { $min } et { $max }, avec un point pour les décimales (7.5).
query-integer = Nombre entier attendu entre { $min } et { $max }.
query-boolean = Valeur attendue : true ou false.
query-instant = Date et heure attendues au format RFC 3339, par exemple 2026-11-23T14:30:00+01:00.
query-text = Texte attendu, de 1 à { $max } caractères.
query-list-value = Valeur inconnue. Valeurs possibles (schéma national, champ { $field }) : { $values }.
query-department = Code de département attendu, tel que 49, 2A ou 971.
query-region = Code INSEE de région attendu, tel que 52 (Pays de la Loire).
query-one-service = Un seul service à la fois.
query-department-or-region = Donnez un département ou une région, pas les deux.
query-q-or-position = Donnez soit q (commune ou code postal), soit lat et lon, pas les deux.
query-lat-lon-together = lat et lon vont ensemble : donnez les deux.
query-where = Indiquez où chercher : q (commune ou code postal), ou lat et lon.

## Imports of places (a whole file refused)
import-file-refused = Le fichier « { $file } » n’a pas été importé : { $why }.
import-file-interrupted = fichier illisible : lecture interrompue ({ $detail })
import-file-empty = fichier illisible : le fichier est vide
import-file-unknown-column = en-tête non conforme au schéma national : la colonne « { $column } » n’existe pas dans le schéma (les noms de colonnes du schéma, comme « id », « nom » ou « code_postal », s’écrivent en minuscules, sans accent)
import-file-unknown-and-missing-column = en-tête non conforme au schéma national : la colonne « { $column } » n’existe pas dans le schéma, et la colonne obligatoire « { $missing } » manque (les noms de colonnes du schéma s’écrivent en minuscules, sans accent, comme « code_postal »)
import-file-missing-column = en-tête non conforme au schéma national : la colonne obligatoire « { $column } » manque
import-file-column-twice = en-tête non conforme au schéma national : la colonne « { $column } » apparaît deux fois
import-file-header-too-long = en-tête non conforme au schéma national : la première ligne dépasse { $kib } Kio : ce n’est pas l’en-tête d’un fichier de lieux
import-file-not-an-array = en-tête non conforme au schéma national : le fichier doit contenir un tableau d’objets « lieux » : [ {"{"}…{"}"}, {"{"}…{"}"} ]

## Security journal (event names on the journal page)
journal-event-login_succeeded = Connexion réussie
journal-event-login_failed = Échec de connexion
journal-event-account_locked = Essais ralentis sur un compte après trop d’échecs
journal-event-login_refused_locked = Connexion refusée (essais ralentis)
journal-event-logged_out = Déconnexion
journal-event-account_created = Compte créé
journal-event-account_updated = Compte modifié
journal-event-role_changed = Rôle modifié
journal-event-account_deactivated = Compte désactivé
journal-event-account_reactivated = Compte réactivé
journal-event-password_changed = Mot de passe changé
journal-event-password_reset = Mot de passe réinitialisé
journal-event-organization_created = Organisation créée
journal-event-place_created = Lieu créé
journal-event-place_updated = Lieu modifié
journal-event-places_imported = Lieux importés
journal-event-stop_added = Halte ajoutée
journal-event-stop_removed = Halte supprimée
journal-event-address_blocked = Adresse bloquée après trop d’échecs de connexion
journal-event-place_import_refused = Import refusé sur un lieu géré par une structure
journal-event-activity_created = Activité enregistrée
journal-event-activity_updated = Activité modifiée
journal-event-activity_deleted = Activité supprimée
journal-event-beneficiary_created = Personne suivie enregistrée (avec son consentement)
journal-event-beneficiary_read = Fiche d’une personne suivie consultée
journal-event-beneficiary_updated = Fiche d’une personne suivie modifiée
journal-event-beneficiary_exported = Données d’une personne suivie remises (export)
journal-event-beneficiary_erased = Personne suivie effacée
journal-event-beneficiaries_merged = Fiches en double fusionnées
journal-event-retention_run = Durée de conservation appliquée
journal-event-token_created = Jeton d’API créé
journal-event-token_used_from_new_address = Jeton d’API utilisé depuis une nouvelle adresse
journal-event-token_revoked = Jeton d’API révoqué

## Kinds of organisation
organization-kind-network = Réseau
organization-kind-federation = Fédération
organization-kind-structure = Structure

## Staff pages: headings and legends written by code
accounts-scope-all = Tous les comptes de l’instance.
accounts-scope-organization = Comptes de { $organization }.
accounts-created-heading = Compte créé
accounts-new-password-heading = Nouveau mot de passe
accounts-edit-heading = Modifier un compte
accounts-edit-submit = Enregistrer les modifications
accounts-create-heading = Créer un compte
accounts-create-submit = Créer le compte
places-edit-heading = Modifier « { $name } »
places-new-heading = Nouveau lieu
import-choose-file = Choisissez un fichier CSV ou JSON au format du schéma national.
places-legend-services = Services proposés
places-legend-publics = Publics spécifiquement accueillis
places-legend-specific-support = Prise en charge spécifique
places-legend-fees = Frais à la charge de la personne
places-legend-access-modes = Modalités d’accès
places-legend-support-modes = Modalités d’accompagnement
places-legend-national-programmes = Dispositifs et programmes nationaux
places-legend-trainings-labels = Formations et labels
places-legend-itinerancy = Fixe ou itinérant

## The national schema's fields as people read them (import reports)
field-id = identifiant (id)
field-pivot = SIRET ou RNA (pivot)
field-nom = nom
field-commune = commune
field-code_postal = code postal
field-code_insee = code INSEE de la commune
field-adresse = adresse
field-complement_adresse = complément d’adresse
field-latitude = latitude
field-longitude = longitude
field-typologie = typologie
field-telephone = téléphone
field-courriels = adresses e-mail
field-site_web = sites web
field-horaires = horaires
field-presentation_resume = résumé de présentation
field-presentation_detail = présentation détaillée
field-source = source des données
field-itinerance = fixe ou itinérant
field-structure_parente = structure parente
field-date_maj = date de mise à jour
field-services = services
field-publics_specifiquement_adresses = publics spécifiquement accueillis
field-prise_en_charge_specifique = prise en charge spécifique
field-frais_a_charge = frais à la charge de la personne
field-dispositif_programmes_nationaux = dispositifs et programmes nationaux
field-formations_labels = formations et labels
field-autres_formations_labels = autres formations et labels
field-modalites_acces = modalités d’accès
field-modalites_accompagnement = modalités d’accompagnement
field-fiche_acces_libre = fiche Acceslibre
field-prise_rdv = prise de rendez-vous en ligne
field-whole-row = (toute la ligne)

# The week grid of opening hours.
hours-grid-time = { $day } : heure non comprise. Écrivez-la comme 9:00 ou 14 h 30.
hours-grid-missing-start = { $day } : indiquez aussi l’heure d’ouverture de cette plage.
hours-grid-missing-end = { $day } : indiquez aussi l’heure de fermeture de cette plage.
hours-grid-order = { $day } : l’heure de fermeture doit venir après l’heure d’ouverture.
hours-grid-overlap = { $day } : la seconde plage doit commencer après la fin de la première.
hours-grid-date = Date non comprise : choisissez-la dans le calendrier ou écrivez-la comme 01/08/2027.
hours-grid-closure-order = La fin de la fermeture doit venir après son début.

# Confirmation before a destructive action (works without JavaScript).
confirm-cancel = Non, revenir sans rien changer
confirm-stop-heading = Supprimer cette halte ?
confirm-stop-consequence = La halte du { $when } ({ $where }) sera supprimée : les habitants ne la trouveront plus dans la recherche.
confirm-stop-button = Oui, supprimer la halte
confirm-deactivate-heading = Désactiver le compte de { $name } ?
confirm-deactivate-consequence = { $name } ne pourra plus se connecter, et ses sessions ouvertes seront fermées. Vous pourrez réactiver le compte plus tard.
confirm-deactivate-button = Oui, désactiver le compte
confirm-password-heading = Donner un nouveau mot de passe à { $name } ?
confirm-password-consequence = Son mot de passe actuel ne fonctionnera plus. Un nouveau mot de passe s’affichera une seule fois, pour que vous le lui transmettiez.
confirm-password-button = Oui, donner un nouveau mot de passe
