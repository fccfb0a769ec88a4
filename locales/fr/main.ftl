# Messages shown to users by the code (templates hold their own text).
# Keys are grouped by feature; a key names what went wrong, not where.

## Generic field messages
field-required = Ce champ est obligatoire.
text-too-long = Ce texte est trop long (200 caractères au plus).

## Accounts
email-invalid = Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.
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
lockout = Trop de tentatives de connexion ont échoué pour ce compte.
lockout-retry = { lockout } Réessayez dans { $minutes ->
    [one] { $minutes } minute.
   *[other] { $minutes } minutes.
}
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
