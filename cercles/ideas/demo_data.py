"""Content of the ideas module's demo (`manage.py load_demo`): plain data, no models.

Two campaigns ("défis") and about 150 French ideas for the invented agglomeration of
`cercles.organisation.demo`, with their public answers, supports, comments, the five
themes the first campaign was grouped into (in the spirit of "133 ideas became 5
projects") and three innovation projects. The loader in this app turns it into rows
through the services; nothing here touches the database.

Conventions:
- Dates are relative to the day of loading: `*_days_ago` counts days back from today,
  `start_days` is an offset from today (negative: in the past), `offset_days` in a
  milestone counts from the project's start.
- Circles are named as they are once the demo is loaded (the IT circle is renamed
  "Numérique / Systèmes d'information" by the demo's history); objectives by their name.
- Ideas are referred to by `key`. `campaign` is an index in CAMPAIGNS, or None.
- `status` is the idea's current state: submitted, under_study, accepted, refused,
  merged, in_project or implemented. Every state but submitted carries its public
  `answer`, given `answered_days_ago`; refusals always give their reason; a merged idea
  names its target in `merged_into`. Optional `history` lists the earlier public
  answers (oldest first), e.g. the "under study" step before an idea joined a project.
- `supports` is how many demo people support the idea (the loader picks them).
- Several ideas say the same thing in different words: the merged ones point at their
  target; others are left unmerged on purpose, for the similar-ideas engine to find.
- Authors are never named: the loader picks demo people for signed ideas, comments and
  supports (comment `by`: "author" for the idea's author, "facilitator" for a
  facilitator of the idea's circle, None for anyone); anonymous ideas have no author.
"""

# The organisation's innovation objectives.
OBJECTIVES = [
    {
        "name": "Améliorer le service public",
        "description": (
            "Rendre aux habitants un service plus simple, plus rapide et plus accessible, au "
            "plus près de leurs besoins."
        ),
    },
    {
        "name": "Donner du sens et simplifier le travail",
        "description": (
            "Débarrasser le travail des agents de ce qui ne sert à rien et leur permettre de "
            "voir à quoi il sert."
        ),
    },
    {
        "name": "Anticiper l'avenir",
        "description": (
            "Préparer l'agglomération aux changements qui viennent : climat, numérique, "
            "attentes des habitants et nouvelles façons de travailler."
        ),
    },
    {
        "name": "Préserver les ressources",
        "description": "Économiser l'énergie, les matières, l'argent public et la santé des agents.",
    },
]

# `circle`: the campaign's scope (None: the whole organisation); the ideas of a scoped
# campaign concern that circle or its sub-circles, though any agent may post them.
CAMPAIGNS = [
    {
        "title": "Mieux travailler ensemble",
        "question": (
            "Qu'est-ce qui vous ferait gagner du temps, et du sens, dans votre travail de "
            "tous les jours ?"
        ),
        "description": (
            "Réunions interminables, circuits de signature, nouveaux collègues qui se sentent "
            "perdus, trajets à rallonge : vous connaissez mieux que personne ce qui freine le "
            "travail au quotidien. **Proposez vos idées**, même modestes, et soutenez celles "
            "de vos collègues. Le réseau iX répondra publiquement à chacune dans un délai de "
            "trente jours, puis regroupera les idées en quelques thèmes pour en faire des "
            "projets ouverts à tous."
        ),
        "start_days": -120,
        "duration_days": 60,
        "objectives": [
            "Donner du sens et simplifier le travail",
            "Préserver les ressources",
            "Améliorer le service public",
        ],
        "circle": None,
        "answer_deadline_days": 30,
    },
    {
        "title": "Des démarches plus simples pour les habitants",
        "question": (
            "Qu'est-ce qui complique aujourd'hui la vie des habitants quand ils s'adressent à "
            "l'agglomération, et comment y remédier ?"
        ),
        "description": (
            "À l'accueil, au téléphone ou en ligne, les habitants nous disent chaque jour ce "
            "qui ne va pas : attente, papiers demandés plusieurs fois, courriers "
            "incompréhensibles, horaires inadaptés. Ce défi, lancé par l'Accueil du public "
            "avec le Projet Guichet unique, est ouvert à **tous les agents**, quel que soit "
            "leur service. Chaque idée recevra une réponse sous trois semaines."
        ),
        "start_days": -30,
        "duration_days": 60,
        "objectives": ["Améliorer le service public", "Anticiper l'avenir"],
        "circle": "Accueil du public",
        "answer_deadline_days": 21,
    },
]

