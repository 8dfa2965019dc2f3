"""The demo framework: about thirty competencies of a French local administration,
written for the demo, each with its four levels (découverte, pratique, maîtrise,
expertise). (family, [(name, kind, description, (level 1, level 2, level 3, level 4))])."""

T, B = "technical", "behavioural"

FRAMEWORK = [
    (
        "Relation aux usagers",
        [
            (
                "Accueil du public",
                B,
                "Recevoir chacun avec égards, comprendre sa demande et l'orienter.",
                (
                    "Accueille avec courtoisie en suivant les consignes.",
                    "Reformule la demande et oriente sans erreur.",
                    "Désamorce les situations tendues et adapte son discours.",
                    "Forme ses collègues à l'accueil et améliore le parcours usager.",
                ),
            ),
            (
                "Écoute active",
                B,
                "Entendre ce que l'autre dit et ce qu'il ne dit pas.",
                (
                    "Laisse parler sans interrompre.",
                    "Reformule pour vérifier qu'il a compris.",
                    "Repère les besoins implicites et les émotions.",
                    "Aide une équipe à installer une écoute réciproque.",
                ),
            ),
            (
                "Langage clair",
                T,
                "Écrire des courriers et des pages que chacun comprend.",
                (
                    "Connaît les règles du langage clair.",
                    "Rédige des courriers simples sans jargon.",
                    "Réécrit les documents complexes de son service.",
                    "Anime des ateliers de réécriture et fait évoluer les modèles.",
                ),
            ),
            (
                "Gestion des situations difficiles",
                B,
                "Garder son calme et protéger chacun face à l'agressivité.",
                (
                    "Sait à qui passer le relais.",
                    "Applique la procédure et garde son calme.",
                    "Désamorce la plupart des conflits seul.",
                    "Accompagne les collègues après un incident et fait évoluer la procédure.",
                ),
            ),
            (
                "Médiation numérique",
                T,
                "Accompagner un usager dans ses démarches en ligne.",
                (
                    "Connaît les principaux services en ligne.",
                    "Accompagne une démarche simple pas à pas.",
                    "Rend l'usager autonome sur des démarches variées.",
                    "Conçoit des ateliers et forme des aidants.",
                ),
            ),
        ],
    ),
    (
        "Coopération",
        [
            (
                "Travail en équipe",
                B,
                "Contribuer au collectif et s'appuyer sur lui.",
                (
                    "Partage les informations utiles.",
                    "Prend sa part des tâches collectives.",
                    "Fait circuler l'entraide et signale les tensions.",
                    "Construit des modes de travail qui tiennent sans lui.",
                ),
            ),
            (
                "Facilitation de réunion",
                T,
                "Tenir une réunion utile, à l'heure, où chacun parle.",
                (
                    "Prépare un ordre du jour.",
                    "Tient le temps et les tours de parole.",
                    "Conduit une prise de décision par consentement.",
                    "Forme des facilitateurs et adapte les formats.",
                ),
            ),
            (
                "Feedback constructif",
                B,
                "Donner et recevoir un retour qui aide à progresser.",
                (
                    "Accepte un retour sans se justifier.",
                    "Donne un retour factuel et bienveillant.",
                    "Installe des moments de retour réguliers dans l'équipe.",
                    "Accompagne d'autres à donner des retours difficiles.",
                ),
            ),
            (
                "Coopération transversale",
                B,
                "Travailler avec d'autres services vers un but commun.",
                (
                    "Connaît les interlocuteurs des autres services.",
                    "Mène un dossier avec un autre service.",
                    "Anime un réseau ou un groupe transversal.",
                    "Fait tomber des cloisons durablement.",
                ),
            ),
            (
                "Gestion des désaccords",
                B,
                "Faire d'un désaccord une ressource plutôt qu'un blocage.",
                (
                    "Exprime un désaccord sans agressivité.",
                    "Cherche les intérêts derrière les positions.",
                    "Aide deux parties à trouver une issue.",
                    "Est sollicité comme médiateur interne.",
                ),
            ),
        ],
    ),
    (
        "Organisation et pilotage",
        [
            (
                "Gestion de projet",
                T,
                "Conduire un projet du cadrage au bilan.",
                (
                    "Suit un planning défini par d'autres.",
                    "Pilote un petit projet : jalons, risques, budget.",
                    "Pilote un projet multi-services et rend compte.",
                    "Accompagne des chefs de projet et outille la méthode.",
                ),
            ),
            (
                "Organisation du temps",
                B,
                "Prioriser et tenir ses engagements sans s'épuiser.",
                (
                    "Tient une liste de tâches.",
                    "Distingue l'urgent de l'important.",
                    "Protège ses temps de travail de fond.",
                    "Aide l'équipe à réduire ses chronophages.",
                ),
            ),
            (
                "Pilotage par indicateurs",
                T,
                "Choisir, suivre et expliquer des indicateurs utiles.",
                (
                    "Lit un tableau de bord.",
                    "Met à jour et commente les indicateurs de son activité.",
                    "Construit des indicateurs pertinents avec l'équipe.",
                    "Conçoit le pilotage d'une politique publique.",
                ),
            ),
            (
                "Commande publique",
                T,
                "Acheter dans les règles, au juste besoin.",
                (
                    "Connaît les seuils et les principes.",
                    "Rédige un cahier des charges simple.",
                    "Conduit une consultation complète.",
                    "Conseille les services sur leurs stratégies d'achat.",
                ),
            ),
            (
                "Finances publiques locales",
                T,
                "Comprendre et préparer le budget d'une collectivité.",
                (
                    "Connaît le cycle budgétaire.",
                    "Prépare et suit le budget de son activité.",
                    "Élabore un budget de service et ses arbitrages.",
                    "Conseille la direction sur la prospective financière.",
                ),
            ),
            (
                "Adaptabilité",
                B,
                "Avancer quand le cadre change.",
                (
                    "Accepte le changement quand il est expliqué.",
                    "S'ajuste vite à de nouvelles consignes.",
                    "Propose des façons de faire face à l'imprévu.",
                    "Accompagne une équipe dans une transformation.",
                ),
            ),
        ],
    ),
    (
        "Numérique",
        [
            (
                "Bureautique collaborative",
                T,
                "Écrire, calculer et partager à plusieurs.",
                (
                    "Utilise le traitement de texte et le tableur.",
                    "Co-écrit des documents partagés.",
                    "Automatise des tableaux et des modèles.",
                    "Forme ses collègues et choisit les outils.",
                ),
            ),
            (
                "Analyse de données",
                T,
                "Tirer d'un jeu de données une information fiable.",
                (
                    "Trie et filtre un tableau.",
                    "Croise deux sources et fait un tableau croisé.",
                    "Nettoie et analyse des données avec méthode.",
                    "Conçoit des chaînes de données reproductibles.",
                ),
            ),
            (
                "Protection des données personnelles",
                T,
                "Appliquer le RGPD au quotidien.",
                (
                    "Connaît les principes du RGPD.",
                    "Applique les règles de conservation et d'accès.",
                    "Tient un traitement au registre et conduit une analyse.",
                    "Est le relais de la déléguée à la protection des données.",
                ),
            ),
            (
                "Accessibilité numérique",
                T,
                "Produire des contenus utilisables par tous.",
                (
                    "Sait ce qu'est le RGAA.",
                    "Produit des documents accessibles.",
                    "Audite une page ou un document.",
                    "Forme et pilote la mise en conformité.",
                ),
            ),
            (
                "Culture de la cybersécurité",
                B,
                "Adopter les bons réflexes face aux menaces.",
                (
                    "Reconnaît un courriel d'hameçonnage.",
                    "Applique les règles de mots de passe et de sauvegarde.",
                    "Alerte et aide ses collègues à se protéger.",
                    "Anime la sensibilisation de l'organisation.",
                ),
            ),
        ],
    ),
    (
        "Management et transmission",
        [
            (
                "Animation d'équipe",
                T,
                "Donner un cap et faire vivre le collectif.",
                (
                    "Relaie les informations à l'équipe.",
                    "Organise le travail et les réunions d'équipe.",
                    "Fait grandir l'autonomie de chacun.",
                    "Accompagne d'autres premiers liens.",
                ),
            ),
            (
                "Délégation",
                B,
                "Confier une responsabilité et faire confiance.",
                (
                    "Confie des tâches bien définies.",
                    "Délègue avec un objectif et un point d'étape.",
                    "Délègue des responsabilités entières.",
                    "Construit une équipe qui décide sans lui.",
                ),
            ),
            (
                "Transmission de savoirs",
                T,
                "Partager ce qu'on sait pour que d'autres le fassent.",
                (
                    "Explique son travail à un nouvel arrivant.",
                    "Rédige une procédure utilisable par d'autres.",
                    "Anime une formation courte.",
                    "Conçoit des parcours de formation.",
                ),
            ),
            (
                "Accompagnement individuel",
                B,
                "Aider quelqu'un à trouver ses propres solutions.",
                (
                    "Sait poser des questions ouvertes.",
                    "Mène un entretien de développement.",
                    "Accompagne un collègue sur plusieurs séances.",
                    "Supervise d'autres accompagnants.",
                ),
            ),
            (
                "Prise de décision",
                B,
                "Décider au bon moment, avec les bonnes personnes.",
                (
                    "Sait qui décide de quoi.",
                    "Décide dans son périmètre et l'explique.",
                    "Conduit des décisions collectives.",
                    "Fait évoluer les règles de décision de l'organisation.",
                ),
            ),
            (
                "Bienveillance et exigence",
                B,
                "Tenir ensemble le soin des personnes et la qualité du travail.",
                (
                    "Respecte chacun.",
                    "Dit les choses avec tact et précision.",
                    "Tient un niveau d'exigence partagé sans pression inutile.",
                    "Incarne une culture de confiance exigeante.",
                ),
            ),
        ],
    ),
    (
        "Expertise juridique",
        [
            (
                "Veille réglementaire",
                T,
                "Suivre les textes qui changent le travail du service.",
                (
                    "Sait où trouver les textes.",
                    "Suit les évolutions de son domaine.",
                    "Analyse l'impact d'un texte et alerte.",
                    "Organise la veille de plusieurs services.",
                ),
            ),
            (
                "Rédaction d'actes administratifs",
                T,
                "Écrire des délibérations et arrêtés solides.",
                (
                    "Connaît la structure d'un acte.",
                    "Rédige un acte courant à partir d'un modèle.",
                    "Rédige des actes complexes sans relecture juridique.",
                    "Sécurise les actes de l'organisation et forme.",
                ),
            ),
            (
                "Sens du service public",
                B,
                "Agir pour l'intérêt général, avec neutralité et probité.",
                (
                    "Connaît les principes du service public.",
                    "Les applique dans ses décisions courantes.",
                    "Les explique aux usagers et aux collègues.",
                    "Les fait vivre dans les projets de l'organisation.",
                ),
            ),
        ],
    ),
]
