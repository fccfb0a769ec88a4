# Labels of the national schema's closed lists shown on public pages, keyed
# `field-position` in the schema's order (src/places/vocabulary.rs). In French the
# label is the schema's own value, unless plain words explain it better (itinérance);
# filters, exports and the API keep the schema's value.

services-0 = Aide aux démarches administratives
services-1 = Maîtrise des outils numériques du quotidien
services-2 = Insertion professionnelle via le numérique
services-3 = Utilisation sécurisée du numérique
services-4 = Parentalité et éducation avec le numérique
services-5 = Loisirs et créations numériques
services-6 = Compréhension du monde numérique
services-7 = Accès internet et matériel informatique
services-8 = Acquisition de matériel informatique à prix solidaire
publics_specifiquement_adresses-0 = Jeunes
publics_specifiquement_adresses-1 = Étudiants
publics_specifiquement_adresses-2 = Familles et/ou enfants
publics_specifiquement_adresses-3 = Seniors
publics_specifiquement_adresses-4 = Femmes
prise_en_charge_specifique-0 = Surdité
prise_en_charge_specifique-1 = Handicaps moteurs
prise_en_charge_specifique-2 = Handicaps mentaux
prise_en_charge_specifique-3 = Illettrisme
prise_en_charge_specifique-4 = Langues étrangères (anglais)
prise_en_charge_specifique-5 = Langues étrangères (autres)
prise_en_charge_specifique-6 = Déficience visuelle
frais_a_charge-0 = Gratuit
frais_a_charge-1 = Gratuit sous condition
frais_a_charge-2 = Payant
modalites_acces-0 = Se présenter
modalites_acces-1 = Téléphoner
modalites_acces-2 = Contacter par mail
modalites_acces-3 = Prendre un RDV en ligne
modalites_acces-4 = Ce lieu n'accueille pas de public
modalites_acces-5 = Envoyer un mail avec une fiche de prescription
modalites_accompagnement-0 = En autonomie
modalites_accompagnement-1 = Accompagnement individuel
modalites_accompagnement-2 = Dans un atelier collectif
modalites_accompagnement-3 = À distance
itinerance-0 = Lieu itinérant : il se déplace de commune en commune (voir ses prochaines haltes)
itinerance-1 = Lieu fixe : on y est accueilli à cette adresse