# Campaign 0 first (by theme), then campaign 1, then ideas outside any campaign.
IDEAS = [
    {
        "key": "reunion-ordre-du-jour",
        "campaign": 0,
        "title": "Pas de réunion sans ordre du jour envoyé la veille",
        "body": (
            "Constat : une bonne partie des réunions auxquelles nous sommes conviés arrivent "
            "sans ordre du jour, ou avec un intitulé vague. Personne ne sait ce qu'il doit "
            "préparer et la première demi-heure sert à comprendre pourquoi on est là. "
            "Proposition : toute invitation comporte un ordre du jour et l'objectif attendu "
            "(informer, décider, produire), envoyés au plus tard la veille. À défaut, chacun "
            "est libre de décliner. Bénéfice attendu : des réunions plus courtes, mieux "
            "préparées, et des décisions prises du premier coup."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Réseau Innovation (iX)",
        "anonymous": False,
        "status": "in_project",
        "posted_days_ago": 91,
        "answer": (
            "Votre idée fait partie du projet « Des réunions qui finissent à l'heure », lancé "
            "par le réseau iX à partir du thème « Des réunions courtes et utiles ». La trame "
            "d'ordre du jour est déjà disponible sur l'intranet ; vous pouvez rejoindre le "
            "groupe projet depuis sa page."
        ),
        "answered_days_ago": 53,
        "merged_into": None,
        "supports": 24,
        "history": [
            {
                "status": "under_study",
                "answer": (
                    "À l'étude : nous avons rapproché votre idée d'autres propositions sur le "
                    "même sujet pour les examiner ensemble."
                ),
                "days_ago": 64,
            },
            {
                "status": "accepted",
                "answer": (
                    "Retenue. Avec les autres idées du thème « Des réunions courtes et "
                    "utiles », elle servira de base à un projet ouvert à tous."
                ),
                "days_ago": 54,
            },
        ],
    },
    {
        "key": "reunion-pourquoi-invite",
        "campaign": 0,
        "title": "Savoir à quoi je sers quand on m'invite",
        "body": (
            "Je reçois très souvent des invitations Outlook avec juste un titre du genre "
            "« point divers » ou « échange ». Du coup je ne sais pas quoi apporter, ni si ma "
            "présence est vraiment utile. Ce serait bien que l'organisateur écrive en deux "
            "lignes ce qu'il attend de nous."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Réseau Innovation (iX)",
        "anonymous": False,
        "status": "merged",
        "posted_days_ago": 87,
        "answer": (
            "Cette idée dit la même chose que « Pas de réunion sans ordre du jour envoyé la "
            "veille », qui est entrée dans un projet : nous l'y avons fusionnée et vos "
            "soutiens y sont reportés."
        ),
        "answered_days_ago": 79,
        "merged_into": "reunion-ordre-du-jour",
        "supports": 2,
    },
    {
        "key": "reunion-45-minutes",
        "campaign": 0,
        "title": "Des réunions de 45 minutes par défaut au lieu d'une heure",
        "body": (
            "Les agendas proposent des créneaux d'une heure, alors on remplit l'heure. Je "
            "propose de régler l'agenda partagé pour que la durée par défaut d'une réunion "
            "soit de 45 minutes (et 25 minutes pour un point rapide). Cela laisse un quart "
            "d'heure pour souffler, noter les suites et arriver à l'heure à la réunion "
            "suivante."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Réseau Innovation (iX)",
        "anonymous": False,
        "status": "in_project",
        "posted_days_ago": 116,
        "answer": (
            "Retenue dans le projet « Des réunions qui finissent à l'heure ». Le service "
            "numérique a modifié la durée par défaut de l'agenda partagé pour les "
            "volontaires ; la généralisation est prévue après le bilan."
        ),
        "answered_days_ago": 55,
        "merged_into": None,
        "supports": 19,
        "history": [
            {
                "status": "under_study",
                "answer": (
                    "Merci pour cette idée. Elle est à l'étude avec le cercle Réseau "
                    "Innovation (iX) ; nous vous répondrons dès que possible."
                ),
                "days_ago": 104,
            },
            {
                "status": "accepted",
                "answer": (
                    "Retenue. Avec les autres idées du thème « Des réunions courtes et "
                    "utiles », elle servira de base à un projet ouvert à tous."
                ),
                "days_ago": 56,
            },
        ],
    },
    {
        "key": "reunion-remplir-le-temps",
        "campaign": 0,
        "title": "Caler les rendez-vous sur des créneaux plus courts",
        "body": (
            "franchement une heure c'est trop pour la plupart des points qu'on fait. on finit "
            "toujours par occuper tout le temps prévu, meme quand tout est dit au bout de "
            "20 min. si on prévoyait moins, on irait a l'essentiel et on retournerait plus "
            "vite sur le terrain."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Services techniques",
        "anonymous": True,
        "status": "under_study",
        "posted_days_ago": 119,
        "answer": (
            "Merci. Cette proposition rejoint une idée déjà intégrée au projet sur les "
            "réunions ; nous regardons avec les services techniques comment l'appliquer aux "
            "réunions de chantier, qui ont leurs contraintes propres."
        ),
        "answered_days_ago": 98,
        "merged_into": None,
        "supports": 6,
    },
    {
        "key": "reunion-trame-compte-rendu",
        "campaign": 0,
        "title": "Une trame commune de compte rendu : décisions, qui fait quoi, pour quand",
        "body": (
            "Chaque service a sa façon de faire les comptes rendus, quand il y en a. Souvent "
            "ce sont trois pages de verbatim où l'on cherche en vain ce qui a été décidé. Je "
            "propose une trame d'une page, commune à toute l'agglomération, qui tienne en "
            "trois rubriques : les décisions prises, les actions avec leur responsable et "
            "leur échéance, les points reportés. Le compte rendu serait envoyé dans les "
            "48 heures."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Réseau Innovation (iX)",
        "anonymous": False,
        "status": "in_project",
        "posted_days_ago": 78,
        "answer": (
            "Intégrée au projet « Des réunions qui finissent à l'heure » : la trame a été "
            "testée dans quatre services et sera diffusée avec la charte des réunions."
        ),
        "answered_days_ago": 54,
        "merged_into": None,
        "supports": 15,
        "history": [
            {
                "status": "under_study",
                "answer": (
                    "Idée reçue et transmise au cercle Réseau Innovation (iX), qui l'étudie. "
                    "Réponse définitive dans les prochaines semaines."
                ),
                "days_ago": 61,
            },
            {
                "status": "accepted",
                "answer": (
                    "Retenue. Avec les autres idées du thème « Des réunions courtes et "
                    "utiles », elle servira de base à un projet ouvert à tous."
                ),
                "days_ago": 56,
            },
        ],
    },
    {
        "key": "reunion-registre-decisions",
        "campaign": 0,
        "title": "Publier les décisions prises en réunion dans un registre ouvert à tous",
        "body": (
            "Nous apprenons souvent les décisions par la bande, des semaines après. Un "
            "registre des décisions, consultable par tous les agents, éviterait les rumeurs "
            "et les doubles discussions. Chaque entrée indiquerait la date, l'instance qui a "
            "décidé et la personne à contacter."
        ),
        "objectives": [
            "Donner du sens et simplifier le travail",
            "Améliorer le service public",
        ],
        "circle": "Direction générale",
        "anonymous": False,
        "status": "accepted",
        "posted_days_ago": 73,
        "answer": (
            "Acceptée. La direction générale publiera les décisions du comité de direction "
            "dans Cercles à partir du mois prochain ; les autres instances suivront si "
            "l'essai est concluant."
        ),
        "answered_days_ago": 45,
        "merged_into": None,
        "supports": 12,
    },
    {
        "key": "reunion-debout",
        "campaign": 0,
        "title": "Points d'équipe debout de quinze minutes le lundi matin",
        "body": (
            "Aux services techniques, le point du lundi durait plus d'une heure autour d'un "
            "café. Nous avons essayé de le faire debout, devant le tableau des chantiers, en "
            "quinze minutes chrono : chacun dit ce qu'il fait dans la semaine et ce qui le "
            "bloque. Je propose d'étendre la formule aux équipes qui le souhaitent."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Services techniques",
        "anonymous": False,
        "status": "implemented",
        "posted_days_ago": 78,
        "answer": (
            "C'est en place : le point debout du lundi est devenu la règle aux services "
            "techniques et trois autres équipes l'ont adopté. Une fiche pratique est "
            "disponible sur l'intranet."
        ),
        "answered_days_ago": 62,
        "merged_into": None,
        "supports": 9,
        "history": [
            {
                "status": "accepted",
                "answer": (
                    "Acceptée : le cercle Services techniques s'en charge. Nous vous "
                    "tiendrons au courant de sa mise en œuvre."
                ),
                "days_ago": 75,
            },
        ],
    },
    {
        "key": "reunion-hybride-regles",
        "campaign": 0,
        "title": "Des règles simples pour les réunions à moitié en visio",
        "body": (
            "Depuis le télétravail, beaucoup de réunions mélangent des collègues dans la "
            "salle et d'autres à distance. Ceux qui sont en visio n'entendent rien, ne voient "
            "pas le tableau et n'osent pas couper la parole. Proposition : un micro de salle "
            "dans chaque grande salle, un animateur qui surveille la conversation en ligne, "
            "et un tour de table qui commence par les personnes à distance."
        ),
        "objectives": [
            "Donner du sens et simplifier le travail",
            "Améliorer le service public",
        ],
        "circle": "Numérique / Systèmes d'information",
        "anonymous": False,
        "status": "in_project",
        "posted_days_ago": 102,
        "answer": (
            "Votre idée fait partie du projet « Des réunions qui finissent à l'heure ». Le "
            "service numérique équipe en priorité les trois grandes salles de l'Hôtel "
            "d'agglomération."
        ),
        "answered_days_ago": 53,
        "merged_into": None,
        "supports": 14,
        "history": [
            {
                "status": "under_study",
                "answer": (
                    "Merci pour cette idée. Elle est à l'étude avec le cercle Numérique / "
                    "Systèmes d'information ; nous vous répondrons dès que possible."
                ),
                "days_ago": 80,
            },
            {
                "status": "accepted",
                "answer": (
                    "Retenue. Avec les autres idées du thème « Des réunions courtes et "
                    "utiles », elle servira de base à un projet ouvert à tous."
                ),
                "days_ago": 56,
            },
        ],
    },
    {
        "key": "reunion-charte",
        "campaign": 0,
        "title": "Une charte des réunions affichée dans chaque salle",
        "body": (
            "Je propose que nous écrivions ensemble une charte courte (dix règles au maximum) "
            "sur la façon de tenir une réunion chez nous : ponctualité, ordre du jour, durée, "
            "tour de parole, compte rendu. Elle serait affichée dans chaque salle et rappelée "
            "en début de séance par l'animateur. Ce n'est pas une contrainte de plus, c'est "
            "un accord entre nous."
        ),
        "objectives": [
            "Donner du sens et simplifier le travail",
            "Améliorer le service public",
        ],
        "circle": "Réseau Innovation (iX)",
        "anonymous": False,
        "status": "in_project",
        "posted_days_ago": 115,
        "answer": (
            "Retenue dans le projet « Des réunions qui finissent à l'heure » : la charte a "
            "été écrite en atelier ouvert et adoptée ; les affiches sont en cours "
            "d'impression."
        ),
        "answered_days_ago": 54,
        "merged_into": None,
        "supports": 17,
        "history": [
            {
                "status": "under_study",
                "answer": (
                    "À l'étude : nous avons rapproché votre idée d'autres propositions sur le "
                    "même sujet pour les examiner ensemble."
                ),
                "days_ago": 102,
            },
            {
                "status": "accepted",
                "answer": (
                    "Retenue. Avec les autres idées du thème « Des réunions courtes et "
                    "utiles », elle servira de base à un projet ouvert à tous."
                ),
                "days_ago": 56,
            },
        ],
    },
    {
        "key": "reunion-demi-journee-calme",
        "campaign": 0,
        "title": "Une demi-journée par semaine sans aucune réunion",
        "body": (
            "Entre les réunions, les appels et les mails, il est devenu difficile de se "
            "concentrer sur un dossier de fond. Je propose de sanctuariser une demi-journée "
            "par semaine, la même pour toute l'agglomération (par exemple le jeudi matin), "
            "sans aucune réunion interne. Les services qui accueillent du public garderaient "
            "évidemment leurs permanences."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Qualité de vie au travail",
        "anonymous": False,
        "status": "under_study",
        "posted_days_ago": 96,
        "answer": (
            "Le cercle Qualité de vie au travail étudie cette proposition avec deux "
            "directions volontaires pour un essai de trois mois. Réponse définitive après "
            "l'essai."
        ),
        "answered_days_ago": 86,
        "merged_into": None,
        "supports": 21,
    },
    {
        "key": "reunion-tri-instances",
        "campaign": 0,
        "title": "Faire le tri, une fois par an, dans les réunions récurrentes",
        "body": (
            "On passe notre vie en réunion. Certaines instances existent depuis des années et "
            "personne ne se souvient pourquoi elles ont été créées. Une fois par an, chaque "
            "réunion récurrente devrait justifier son existence : à quoi elle sert, qui doit "
            "y être, à quelle fréquence. Celles qui ne servent plus seraient supprimées."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Direction générale",
        "anonymous": True,
        "status": "accepted",
        "posted_days_ago": 89,
        "answer": (
            "Acceptée. La direction générale demandera à chaque direction, en septembre, la "
            "liste de ses instances récurrentes avec leur raison d'être ; le réseau iX aidera "
            "à faire le tri."
        ),
        "answered_days_ago": 79,
        "merged_into": None,
        "supports": 16,
    },
    {
        "key": "reunion-salles-liberees",
        "campaign": 0,
        "title": "Libérer automatiquement les salles réservées mais inoccupées",
        "body": (
            "Il est presque impossible de trouver une salle libre à l'Hôtel d'agglomération, "
            "et pourtant on passe tous les jours devant des salles vides qui sont réservées. "
            "Les réservations non confirmées dans le quart d'heure pourraient être annulées "
            "automatiquement, comme cela se fait ailleurs."
        ),
        "objectives": [
            "Préserver les ressources",
            "Donner du sens et simplifier le travail",
        ],
        "circle": "Numérique / Systèmes d'information",
        "anonymous": False,
        "status": "under_study",
        "posted_days_ago": 101,
        "answer": (
            "Le service numérique vérifie si notre outil de réservation le permet sans "
            "développement spécifique. Nous reviendrons vers vous avec une réponse d'ici la "
            "fin du mois."
        ),
        "answered_days_ago": 89,
        "merged_into": None,
        "supports": 6,
    },
    {
        "key": "reunion-invites-utiles",
        "campaign": 0,
        "title": "N'inviter que les personnes qui ont un rôle dans la réunion",
        "body": (
            "Il m'arrive d'être invitée « pour information » à des réunions de deux heures où "
            "je n'interviens pas. Le compte rendu me suffirait. Les organisateurs pourraient "
            "distinguer les participants nécessaires de ceux qui veulent simplement être "
            "tenus au courant."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Direction générale",
        "anonymous": True,
        "status": "submitted",
        "posted_days_ago": 80,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 5,
    },
    {
        "key": "reunion-former-animateurs",
        "campaign": 0,
        "title": "Former les encadrants à l'animation de réunion, en formats courts",
        "body": (
            "Animer une réunion, cela s'apprend, mais personne ne nous l'a jamais appris. Je "
            "propose des formations courtes, de deux heures maximum, sur l'animation de "
            "réunion : préparer, distribuer la parole, conclure. Elles pourraient être "
            "animées par des collègues qui le font déjà bien."
        ),
        "objectives": [
            "Donner du sens et simplifier le travail",
            "Améliorer le service public",
        ],
        "circle": "Formation & compétences",
        "anonymous": False,
        "status": "accepted",
        "posted_days_ago": 74,
        "answer": (
            "Acceptée : le cercle Formation & compétences ouvre un cycle de formations "
            "courtes « les Midis de l'iX », animées par des formateurs internes. Les "
            "premières dates sont en ligne."
        ),
        "answered_days_ago": 54,
        "merged_into": None,
        "supports": 13,
    },
    {
        "key": "reunion-parole-partagee",
        "campaign": 0,
        "title": "Que tout le monde puisse parler en réunion, pas seulement les chefs",
        "body": (
            "Dans beaucoup de réunions, ce sont toujours les mêmes qui parlent, souvent les "
            "plus gradés. Les agents de terrain n'osent pas dire ce qu'ils pensent alors que "
            "ce sont eux qui connaissent le sujet. Un simple tour de table au début et à la "
            "fin changerait beaucoup de choses."
        ),
        "objectives": [
            "Améliorer le service public",
            "Donner du sens et simplifier le travail",
        ],
        "circle": "Qualité de vie au travail",
        "anonymous": True,
        "status": "under_study",
        "posted_days_ago": 115,
        "answer": (
            "Votre remarque est reprise dans les travaux sur la charte des réunions ; le "
            "cercle Qualité de vie au travail étudie en plus un outil de tour de parole pour "
            "les réunions nombreuses."
        ),
        "answered_days_ago": 110,
        "merged_into": None,
        "supports": 5,
    },
    {
        "key": "annuaire-competences",
        "campaign": 0,
        "title": "Un annuaire des compétences internes",
        "body": (
            "Nous faisons régulièrement appel à des prestataires pour des compétences qui "
            "existent déjà dans la maison : traduction, cartographie, graphisme, connaissance "
            "fine des marchés publics. Je propose un annuaire, alimenté par les agents "
            "volontaires, où chacun indique ce qu'il sait faire et accepte de partager. "
            "Bénéfice : des économies, et la reconnaissance de savoir-faire aujourd'hui "
            "invisibles."
        ),
        "objectives": [
            "Donner du sens et simplifier le travail",
            "Améliorer le service public",
        ],
        "circle": "Formation & compétences",
        "anonymous": False,
        "status": "accepted",
        "posted_days_ago": 109,
        "answer": (
            "Acceptée. Les fiches des personnes dans Cercles vont accueillir une rubrique "
            "« savoir-faire que je peux partager », remplie par chaque agent s'il le "
            "souhaite."
        ),
        "answered_days_ago": 93,
        "merged_into": None,
        "supports": 20,
    },
    {
        "key": "qui-sait-faire-quoi",
        "campaign": 0,
        "title": "Trouver facilement un collègue qui maîtrise un sujet",
        "body": (
            "Je cherche souvent quelqu'un qui connaît Excel avancé, ou qui a déjà monté un "
            "dossier de subvention européenne, et je finis par envoyer des mails à toute la "
            "terre. Il faudrait un endroit où l'on puisse voir qui est calé sur quoi."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Formation & compétences",
        "anonymous": False,
        "status": "merged",
        "posted_days_ago": 70,
        "answer": (
            "Même proposition que « Un annuaire des compétences internes », déjà acceptée : "
            "nous avons fusionné les deux idées et reporté vos soutiens."
        ),
        "answered_days_ago": 65,
        "merged_into": "annuaire-competences",
        "supports": 3,
    },
    {
        "key": "trombinoscope-savoir-faire",
        "campaign": 0,
        "title": "Un trombinoscope qui dise aussi le métier et les talents de chacun",
        "body": (
            "Le trombinoscope actuel ne donne que le nom, le service et un numéro de poste. "
            "On pourrait y ajouter en une ligne ce que fait vraiment la personne et les "
            "domaines où elle peut dépanner un collègue. Ce serait utile pour les nouveaux "
            "comme pour les anciens."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Communication",
        "anonymous": False,
        "status": "under_study",
        "posted_days_ago": 67,
        "answer": (
            "À l'étude avec le cercle Formation & compétences, qui prépare une rubrique "
            "voisine sur les fiches des agents. Nous vous dirons si les deux peuvent se "
            "rejoindre."
        ),
        "answered_days_ago": 48,
        "merged_into": None,
        "supports": 5,
    },
    {
        "key": "vis-ma-vie",
        "campaign": 0,
        "title": "Vis ma vie : une journée d'immersion dans un autre service",
        "body": (
            "Beaucoup de tensions entre services viennent du fait qu'on ne connaît pas le "
            "travail des autres. Je propose que chaque agent volontaire puisse passer une "
            "journée par an dans un autre service, avec l'accord des deux encadrants. "
            "L'accueil téléphonique pourrait découvrir les finances, les finances le terrain, "
            "et ainsi de suite."
        ),
        "objectives": [
            "Donner du sens et simplifier le travail",
            "Améliorer le service public",
        ],
        "circle": "Ressources humaines",
        "anonymous": False,
        "status": "accepted",
        "posted_days_ago": 104,
        "answer": (
            "Acceptée : le dispositif « Vis ma vie » ouvre à la rentrée, avec une inscription "
            "auprès des Ressources humaines et un retour d'expérience partagé dans le journal "
            "interne."
        ),
        "answered_days_ago": 82,
        "merged_into": None,
        "supports": 22,
    },
    {
        "key": "journee-sur-le-terrain",
        "campaign": 0,
        "title": "Passer une journée avec les équipes de terrain pour comprendre leurs contraintes",
        "body": (
            "Les collègues des bureaux nous envoient des demandes d'intervention sans "
            "imaginer ce que cela représente sur le terrain. S'ils venaient une journée avec "
            "une équipe voirie ou espaces verts, ils verraient mieux ce qui est possible et "
            "dans quels délais."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Services techniques",
        "anonymous": False,
        "status": "merged",
        "posted_days_ago": 61,
        "answer": (
            "Cette idée propose la même chose que « Vis ma vie : une journée d'immersion dans "
            "un autre service », acceptée : elle y a été fusionnée. Les services techniques "
            "seront parmi les premiers services d'accueil."
        ),
        "answered_days_ago": 56,
        "merged_into": "vis-ma-vie",
        "supports": 4,
    },
    {
        "key": "rencontres-inter-services",
        "campaign": 0,
        "title": "Des rencontres régulières entre services qui travaillent ensemble",
        "body": (
            "Certains services dépendent fortement les uns des autres (finances et services "
            "techniques, accueil et action sociale) mais ne se rencontrent qu'en cas de "
            "problème. Je propose des rencontres inter-services, deux fois par an, pour faire "
            "le point sur ce qui coince et se mettre d'accord sur des façons de faire."
        ),
        "objectives": [
            "Donner du sens et simplifier le travail",
            "Améliorer le service public",
        ],
        "circle": "Réseau Innovation (iX)",
        "anonymous": False,
        "status": "under_study",
        "posted_days_ago": 109,
        "answer": (
            "Le réseau iX prépare un premier essai entre l'Accueil du public et l'Action "
            "sociale ; nous déciderons de la suite au vu du bilan."
        ),
        "answered_days_ago": 62,
        "merged_into": None,
        "supports": 11,
    },
    {
        "key": "valoriser-formateurs-internes",
        "campaign": 0,
        "title": "Reconnaître le travail des agents qui forment leurs collègues",
        "body": (
            "Des agents passent des heures à former leurs collègues sur les logiciels métier "
            "ou les procédures, en plus de leur travail et sans que cela apparaisse nulle "
            "part. Cette mission devrait être reconnue : temps dédié, mention dans "
            "l'entretien professionnel, formation de formateur."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Formation & compétences",
        "anonymous": False,
        "status": "accepted",
        "posted_days_ago": 73,
        "answer": (
            "Acceptée. Le rôle de formateur interne sera inscrit dans Cercles avec son temps "
            "dédié, et une formation de formateur est prévue au plan de formation."
        ),
        "answered_days_ago": 63,
        "merged_into": None,
        "supports": 14,
    },
    {
        "key": "espace-collaboratif",
        "campaign": 0,
        "title": "Un espace collaboratif pour partager documents et astuces entre services",
        "body": (
            "Nos documents sont éparpillés dans des dossiers partagés que personne ne sait "
            "retrouver, et les bonnes idées d'un service ne profitent jamais aux autres. Un "
            "espace collaboratif simple, avec des pages par thème et une recherche qui "
            "marche, permettrait de partager modèles, astuces et retours d'expérience."
        ),
        "objectives": [
            "Donner du sens et simplifier le travail",
            "Améliorer le service public",
        ],
        "circle": "Numérique / Systèmes d'information",
        "anonymous": False,
        "status": "under_study",
        "posted_days_ago": 95,
        "answer": (
            "Le service numérique compare deux solutions libres déjà utilisées par d'autres "
            "collectivités. Nous publierons le résultat de cette comparaison."
        ),
        "answered_days_ago": 93,
        "merged_into": None,
        "supports": 10,
    },
    {
        "key": "reseau-social-interne",
        "campaign": 0,
        "title": "Créer un réseau social interne façon Facebook",
        "body": (
            "Un réseau social interne permettrait à tout le monde de poster des messages, des "
            "photos et d'échanger librement entre collègues."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Communication",
        "anonymous": True,
        "status": "refused",
        "posted_days_ago": 112,
        "answer": (
            "Nous ne retenons pas cette idée : un réseau social de plus viendrait "
            "concurrencer l'intranet et l'espace collaboratif en cours d'étude, et "
            "demanderait une modération que nous ne pouvons pas assurer. Les échanges entre "
            "collègues pourront passer par l'espace collaboratif."
        ),
        "answered_days_ago": 89,
        "merged_into": None,
        "supports": 3,
    },
    {
        "key": "cafe-inter-services",
        "campaign": 0,
        "title": "Un café mensuel ouvert à tous les services",
        "body": (
            "Une fois par mois, un café de trente minutes ouvert à tous, sans ordre du jour, "
            "dans le hall de l'Hôtel d'agglomération. Juste pour se rencontrer et mettre des "
            "visages sur des noms."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Réseau Innovation (iX)",
        "anonymous": False,
        "status": "implemented",
        "posted_days_ago": 101,
        "answer": (
            "C'est en place : le café de l'iX a lieu le premier mardi du mois à 10 h dans le "
            "hall. Il réunit en moyenne une trentaine de personnes."
        ),
        "answered_days_ago": 58,
        "merged_into": None,
        "supports": 18,
        "history": [
            {
                "status": "accepted",
                "answer": (
                    "Acceptée : le cercle Réseau Innovation (iX) s'en charge. Nous vous "
                    "tiendrons au courant de sa mise en œuvre."
                ),
                "days_ago": 88,
            },
        ],
    },
    {
        "key": "mentorat-inverse",
        "campaign": 0,
        "title": "Mentorat inversé : les plus jeunes forment les cadres aux outils numériques",
        "body": (
            "Les agents arrivés récemment sont souvent à l'aise avec les outils numériques, "
            "tandis que certains cadres expérimentés le sont moins. Un mentorat inversé, en "
            "binôme, permettrait aux uns de transmettre leurs usages et aux autres de "
            "partager leur connaissance de la maison."
        ),
        "objectives": ["Anticiper l'avenir", "Donner du sens et simplifier le travail"],
        "circle": "Formation & compétences",
        "anonymous": False,
        "status": "under_study",
        "posted_days_ago": 98,
        "answer": (
            "Le cercle Formation & compétences cherche cinq binômes volontaires pour un "
            "essai. Si vous êtes intéressé, faites-le savoir en commentaire."
        ),
        "answered_days_ago": 88,
        "merged_into": None,
        "supports": 5,
    },
    {
        "key": "glossaire-sigles",
        "campaign": 0,
        "title": "Un glossaire des sigles de l'agglomération",
        "body": (
            "DGA, CST, CAO, PPI, RIFSEEP... Quand on arrive, on ne comprend rien aux "
            "réunions. Un glossaire en ligne, tenu à jour par la communication, rendrait "
            "service à tout le monde, et aussi aux habitants qui reçoivent nos courriers."
        ),
        "objectives": [
            "Donner du sens et simplifier le travail",
            "Améliorer le service public",
        ],
        "circle": "Communication",
        "anonymous": False,
        "status": "accepted",
        "posted_days_ago": 115,
        "answer": "Acceptée : le glossaire sera publié sur l'intranet et enrichi par les agents. Merci !",
        "answered_days_ago": 96,
        "merged_into": None,
        "supports": 8,
    },
    {
        "key": "un-service-par-mois",
        "campaign": 0,
        "title": "Présenter un service par mois dans le journal interne",
        "body": (
            "Le journal interne pourrait présenter chaque mois un service : ce qu'il fait, "
            "qui y travaille, comment le solliciter. On connaîtrait mieux la maison en un an "
            "qu'en dix."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Communication",
        "anonymous": False,
        "status": "accepted",
        "posted_days_ago": 118,
        "answer": (
            "Acceptée : la rubrique « Dans les coulisses » commence dans le prochain numéro, "
            "avec les Services techniques."
        ),
        "answered_days_ago": 109,
        "merged_into": None,
        "supports": 6,
    },
    {
        "key": "kit-gestion-projet",
        "campaign": 0,
        "title": "Un kit commun de gestion de projet, simple et partagé",
        "body": (
            "Chacun mène ses projets à sa façon, avec ses propres tableaux. Quand un projet "
            "change de main, tout est à refaire. Je propose un kit commun, volontairement "
            "simple : une fiche de cadrage, un planning, une météo du projet et un modèle de "
            "bilan. Quelques agents formés pourraient accompagner ceux qui débutent."
        ),
        "objectives": [
            "Donner du sens et simplifier le travail",
            "Améliorer le service public",
        ],
        "circle": "Réseau Innovation (iX)",
        "anonymous": False,
        "status": "under_study",
        "posted_days_ago": 79,
        "answer": (
            "Le réseau iX étudie ce kit avec les chefs de projet du Projet Guichet unique, "
            "qui en ont besoin les premiers."
        ),
        "answered_days_ago": 57,
        "merged_into": None,
        "supports": 9,
    },
    {
        "key": "entraide-chefs-projet",
        "campaign": 0,
        "title": "Un réseau d'entraide entre chefs de projet",
        "body": (
            "On se sent souvent seul quand on pilote un projet transversal. Un réseau "
            "informel, avec une rencontre par trimestre, permettrait de partager les "
            "difficultés et les solutions."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Réseau Innovation (iX)",
        "anonymous": False,
        "status": "submitted",
        "posted_days_ago": 115,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 2,
    },
    {
        "key": "outils-avec-communes",
        "campaign": 0,
        "title": "Partager nos outils et modèles avec les communes membres",
        "body": (
            "Les petites communes du territoire refont souvent des documents que nous avons "
            "déjà : modèles de marchés, procédures RH, fiches pratiques. Nous pourrions les "
            "mettre à leur disposition sur un espace partagé."
        ),
        "objectives": ["Améliorer le service public", "Préserver les ressources"],
        "circle": "Direction générale",
        "anonymous": False,
        "status": "submitted",
        "posted_days_ago": 114,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 4,
    },
    {
        "key": "formations-midi",
        "campaign": 0,
        "title": "Des formations d'une heure entre midi et deux",
        "body": (
            "Partir deux jours en formation, c'est compliqué dans les petites équipes. Des "
            "sessions d'une heure sur le temps de midi, sur des sujets précis (raccourcis de "
            "tableur, écrire un mail clair, etc.), seraient plus faciles à caser."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Formation & compétences",
        "anonymous": True,
        "status": "under_study",
        "posted_days_ago": 115,
        "answer": (
            "À l'étude : ce format rejoint le cycle des « Midis de l'iX ». Nous vérifions "
            "comment compter ce temps comme du temps de travail."
        ),
        "answered_days_ago": 108,
        "merged_into": None,
        "supports": 1,
    },
    {
        "key": "mails-copie",
        "campaign": 0,
        "title": "Limiter les mails envoyés en copie à tout le monde",
        "body": (
            "Je reçois chaque jour des dizaines de mails où je suis en copie sans raison. "
            "Répondre à tous est devenu un réflexe. Proposition : quelques règles communes "
            "(qui mettre en copie, quand répondre à tous), rappelées dans une campagne "
            "interne, et des listes de diffusion mieux tenues."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Qualité de vie au travail",
        "anonymous": False,
        "status": "under_study",
        "posted_days_ago": 64,
        "answer": (
            "Le cercle Qualité de vie au travail prépare une charte des bons usages de la "
            "messagerie, qui reprendra vos propositions."
        ),
        "answered_days_ago": 51,
        "merged_into": None,
        "supports": 13,
    },
    {
        "key": "mails-envoi-differe",
        "campaign": 0,
        "title": "Pas de mails après 19 heures ni le week-end : utiliser l'envoi différé",
        "body": (
            "Beaucoup d'encadrants travaillent tard et envoient leurs mails le soir. Même "
            "sans attente de réponse, cela crée une pression sur les équipes. La messagerie "
            "permet de programmer l'envoi : il suffirait de le faire connaître et d'en faire "
            "une règle commune."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Numérique / Systèmes d'information",
        "anonymous": False,
        "status": "accepted",
        "posted_days_ago": 101,
        "answer": (
            "Acceptée. Le service numérique publie un tutoriel sur l'envoi différé et la "
            "direction générale rappellera la règle dans sa prochaine note aux encadrants."
        ),
        "answered_days_ago": 62,
        "merged_into": None,
        "supports": 18,
    },
    {
        "key": "droit-deconnexion",
        "campaign": 0,
        "title": "Respecter vraiment le droit à la déconnexion",
        "body": (
            "Recevoir des messages de son chef un dimanche soir, même « pour info », ça "
            "empêche de décrocher. On ne devrait pas avoir à lire ses mails pro en dehors des "
            "horaires."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Qualité de vie au travail",
        "anonymous": True,
        "status": "under_study",
        "posted_days_ago": 63,
        "answer": (
            "Votre idée est étudiée avec la charte de la messagerie ; elle rejoint celle sur "
            "l'envoi différé des mails, déjà acceptée."
        ),
        "answered_days_ago": 57,
        "merged_into": None,
        "supports": 9,
    },
    {
        "key": "parapheur-electronique",
        "campaign": 0,
        "title": "Un parapheur électronique pour toutes les signatures",
        "body": (
            "Les parapheurs papier circulent d'un bureau à l'autre pendant des jours, se "
            "perdent parfois, et il faut se déplacer pour signer. Un parapheur électronique "
            "permettrait de signer à distance, de savoir où en est un document et "
            "d'économiser beaucoup de papier."
        ),
        "objectives": [
            "Donner du sens et simplifier le travail",
            "Préserver les ressources",
        ],
        "circle": "Numérique / Systèmes d'information",
        "anonymous": False,
        "status": "implemented",
        "posted_days_ago": 118,
        "answer": (
            "C'est fait : la Cellule Dématérialisation a déployé le parapheur électronique "
            "dans tous les services. Les circuits papier ont été arrêtés."
        ),
        "answered_days_ago": 92,
        "merged_into": None,
        "supports": 25,
        "history": [
            {
                "status": "accepted",
                "answer": (
                    "Acceptée : le cercle Numérique / Systèmes d'information s'en charge. "
                    "Nous vous tiendrons au courant de sa mise en œuvre."
                ),
                "days_ago": 99,
            },
        ],
    },
    {
        "key": "visas-bons-commande",
        "campaign": 0,
        "title": "Réduire le nombre de visas sur les bons de commande",
        "body": (
            "Un bon de commande de faible montant passe aujourd'hui par quatre visas avant "
            "d'être envoyé au fournisseur. Le délai moyen dépasse deux semaines, pour des "
            "achats souvent urgents. Je propose un circuit allégé sous un seuil à définir, "
            "avec un contrôle a posteriori."
        ),
        "objectives": [
            "Donner du sens et simplifier le travail",
            "Préserver les ressources",
        ],
        "circle": "Finances & commande publique",
        "anonymous": False,
        "status": "under_study",
        "posted_days_ago": 113,
        "answer": (
            "La direction des finances étudie un circuit allégé sous 1 000 € avec la paierie. "
            "Décision attendue avant la fin du trimestre."
        ),
        "answered_days_ago": 111,
        "merged_into": None,
        "supports": 15,
    },
    {
        "key": "ramettes-quatre-signatures",
        "campaign": 0,
        "title": "Quatre signatures pour trois ramettes de papier",
        "body": (
            "pour commander trois ramettes de papier il faut 4 signatures et 15 jours "
            "d'attente. on finit par les acheter nous memes. c'est pas serieux..."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Finances & commande publique",
        "anonymous": True,
        "status": "merged",
        "posted_days_ago": 67,
        "answer": (
            "Même proposition que « Réduire le nombre de visas sur les bons de commande », à "
            "l'étude : nous avons fusionné les deux idées."
        ),
        "answered_days_ago": 62,
        "merged_into": "visas-bons-commande",
        "supports": 1,
    },
    {
        "key": "modeles-documents",
        "campaign": 0,
        "title": "Des modèles de documents à jour, partagés par tous",
        "body": (
            "Chacun a sa version du modèle de courrier, avec l'ancien logo ou une mauvaise "
            "adresse. Des modèles officiels à jour, accessibles depuis le traitement de "
            "texte, feraient gagner du temps et donneraient une image plus cohérente de "
            "l'agglomération."
        ),
        "objectives": [
            "Donner du sens et simplifier le travail",
            "Améliorer le service public",
        ],
        "circle": "Communication",
        "anonymous": False,
        "status": "accepted",
        "posted_days_ago": 71,
        "answer": "Acceptée : la Communication met en ligne un jeu de modèles officiels ce trimestre.",
        "answered_days_ago": 44,
        "merged_into": None,
        "supports": 7,
    },
    {
        "key": "conges-en-ligne",
        "campaign": 0,
        "title": "Demander ses congés en ligne, sans formulaire papier",
        "body": (
            "Les demandes de congés se font encore sur un formulaire papier signé par "
            "l'encadrant puis transmis aux RH, qui ressaisissent tout. Le logiciel RH dispose "
            "d'un module en ligne que nous n'utilisons pas. L'activer supprimerait la "
            "ressaisie et permettrait à chacun de voir son solde."
        ),
        "objectives": [
            "Donner du sens et simplifier le travail",
            "Préserver les ressources",
        ],
        "circle": "Ressources humaines",
        "anonymous": False,
        "status": "accepted",
        "posted_days_ago": 119,
        "answer": (
            "Acceptée. Le module de demande de congés en ligne sera ouvert aux agents au 1er "
            "janvier, après une phase de test aux Ressources humaines."
        ),
        "answered_days_ago": 101,
        "merged_into": None,
        "supports": 21,
    },
    {
        "key": "conges-trois-exemplaires",
        "campaign": 0,
        "title": "Le formulaire de congé en 3 exemplaires c'est fini ?",
        "body": (
            "sérieux, à notre époque on remplit encore un formulaire en 3 exemplaires pour "
            "poser un jour de congé, que le chef signe, puis ça part aux RH qui le retapent. "
            "on peut pas faire ça sur l'ordi ??"
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Ressources humaines",
        "anonymous": False,
        "status": "merged",
        "posted_days_ago": 89,
        "answer": (
            "Nous avons fusionné votre idée avec « Demander ses congés en ligne, sans "
            "formulaire papier », acceptée : la réponse est oui, dès le 1er janvier."
        ),
        "answered_days_ago": 88,
        "merged_into": "conges-en-ligne",
        "supports": 2,
    },
    {
        "key": "double-saisie-rh",
        "campaign": 0,
        "title": "Arrêter la double saisie entre le logiciel RH et les tableaux Excel",
        "body": (
            "Les gestionnaires saisissent les mêmes informations dans le logiciel de paie et "
            "dans plusieurs tableaux de suivi. Les erreurs viennent presque toujours de là. "
            "Il faudrait recenser ces tableaux et les remplacer par des extractions du "
            "logiciel."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Ressources humaines",
        "anonymous": False,
        "status": "under_study",
        "posted_days_ago": 110,
        "answer": (
            "Les Ressources humaines recensent les tableaux concernés avec le service "
            "numérique ; nous reviendrons vers vous avec un plan."
        ),
        "answered_days_ago": 92,
        "merged_into": None,
        "supports": 4,
    },
    {
        "key": "catalogue-chronophages",
        "campaign": 0,
        "title": "Recenser les tâches qui font perdre du temps, service par service",
        "body": (
            "Chacun connaît dans son service deux ou trois tâches qui prennent un temps fou "
            "pour pas grand-chose. Je propose que le réseau iX les recense lors de courts "
            "ateliers, les classe et propose des remèdes, en commençant par les plus "
            "répandues."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Réseau Innovation (iX)",
        "anonymous": False,
        "status": "accepted",
        "posted_days_ago": 62,
        "answer": (
            "Acceptée : c'est désormais une mission du réseau iX, qui tient le catalogue des "
            "chronophages. Les premiers ateliers ont lieu ce mois-ci."
        ),
        "answered_days_ago": 50,
        "merged_into": None,
        "supports": 16,
    },
    {
        "key": "frais-deplacement",
        "campaign": 0,
        "title": "Rembourser les frais de déplacement sans justificatifs papier",
        "body": (
            "Pour un remboursement de frais de mission, il faut imprimer l'état de frais, y "
            "agrafer les tickets et l'envoyer par courrier interne. Une photo des "
            "justificatifs déposée en ligne suffirait, comme le permet désormais la "
            "réglementation."
        ),
        "objectives": [
            "Donner du sens et simplifier le travail",
            "Préserver les ressources",
        ],
        "circle": "Finances & commande publique",
        "anonymous": False,
        "status": "under_study",
        "posted_days_ago": 106,
        "answer": (
            "Les Finances vérifient avec le comptable public les conditions de la "
            "dématérialisation des pièces ; la réponse vous sera donnée sous un mois."
        ),
        "answered_days_ago": 102,
        "merged_into": None,
        "supports": 6,
    },
    {
        "key": "suivi-factures",
        "campaign": 0,
        "title": "Pouvoir savoir où en est le paiement d'une facture",
        "body": (
            "Les fournisseurs nous appellent pour savoir quand ils seront payés, et nous ne "
            "savons pas répondre sans appeler nous-mêmes les Finances. Un suivi consultable "
            "par les services éviterait ces allers-retours et rassurerait les petites "
            "entreprises du territoire."
        ),
        "objectives": [
            "Améliorer le service public",
            "Donner du sens et simplifier le travail",
        ],
        "circle": "Finances & commande publique",
        "anonymous": False,
        "status": "submitted",
        "posted_days_ago": 71,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 0,
    },
    {
        "key": "faq-rh",
        "campaign": 0,
        "title": "Une foire aux questions RH pour ne plus poser dix fois la même question",
        "body": (
            "Comment poser un jour de fractionnement ? À qui envoyer un arrêt maladie ? Les "
            "mêmes questions reviennent sans cesse au service RH. Une FAQ en ligne, bien "
            "rangée, répondrait à la plupart d'entre elles."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Ressources humaines",
        "anonymous": True,
        "status": "submitted",
        "posted_days_ago": 61,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 4,
    },
    {
        "key": "wifi-deuxieme-etage",
        "campaign": 0,
        "title": "Le wifi ne marche pas dans les salles du 2e étage",
        "body": (
            "Impossible de se connecter au wifi dans les salles de réunion du deuxième étage, "
            "c'est comme ça depuis des mois. Il faut faire quelque chose."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Numérique / Systèmes d'information",
        "anonymous": True,
        "status": "refused",
        "posted_days_ago": 64,
        "answer": (
            "Ce n'est pas une idée mais un dysfonctionnement : nous l'avons transmis au "
            "support informatique, qui intervient la semaine prochaine. Pour ce type de "
            "problème, le plus rapide reste de faire une demande au support."
        ),
        "answered_days_ago": 37,
        "merged_into": None,
        "supports": 5,
    },
    {
        "key": "agenda-unique-plannings",
        "campaign": 0,
        "title": "Un seul agenda partagé pour les plannings de l'accueil",
        "body": (
            "Les plannings de l'accueil sont tenus dans trois fichiers différents selon les "
            "sites. Pour organiser un remplacement, il faut tout croiser à la main. Un agenda "
            "partagé unique ferait gagner du temps aux coordinateurs."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Accueil du public",
        "anonymous": False,
        "status": "submitted",
        "posted_days_ago": 87,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 3,
    },
    {
        "key": "parrainage-nouveaux",
        "campaign": 0,
        "title": "Un parrain ou une marraine pour chaque nouvel arrivant",
        "body": (
            "Lorsqu'un agent arrive, il passe ses premières semaines à chercher à qui poser "
            "ses questions. Je propose que chaque nouvel arrivant soit accompagné par un "
            "parrain ou une marraine volontaire, d'un autre service de préférence, pendant "
            "ses trois premiers mois. Le parrain serait formé en une demi-journée et "
            "disposerait d'une check-list."
        ),
        "objectives": [
            "Donner du sens et simplifier le travail",
            "Améliorer le service public",
        ],
        "circle": "Formation & compétences",
        "anonymous": False,
        "status": "in_project",
        "posted_days_ago": 99,
        "answer": (
            "Votre idée est au cœur du projet « Bienvenue à bord », porté par le cercle "
            "Formation & compétences. Vous pouvez vous porter volontaire comme parrain ou "
            "marraine depuis la page du projet."
        ),
        "answered_days_ago": 48,
        "merged_into": None,
        "supports": 23,
        "history": [
            {
                "status": "under_study",
                "answer": (
                    "Merci pour cette idée. Elle est à l'étude avec le cercle Formation & "
                    "compétences ; nous vous répondrons dès que possible."
                ),
                "days_ago": 79,
            },
            {
                "status": "accepted",
                "answer": (
                    "Retenue. Avec les autres idées du thème « Bien accueillir les nouveaux "
                    "arrivants », elle servira de base à un projet ouvert à tous."
                ),
                "days_ago": 49,
            },
        ],
    },
    {
        "key": "collegue-referent-arrivee",
        "campaign": 0,
        "title": "Avoir un collègue à qui s'adresser pendant les premières semaines",
        "body": (
            "Quand je suis arrivée, mon chef était en congé et je ne savais pas à qui "
            "demander où étaient les fournitures, comment marchait le logiciel ou qui "
            "contacter pour mon badge. Une personne désignée pour répondre à ces questions "
            "m'aurait beaucoup aidée."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Ressources humaines",
        "anonymous": False,
        "status": "merged",
        "posted_days_ago": 71,
        "answer": (
            "Votre idée rejoint « Un parrain ou une marraine pour chaque nouvel arrivant », "
            "intégrée au projet « Bienvenue à bord » : nous l'avons fusionnée."
        ),
        "answered_days_ago": 62,
        "merged_into": "parrainage-nouveaux",
        "supports": 3,
    },
    {
        "key": "binome-accueil",
        "campaign": 0,
        "title": "binome pour les nouveaux",
        "body": (
            "mettre les nouveaux en binome avec un ancien les 1ers temps, ca eviterait qu'ils "
            "se sentent perdus et qu'ils repartent au bout de 6 mois comme on l'a vu "
            "plusieurs fois chez nous"
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Action sociale",
        "anonymous": True,
        "status": "merged",
        "posted_days_ago": 90,
        "answer": (
            "Fusionnée avec « Un parrain ou une marraine pour chaque nouvel arrivant », qui "
            "propose la même chose et fait partie du projet « Bienvenue à bord »."
        ),
        "answered_days_ago": 83,
        "merged_into": "parrainage-nouveaux",
        "supports": 1,
    },
    {
        "key": "poste-pret-premier-jour",
        "campaign": 0,
        "title": "Un poste de travail prêt dès le premier jour",
        "body": (
            "Trop souvent, un nouvel agent arrive sans ordinateur, sans badge ni accès aux "
            "logiciels. Il passe ses premiers jours à attendre, et l'image qu'il garde de "
            "nous est désastreuse. Proposition : une procédure d'arrivée déclenchée dès la "
            "signature du recrutement, avec une date butoir pour chaque service (RH, "
            "numérique, services techniques)."
        ),
        "objectives": [
            "Donner du sens et simplifier le travail",
            "Améliorer le service public",
        ],
        "circle": "Numérique / Systèmes d'information",
        "anonymous": False,
        "status": "in_project",
        "posted_days_ago": 103,
        "answer": (
            "Intégrée au projet « Bienvenue à bord ». La procédure d'arrivée est en test : le "
            "service numérique reçoit désormais l'alerte deux semaines avant chaque arrivée."
        ),
        "answered_days_ago": 47,
        "merged_into": None,
        "supports": 20,
        "history": [
            {
                "status": "under_study",
                "answer": (
                    "Merci pour cette idée. Elle est à l'étude avec le cercle Numérique / "
                    "Systèmes d'information ; nous vous répondrons dès que possible."
                ),
                "days_ago": 91,
            },
            {
                "status": "accepted",
                "answer": (
                    "Retenue. Avec les autres idées du thème « Bien accueillir les nouveaux "
                    "arrivants », elle servira de base à un projet ouvert à tous."
                ),
                "days_ago": 50,
            },
        ],
    },
    {
        "key": "trois-semaines-sans-ordi",
        "campaign": 0,
        "title": "Trois semaines sans ordinateur à mon arrivée",
        "body": (
            "Je suis arrivé en septembre et j'ai attendu presque trois semaines pour avoir un "
            "PC et mes codes. J'ai passé mon temps à lire des classeurs. Ça ne donne pas "
            "envie de rester."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Finances & commande publique",
        "anonymous": True,
        "status": "merged",
        "posted_days_ago": 90,
        "answer": (
            "Votre témoignage rejoint « Un poste de travail prêt dès le premier jour », "
            "intégrée au projet « Bienvenue à bord » : nous avons fusionné les deux."
        ),
        "answered_days_ago": 84,
        "merged_into": "poste-pret-premier-jour",
        "supports": 2,
    },
    {
        "key": "livret-accueil",
        "campaign": 0,
        "title": "Un livret d'accueil à jour, sur papier et en ligne",
        "body": (
            "Le livret d'accueil date de la création de l'agglomération : l'organigramme, les "
            "sites et les numéros ont changé. Je propose de le refaire, court et illustré, "
            "avec les informations pratiques (badge, restauration, télétravail, congés) et "
            "une version en ligne toujours à jour."
        ),
        "objectives": [
            "Donner du sens et simplifier le travail",
            "Améliorer le service public",
        ],
        "circle": "Ressources humaines",
        "anonymous": False,
        "status": "in_project",
        "posted_days_ago": 65,
        "answer": (
            "Intégrée au projet « Bienvenue à bord ». Une première version du nouveau livret "
            "est en relecture auprès de nouveaux arrivants."
        ),
        "answered_days_ago": 46,
        "merged_into": None,
        "supports": 12,
        "history": [
            {
                "status": "under_study",
                "answer": (
                    "À l'étude : nous avons rapproché votre idée d'autres propositions sur le "
                    "même sujet pour les examiner ensemble."
                ),
                "days_ago": 61,
            },
            {
                "status": "accepted",
                "answer": (
                    "Retenue. Avec les autres idées du thème « Bien accueillir les nouveaux "
                    "arrivants », elle servira de base à un projet ouvert à tous."
                ),
                "days_ago": 48,
            },
        ],
    },
    {
        "key": "journee-nouveaux-arrivants",
        "campaign": 0,
        "title": "Une journée d'accueil des nouveaux agents chaque trimestre",
        "body": (
            "Une fois par trimestre, réunir les agents arrivés récemment pour une "
            "demi-journée : présentation de l'agglomération par la direction générale, visite "
            "des principaux sites, rencontre avec des agents de chaque service. On comprend "
            "mieux son travail quand on voit l'ensemble."
        ),
        "objectives": [
            "Améliorer le service public",
            "Donner du sens et simplifier le travail",
        ],
        "circle": "Formation & compétences",
        "anonymous": False,
        "status": "in_project",
        "posted_days_ago": 102,
        "answer": (
            "Intégrée au projet « Bienvenue à bord ». La première journée des nouveaux "
            "arrivants a réuni dix-huit agents ; la suivante est programmée."
        ),
        "answered_days_ago": 46,
        "merged_into": None,
        "supports": 11,
        "history": [
            {
                "status": "under_study",
                "answer": (
                    "Merci pour cette idée. Elle est à l'étude avec le cercle Formation & "
                    "compétences ; nous vous répondrons dès que possible."
                ),
                "days_ago": 98,
            },
            {
                "status": "accepted",
                "answer": (
                    "Retenue. Avec les autres idées du thème « Bien accueillir les nouveaux "
                    "arrivants », elle servira de base à un projet ouvert à tous."
                ),
                "days_ago": 49,
            },
        ],
    },
    {
        "key": "organigramme-lisible",
        "campaign": 0,
        "title": "Un organigramme lisible, avec les visages et les missions",
        "body": (
            "L'organigramme actuel est un PDF illisible de quatre pages. On ne sait ni qui "
            "fait quoi ni à qui s'adresser. Il faudrait un organigramme en ligne, à jour, "
            "avec les missions de chaque équipe et si possible des photos."
        ),
        "objectives": [
            "Améliorer le service public",
            "Donner du sens et simplifier le travail",
        ],
        "circle": "Communication",
        "anonymous": False,
        "status": "implemented",
        "posted_days_ago": 102,
        "answer": (
            "C'est fait : l'organigramme en cercles de Cercles est à jour en permanence, avec "
            "la raison d'être de chaque cercle et les rôles de chacun."
        ),
        "answered_days_ago": 31,
        "merged_into": None,
        "supports": 10,
        "history": [
            {
                "status": "accepted",
                "answer": (
                    "Acceptée : le cercle Communication s'en charge. Nous vous tiendrons au "
                    "courant de sa mise en œuvre."
                ),
                "days_ago": 74,
            },
        ],
    },
    {
        "key": "check-list-encadrant",
        "campaign": 0,
        "title": "Une check-list d'arrivée pour les encadrants",
        "body": (
            "Les encadrants n'accueillent un nouvel agent qu'une ou deux fois par an et "
            "oublient toujours quelque chose. Une check-list simple (avant l'arrivée, le "
            "premier jour, la première semaine, le premier mois) les aiderait."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Formation & compétences",
        "anonymous": False,
        "status": "accepted",
        "posted_days_ago": 88,
        "answer": "Acceptée. La check-list sera intégrée au kit du projet « Bienvenue à bord ».",
        "answered_days_ago": 84,
        "merged_into": None,
        "supports": 6,
    },
    {
        "key": "rapport-etonnement",
        "campaign": 0,
        "title": "Demander un rapport d'étonnement aux nouveaux après trois mois",
        "body": (
            "Les nouveaux arrivants voient ce que nous ne voyons plus. Leur demander, après "
            "trois mois, ce qui les a surpris, en bien comme en mal, serait une mine d'idées "
            "d'amélioration."
        ),
        "objectives": [
            "Donner du sens et simplifier le travail",
            "Améliorer le service public",
        ],
        "circle": "Ressources humaines",
        "anonymous": False,
        "status": "under_study",
        "posted_days_ago": 65,
        "answer": (
            "À l'étude avec le projet « Bienvenue à bord » : nous cherchons la bonne forme "
            "(écrit, entretien, atelier collectif)."
        ),
        "answered_days_ago": 51,
        "merged_into": None,
        "supports": 4,
    },
    {
        "key": "entretien-depart",
        "campaign": 0,
        "title": "Soigner aussi les départs : un entretien de sortie pour chacun",
        "body": (
            "Des collègues partent sans qu'on sache pourquoi. Un entretien de sortie, mené "
            "par quelqu'un d'autre que l'encadrant direct, permettrait de comprendre les "
            "départs et d'en tirer des leçons."
        ),
        "objectives": ["Donner du sens et simplifier le travail", "Anticiper l'avenir"],
        "circle": "Ressources humaines",
        "anonymous": True,
        "status": "under_study",
        "posted_days_ago": 111,
        "answer": (
            "Les Ressources humaines préparent une trame d'entretien de sortie et un bilan "
            "annuel anonymisé. Réponse définitive d'ici deux mois."
        ),
        "answered_days_ago": 97,
        "merged_into": None,
        "supports": 4,
    },
    {
        "key": "accueil-stagiaires",
        "campaign": 0,
        "title": "Mieux accueillir les stagiaires et les apprentis",
        "body": (
            "Les stagiaires et apprentis arrivent souvent sans bureau ni ordinateur, et "
            "repartent sans avoir vraiment découvert le service public. Ils sont pourtant nos "
            "futurs collègues."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Formation & compétences",
        "anonymous": True,
        "status": "submitted",
        "posted_days_ago": 67,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 6,
    },
    {
        "key": "integration-saisonniers",
        "campaign": 0,
        "title": "Intégrer les saisonniers des espaces verts",
        "body": (
            "Chaque printemps, une dizaine de saisonniers arrivent aux espaces verts. Ils "
            "n'ont pas accès au livret, ni aux formations sécurité avant de commencer. Une "
            "matinée d'accueil commune leur éviterait bien des accidents."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Services techniques",
        "anonymous": False,
        "status": "submitted",
        "posted_days_ago": 69,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 0,
    },
    {
        "key": "accueil-mobilite-interne",
        "campaign": 0,
        "title": "Accueillir aussi ceux qui changent de service en interne",
        "body": (
            "Quand on change de service en interne, on est considéré comme quelqu'un qui "
            "connaît déjà tout. Pourtant on découvre une équipe, des outils et des usages. Le "
            "parcours d'accueil devrait aussi s'appliquer aux mobilités internes."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Ressources humaines",
        "anonymous": False,
        "status": "under_study",
        "posted_days_ago": 70,
        "answer": (
            "Bonne remarque : le projet « Bienvenue à bord » étudie l'extension du parcours "
            "aux mobilités internes."
        ),
        "answered_days_ago": 55,
        "merged_into": None,
        "supports": 9,
    },
    {
        "key": "tiers-lieux-communes",
        "campaign": 0,
        "title": "Ouvrir des bureaux partagés dans les mairies des communes membres",
        "body": (
            "Beaucoup d'agents habitent loin de l'Hôtel d'agglomération et passent plus d'une "
            "heure par jour dans leur voiture. Plusieurs mairies du territoire ont des "
            "bureaux inoccupés. Je propose d'en faire des tiers-lieux où les agents de "
            "l'agglomération pourraient travailler un ou deux jours par semaine, avec un "
            "poste et une connexion. Bénéfices : moins de trajets, moins de carbone, et des "
            "liens renforcés avec les communes."
        ),
        "objectives": [
            "Préserver les ressources",
            "Donner du sens et simplifier le travail",
            "Anticiper l'avenir",
        ],
        "circle": "Qualité de vie au travail",
        "anonymous": False,
        "status": "in_project",
        "posted_days_ago": 112,
        "answer": (
            "Votre idée fait partie du projet « Travailler plus près de chez soi », porté par "
            "le cercle Qualité de vie au travail. Trois communes ont déjà répondu "
            "favorablement."
        ),
        "answered_days_ago": 16,
        "merged_into": None,
        "supports": 22,
        "history": [
            {
                "status": "under_study",
                "answer": (
                    "Idée reçue et transmise au cercle Qualité de vie au travail, qui "
                    "l'étudie. Réponse définitive dans les prochaines semaines."
                ),
                "days_ago": 93,
            },
            {
                "status": "accepted",
                "answer": (
                    "Retenue : le cercle Qualité de vie au travail prépare un projet qui la "
                    "reprendra avec des idées voisines."
                ),
                "days_ago": 18,
            },
        ],
    },
    {
        "key": "travailler-pres-de-chez-soi",
        "campaign": 0,
        "title": "Pouvoir poser son ordinateur près de chez soi un jour par semaine",
        "body": (
            "je fais 50 km matin et soir. je ne peux pas télétravailler chez moi (pas de "
            "place, enfants), mais il y a une antenne de la com com à 5 minutes de chez moi "
            "avec des bureaux vides. pourquoi ne pas nous laisser y travailler de temps en "
            "temps ?"
        ),
        "objectives": [
            "Préserver les ressources",
            "Donner du sens et simplifier le travail",
        ],
        "circle": "Services techniques",
        "anonymous": True,
        "status": "under_study",
        "posted_days_ago": 74,
        "answer": (
            "Merci pour ce témoignage. Votre demande rejoint le projet « Travailler plus près "
            "de chez soi » ; nous vérifions si l'antenne dont vous parlez peut faire partie "
            "de l'essai."
        ),
        "answered_days_ago": 59,
        "merged_into": None,
        "supports": 9,
    },
    {
        "key": "covoiturage-agents",
        "campaign": 0,
        "title": "Une plateforme de covoiturage entre agents",
        "body": (
            "Nous sommes nombreux à faire chaque jour le même trajet, chacun dans sa voiture. "
            "Une plateforme de covoiturage réservée aux agents, avec des places de parking "
            "réservées aux covoitureurs, réduirait les frais de chacun et les émissions de "
            "l'agglomération."
        ),
        "objectives": [
            "Préserver les ressources",
            "Donner du sens et simplifier le travail",
        ],
        "circle": "Qualité de vie au travail",
        "anonymous": False,
        "status": "in_project",
        "posted_days_ago": 89,
        "answer": (
            "Intégrée au projet « Travailler plus près de chez soi ». Nous testons l'outil de "
            "covoiturage régional, gratuit pour les employeurs publics."
        ),
        "answered_days_ago": 18,
        "merged_into": None,
        "supports": 17,
        "history": [
            {
                "status": "under_study",
                "answer": (
                    "À l'étude : nous avons rapproché votre idée d'autres propositions sur le "
                    "même sujet pour les examiner ensemble."
                ),
                "days_ago": 83,
            },
            {
                "status": "accepted",
                "answer": (
                    "Retenue : le cercle Qualité de vie au travail prépare un projet qui la "
                    "reprendra avec des idées voisines."
                ),
                "days_ago": 20,
            },
        ],
    },
    {
        "key": "trajets-partages-saint-aubin",
        "campaign": 0,
        "title": "On est quatre à venir de Saint-Aubin chacun dans sa voiture",
        "body": (
            "Au guichet nous sommes quatre collègues à faire la route depuis Saint-Aubin, aux "
            "mêmes horaires. Si on savait qui fait quel trajet, on pourrait partager la "
            "voiture et les frais d'essence. Il suffirait d'un tableau ou d'une appli."
        ),
        "objectives": ["Préserver les ressources"],
        "circle": "Accueil du public",
        "anonymous": False,
        "status": "submitted",
        "posted_days_ago": 94,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 6,
    },
    {
        "key": "teletravail-jours-flottants",
        "campaign": 0,
        "title": "Des jours de télétravail flottants plutôt que fixes",
        "body": (
            "L'accord actuel fixe les jours de télétravail à l'avance, le même jour chaque "
            "semaine. Dans les faits, les réunions et les urgences tombent souvent ce "
            "jour-là. Un forfait de jours flottants par mois, posés en accord avec l'équipe, "
            "serait plus souple pour tout le monde."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Qualité de vie au travail",
        "anonymous": False,
        "status": "in_project",
        "posted_days_ago": 110,
        "answer": (
            "Intégrée au projet « Travailler plus près de chez soi », qui proposera une "
            "révision de l'accord télétravail aux représentants du personnel."
        ),
        "answered_days_ago": 17,
        "merged_into": None,
        "supports": 25,
        "history": [
            {
                "status": "under_study",
                "answer": (
                    "Idée reçue et transmise au cercle Qualité de vie au travail, qui "
                    "l'étudie. Réponse définitive dans les prochaines semaines."
                ),
                "days_ago": 100,
            },
            {
                "status": "accepted",
                "answer": (
                    "Retenue : le cercle Qualité de vie au travail prépare un projet qui la "
                    "reprendra avec des idées voisines."
                ),
                "days_ago": 19,
            },
        ],
    },
    {
        "key": "chauffage-19-degres",
        "campaign": 0,
        "title": "Régler le chauffage à 19 °C dans tous les bâtiments",
        "body": (
            "La consigne de 19 °C n'est pas appliquée partout : certains bureaux sont "
            "surchauffés pendant que d'autres sont froids. Un réglage centralisé et un "
            "contrôle des thermostats permettraient des économies importantes sur la facture "
            "énergétique."
        ),
        "objectives": ["Préserver les ressources"],
        "circle": "Services techniques",
        "anonymous": False,
        "status": "accepted",
        "posted_days_ago": 102,
        "answer": (
            "Acceptée. Les Services techniques programment un réglage des thermostats dans "
            "tous les bâtiments avant l'hiver et installeront des sondes dans les bureaux "
            "signalés."
        ),
        "answered_days_ago": 85,
        "merged_into": None,
        "supports": 12,
    },
    {
        "key": "bureaux-surchauffes",
        "campaign": 0,
        "title": "Sobriété : certains bureaux sont à 24 degrés en hiver",
        "body": (
            "Au premier étage, on est obligés d'ouvrir les fenêtres en plein hiver tellement "
            "il fait chaud, alors que les radiateurs tournent à fond. C'est de l'argent "
            "public qui part par la fenêtre, au sens propre."
        ),
        "objectives": ["Préserver les ressources"],
        "circle": "Finances & commande publique",
        "anonymous": True,
        "status": "merged",
        "posted_days_ago": 97,
        "answer": (
            "Même constat et même proposition que « Régler le chauffage à 19 °C dans tous les "
            "bâtiments », acceptée : nous avons fusionné les deux. Votre étage fait partie "
            "des premiers réglages."
        ),
        "answered_days_ago": 91,
        "merged_into": "chauffage-19-degres",
        "supports": 2,
    },
    {
        "key": "extinction-postes-soir",
        "campaign": 0,
        "title": "Éteindre automatiquement les ordinateurs le soir",
        "body": (
            "Une grande partie des postes de travail restent allumés la nuit et le week-end. "
            "Une extinction programmée à 20 heures, avec un rallumage possible à distance "
            "pour les mises à jour, réduirait la consommation électrique du parc."
        ),
        "objectives": ["Préserver les ressources"],
        "circle": "Numérique / Systèmes d'information",
        "anonymous": False,
        "status": "accepted",
        "posted_days_ago": 77,
        "answer": (
            "Acceptée. Le service numérique déploie l'extinction programmée par vagues à "
            "partir du mois prochain ; les postes de l'astreinte sont exclus."
        ),
        "answered_days_ago": 69,
        "merged_into": None,
        "supports": 9,
    },
    {
        "key": "ecrans-allumes-la-nuit",
        "campaign": 0,
        "title": "Les écrans restent allumés toute la nuit dans les bureaux",
        "body": (
            "En partant le soir je vois des dizaines d'écrans et d'unités centrales allumés "
            "dans tout l'étage. Il doit bien exister un moyen de les couper quand personne "
            "n'est là ?"
        ),
        "objectives": ["Préserver les ressources"],
        "circle": "Finances & commande publique",
        "anonymous": True,
        "status": "submitted",
        "posted_days_ago": 112,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 1,
    },
    {
        "key": "recto-verso-defaut",
        "campaign": 0,
        "title": "Recto verso et noir et blanc par défaut sur toutes les imprimantes",
        "body": (
            "La plupart des impressions n'ont pas besoin d'être en couleur ni sur une seule "
            "face. Paramétrer toutes les imprimantes en recto verso et en noir et blanc par "
            "défaut réduirait la consommation de papier et d'encre, sans empêcher ceux qui en "
            "ont besoin de changer le réglage."
        ),
        "objectives": ["Préserver les ressources"],
        "circle": "Numérique / Systèmes d'information",
        "anonymous": False,
        "status": "implemented",
        "posted_days_ago": 68,
        "answer": (
            "C'est fait : toutes les imprimantes sont réglées en recto verso, noir et blanc, "
            "depuis la dernière mise à jour du parc. La consommation de papier a baissé d'un "
            "quart en trois mois."
        ),
        "answered_days_ago": 43,
        "merged_into": None,
        "supports": 14,
        "history": [
            {
                "status": "accepted",
                "answer": (
                    "Acceptée : le cercle Numérique / Systèmes d'information s'en charge. "
                    "Nous vous tiendrons au courant de sa mise en œuvre."
                ),
                "days_ago": 57,
            },
        ],
    },
    {
        "key": "velos-entre-sites",
        "campaign": 0,
        "title": "Des vélos à assistance électrique pour aller d'un site à l'autre",
        "body": (
            "Les sites de l'agglomération sont à moins de cinq kilomètres les uns des autres. "
            "Pour ces trajets, des vélos à assistance électrique en libre-service seraient "
            "plus rapides qu'une voiture de service, et bien moins chers."
        ),
        "objectives": ["Préserver les ressources", "Anticiper l'avenir"],
        "circle": "Services techniques",
        "anonymous": False,
        "status": "under_study",
        "posted_days_ago": 69,
        "answer": (
            "Les Services techniques chiffrent un essai avec quatre vélos entre l'Hôtel "
            "d'agglomération et le Centre technique communautaire."
        ),
        "answered_days_ago": 53,
        "merged_into": None,
        "supports": 10,
    },
    {
        "key": "voitures-electriques",
        "campaign": 0,
        "title": "Remplacer toutes les voitures de service par des voitures électriques",
        "body": (
            "Pour montrer l'exemple, l'agglomération devrait passer toute sa flotte à "
            "l'électrique dès maintenant."
        ),
        "objectives": ["Préserver les ressources"],
        "circle": "Services techniques",
        "anonymous": False,
        "status": "refused",
        "posted_days_ago": 95,
        "answer": (
            "Nous ne pouvons pas retenir cette idée en l'état : le parc automobile est "
            "désormais confié à un prestataire, dont le contrat prévoit déjà le passage "
            "progressif à l'électrique au fil du renouvellement. Remplacer tous les véhicules "
            "d'un coup coûterait plus cher et gaspillerait des voitures en bon état."
        ),
        "answered_days_ago": 77,
        "merged_into": None,
        "supports": 6,
    },
    {
        "key": "salle-sieste",
        "campaign": 0,
        "title": "Une salle de repos pour faire la sieste",
        "body": (
            "Une petite sieste de 20 minutes après le déjeuner, c'est prouvé que ça améliore "
            "la concentration. Il faudrait une salle avec des fauteuils."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Qualité de vie au travail",
        "anonymous": True,
        "status": "refused",
        "posted_days_ago": 115,
        "answer": (
            "Nous ne retenons pas cette idée pour l'instant : aucun local ne peut être libéré "
            "à l'Hôtel d'agglomération avant le réaménagement prévu dans deux ans. Elle sera "
            "reconsidérée à cette occasion ; en attendant, la salle de pause du "
            "rez-de-chaussée va être rééquipée."
        ),
        "answered_days_ago": 101,
        "merged_into": None,
        "supports": 8,
    },
    {
        "key": "semaine-quatre-jours",
        "campaign": 0,
        "title": "Passer à la semaine de quatre jours pour tous",
        "body": (
            "Plusieurs collectivités testent la semaine de quatre jours. Nous pourrions faire "
            "de même, à temps de travail égal, pour réduire les trajets et améliorer "
            "l'équilibre entre vie professionnelle et vie personnelle."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Ressources humaines",
        "anonymous": False,
        "status": "refused",
        "posted_days_ago": 72,
        "answer": (
            "Cette proposition ne relève pas d'une campagne d'idées : l'organisation du temps "
            "de travail est fixée par le règlement du temps de travail, qui se négocie avec "
            "les représentants du personnel. Nous l'avons transmise aux Ressources humaines "
            "pour la prochaine négociation."
        ),
        "answered_days_ago": 44,
        "merged_into": None,
        "supports": 19,
    },
    {
        "key": "sport-pause-midi",
        "campaign": 0,
        "title": "Des créneaux sportifs à la pause de midi",
        "body": (
            "Le gymnase intercommunal est libre entre 12 h et 14 h. Des créneaux encadrés "
            "(renforcement, yoga, course) permettraient aux agents de bouger, ce qui est bon "
            "pour la santé et pour l'ambiance."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Qualité de vie au travail",
        "anonymous": False,
        "status": "under_study",
        "posted_days_ago": 64,
        "answer": (
            "Le cercle Qualité de vie au travail vérifie la disponibilité du gymnase et "
            "l'assurance. Réponse dans un mois."
        ),
        "answered_days_ago": 39,
        "merged_into": None,
        "supports": 7,
    },
    {
        "key": "journee-tri-numerique",
        "campaign": 0,
        "title": "Une journée du tri numérique pour alléger nos serveurs",
        "body": (
            "Nos serveurs de fichiers sont pleins de doublons, de vieilles versions et de "
            "photos oubliées. Une journée par an consacrée au tri, service par service, "
            "libérerait de la place, réduirait la consommation des serveurs et aiderait à "
            "retrouver les documents utiles."
        ),
        "objectives": ["Préserver les ressources"],
        "circle": "Numérique / Systèmes d'information",
        "anonymous": False,
        "status": "accepted",
        "posted_days_ago": 117,
        "answer": (
            "Acceptée : la première journée du tri numérique aura lieu au printemps, avec un "
            "guide de ce qu'on peut supprimer et de ce qu'il faut archiver."
        ),
        "answered_days_ago": 91,
        "merged_into": None,
        "supports": 7,
    },
    {
        "key": "ordinateurs-reconditionnes",
        "campaign": 0,
        "title": "Acheter des ordinateurs reconditionnés",
        "body": (
            "Le renouvellement des postes se fait avec du matériel neuf. Pour une grande "
            "partie des usages, des ordinateurs reconditionnés, garantis, suffiraient. Ce "
            "serait moins cher et bien meilleur pour l'environnement."
        ),
        "objectives": ["Préserver les ressources"],
        "circle": "Finances & commande publique",
        "anonymous": False,
        "status": "under_study",
        "posted_days_ago": 99,
        "answer": (
            "La commande publique étudie l'intégration d'un lot de matériel reconditionné au "
            "prochain marché informatique."
        ),
        "answered_days_ago": 91,
        "merged_into": None,
        "supports": 9,
    },
    {
        "key": "zero-papier",
        "campaign": 0,
        "title": "Supprimer complètement le papier d'ici un an",
        "body": "Fixons-nous un objectif ambitieux : zéro papier dans tous les services d'ici un an.",
        "objectives": ["Préserver les ressources"],
        "circle": "Direction générale",
        "anonymous": False,
        "status": "refused",
        "posted_days_ago": 93,
        "answer": (
            "Nous ne retenons pas cet objectif tel quel : certains documents doivent rester "
            "sur papier (actes soumis à une conservation particulière, courriers aux "
            "habitants qui n'ont pas internet). Nous avons en revanche accepté plusieurs "
            "idées qui réduisent fortement le papier : parapheur électronique, congés en "
            "ligne, impression recto verso par défaut."
        ),
        "answered_days_ago": 85,
        "merged_into": None,
        "supports": 4,
    },
    {
        "key": "prime-idees",
        "campaign": 0,
        "title": "Une prime pour chaque idée retenue",
        "body": (
            "Pour motiver les agents à proposer des idées, il faudrait verser une prime quand "
            "une idée est retenue."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Ressources humaines",
        "anonymous": True,
        "status": "refused",
        "posted_days_ago": 119,
        "answer": (
            "Nous ne pouvons pas retenir cette idée : le régime indemnitaire des agents est "
            "encadré par la loi et ne permet pas de prime à l'idée. Nous préférons "
            "reconnaître les contributions autrement : l'auteur d'une idée retenue est "
            "invité, s'il le souhaite, à rejoindre le projet qui la met en œuvre."
        ),
        "answered_days_ago": 72,
        "merged_into": None,
        "supports": 5,
    },
    {
        "key": "supprimer-entretiens-annuels",
        "campaign": 0,
        "title": "Supprimer les entretiens annuels, qui ne servent à rien",
        "body": (
            "Les entretiens annuels sont une formalité : on remplit une grille, rien ne "
            "change. Autant les supprimer et gagner du temps."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Ressources humaines",
        "anonymous": True,
        "status": "refused",
        "posted_days_ago": 61,
        "answer": (
            "L'entretien professionnel annuel est une obligation réglementaire : nous ne "
            "pouvons pas le supprimer. Votre remarque est juste sur la forme, et nous l'avons "
            "transmise aux Ressources humaines, qui revoient la grille cette année pour "
            "qu'elle serve vraiment à parler du travail et des projets de chacun."
        ),
        "answered_days_ago": 45,
        "merged_into": None,
        "supports": 9,
    },
    {
        "key": "ergonome-postes",
        "campaign": 0,
        "title": "La visite d'un ergonome pour les postes de travail",
        "body": (
            "Beaucoup d'agents ont mal au dos ou aux poignets. Une visite d'ergonome, même "
            "rapide, pour régler sièges, écrans et claviers éviterait des arrêts de travail."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Qualité de vie au travail",
        "anonymous": False,
        "status": "submitted",
        "posted_days_ago": 65,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 6,
    },
    {
        "key": "regles-bureaux-partages",
        "campaign": 0,
        "title": "Des règles de vie dans les bureaux partagés",
        "body": (
            "Dans les bureaux à plusieurs, les appels en haut-parleur et les discussions "
            "rendent la concentration impossible. Quelques règles simples, décidées ensemble, "
            "et une ou deux cabines pour téléphoner changeraient la vie."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Qualité de vie au travail",
        "anonymous": True,
        "status": "under_study",
        "posted_days_ago": 84,
        "answer": (
            "Le cercle Qualité de vie au travail proposera un atelier dans les trois plateaux "
            "concernés pour écrire ces règles avec les agents."
        ),
        "answered_days_ago": 59,
        "merged_into": None,
        "supports": 4,
    },
    {
        "key": "second-ecran-teletravail",
        "campaign": 0,
        "title": "Un second écran pour les agents en télétravail",
        "body": (
            "Travailler des journées entières sur l'écran d'un portable est fatigant. Un "
            "second écran prêté pour le domicile améliorerait le confort et l'efficacité."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Numérique / Systèmes d'information",
        "anonymous": False,
        "status": "under_study",
        "posted_days_ago": 117,
        "answer": (
            "Le service numérique recense les écrans disponibles après le dernier "
            "renouvellement pour proposer un prêt."
        ),
        "answered_days_ago": 109,
        "merged_into": None,
        "supports": 3,
    },
    {
        "key": "rendez-vous-en-ligne",
        "campaign": 1,
        "title": "Prendre rendez-vous en ligne avec l'accueil",
        "body": (
            "Aujourd'hui, pour rencontrer un conseiller, les habitants doivent appeler "
            "pendant les heures d'ouverture ou se déplacer. Beaucoup attendent longtemps pour "
            "rien, faute de pièce justificative. Je propose un module de prise de rendez-vous "
            "en ligne sur le portail, qui indique les pièces à apporter selon la démarche "
            "choisie."
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Projet Guichet unique",
        "anonymous": False,
        "status": "accepted",
        "posted_days_ago": 24,
        "answer": (
            "Acceptée : la prise de rendez-vous en ligne sera la première brique du portail "
            "du Projet Guichet unique, sur le site pilote de la Maison France services de "
            "Saint-Aubin."
        ),
        "answered_days_ago": 6,
        "merged_into": None,
        "supports": 17,
    },
    {
        "key": "reserver-un-creneau",
        "campaign": 1,
        "title": "Réserver un créneau sur internet au lieu de faire la queue",
        "body": (
            "les gens font la queue dehors avant l'ouverture, parfois sous la pluie, et la "
            "moitié repart parce qu'il manque un papier. si on pouvait choisir une heure sur "
            "le site et savoir quoi amener, ce serait moins de stress pour eux et pour nous"
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Accueil du public",
        "anonymous": True,
        "status": "merged",
        "posted_days_ago": 12,
        "answer": (
            "Votre idée est la même que « Prendre rendez-vous en ligne avec l'accueil », "
            "acceptée : nous les avons fusionnées et vos soutiens ont été reportés."
        ),
        "answered_days_ago": 9,
        "merged_into": "rendez-vous-en-ligne",
        "supports": 2,
    },
    {
        "key": "rappel-automatique",
        "campaign": 1,
        "title": "Rappeler les habitants qui n'ont pas réussi à nous joindre",
        "body": (
            "Aux heures de pointe, une partie des appels n'aboutit pas. Notre standard "
            "enregistre pourtant les numéros. Je propose de rappeler systématiquement, dans "
            "la journée, les habitants qui ont raccroché après plus d'une minute d'attente."
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Accueil téléphonique",
        "anonymous": False,
        "status": "under_study",
        "posted_days_ago": 16,
        "answer": (
            "L'Accueil téléphonique teste cette semaine l'extraction des appels perdus. Nous "
            "vous dirons si le rappel est tenable avec l'effectif actuel."
        ),
        "answered_days_ago": 1,
        "merged_into": None,
        "supports": 11,
    },
    {
        "key": "rappel-plutot-que-musique",
        "campaign": 1,
        "title": "Proposer d'être rappelé plutôt que d'attendre en musique",
        "body": (
            "Quand la ligne est saturée, au lieu de laisser l'usager écouter la musique "
            "d'attente pendant dix minutes, le serveur vocal pourrait lui proposer de laisser "
            "son numéro pour être recontacté."
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Accueil téléphonique",
        "anonymous": False,
        "status": "merged",
        "posted_days_ago": 5,
        "answer": (
            "Fusionnée avec « Rappeler les habitants qui n'ont pas réussi à nous joindre », à "
            "l'étude : les deux idées visent le même résultat."
        ),
        "answered_days_ago": 2,
        "merged_into": "rappel-automatique",
        "supports": 1,
    },
    {
        "key": "permanence-midi",
        "campaign": 1,
        "title": "Assurer une permanence téléphonique entre 12 h et 14 h",
        "body": (
            "Le standard ferme à l'heure du déjeuner, qui est justement le seul moment où "
            "beaucoup d'habitants qui travaillent peuvent appeler. Une permanence par "
            "roulement, avec deux téléconseillers, répondrait à cette attente."
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Accueil téléphonique",
        "anonymous": False,
        "status": "under_study",
        "posted_days_ago": 20,
        "answer": (
            "À l'étude avec l'équipe de l'Accueil téléphonique : nous regardons les plannings "
            "pour organiser un roulement sans allonger les journées."
        ),
        "answered_days_ago": 1,
        "merged_into": None,
        "supports": 14,
    },
    {
        "key": "personne-ne-repond-midi",
        "campaign": 1,
        "title": "Personne ne décroche quand les gens appellent à la pause déjeuner",
        "body": (
            "Ma voisine a essayé trois jours de suite de nous joindre entre midi et deux, "
            "c'est le seul moment où elle peut. Ça sonne dans le vide. C'est dommage pour un "
            "service public."
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Accueil téléphonique",
        "anonymous": True,
        "status": "merged",
        "posted_days_ago": 18,
        "answer": (
            "Votre idée rejoint « Assurer une permanence téléphonique entre 12 h et 14 h », à "
            "l'étude : nous les avons fusionnées."
        ),
        "answered_days_ago": 1,
        "merged_into": "permanence-midi",
        "supports": 0,
    },
    {
        "key": "courriers-langage-clair",
        "campaign": 1,
        "title": "Rédiger nos courriers en langage clair",
        "body": (
            "Nos courriers aux habitants sont écrits dans un jargon administratif que "
            "beaucoup ne comprennent pas : références aux articles de loi, phrases de six "
            "lignes, sigles. Je propose de réécrire en langage clair les vingt courriers les "
            "plus envoyés, en les testant auprès d'usagers."
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Accueil du public",
        "anonymous": False,
        "status": "under_study",
        "posted_days_ago": 3,
        "answer": (
            "La réécriture d'un premier lot de courriers est à l'étude avec la Communication, "
            "qui pourrait former quelques agents au langage clair."
        ),
        "answered_days_ago": 1,
        "merged_into": None,
        "supports": 13,
    },
    {
        "key": "lettres-incomprehensibles",
        "campaign": 1,
        "title": "Les habitants viennent au guichet avec nos lettres pour qu'on les leur explique",
        "body": (
            "Tous les jours, quelqu'un me tend une lettre de l'agglo en me demandant ce "
            "qu'elle veut dire. Souvent c'est juste qu'il manque une pièce, mais c'est dit de "
            "façon tellement compliquée que la personne panique. Si on écrivait plus "
            "simplement, on aurait moins de monde au guichet."
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Accueil du public",
        "anonymous": True,
        "status": "submitted",
        "posted_days_ago": 20,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 6,
    },
    {
        "key": "dites-le-nous-une-fois",
        "campaign": 1,
        "title": "Ne plus redemander aux habitants les justificatifs déjà fournis",
        "body": (
            "Un même habitant peut être amené à fournir plusieurs fois les mêmes pièces "
            "(justificatif de domicile, avis d'imposition) à différents services de "
            "l'agglomération. Je propose qu'avec son accord, les pièces déposées une fois "
            "soient réutilisables par les autres services pendant leur durée de validité."
        ),
        "objectives": [
            "Améliorer le service public",
            "Donner du sens et simplifier le travail",
        ],
        "circle": "Projet Guichet unique",
        "anonymous": False,
        "status": "under_study",
        "posted_days_ago": 10,
        "answer": (
            "Le Projet Guichet unique étudie cette proposition avec le délégué à la "
            "protection des données : c'est faisable avec le consentement de l'habitant, "
            "reste à choisir l'outil."
        ),
        "answered_days_ago": 5,
        "merged_into": None,
        "supports": 16,
    },
    {
        "key": "cinq-fois-le-meme-papier",
        "campaign": 1,
        "title": "Un habitant m'a dit avoir apporté cinq fois son avis d'imposition",
        "body": (
            "cinq fois le meme avis d'impot, pour la cantine, le transport scolaire, l'aide "
            "sociale... chez nous, a chaque fois dans un service différent. on pourrait pas "
            "garder une copie et la partager entre nous ?"
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Accueil du public",
        "anonymous": True,
        "status": "submitted",
        "posted_days_ago": 29,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 1,
    },
    {
        "key": "accueil-un-soir",
        "campaign": 1,
        "title": "Ouvrir l'accueil un soir par semaine jusqu'à 19 heures",
        "body": (
            "Nos horaires d'ouverture correspondent aux heures de travail de la plupart des "
            "habitants. Une ouverture tardive le jeudi soir permettrait aux actifs de venir "
            "sans poser une demi-journée de congé."
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Accueil du public",
        "anonymous": False,
        "status": "under_study",
        "posted_days_ago": 3,
        "answer": (
            "À l'étude : nous consultons les agents d'accueil sur une organisation en "
            "horaires décalés et nous regardons la fréquentation des autres accueils qui "
            "l'ont fait."
        ),
        "answered_days_ago": 1,
        "merged_into": None,
        "supports": 12,
    },
    {
        "key": "accueil-dimanche",
        "campaign": 1,
        "title": "Ouvrir l'accueil le dimanche matin",
        "body": (
            "Le dimanche matin, beaucoup de gens sont au marché. Ouvrir l'accueil à ce "
            "moment-là permettrait de toucher un public qu'on ne voit jamais."
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Accueil du public",
        "anonymous": False,
        "status": "refused",
        "posted_days_ago": 14,
        "answer": (
            "Nous ne retenons pas cette idée : l'ouverture le dimanche demanderait des moyens "
            "que nous n'avons pas, pour une fréquentation incertaine. Nous étudions en "
            "revanche une ouverture tardive en semaine et une présence sur les marchés, qui "
            "répondent au même besoin."
        ),
        "answered_days_ago": 6,
        "merged_into": None,
        "supports": 4,
    },
    {
        "key": "assistant-conversationnel",
        "campaign": 1,
        "title": "Tester un assistant conversationnel pour les questions simples",
        "body": (
            "Une grande partie des questions posées au téléphone portent sur les horaires, "
            "les pièces à fournir ou l'avancement d'un dossier. Un assistant conversationnel "
            "sur le site, bien encadré, pourrait y répondre à toute heure et laisser plus de "
            "temps aux agents pour les situations compliquées."
        ),
        "objectives": ["Anticiper l'avenir", "Améliorer le service public"],
        "circle": "Projet Guichet unique",
        "anonymous": False,
        "status": "under_study",
        "posted_days_ago": 5,
        "answer": (
            "Le Projet Guichet unique regarde ce qu'ont fait d'autres collectivités, en "
            "particulier sur la protection des données. Nous ne lancerons rien avant d'avoir "
            "une base de connaissances fiable."
        ),
        "answered_days_ago": 4,
        "merged_into": None,
        "supports": 7,
    },
    {
        "key": "temps-attente-affiche",
        "campaign": 1,
        "title": "Afficher le temps d'attente estimé à l'accueil",
        "body": (
            "Les usagers qui attendent ne savent pas combien de temps cela va durer et "
            "s'énervent. Un écran indiquant le nombre de personnes avant eux et une "
            "estimation du temps d'attente apaiserait la salle."
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Accueil du public",
        "anonymous": False,
        "status": "submitted",
        "posted_days_ago": 21,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 4,
    },
    {
        "key": "accueil-sans-rendez-vous",
        "campaign": 1,
        "title": "Garder un accueil sans rendez-vous pour ceux qui n'ont pas internet",
        "body": (
            "Avec la prise de rendez-vous en ligne, il faut veiller à ne pas exclure les "
            "personnes âgées ou sans accès à internet. Je propose de garder chaque jour une "
            "plage d'accueil libre, sans rendez-vous."
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Accueil du public",
        "anonymous": False,
        "status": "under_study",
        "posted_days_ago": 18,
        "answer": (
            "Bonne vigilance : le Projet Guichet unique prévoit de conserver des plages sans "
            "rendez-vous. Nous précisons lesquelles avec les agents d'accueil."
        ),
        "answered_days_ago": 15,
        "merged_into": None,
        "supports": 15,
    },
    {
        "key": "permanences-numeriques-communes",
        "campaign": 1,
        "title": "Des permanences de médiation numérique dans les communes",
        "body": (
            "Les habitants des petites communes doivent venir jusqu'à l'Hôtel d'agglomération "
            "pour être aidés dans leurs démarches en ligne. Les médiateurs numériques "
            "pourraient tenir des permanences régulières dans les mairies qui le souhaitent."
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Accueil du public",
        "anonymous": False,
        "status": "accepted",
        "posted_days_ago": 15,
        "answer": (
            "Acceptée : trois mairies accueilleront une permanence mensuelle de médiation "
            "numérique dès le mois prochain."
        ),
        "answered_days_ago": 2,
        "merged_into": None,
        "supports": 10,
    },
    {
        "key": "fiches-traduites",
        "campaign": 1,
        "title": "Des fiches pratiques traduites dans les langues les plus parlées",
        "body": (
            "Une partie des habitants que nous accueillons maîtrisent mal le français. "
            "Quelques fiches pratiques traduites (anglais, arabe, turc, portugais) sur les "
            "démarches les plus courantes faciliteraient l'échange au guichet."
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Accueil du public",
        "anonymous": False,
        "status": "submitted",
        "posted_days_ago": 12,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 5,
    },
    {
        "key": "boucle-magnetique",
        "campaign": 1,
        "title": "Une boucle magnétique aux guichets pour les personnes malentendantes",
        "body": (
            "Les personnes appareillées ont beaucoup de mal à nous entendre derrière la vitre "
            "du guichet. Une boucle magnétique, peu coûteuse, est une obligation "
            "d'accessibilité que nous ne respectons pas encore."
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Accueil du public",
        "anonymous": False,
        "status": "accepted",
        "posted_days_ago": 18,
        "answer": "Acceptée : l'équipement des deux guichets principaux est commandé.",
        "answered_days_ago": 4,
        "merged_into": None,
        "supports": 6,
    },
    {
        "key": "signaletique-hotel",
        "campaign": 1,
        "title": "Une signalétique claire à l'Hôtel d'agglomération",
        "body": (
            "Dès l'entrée, les habitants ne savent pas où aller : les panneaux indiquent des "
            "noms de directions qui ne leur parlent pas. Une signalétique par démarche (« Je "
            "déménage », « Je cherche un emploi ») serait bien plus parlante."
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Accueil du public",
        "anonymous": False,
        "status": "submitted",
        "posted_days_ago": 7,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 3,
    },
    {
        "key": "base-connaissances",
        "campaign": 1,
        "title": "Enrichir la base de connaissances avec les questions qui reviennent",
        "body": (
            "La base de connaissances du téléphone contient surtout les réponses de l'année "
            "de sa création. Chaque semaine, les téléconseillers pourraient y ajouter les "
            "questions nouvelles et leurs réponses validées par les services."
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Accueil téléphonique",
        "anonymous": False,
        "status": "under_study",
        "posted_days_ago": 2,
        "answer": (
            "À l'étude : le référent base de connaissances propose un rendez-vous "
            "hebdomadaire de quinze minutes pour valider les nouvelles fiches."
        ),
        "answered_days_ago": 1,
        "merged_into": None,
        "supports": 7,
    },
    {
        "key": "reponse-en-deux-clics",
        "campaign": 1,
        "title": "Trouver la réponse en deux clics quand un habitant pose une question rare",
        "body": (
            "Quand un usager pose une question inhabituelle, on passe dix minutes à chercher "
            "qui sait, pendant que la file s'allonge. Il nous faudrait des réponses rangées "
            "par sujet, faciles à chercher, partagées entre l'accueil physique et le "
            "téléphone."
        ),
        "objectives": [
            "Améliorer le service public",
            "Donner du sens et simplifier le travail",
        ],
        "circle": "Accueil du public",
        "anonymous": False,
        "status": "submitted",
        "posted_days_ago": 21,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 3,
    },
    {
        "key": "numero-unique",
        "campaign": 1,
        "title": "Un seul numéro de téléphone pour toute l'agglomération",
        "body": (
            "Les habitants doivent choisir entre une quinzaine de numéros selon le service. "
            "Un numéro unique, qui oriente vers le bon interlocuteur, simplifierait la vie de "
            "tous."
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Projet Guichet unique",
        "anonymous": False,
        "status": "under_study",
        "posted_days_ago": 15,
        "answer": (
            "Le Projet Guichet unique intègre cette idée à son étude ; il faudra d'abord "
            "rapprocher les standards des différents sites."
        ),
        "answered_days_ago": 7,
        "merged_into": None,
        "supports": 9,
    },
    {
        "key": "sms-rappel-rendez-vous",
        "campaign": 1,
        "title": "Un SMS de rappel la veille du rendez-vous",
        "body": (
            "Un rendez-vous sur cinq n'est pas honoré. Un SMS de rappel la veille, avec la "
            "liste des pièces à apporter, réduirait les absences et les rendez-vous pour "
            "rien."
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Accueil du public",
        "anonymous": True,
        "status": "submitted",
        "posted_days_ago": 22,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 2,
    },
    {
        "key": "numero-de-dossier",
        "campaign": 1,
        "title": "Un numéro de dossier pour suivre sa demande en ligne",
        "body": (
            "Après avoir déposé une demande, les habitants n'ont aucun moyen de savoir où "
            "elle en est, sauf à nous appeler. Un numéro de dossier et une page de suivi "
            "réduiraient fortement les appels de relance."
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Projet Guichet unique",
        "anonymous": False,
        "status": "submitted",
        "posted_days_ago": 12,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 6,
    },
    {
        "key": "formulaires-allegees",
        "campaign": 1,
        "title": "Alléger les formulaires de demande d'aide",
        "body": (
            "Le formulaire de demande d'aide fait douze pages et demande des informations que "
            "nous avons déjà ou qui ne servent pas à l'instruction. On pourrait le ramener à "
            "l'essentiel, service par service."
        ),
        "objectives": [
            "Améliorer le service public",
            "Donner du sens et simplifier le travail",
        ],
        "circle": "Projet Guichet unique",
        "anonymous": False,
        "status": "submitted",
        "posted_days_ago": 20,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 3,
    },
    {
        "key": "avis-en-sortant",
        "campaign": 1,
        "title": "Recueillir l'avis des usagers à la sortie, avec trois boutons",
        "body": (
            "Une borne avec trois boutons (content, moyen, pas content) à la sortie de "
            "l'accueil, comme dans les aéroports, nous donnerait un retour quotidien et sans "
            "effort sur la qualité de l'accueil."
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Accueil du public",
        "anonymous": False,
        "status": "submitted",
        "posted_days_ago": 18,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 6,
    },
    {
        "key": "agents-polyvalents",
        "campaign": 1,
        "title": "Former les agents d'accueil aux démarches des autres services",
        "body": (
            "Nous renvoyons souvent les habitants vers un autre service pour des démarches "
            "simples. Une formation des agents d'accueil aux démarches les plus courantes des "
            "autres services permettrait de répondre du premier coup."
        ),
        "objectives": [
            "Améliorer le service public",
            "Donner du sens et simplifier le travail",
        ],
        "circle": "Accueil du public",
        "anonymous": False,
        "status": "under_study",
        "posted_days_ago": 24,
        "answer": (
            "Le cercle Formation & compétences prépare avec nous un programme de formations "
            "croisées ; nous confirmons d'ici trois semaines."
        ),
        "answered_days_ago": 8,
        "merged_into": None,
        "supports": 8,
    },
    {
        "key": "guichet-accessible",
        "campaign": 1,
        "title": "Rendre un guichet accessible aux personnes en fauteuil",
        "body": (
            "Aucun guichet de l'Hôtel d'agglomération n'est à la bonne hauteur pour une "
            "personne en fauteuil roulant, qui doit parler à l'agent par-dessus le comptoir. "
            "Abaisser au moins un guichet est simple et indispensable."
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Accueil du public",
        "anonymous": False,
        "status": "accepted",
        "posted_days_ago": 24,
        "answer": "Acceptée : les Services techniques abaissent le guichet n° 2 pendant les congés d'été.",
        "answered_days_ago": 16,
        "merged_into": None,
        "supports": 9,
    },
    {
        "key": "coin-enfants",
        "campaign": 1,
        "title": "Un coin enfants dans la salle d'attente",
        "body": (
            "Les parents viennent souvent avec leurs enfants et l'attente devient vite "
            "difficile. Un petit coin avec des livres et des jeux rendrait l'attente plus "
            "douce pour tout le monde."
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Accueil du public",
        "anonymous": False,
        "status": "submitted",
        "posted_days_ago": 3,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 6,
    },
    {
        "key": "aide-aux-dossiers-papier",
        "campaign": 1,
        "title": "Aider les habitants à remplir les dossiers papier",
        "body": (
            "Certains habitants ne savent pas remplir les dossiers, par manque de maîtrise de "
            "l'écrit. Un créneau d'aide, avec un agent ou un bénévole, éviterait des dossiers "
            "incomplets qui reviennent trois fois."
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Accueil du public",
        "anonymous": False,
        "status": "submitted",
        "posted_days_ago": 18,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 4,
    },
    {
        "key": "demarches-sur-telephone",
        "campaign": 1,
        "title": "Des démarches que l'on peut faire entièrement sur son téléphone",
        "body": (
            "La plupart des habitants n'ont pas d'ordinateur mais ont un smartphone. Nos "
            "formulaires en ligne sont presque impossibles à remplir sur un petit écran. Il "
            "faut les penser d'abord pour le téléphone."
        ),
        "objectives": ["Améliorer le service public", "Anticiper l'avenir"],
        "circle": "Projet Guichet unique",
        "anonymous": False,
        "status": "under_study",
        "posted_days_ago": 4,
        "answer": (
            "Retenu comme critère du futur portail : le Projet Guichet unique fait tester "
            "chaque formulaire sur téléphone avant sa mise en ligne."
        ),
        "answered_days_ago": 3,
        "merged_into": None,
        "supports": 11,
    },
    {
        "key": "application-mobile",
        "campaign": 1,
        "title": "Une application mobile de l'agglomération",
        "body": (
            "Une application à télécharger regrouperait toutes nos démarches, les actualités "
            "et les notifications."
        ),
        "objectives": ["Améliorer le service public", "Anticiper l'avenir"],
        "circle": "Projet Guichet unique",
        "anonymous": False,
        "status": "refused",
        "posted_days_ago": 9,
        "answer": (
            "Nous ne retenons pas cette idée : une application demande un développement et "
            "une maintenance coûteux, et peu d'habitants l'installeraient pour quelques "
            "démarches par an. Nous préférons un portail qui fonctionne parfaitement sur "
            "téléphone, sans rien installer."
        ),
        "answered_days_ago": 2,
        "merged_into": None,
        "supports": 3,
    },
    {
        "key": "accuse-reception-48h",
        "campaign": 1,
        "title": "Accuser réception de chaque demande écrite sous 48 heures",
        "body": (
            "Quand un habitant écrit, il ne sait pas si son courrier ou son mail est arrivé. "
            "Un accusé de réception sous 48 heures, indiquant le service chargé de la demande "
            "et un délai de réponse, éviterait les relances."
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Accueil du public",
        "anonymous": False,
        "status": "submitted",
        "posted_days_ago": 17,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 3,
    },
    {
        "key": "qr-code-affiches",
        "campaign": 1,
        "title": "Un QR code sur les affiches pour aller droit à la démarche",
        "body": (
            "Nos affiches renvoient vers la page d'accueil du site, où il faut chercher. Un "
            "QR code menant directement au bon formulaire ferait gagner du temps aux "
            "habitants."
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Accueil du public",
        "anonymous": False,
        "status": "submitted",
        "posted_days_ago": 16,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 3,
    },
    {
        "key": "parcours-deces",
        "campaign": 1,
        "title": "Un parcours simplifié pour les familles après un décès",
        "body": (
            "Après un décès, les familles doivent multiplier les démarches auprès de nos "
            "services (déchets, transports, aides, facturation de l'eau). Je propose un "
            "parcours unique : un seul interlocuteur qui transmet l'information aux services "
            "concernés, avec l'accord de la famille."
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Projet Guichet unique",
        "anonymous": False,
        "status": "under_study",
        "posted_days_ago": 3,
        "answer": (
            "Le Projet Guichet unique a retenu ce parcours parmi les trois premiers à "
            "cartographier. Nous vous proposerons de participer à l'atelier."
        ),
        "answered_days_ago": 1,
        "merged_into": None,
        "supports": 12,
    },
    {
        "key": "demenagement-une-fois",
        "campaign": 1,
        "title": "Déclarer son changement d'adresse une seule fois",
        "body": (
            "Quand un habitant déménage sur le territoire, il doit prévenir séparément la "
            "collecte des déchets, l'eau, les transports scolaires... Un formulaire unique de "
            "changement d'adresse, transmis à tous les services concernés, serait un vrai "
            "progrès."
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Projet Guichet unique",
        "anonymous": False,
        "status": "submitted",
        "posted_days_ago": 20,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 6,
    },
    {
        "key": "stand-marches",
        "campaign": 1,
        "title": "Aller à la rencontre des habitants sur les marchés",
        "body": (
            "Plutôt que d'attendre que les habitants viennent à nous, nous pourrions tenir un "
            "petit stand sur les marchés des communes, une fois par mois, pour répondre aux "
            "questions et aider aux démarches."
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Accueil du public",
        "anonymous": False,
        "status": "submitted",
        "posted_days_ago": 14,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 0,
    },
    {
        "key": "bus-france-services",
        "campaign": 1,
        "title": "Un bus France services itinérant dans les petites communes",
        "body": (
            "Dans les communes rurales, beaucoup d'habitants n'ont ni voiture ni internet. Un "
            "bus aménagé, avec deux conseillers et une connexion, qui passerait chaque "
            "semaine dans les villages, ramènerait le service public au plus près d'eux."
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Accueil du public",
        "anonymous": False,
        "status": "under_study",
        "posted_days_ago": 6,
        "answer": (
            "Nous étudions les financements possibles de l'État pour un bus France services ; "
            "l'Action sociale est associée à l'étude."
        ),
        "answered_days_ago": 2,
        "merged_into": None,
        "supports": 10,
    },
    {
        "key": "gestion-situations-tendues",
        "campaign": 1,
        "title": "Se former à la gestion des situations tendues au guichet",
        "body": (
            "Les agents d'accueil font face à des usagers parfois agressifs, sans formation "
            "pour désamorcer ces situations. Une formation pratique, avec des mises en "
            "situation, nous aiderait à rester sereins et à protéger les collègues."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Accueil du public",
        "anonymous": False,
        "status": "accepted",
        "posted_days_ago": 16,
        "answer": (
            "Acceptée : une formation de deux jours est inscrite au plan de formation pour "
            "tous les agents d'accueil, physique et téléphonique."
        ),
        "answered_days_ago": 9,
        "merged_into": None,
        "supports": 10,
    },
    {
        "key": "bouton-alerte",
        "campaign": 1,
        "title": "Un bouton d'alerte discret à chaque guichet",
        "body": (
            "Quand une situation dégénère, on n'a aucun moyen d'appeler un collègue sans que "
            "l'usager s'en rende compte. Un bouton discret qui prévient le responsable nous "
            "rassurerait."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Accueil du public",
        "anonymous": True,
        "status": "under_study",
        "posted_days_ago": 17,
        "answer": (
            "Les Services techniques chiffrent l'installation ; nous en parlons avec le "
            "référent prévention et sécurité."
        ),
        "answered_days_ago": 3,
        "merged_into": None,
        "supports": 3,
    },
    {
        "key": "vraie-pause-accueil",
        "campaign": 1,
        "title": "Une vraie pause pour les agents d'accueil",
        "body": (
            "Avec les absences, on enchaîne parfois quatre heures de guichet sans pause. Un "
            "roulement clair, affiché, permettrait à chacun de souffler un quart d'heure."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Accueil du public",
        "anonymous": True,
        "status": "submitted",
        "posted_days_ago": 22,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 0,
    },
    {
        "key": "tablette-accompagnee",
        "campaign": 1,
        "title": "Une tablette en libre-service, avec quelqu'un pour aider",
        "body": (
            "Une tablette dans le hall permettrait aux habitants de faire leur démarche en "
            "ligne sur place, avec l'aide d'un médiateur numérique si besoin. Ils "
            "repartiraient en sachant le faire seuls."
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Accueil du public",
        "anonymous": False,
        "status": "submitted",
        "posted_days_ago": 25,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 6,
    },
    {
        "key": "numeriser-sur-place",
        "campaign": 1,
        "title": "Scanner les pièces sur place et rendre les originaux",
        "body": (
            "Nous photocopions des piles de documents que nous envoyons ensuite par courrier "
            "interne. Les numériser au guichet et les joindre directement au dossier serait "
            "plus rapide, plus sûr et économiserait du papier."
        ),
        "objectives": ["Améliorer le service public", "Préserver les ressources"],
        "circle": "Accueil du public",
        "anonymous": False,
        "status": "submitted",
        "posted_days_ago": 25,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 4,
    },
    {
        "key": "orientation-mairies",
        "campaign": 1,
        "title": "Aider les mairies à orienter les habitants vers le bon service",
        "body": (
            "Les secrétaires de mairie reçoivent beaucoup de questions sur nos compétences et "
            "ne savent pas toujours vers qui orienter. Un guide d'orientation et un contact "
            "dédié à l'agglomération leur faciliteraient la tâche."
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Projet Guichet unique",
        "anonymous": False,
        "status": "under_study",
        "posted_days_ago": 29,
        "answer": (
            "Le Projet Guichet unique prépare un guide d'orientation à destination des "
            "mairies, testé avec trois secrétaires de mairie."
        ),
        "answered_days_ago": 17,
        "merged_into": None,
        "supports": 6,
    },
    {
        "key": "annuaire-partenaires",
        "campaign": 1,
        "title": "Un annuaire à jour des partenaires pour bien orienter",
        "body": (
            "CAF, CPAM, mission locale, associations : nous orientons souvent les habitants "
            "vers nos partenaires, avec des horaires et des numéros parfois périmés. Un "
            "annuaire partagé, mis à jour chaque trimestre, éviterait les allers-retours "
            "inutiles."
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Accueil du public",
        "anonymous": False,
        "status": "submitted",
        "posted_days_ago": 19,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 4,
    },
    {
        "key": "repondre-mails-usagers",
        "campaign": 1,
        "title": "Répondre aux mails des habitants en cinq jours ouvrés",
        "body": (
            "Les messages envoyés via le formulaire de contact restent parfois des semaines "
            "sans réponse. Je propose un engagement de réponse en cinq jours ouvrés, avec un "
            "suivi des délais."
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Accueil du public",
        "anonymous": False,
        "status": "submitted",
        "posted_days_ago": 7,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 3,
    },
    {
        "key": "boite-contact-sans-reponse",
        "campaign": 1,
        "title": "Les messages laissés sur l'adresse contact restent sans réponse",
        "body": (
            "la boite contact@ déborde, personne ne sait vraiment qui doit la traiter et les "
            "gens finissent par appeler, énervés. il faudrait que quelqu'un en soit "
            "responsable et qu'on réponde vite"
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Accueil téléphonique",
        "anonymous": True,
        "status": "submitted",
        "posted_days_ago": 10,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 1,
    },
    {
        "key": "horaires-a-jour-en-ligne",
        "campaign": 1,
        "title": "Des horaires à jour sur internet",
        "body": (
            "Les horaires affichés sur le site ne sont pas les bons depuis le changement de "
            "l'été dernier. Des habitants se déplacent pour trouver porte close."
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Accueil du public",
        "anonymous": False,
        "status": "accepted",
        "posted_days_ago": 25,
        "answer": (
            "Acceptée et déjà corrigée : les horaires sont à jour. Le référent qualité "
            "d'accueil les vérifiera désormais à chaque changement."
        ),
        "answered_days_ago": 8,
        "merged_into": None,
        "supports": 5,
    },
    {
        "key": "satisfaction-publiee",
        "campaign": 1,
        "title": "Publier chaque trimestre les résultats de satisfaction",
        "body": (
            "Nous mesurons la satisfaction des usagers, mais les résultats restent dans un "
            "tableau. Les afficher dans le hall et sur le site, avec ce que nous changeons en "
            "conséquence, montrerait que leur avis compte."
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Accueil du public",
        "anonymous": False,
        "status": "submitted",
        "posted_days_ago": 14,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 4,
    },
    {
        "key": "file-prioritaire",
        "campaign": 1,
        "title": "Une file prioritaire pour les personnes qui ne peuvent pas attendre debout",
        "body": (
            "Les personnes âgées, les femmes enceintes ou les personnes handicapées attendent "
            "comme tout le monde, parfois debout. Un ticket prioritaire et quelques chaises "
            "réservées seraient un minimum."
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Accueil du public",
        "anonymous": False,
        "status": "under_study",
        "posted_days_ago": 7,
        "answer": (
            "À l'étude avec le référent accessibilité du Projet Guichet unique : nous "
            "revoyons l'aménagement de la salle d'attente."
        ),
        "answered_days_ago": 1,
        "merged_into": None,
        "supports": 9,
    },
    {
        "key": "interprete-lsf",
        "campaign": 1,
        "title": "Des rendez-vous en visio avec un interprète en langue des signes",
        "body": (
            "Les personnes sourdes doivent venir accompagnées pour être comprises. Un service "
            "d'interprétation à distance, sur rendez-vous, leur rendrait leur autonomie."
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Projet Guichet unique",
        "anonymous": False,
        "status": "submitted",
        "posted_days_ago": 7,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 4,
    },
    {
        "key": "questions-frequentes-aux-services",
        "campaign": 1,
        "title": "Faire remonter chaque mois aux services les questions les plus posées",
        "body": (
            "L'accueil entend chaque jour les mêmes questions, qui révèlent souvent un "
            "courrier mal compris ou une information manquante. Un relevé mensuel transmis "
            "aux services concernés les aiderait à corriger le tir à la source."
        ),
        "objectives": [
            "Améliorer le service public",
            "Donner du sens et simplifier le travail",
        ],
        "circle": "Accueil du public",
        "anonymous": False,
        "status": "under_study",
        "posted_days_ago": 27,
        "answer": (
            "Le relevé est en cours de préparation ; le premier sera présenté au comité de "
            "direction du mois prochain."
        ),
        "answered_days_ago": 9,
        "merged_into": None,
        "supports": 8,
    },
    {
        "key": "convocations-par-mail",
        "campaign": 1,
        "title": "Envoyer les convocations par mail quand l'habitant le souhaite",
        "body": (
            "Nous envoyons encore toutes les convocations par courrier, y compris aux "
            "habitants qui nous ont donné leur adresse mail. Proposer le choix économiserait "
            "des timbres et du papier."
        ),
        "objectives": ["Préserver les ressources", "Améliorer le service public"],
        "circle": "Accueil du public",
        "anonymous": False,
        "status": "submitted",
        "posted_days_ago": 4,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 0,
    },
    {
        "key": "salle-attente-accueillante",
        "campaign": 1,
        "title": "Une salle d'attente plus accueillante",
        "body": (
            "Chaises en plastique, murs gris, affiches datées : notre salle d'attente ne "
            "donne pas une bonne image. Quelques plantes, de la lumière et de la "
            "documentation à jour suffiraient à la rendre plus agréable."
        ),
        "objectives": ["Améliorer le service public"],
        "circle": "Accueil du public",
        "anonymous": False,
        "status": "submitted",
        "posted_days_ago": 17,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 5,
    },
    {
        "key": "fontaines-a-eau",
        "campaign": None,
        "title": "Des fontaines à eau à la place des bouteilles en plastique",
        "body": (
            "Chaque semaine, des packs de bouteilles d'eau sont livrés dans les salles de "
            "réunion et les bureaux. Des fontaines raccordées au réseau coûteraient moins "
            "cher et supprimeraient des milliers de bouteilles par an."
        ),
        "objectives": ["Préserver les ressources"],
        "circle": "Services techniques",
        "anonymous": False,
        "status": "implemented",
        "posted_days_ago": 200,
        "answer": (
            "C'est fait : six fontaines ont été installées et les livraisons de bouteilles "
            "sont arrêtées depuis le 1er du mois."
        ),
        "answered_days_ago": 142,
        "merged_into": None,
        "supports": 16,
        "history": [
            {
                "status": "accepted",
                "answer": (
                    "Acceptée : le cercle Services techniques s'en charge. Nous vous "
                    "tiendrons au courant de sa mise en œuvre."
                ),
                "days_ago": 186,
            },
        ],
    },
    {
        "key": "gourde-pour-chacun",
        "campaign": None,
        "title": "Une gourde pour chaque agent, et plus de packs d'eau",
        "body": (
            "On jette des montagnes de petites bouteilles vides après chaque réunion. Offrir "
            "une gourde à chacun et remplir des carafes au robinet, ce serait simple et "
            "écolo."
        ),
        "objectives": ["Préserver les ressources"],
        "circle": "Qualité de vie au travail",
        "anonymous": True,
        # Not merged: its twin is implemented and takes no more supports (a merge moves
        # them), so the duplicate is answered on its own.
        "status": "refused",
        "posted_days_ago": 109,
        "answer": (
            "Nous ne la retenons pas à part : « Des fontaines à eau à la place des "
            "bouteilles en plastique », déjà réalisée, répond au même besoin. Les gourdes "
            "seront distribuées avec le livret d'accueil."
        ),
        "answered_days_ago": 107,
        "merged_into": None,
        "supports": 2,
    },
    {
        "key": "composteur-cafeteria",
        "campaign": None,
        "title": "Un composteur pour les déchets de la cafétéria",
        "body": (
            "Les marcs de café et les épluchures de la cafétéria partent dans la poubelle "
            "ordinaire. Un composteur dans le jardin de l'Hôtel d'agglomération, entretenu "
            "par des volontaires, fournirait du compost aux espaces verts."
        ),
        "objectives": ["Préserver les ressources"],
        "circle": "Services techniques",
        "anonymous": False,
        "status": "implemented",
        "posted_days_ago": 170,
        "answer": (
            "C'est en place : le composteur est installé derrière le bâtiment B, et une "
            "équipe de volontaires s'en occupe avec les jardiniers."
        ),
        "answered_days_ago": 130,
        "merged_into": None,
        "supports": 9,
        "history": [
            {
                "status": "accepted",
                "answer": (
                    "Acceptée : le cercle Services techniques s'en charge. Nous vous "
                    "tiendrons au courant de sa mise en œuvre."
                ),
                "days_ago": 152,
            },
        ],
    },
    {
        "key": "abri-velos",
        "campaign": None,
        "title": "Un abri à vélos sécurisé à l'Hôtel d'agglomération",
        "body": (
            "Plusieurs agents viendraient à vélo s'ils pouvaient le garer à l'abri et en "
            "sécurité. Un abri fermé par badge, avec quelques prises pour les vélos "
            "électriques, suffirait."
        ),
        "objectives": ["Préserver les ressources"],
        "circle": "Services techniques",
        "anonymous": False,
        "status": "accepted",
        "posted_days_ago": 150,
        "answer": (
            "Acceptée : l'abri est inscrit au budget des Services techniques et sera installé "
            "au printemps."
        ),
        "answered_days_ago": 113,
        "merged_into": None,
        "supports": 13,
    },
    {
        "key": "mobilier-associations",
        "campaign": None,
        "title": "Donner le mobilier réformé aux associations du territoire",
        "body": (
            "Le mobilier réformé part à la déchetterie alors qu'il est souvent en bon état. "
            "Les associations du territoire en auraient l'usage : une convention de don "
            "permettrait de le leur céder."
        ),
        "objectives": ["Préserver les ressources", "Améliorer le service public"],
        "circle": "Finances & commande publique",
        "anonymous": False,
        "status": "accepted",
        "posted_days_ago": 140,
        "answer": (
            "Acceptée : la procédure de cession gratuite aux associations sera proposée au "
            "prochain conseil communautaire."
        ),
        "answered_days_ago": 118,
        "merged_into": None,
        "supports": 8,
    },
    {
        "key": "que-deviennent-les-idees",
        "campaign": None,
        "title": "Raconter dans le journal interne ce que deviennent les idées",
        "body": (
            "On propose des idées, et on n'entend plus jamais parler de la plupart d'entre "
            "elles. Une rubrique régulière du journal interne pourrait raconter ce qu'elles "
            "sont devenues, y compris celles qui n'ont pas été retenues et pourquoi."
        ),
        "objectives": [
            "Améliorer le service public",
            "Donner du sens et simplifier le travail",
        ],
        "circle": "Communication",
        "anonymous": False,
        "status": "under_study",
        "posted_days_ago": 60,
        "answer": (
            "La Communication et le réseau iX préparent une rubrique trimestrielle ; le "
            "tableau de bord des idées de Cercles servira de point de départ."
        ),
        "answered_days_ago": 40,
        "merged_into": None,
        "supports": 15,
    },
    {
        "key": "boite-idees-terrain",
        "campaign": None,
        "title": "Une boîte à idées papier pour les agents sans ordinateur",
        "body": (
            "Les agents de terrain n'ont pas d'ordinateur et ne peuvent pas déposer leurs "
            "idées en ligne. Une boîte à idées au Centre technique, dont les propositions "
            "seraient saisies chaque semaine par un référent, leur donnerait la parole."
        ),
        "objectives": [
            "Améliorer le service public",
            "Donner du sens et simplifier le travail",
        ],
        "circle": "Services techniques",
        "anonymous": False,
        "status": "under_study",
        "posted_days_ago": 45,
        "answer": (
            "Le réseau iX étudie la façon de saisir ces idées sans perdre l'anonymat de ceux "
            "qui le souhaitent ; un essai est prévu au Centre technique communautaire."
        ),
        "answered_days_ago": 28,
        "merged_into": None,
        "supports": 12,
    },
    {
        "key": "tablettes-equipes-terrain",
        "campaign": None,
        "title": "Des tablettes pour les équipes de terrain",
        "body": (
            "Les bons d'intervention sont remplis à la main puis ressaisis au bureau. Avec "
            "une tablette par équipe, les interventions seraient saisies sur place, avec "
            "photos, et les demandeurs informés plus vite."
        ),
        "objectives": ["Donner du sens et simplifier le travail", "Anticiper l'avenir"],
        "circle": "Services techniques",
        "anonymous": False,
        "status": "submitted",
        "posted_days_ago": 25,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 5,
    },
    {
        "key": "journee-familles",
        "campaign": None,
        "title": "Une journée portes ouvertes pour les familles des agents",
        "body": (
            "Nos proches ne savent pas vraiment ce que nous faisons. Une journée portes "
            "ouvertes, un samedi, pour visiter les sites et découvrir les métiers, "
            "renforcerait la fierté d'appartenance."
        ),
        "objectives": ["Donner du sens et simplifier le travail"],
        "circle": "Communication",
        "anonymous": False,
        "status": "submitted",
        "posted_days_ago": 12,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 1,
    },
    {
        "key": "potager-partage",
        "campaign": None,
        "title": "un potager partagé sur la pelouse derrière le centre technique",
        "body": (
            "il y a une grande pelouse derrière le centre technique qui ne sert a rien, on "
            "pourrait y faire un potager partagé entre collègues, ca créerait du lien et les "
            "jardiniers seraient partants pour aider"
        ),
        "objectives": ["Préserver les ressources"],
        "circle": "Qualité de vie au travail",
        "anonymous": True,
        "status": "submitted",
        "posted_days_ago": 8,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 2,
    },
    {
        "key": "ia-brouillons-courriers",
        "campaign": None,
        "title": "Tester un outil d'intelligence artificielle pour préparer des brouillons de réponse",
        "body": (
            "Une partie de notre courrier appelle des réponses très semblables. Un outil "
            "d'intelligence artificielle hébergé en France, utilisé sans données "
            "personnelles, pourrait préparer des brouillons que les agents relisent et "
            "corrigent. Avant de se lancer, un essai encadré sur un service volontaire "
            "permettrait d'en mesurer l'intérêt et les risques."
        ),
        "objectives": ["Anticiper l'avenir", "Donner du sens et simplifier le travail"],
        "circle": "Numérique / Systèmes d'information",
        "anonymous": False,
        "status": "under_study",
        "posted_days_ago": 35,
        "answer": (
            "Le service numérique et le délégué à la protection des données définissent le "
            "cadre d'un essai ; rien ne sera lancé sans règles d'usage écrites."
        ),
        "answered_days_ago": 19,
        "merged_into": None,
        "supports": 7,
    },
    {
        "key": "horaires-canicule",
        "campaign": None,
        "title": "Des horaires d'été pour les équipes de terrain en cas de canicule",
        "body": (
            "Les épisodes de forte chaleur sont de plus en plus fréquents. Pendant les "
            "alertes canicule, les équipes de terrain devraient pouvoir commencer à 6 heures "
            "et s'arrêter à 13 heures, comme le font déjà d'autres collectivités."
        ),
        "objectives": ["Anticiper l'avenir", "Donner du sens et simplifier le travail"],
        "circle": "Services techniques",
        "anonymous": False,
        "status": "accepted",
        "posted_days_ago": 110,
        "answer": (
            "Acceptée : un protocole canicule avec horaires décalés est en vigueur à partir "
            "de cet été pour les équipes voirie et espaces verts."
        ),
        "answered_days_ago": 87,
        "merged_into": None,
        "supports": 18,
    },
    {
        "key": "batiments-chaleur",
        "campaign": None,
        "title": "Préparer nos bâtiments aux étés plus chauds",
        "body": (
            "Certains bureaux dépassent 32 °C en été. Plutôt que de multiplier les "
            "climatiseurs, il faudrait un plan d'adaptation des bâtiments : stores "
            "extérieurs, végétalisation, ventilation nocturne."
        ),
        "objectives": ["Anticiper l'avenir", "Préserver les ressources"],
        "circle": "Services techniques",
        "anonymous": False,
        "status": "submitted",
        "posted_days_ago": 20,
        "answer": "",
        "answered_days_ago": None,
        "merged_into": None,
        "supports": 3,
    },
]

# `reply_to`: index in COMMENTS of the top-level comment answered (one level of replies).
# A non-empty `hidden_reason` means the comment was hidden by moderation.
COMMENTS = [
    {
        "idea": "reunion-ordre-du-jour",
        "body": (
            "Tout à fait d'accord. J'ajouterais : indiquer pour chaque point combien de temps "
            "on y consacre."
        ),
        "reply_to": None,
        "by": None,
        "days_ago": 23,
        "hidden_reason": "",
    },
    {
        "idea": "reunion-ordre-du-jour",
        "body": "Bonne idée, c'est prévu dans la trame : chaque point a une durée et un objectif.",
        "reply_to": 0,
        "by": "facilitator",
        "days_ago": 18,
        "hidden_reason": "",
    },
    {
        "idea": "reunion-ordre-du-jour",
        "body": (
            "Et si l'ordre du jour n'arrive pas, on a vraiment le droit de ne pas venir ? Pas "
            "sûr que tous les chefs l'entendent comme ça."
        ),
        "reply_to": None,
        "by": None,
        "days_ago": 47,
        "hidden_reason": "",
    },
    {
        "idea": "reunion-ordre-du-jour",
        "body": (
            "C'est écrit dans la charte adoptée en atelier, donc oui. Le plus simple est de "
            "demander poliment l'objectif à l'organisateur."
        ),
        "reply_to": 2,
        "by": "author",
        "days_ago": 12,
        "hidden_reason": "",
    },
    {
        "idea": "reunion-45-minutes",
        "body": "On l'a testé dans mon équipe depuis un mois : personne ne regrette l'heure complète.",
        "reply_to": None,
        "by": None,
        "days_ago": 70,
        "hidden_reason": "",
    },
    {
        "idea": "reunion-45-minutes",
        "body": (
            "Attention aux réunions avec des élus, qui ne se plient pas forcément à l'agenda "
            "partagé."
        ),
        "reply_to": None,
        "by": None,
        "days_ago": 20,
        "hidden_reason": "",
    },
    {
        "idea": "reunion-45-minutes",
        "body": "C'est noté, la règle concerne d'abord les réunions internes.",
        "reply_to": 5,
        "by": "facilitator",
        "days_ago": 4,
        "hidden_reason": "",
    },
    {
        "idea": "reunion-demi-journee-calme",
        "body": (
            "Le jeudi matin, c'est le jour du comité de direction... il faudrait choisir un "
            "autre créneau."
        ),
        "reply_to": None,
        "by": None,
        "days_ago": 45,
        "hidden_reason": "",
    },
    {
        "idea": "reunion-demi-journee-calme",
        "body": "Oui ! J'ai besoin de temps sans interruption pour mes dossiers de subvention.",
        "reply_to": None,
        "by": None,
        "days_ago": 29,
        "hidden_reason": "",
    },
    {
        "idea": "parapheur-electronique",
        "body": (
            "Depuis le déploiement, mes arrêtés sont signés en deux jours au lieu de deux "
            "semaines. Merci à la cellule."
        ),
        "reply_to": None,
        "by": None,
        "days_ago": 101,
        "hidden_reason": "",
    },
    {
        "idea": "parapheur-electronique",
        "body": "Petit bémol : la notification arrive parfois dans les indésirables. Pensez à vérifier.",
        "reply_to": None,
        "by": None,
        "days_ago": 56,
        "hidden_reason": "",
    },
    {
        "idea": "visas-bons-commande",
        "body": "Le contrôle a posteriori, c'est aussi du travail : il faudra prévoir qui le fait.",
        "reply_to": None,
        "by": None,
        "days_ago": 1,
        "hidden_reason": "",
    },
    {
        "idea": "visas-bons-commande",
        "body": (
            "C'est bien le sujet que nous étudions avec la paierie : un contrôle par "
            "échantillon chaque mois."
        ),
        "reply_to": 11,
        "by": "facilitator",
        "days_ago": 0,
        "hidden_reason": "",
    },
    {
        "idea": "conges-en-ligne",
        "body": "Est-ce que les agents sans ordinateur pourront aussi faire leur demande ?",
        "reply_to": None,
        "by": None,
        "days_ago": 97,
        "hidden_reason": "",
    },
    {
        "idea": "conges-en-ligne",
        "body": (
            "Oui, le module fonctionne sur téléphone, et l'encadrant pourra toujours saisir "
            "la demande pour l'agent."
        ),
        "reply_to": 13,
        "by": "facilitator",
        "days_ago": 19,
        "hidden_reason": "",
    },
    {
        "idea": "parrainage-nouveaux",
        "body": (
            "Je veux bien être marraine ! Je suis arrivée il y a deux ans et je me souviens "
            "de ce qu'on ressent."
        ),
        "reply_to": None,
        "by": None,
        "days_ago": 93,
        "hidden_reason": "",
    },
    {
        "idea": "parrainage-nouveaux",
        "body": (
            "Il faudrait que le temps passé comme parrain soit reconnu, sinon ce sera "
            "toujours les mêmes qui s'y collent."
        ),
        "reply_to": None,
        "by": None,
        "days_ago": 1,
        "hidden_reason": "",
    },
    {
        "idea": "parrainage-nouveaux",
        "body": "C'est prévu : le rôle de parrain sera inscrit dans Cercles avec un temps indicatif.",
        "reply_to": 16,
        "by": "facilitator",
        "days_ago": 0,
        "hidden_reason": "",
    },
    {
        "idea": "poste-pret-premier-jour",
        "body": (
            "Le problème vient souvent de la date d'arrivée, que le service numérique apprend "
            "la veille."
        ),
        "reply_to": None,
        "by": None,
        "days_ago": 99,
        "hidden_reason": "",
    },
    {
        "idea": "poste-pret-premier-jour",
        "body": (
            "Exactement, c'est pour ça que l'alerte part maintenant dès la signature du "
            "recrutement."
        ),
        "reply_to": 18,
        "by": "author",
        "days_ago": 21,
        "hidden_reason": "",
    },
    {
        "idea": "tiers-lieux-communes",
        "body": (
            "La mairie de ma commune a une salle inoccupée avec la fibre, je peux faire le "
            "lien si besoin."
        ),
        "reply_to": None,
        "by": None,
        "days_ago": 37,
        "hidden_reason": "",
    },
    {
        "idea": "tiers-lieux-communes",
        "body": (
            "Merci, c'est très utile : pouvez-vous rejoindre le groupe projet ? Nous "
            "recensons les lieux possibles."
        ),
        "reply_to": 20,
        "by": "facilitator",
        "days_ago": 24,
        "hidden_reason": "",
    },
    {
        "idea": "tiers-lieux-communes",
        "body": (
            "Et pour les agents d'accueil, qui ne peuvent pas télétravailler ? Il ne faudrait "
            "pas creuser l'écart."
        ),
        "reply_to": None,
        "by": None,
        "days_ago": 105,
        "hidden_reason": "",
    },
    {
        "idea": "covoiturage-agents",
        "body": "Des places de parking réservées aux covoitureurs, ce serait déjà un bon début.",
        "reply_to": None,
        "by": None,
        "days_ago": 75,
        "hidden_reason": "",
    },
    {
        "idea": "teletravail-jours-flottants",
        "body": "Indispensable pour les équipes qui ont des réunions mouvantes.",
        "reply_to": None,
        "by": None,
        "days_ago": 80,
        "hidden_reason": "",
    },
    {
        "idea": "teletravail-jours-flottants",
        "body": "Il faudra quand même garder un jour où toute l'équipe est présente.",
        "reply_to": None,
        "by": None,
        "days_ago": 92,
        "hidden_reason": "",
    },
    {
        "idea": "semaine-quatre-jours",
        "body": "Dommage, mais la réponse est claire et je comprends que ça se négocie ailleurs.",
        "reply_to": None,
        "by": None,
        "days_ago": 7,
        "hidden_reason": "",
    },
    {
        "idea": "semaine-quatre-jours",
        "body": (
            "De toute façon c'est toujours le même chef de service à la paie qui bloque ce "
            "genre de choses."
        ),
        "reply_to": None,
        "by": None,
        "days_ago": 9,
        "hidden_reason": (
            "Masqué par l'animation : ce commentaire met en cause une personne. La charte des "
            "échanges demande de parler des idées, pas des personnes ; vous pouvez le "
            "reformuler."
        ),
    },
    {
        "idea": "chauffage-19-degres",
        "body": "Au Pôle social Les Tilleuls, c'est plutôt le contraire : on a froid le matin.",
        "reply_to": None,
        "by": None,
        "days_ago": 6,
        "hidden_reason": "",
    },
    {
        "idea": "chauffage-19-degres",
        "body": (
            "Bien noté, le réglage vise aussi les bâtiments trop froids. Les Tilleuls sont "
            "dans la première vague."
        ),
        "reply_to": 28,
        "by": "facilitator",
        "days_ago": 1,
        "hidden_reason": "",
    },
    {
        "idea": "vis-ma-vie",
        "body": (
            "Super idée. Je propose d'accueillir quelqu'un à l'accueil téléphonique, on a "
            "beaucoup à montrer."
        ),
        "reply_to": None,
        "by": None,
        "days_ago": 87,
        "hidden_reason": "",
    },
    {
        "idea": "annuaire-competences",
        "body": "Attention à ce que ça reste volontaire, tout le monde n'a pas envie d'être sollicité.",
        "reply_to": None,
        "by": None,
        "days_ago": 94,
        "hidden_reason": "",
    },
    {
        "idea": "annuaire-competences",
        "body": "C'est bien prévu : chacun choisit ce qu'il affiche.",
        "reply_to": 31,
        "by": "facilitator",
        "days_ago": 0,
        "hidden_reason": "",
    },
    {
        "idea": "rendez-vous-en-ligne",
        "body": (
            "Il faut absolument garder des créneaux sans rendez-vous pour les personnes sans "
            "internet."
        ),
        "reply_to": None,
        "by": None,
        "days_ago": 16,
        "hidden_reason": "",
    },
    {
        "idea": "rendez-vous-en-ligne",
        "body": "Oui, c'est l'objet d'une autre idée, que nous étudions en même temps.",
        "reply_to": 33,
        "by": "facilitator",
        "days_ago": 16,
        "hidden_reason": "",
    },
    {
        "idea": "permanence-midi",
        "body": "Je suis volontaire pour un roulement, si je peux récupérer en fin de journée.",
        "reply_to": None,
        "by": None,
        "days_ago": 4,
        "hidden_reason": "",
    },
    {
        "idea": "courriers-langage-clair",
        "body": "Je peux partager les courriers que nous avons déjà simplifiés à l'Action sociale.",
        "reply_to": None,
        "by": None,
        "days_ago": 1,
        "hidden_reason": "",
    },
    {
        "idea": "dites-le-nous-une-fois",
        "body": "Il faudra bien expliquer aux habitants ce que nous gardons et combien de temps.",
        "reply_to": None,
        "by": None,
        "days_ago": 2,
        "hidden_reason": "",
    },
    {
        "idea": "bus-france-services",
        "body": "Une commune voisine a un bus depuis deux ans, on pourrait aller voir comment ils font.",
        "reply_to": None,
        "by": None,
        "days_ago": 3,
        "hidden_reason": "",
    },
    {
        "idea": "parcours-deces",
        "body": (
            "Merci pour cette idée, c'est le moment où les familles ont le moins d'énergie "
            "pour les démarches."
        ),
        "reply_to": None,
        "by": None,
        "days_ago": 1,
        "hidden_reason": "",
    },
    {
        "idea": "que-deviennent-les-idees",
        "body": "Oui, surtout raconter les idées refusées, avec la raison. C'est ce qui manque le plus.",
        "reply_to": None,
        "by": None,
        "days_ago": 33,
        "hidden_reason": "",
    },
    {
        "idea": "boite-idees-terrain",
        "body": "Au Centre technique, beaucoup d'idées se disent à la pause café et se perdent. Bravo.",
        "reply_to": None,
        "by": None,
        "days_ago": 14,
        "hidden_reason": "",
    },
    {
        "idea": "horaires-canicule",
        "body": "Ça a changé notre été, merci. Il faudrait aussi des douches au Centre technique.",
        "reply_to": None,
        "by": None,
        "days_ago": 51,
        "hidden_reason": "",
    },
]

# The grouping of campaign 0 into themes, as a facilitator left it after editing the
# proposal: every idea of the campaign that was not merged belongs to exactly one theme.
THEMES = [
    {
        "campaign": 0,
        "name": "Des réunions courtes et utiles",
        "key_terms": ["réunion", "ordre du jour", "compte rendu", "durée", "visio"],
        "central_idea": "reunion-ordre-du-jour",
        "ideas": [
            "reunion-ordre-du-jour",
            "reunion-45-minutes",
            "reunion-remplir-le-temps",
            "reunion-trame-compte-rendu",
            "reunion-registre-decisions",
            "reunion-debout",
            "reunion-hybride-regles",
            "reunion-charte",
            "reunion-demi-journee-calme",
            "reunion-tri-instances",
            "reunion-salles-liberees",
            "reunion-invites-utiles",
            "reunion-former-animateurs",
            "reunion-parole-partagee",
        ],
    },
    {
        "campaign": 0,
        "name": "Se connaître et partager entre services",
        "key_terms": ["services", "compétences", "immersion", "partage", "formation"],
        "central_idea": "vis-ma-vie",
        "ideas": [
            "annuaire-competences",
            "trombinoscope-savoir-faire",
            "vis-ma-vie",
            "rencontres-inter-services",
            "valoriser-formateurs-internes",
            "espace-collaboratif",
            "reseau-social-interne",
            "cafe-inter-services",
            "mentorat-inverse",
            "glossaire-sigles",
            "un-service-par-mois",
            "kit-gestion-projet",
            "entraide-chefs-projet",
            "outils-avec-communes",
            "formations-midi",
        ],
    },
    {
        "campaign": 0,
        "name": "Chasser les chronophages",
        "key_terms": ["signatures", "mails", "formulaire", "double saisie", "circuit"],
        "central_idea": "visas-bons-commande",
        "ideas": [
            "mails-copie",
            "mails-envoi-differe",
            "droit-deconnexion",
            "parapheur-electronique",
            "visas-bons-commande",
            "modeles-documents",
            "conges-en-ligne",
            "double-saisie-rh",
            "catalogue-chronophages",
            "frais-deplacement",
            "suivi-factures",
            "faq-rh",
            "wifi-deuxieme-etage",
            "agenda-unique-plannings",
        ],
    },
    {
        "campaign": 0,
        "name": "Bien accueillir les nouveaux arrivants",
        "key_terms": [
            "nouvel arrivant",
            "parrain",
            "livret d'accueil",
            "premier jour",
            "intégration",
        ],
        "central_idea": "parrainage-nouveaux",
        "ideas": [
            "parrainage-nouveaux",
            "poste-pret-premier-jour",
            "livret-accueil",
            "journee-nouveaux-arrivants",
            "organigramme-lisible",
            "check-list-encadrant",
            "rapport-etonnement",
            "entretien-depart",
            "accueil-stagiaires",
            "integration-saisonniers",
            "accueil-mobilite-interne",
        ],
    },
    {
        "campaign": 0,
        "name": "Mieux vivre au travail, plus sobrement",
        "key_terms": ["télétravail", "trajets", "chauffage", "énergie", "bureaux"],
        "central_idea": "tiers-lieux-communes",
        "ideas": [
            "tiers-lieux-communes",
            "travailler-pres-de-chez-soi",
            "covoiturage-agents",
            "trajets-partages-saint-aubin",
            "teletravail-jours-flottants",
            "chauffage-19-degres",
            "extinction-postes-soir",
            "ecrans-allumes-la-nuit",
            "recto-verso-defaut",
            "velos-entre-sites",
            "voitures-electriques",
            "salle-sieste",
            "semaine-quatre-jours",
            "sport-pause-midi",
            "journee-tri-numerique",
            "ordinateurs-reconditionnes",
            "zero-papier",
            "prime-idees",
            "supprimer-entretiens-annuels",
            "ergonome-postes",
            "regles-bureaux-partages",
            "second-ecran-teletravail",
        ],
    },
]

# Innovation projects. `theme`: index in THEMES the project came from (None: started from
# ideas); `ideas`: the linked ideas (all in_project); `members`: how many demo people
# join besides the lead; `status`: proposed, active or completed.
PROJECTS = [
    {
        "key": "reunions-a-l-heure",
        "title": "Des réunions qui finissent à l'heure",
        "purpose": (
            "Rendre nos réunions plus courtes, mieux préparées et plus utiles, grâce à une "
            "charte commune, des trames partagées et des formations courtes à l'animation."
        ),
        "status": "active",
        "lead_circle": "Réseau Innovation (iX)",
        "theme": 0,
        "ideas": [
            "reunion-ordre-du-jour",
            "reunion-45-minutes",
            "reunion-trame-compte-rendu",
            "reunion-hybride-regles",
            "reunion-charte",
        ],
        "members": 9,
        "start_days": -55,
        "milestones": [
            {
                "title": "Charte des réunions écrite en atelier ouvert et adoptée",
                "offset_days": 14,
                "progress": 100,
            },
            {
                "title": "Trames d'ordre du jour et de compte rendu testées dans quatre services",
                "offset_days": 30,
                "progress": 100,
            },
            {
                "title": "Équipement des trois grandes salles pour les réunions hybrides",
                "offset_days": 60,
                "progress": 60,
            },
            {
                "title": "Quatre formations courtes à l'animation de réunion",
                "offset_days": 75,
                "progress": 50,
            },
            {
                "title": "Bilan à six mois : enquête auprès des agents et décision de généralisation",
                "offset_days": 180,
                "progress": 0,
            },
        ],
        "expected_results": (
            "90 % des réunions avec un ordre du jour envoyé la veille ; durée moyenne des "
            "réunions internes ramenée sous les 50 minutes ; un compte rendu envoyé sous "
            "48 heures pour les trois quarts des réunions ; au moins 60 encadrants formés à "
            "l'animation."
        ),
        "measured_results": (
            "Relevé sur 140 réunions des quatre services pilotes, sept semaines après le "
            "lancement : ordre du jour envoyé la veille dans 78 % des cas (contre 31 % "
            "avant) ; durée moyenne passée de 68 à 51 minutes ; compte rendu sous 48 heures "
            "dans 64 % des cas. 27 encadrants ont suivi une formation courte."
        ),
        "takeover": {
            "governance": (
                "Un groupe projet de neuf volontaires issus de six services, animé par le "
                "réseau iX. Point d'équipe de trente minutes toutes les deux semaines ; "
                "comité de suivi avec un membre de la direction générale chaque trimestre."
            ),
            "calendar": (
                "Mois 1 : charte et trames. Mois 2 : pilotes dans quatre services. Mois 3 et "
                "4 : équipement des salles, formations. Mois 6 : bilan et décision de "
                "généralisation."
            ),
            "first_actions": (
                "Afficher la charte dans toutes les salles ; publier les trames sur "
                "l'intranet ; ouvrir les inscriptions aux Midis de l'iX ; mesurer la durée et "
                "la préparation des réunions dans les services pilotes."
            ),
        },
    },
    {
        "key": "bienvenue-a-bord",
        "title": "Bienvenue à bord",
        "purpose": (
            "Que chaque nouvel agent soit attendu, équipé et accompagné dès son premier jour, "
            "et trouve rapidement sa place dans l'agglomération."
        ),
        "status": "active",
        "lead_circle": "Formation & compétences",
        "theme": 3,
        "ideas": [
            "parrainage-nouveaux",
            "poste-pret-premier-jour",
            "livret-accueil",
            "journee-nouveaux-arrivants",
        ],
        "members": 7,
        "start_days": -48,
        "milestones": [
            {
                "title": "Procédure d'arrivée : alerte envoyée aux services deux semaines avant",
                "offset_days": 15,
                "progress": 100,
            },
            {
                "title": "Premiers parrains et marraines volontaires formés",
                "offset_days": 35,
                "progress": 80,
            },
            {
                "title": "Première journée des nouveaux arrivants",
                "offset_days": 40,
                "progress": 100,
            },
            {
                "title": "Nouveau livret d'accueil relu par des nouveaux arrivants",
                "offset_days": 50,
                "progress": 70,
            },
            {
                "title": "Bilan auprès des agents arrivés dans l'année",
                "offset_days": 150,
                "progress": 0,
            },
        ],
        "expected_results": (
            "Tous les nouveaux agents équipés (poste, badge, comptes) le jour de leur "
            "arrivée ; un parrain ou une marraine pour chacun ; moins de départs dans la "
            "première année."
        ),
        "measured_results": "",
        "takeover": {
            "governance": (
                "Sept membres : Formation & compétences, Ressources humaines, service "
                "numérique, Services techniques et deux agents arrivés depuis moins d'un an. "
                "Réunion mensuelle d'une heure ; retour d'expérience après chaque journée des "
                "nouveaux arrivants."
            ),
            "calendar": (
                "Mois 1 : procédure d'arrivée. Mois 2 : parrainage et livret. Chaque "
                "trimestre : journée des nouveaux arrivants. Fin d'année : bilan."
            ),
            "first_actions": (
                "Recenser les arrivées des trois prochains mois ; lancer l'appel aux parrains "
                "volontaires ; faire relire le livret par les derniers arrivés."
            ),
        },
    },
    {
        "key": "plus-pres-de-chez-soi",
        "title": "Travailler plus près de chez soi",
        "purpose": (
            "Réduire les trajets domicile-travail des agents en ouvrant des bureaux partagés "
            "dans les communes, en facilitant le covoiturage et en assouplissant le "
            "télétravail."
        ),
        "status": "proposed",
        "lead_circle": "Qualité de vie au travail",
        "theme": None,
        "ideas": [
            "tiers-lieux-communes",
            "covoiturage-agents",
            "teletravail-jours-flottants",
        ],
        "members": 5,
        "start_days": -18,
        "milestones": [
            {
                "title": "Recensement des bureaux disponibles dans les mairies volontaires",
                "offset_days": 30,
                "progress": 40,
            },
            {
                "title": "Essai de l'outil de covoiturage régional",
                "offset_days": 45,
                "progress": 20,
            },
            {
                "title": "Ouverture de trois tiers-lieux pilotes",
                "offset_days": 90,
                "progress": 0,
            },
            {
                "title": "Proposition de révision de l'accord télétravail",
                "offset_days": 120,
                "progress": 0,
            },
        ],
        "expected_results": (
            "Trois tiers-lieux ouverts dans les communes ; 15 % de trajets en moins pour les "
            "agents volontaires ; une proposition de jours de télétravail flottants soumise "
            "au dialogue social."
        ),
        "measured_results": "",
        "takeover": {
            "governance": (
                "Groupe ouvert porté par le cercle Qualité de vie au travail, avec un "
                "correspondant par commune volontaire. Point mensuel en visio ; présentation "
                "au comité social territorial avant toute évolution de l'accord télétravail."
            ),
            "calendar": (
                "Mois 1 : recensement des lieux et des besoins. Mois 2 : covoiturage. Mois "
                "3 : tiers-lieux pilotes. Mois 4 : proposition sur le télétravail."
            ),
            "first_actions": (
                "Questionnaire aux agents sur leurs trajets ; visite des bureaux proposés par "
                "trois mairies ; convention type de mise à disposition."
            ),
        },
    },
]

# Groups of ideas that make the same proposal in different words, the target of the
# merged ones first. Merged or not, each group is what the similar-ideas engine should
# bring together in the demo.
DUPLICATES = [
    ["reunion-ordre-du-jour", "reunion-pourquoi-invite"],
    ["reunion-45-minutes", "reunion-remplir-le-temps"],
    [
        "annuaire-competences",
        "qui-sait-faire-quoi",
        "trombinoscope-savoir-faire",
    ],
    ["vis-ma-vie", "journee-sur-le-terrain"],
    ["mails-envoi-differe", "droit-deconnexion"],
    ["visas-bons-commande", "ramettes-quatre-signatures"],
    ["conges-en-ligne", "conges-trois-exemplaires"],
    ["parrainage-nouveaux", "collegue-referent-arrivee", "binome-accueil"],
    ["poste-pret-premier-jour", "trois-semaines-sans-ordi"],
    ["tiers-lieux-communes", "travailler-pres-de-chez-soi"],
    ["covoiturage-agents", "trajets-partages-saint-aubin"],
    ["chauffage-19-degres", "bureaux-surchauffes"],
    ["extinction-postes-soir", "ecrans-allumes-la-nuit"],
    ["rendez-vous-en-ligne", "reserver-un-creneau"],
    ["rappel-automatique", "rappel-plutot-que-musique"],
    ["permanence-midi", "personne-ne-repond-midi"],
    ["courriers-langage-clair", "lettres-incomprehensibles"],
    ["dites-le-nous-une-fois", "cinq-fois-le-meme-papier"],
    ["base-connaissances", "reponse-en-deux-clics"],
    ["bus-france-services", "stand-marches"],
    ["repondre-mails-usagers", "boite-contact-sans-reponse"],
    ["fontaines-a-eau", "gourde-pour-chacun"],
]
