## Activities (fields refused)
activity-code-required = Choisissez une valeur. Valeurs possibles : { $values }.
activity-code-invalid = Cette valeur n’est pas dans la liste du modèle national. Valeurs possibles : { $values }.
activity-date = La date n’est pas comprise : choisissez-la dans le calendrier ou écrivez-la comme 20/11/2026 (depuis l’an 2000).
activity-date-future = Cette date n’est pas encore passée : une activité s’enregistre le jour même ou après.
activity-number = Nombre entier attendu, de { $min } à { $max }.
activity-text-too-long = Ce texte dépasse { $max } caractères : raccourcissez-le.
activity-unknown-record = Cet identifiant ne correspond à rien que votre structure connaisse.
activity-place-not-ours = Ce lieu n’est pas un des lieux de votre structure : choisissez-en un dans la liste, ou « À domicile », « À distance », « Autre lieu ».
activity-commune-required = Indiquez la commune où l’activité a eu lieu.
activity-title-required = Donnez un titre à l’atelier, par exemple « Premiers pas sur la tablette ».
activity-themes-required = Cochez au moins un thème.
activity-admin-without-theme = Les précisions sur une démarche administrative demandent le thème « Aide aux démarches administratives ».
activity-orientation-kind = Choisissez d’abord le type de structure vers laquelle la personne est orientée.
activity-count = Nombre de personnes attendu, de 0 à { $max } (le nombre de participants).
activity-counts-total = Le total de ces nombres dépasse les { $max } participants.
## People followed
beneficiary-consent-required = Sans le consentement de la personne, rien n’est enregistré sur elle : l’activité reste anonyme. Cochez la case seulement si elle a accepté.
beneficiary-pseudonym = Saisissez un prénom ou un surnom, de 1 à 60 caractères.
beneficiary-birth-year = Année de naissance attendue, sur 4 chiffres, de 1900 à { $max }.
beneficiary-phone = Numéro de téléphone attendu, de 8 à 15 chiffres, par exemple 06 12 34 56 78.
goal-text = Décrivez l’objectif en quelques mots (au plus { $max } caractères).
## Tokens
token-label = Le nom du jeton ne doit pas dépasser { $max } caractères.
token-days = Nombre de jours attendu, de 1 à { $max } (ou 0 pour un jeton sans expiration).
confirm-token-heading = Révoquer ce jeton ?
confirm-token-consequence = Le jeton « { $label } » ne permettra plus d’utiliser l’API, dès maintenant et pour toujours. Les programmes qui s’en servent recevront une erreur 401.
confirm-token-button = Oui, révoquer le jeton
flash-token-revoked = Le jeton a été révoqué.
## Activities and people (flash messages and confirmations)
flash-activity-recorded = L’activité a été enregistrée.
flash-activity-updated = L’activité a été modifiée.
flash-activity-deleted = L’activité a été supprimée.
flash-person-created = La personne est enregistrée, avec son consentement.
flash-person-updated = La fiche a été modifiée.
flash-person-erased = La personne a été effacée : ses activités restent, anonymes.
flash-people-merged = Les deux fiches ont été fusionnées.
flash-goal-added = L’objectif a été ajouté.
flash-skill-added = Le niveau a été noté.
confirm-activity-heading = Supprimer cette activité ?
confirm-activity-consequence = L’activité du { $date } ({ $kind }, { $minutes } min) sera supprimée et retirée des chiffres de la structure.
confirm-activity-button = Oui, supprimer l’activité
confirm-erase-heading = Effacer cette personne ?
confirm-erase-consequence = Tout ce que Maille sait de « { $name } » sera effacé : sa fiche, ses objectifs, ses progrès. Ses { $count } activités restent, sans lien avec elle, pour les chiffres. Cela ne peut pas être annulé.
confirm-erase-button = Oui, effacer la personne
confirm-withdraw-heading = Retirer le consentement ?
confirm-withdraw-consequence = Sans consentement, Maille ne garde rien sur « { $name } » : sa fiche, ses objectifs et ses progrès sont effacés. Ses { $count } activités restent, anonymes. Cela ne peut pas être annulé.
confirm-withdraw-button = Oui, la personne retire son consentement
confirm-merge-heading = Fusionner ces deux fiches ?
confirm-merge-consequence = La fiche « { $duplicate } » sera fondue dans « { $kept } » : activités, objectifs et progrès passent sur « { $kept } », puis « { $duplicate } » est supprimée.
confirm-merge-button = Oui, fusionner
## API
api-body-object = Le corps doit être un objet JSON : {"{"} "champ": valeur, … {"}"}.
api-unknown-member = Ce champ n’existe pas. Champs acceptés : { $known }.
api-group-by = Regroupement attendu : month, type, theme ou place.
api-member-type = Ce champ doit être { $expected }.
