# Matériel : messages des formulaires et de l’API, page publique des certificats.
equipment-required = Ce champ est obligatoire.
equipment-number = Nombre entier attendu, de 0 à { $max }.
equipment-decimal = Nombre attendu (virgule ou point), de 0 à { $max }.
equipment-storage-kind = Type de stockage attendu : ssd, hdd, nvme, emmc ou sd.
equipment-kind-required = Choisissez le type d’appareil. Valeurs possibles : { $values }.
equipment-year = Année de fabrication attendue, de 1980 à { $max }.
equipment-siren = Un SIREN a 9 chiffres (le numéro au début du SIRET) ; celui-ci n’est pas valide.
equipment-grade-required = Donnez le grade du diagnostic. Valeurs possibles : { $values }.
equipment-day = Date attendue, par exemple 25/11/2026, à moins de trois ans d’aujourd’hui.
equipment-day-future = La remise ne peut pas être dans le futur.
equipment-due-after = La date de retour doit venir après la date du prêt.
equipment-agreement = Le prêt demande que la personne accepte la convention de prêt.
equipment-weight = Poids attendu en kg, par exemple 2,1.
equipment-method-required = Choisissez la méthode d’effacement (NIST SP 800-88). Valeurs possibles : { $values }.
equipment-passes = Nombre de passes attendu, de 1 à 35.
equipment-verified-required = Dites si la vérification de l’effacement a réussi.
equipment-state = État inconnu. Valeurs possibles : { $values }.
equipment-wrong-state = Cet appareil est « { $from } » : il ne peut pas passer à « { $to } » maintenant. Étapes à suivre d’abord : { $path }.
equipment-wrong-state-never = Cet appareil est « { $from } » : il ne peut plus passer à « { $to } ».
equipment-wipe-not-verified = La vérification de l’effacement a échoué : l’appareil ne peut pas être marqué effacé. Recommencez l’effacement, ou faites détruire le support.
equipment-moved-meanwhile = Quelqu’un vient de changer l’état de cet appareil : rechargez la page et recommencez.
equipment-conflict = { $why }
equipment-unknown-person = Cette personne n’est pas suivie par votre structure.
equipment-unknown-lot = Ce lot n’existe pas dans votre structure.
equipment-unknown-donor = Ce donateur n’existe pas dans votre structure.
equipment-cost = Coût attendu en euros, par exemple 12,50.
equipment-report-too-big = Le rapport dépasse { $max } Mo : un rapport de « lshw -json » en fait moins de 1.
equipment-report-unreadable = Ce fichier n’est pas du JSON lisible (ligne { $line }, colonne { $column }). Enregistrez la sortie de « sudo lshw -json » telle quelle.
equipment-report-not-lshw = Ce JSON n’est pas un rapport de « lshw -json » : il ne décrit pas une machine.
equipment-report-missing = Choisissez le fichier du rapport.
equipment-source = Donnez la source du chiffre et son édition (10 à 400 caractères).
equipment-page = Numéro de page attendu, à partir de 1.
equipment-not-wiped = Cet appareil n’a pas encore été effacé : il n’a pas de certificat.
equipment-loan-reminder-subject = Retour du matériel prêté le { $day }
equipment-loan-reminder-body = Bonjour { $name },

    Le prêt de votre { $device } se termine le { $day }. Merci de le rapporter avec son chargeur à la structure qui vous l’a prêté. Si vous en avez encore besoin, parlez-en à votre médiateur ou médiatrice.

    À bientôt !
problem-no-device = Aucun appareil de votre structure n’a l’identifiant « { $id } ».
certificate-title = Certificat d’effacement { $code }
certificate-lead = Ce certificat est authentique : il a été délivré par { $structure }.
certificate-device = Appareil
certificate-serial = Numéro de série
certificate-wipes = Effacements vérifiés
certificate-day = Date
certificate-method = Méthode
certificate-tool = Outil
certificate-passes = Passes
certificate-storage = Supports effacés
certificate-privacy = Cette page ne montre aucune donnée personnelle : ni le donateur, ni la personne qui a reçu l’appareil.
