"""The talent path catalogue of the demo, written for it (seed 003's three parts: ways
in, ways to detect a talent, formats of accompaniment)."""

# (kind, format, name, summary, description, audience, getting_started)
CATALOGUE = [
    (
        "entry",
        "",
        "Je me propose",
        "Vous sentez une envie, une compétence qui ne demande qu'à servir : dites-le.",
        "L'auto-candidature est la porte la plus simple. Nul besoin d'attendre un entretien "
        "annuel ou l'avis de quelqu'un : vous signalez ce que vous aimeriez développer, "
        "et l'équipe RH vous aide à trouver le bon chemin.",
        "- Tout agent, quel que soit son grade ou son ancienneté\n- À tout moment de l'année",
        "1. Répondez au questionnaire « Choisir mon parcours »\n"
        "2. Enregistrez le résultat dans votre parcours\n"
        "3. Partagez-le, si vous le souhaitez, avec votre premier lien ou les RH",
    ),
    (
        "entry",
        "",
        "Un collègue ou mon premier lien me le suggère",
        "Quelqu'un a remarqué chez vous un talent : il vous le dit, avec un mot.",
        "Un collègue, un premier lien, un coach peut vous suggérer un accompagnement "
        "depuis votre page. Vous seul voyez la suggestion ; vous choisissez de l'ajouter "
        "à votre parcours ou de l'écarter, sans avoir à vous justifier.",
        "- Quand un collègue repère un savoir-être qui mérite d'être cultivé\n"
        "- Après un projet réussi, une réunion bien animée, un coup de main remarqué",
        "Ouvrez la page de la personne dans l'annuaire, puis « Lui suggérer un accompagnement ».",
    ),
    (
        "entry",
        "",
        "Une campagne de l'organisation",
        "Deux fois par an, une campagne invite chacun à faire le point.",
        "Les campagnes d'auto-évaluation et les appels à volontaires (coachs, formateurs "
        "internes, missions) sont l'occasion de prendre un temps pour soi.",
        "- Chaque agent invité à la campagne\n- Au printemps et à l'automne",
        "Suivez le lien reçu dans vos notifications, ou la carte « Auto-évaluation » de "
        "« Mon développement ».",
    ),
    (
        "entry",
        "",
        "Une nouvelle prise de poste",
        "Arriver dans un service est le bon moment pour se fixer un cap.",
        "Le plan d'intégration prévoit un point d'étape au bout d'un mois : c'est le "
        "moment d'ouvrir votre parcours et d'y noter un premier objectif.",
        "- Les nouveaux arrivants et les agents en mobilité interne",
        "Ajoutez un objectif à votre parcours pendant votre premier mois.",
    ),
    (
        "detection",
        "",
        "L'auto-évaluation",
        "Vous situer vous-même sur les compétences de l'organisation, et voir votre "
        "progression d'une campagne à l'autre.",
        "Un radar montre vos niveaux sur les savoir-faire et les savoir-être. Il reste "
        "privé : vous le partagez si vous le voulez.",
        "- Chacun, au moins une fois par an",
        "Ouvrez le module Compétences et remplissez la campagne en cours.",
    ),
    (
        "detection",
        "",
        "L'observation en atelier",
        "Un atelier collectif où des animateurs formés repèrent les savoir-être en action.",
        "Mises en situation, jeux de rôle, résolution de problème en groupe : on y voit "
        "la coopération, la créativité, la prise de parole. Chaque participant reçoit un "
        "retour personnel, qu'il est seul à lire.",
        "- Les volontaires, par groupes de huit à douze\n- Une demi-journée",
        "Inscrivez-vous à la prochaine session depuis le module Formations.",
    ),
    (
        "detection",
        "",
        "Le regard des pairs",
        "Demander à quelques collègues choisis comment ils vous voient travailler.",
        "Un court questionnaire sur les compétences de la campagne, rempli par les "
        "collègues que vous désignez. Leurs réponses vous sont destinées.",
        "- Après quelques mois dans une équipe\n- Quand on prépare une évolution",
        "Depuis votre auto-évaluation, « Demander l'avis de collègues ».",
    ),
    (
        "detection",
        "",
        "L'entretien de développement",
        "Une heure avec un conseiller RH pour parler de vous, pas de vos objectifs de service.",
        "Distinct de l'entretien annuel : on y parle envies, talents, freins, et des "
        "formats qui pourraient vous aider. Confidentiel.",
        "- Sur demande, à tout moment",
        "Partagez votre parcours avec un conseiller RH et proposez-lui un créneau.",
    ),
    (
        "format",
        "coaching",
        "Le coaching entre collègues",
        "Un collègue formé au coaching vous aide à avancer sur une question qui vous tient à cœur.",
        "Cinq à huit séances d'une heure environ, espacées de deux à trois semaines. La "
        "relation est confidentielle : seuls vous, votre coach et la coordination du "
        "coaching savent qu'elle existe. Votre coach n'est jamais dans votre ligne "
        "hiérarchique, sauf si vous le demandez.",
        "- Prendre du recul, gagner en confiance, préparer une prise de poste\n"
        "- Une demi-journée par mois suffit",
        "Faites une demande dans le module Coaching : besoin, disponibilités, contraintes.",
    ),
    (
        "format",
        "mentoring",
        "Le mentorat",
        "Un collègue plus expérimenté partage son chemin et ses repères.",
        "Une relation suivie sur plusieurs mois, au rythme que vous fixez ensemble : le "
        "mentor raconte, conseille, ouvre son réseau.",
        "- Préparer une évolution, découvrir les codes d'un métier\n- Sur six mois à un an",
        "Demandez un mentor dans le module Coaching en choisissant le format « mentorat ».",
    ),
    (
        "format",
        "tutoring",
        "Le tutorat",
        "Un collègue vous montre, pas à pas, un savoir-faire précis.",
        "Le tuteur transmet un geste, un outil, une procédure, sur le poste de travail. "
        "Quelques séances courtes, jusqu'à ce que vous soyez à l'aise.",
        "- Une compétence technique à acquérir vite\n- Un nouvel outil, une nouvelle procédure",
        "Demandez un tuteur dans le module Coaching en choisissant le format « tutorat ».",
    ),
    (
        "format",
        "immersion",
        "L'immersion",
        "Passer une à trois journées dans un autre service, à côté de quelqu'un.",
        "Vous découvrez un métier de l'intérieur : ses gestes, ses contraintes, ses "
        "joies. Une façon concrète de tester une envie de mobilité.",
        "- Découvrir un autre métier avant d'y postuler\n- Mieux comprendre un service "
        "avec qui l'on travaille",
        "Repérez le service dans le module Missions et proposez une immersion courte.",
    ),
    (
        "format",
        "training",
        "La formation entre collègues",
        "Des sessions de deux heures, données par des collègues qui savent faire.",
        "Des formats courts, pratiques, près de chez vous. Et si vous savez faire "
        "quelque chose, proposez à votre tour une session.",
        "- Une compétence précise, à acquérir dans les semaines qui viennent",
        "Parcourez le catalogue du module Formations et inscrivez-vous.",
    ),
    (
        "format",
        "mission",
        "La mission dans un autre cercle",
        "Consacrer une part de votre temps (par exemple deux jours par semaine) à un "
        "autre cercle, pour quelques mois.",
        "Un rôle ou une contribution à un projet, avec l'accord de tous : votre temps "
        "total ne dépasse jamais 100 %. Une façon de faire grandir un talent sur un vrai "
        "sujet.",
        "- Apprendre en faisant, préparer une mobilité\n- Un ou deux jours par semaine",
        "Consultez les missions ouvertes et postulez avec un message.",
    ),
]

# Demo people's own entries: (person index, days ago, kind, title, body, private)
ENTRIES = [
    (
        0,
        60,
        "goal",
        "Animer une réunion en intelligence collective",
        "Oser proposer un format d'atelier à mon équipe d'ici l'été.",
        False,
    ),
    (
        0,
        20,
        "note",
        "Atelier d'observation : retour reçu",
        "Ma capacité à reformuler a été remarquée.",
        True,
    ),
    (
        1,
        45,
        "goal",
        "Découvrir le métier de chargé de communication",
        "Une immersion de deux jours, puis peut-être une mission.",
        False,
    ),
    (2, 30, "goal", "Prendre la parole devant les élus", "", True),
    (3, 15, "note", "Lecture : « Le manager coach »", "À partager avec l'équipe.", False),
]
# Saved questionnaire results: (person index, days ago, answers)
CHOICES = [
    (
        0,
        10,
        {
            "goal": "posture",
            "time": "monthly",
            "learning": "one_to_one",
            "horizon": "months",
            "confidential": "yes",
            "transmit": "no",
        },
    ),
    (
        1,
        40,
        {
            "goal": "discover",
            "time": "weekly",
            "learning": "observing",
            "horizon": "months",
            "confidential": "no",
            "transmit": "no",
        },
    ),
    (
        4,
        5,
        {
            "goal": "skill",
            "time": "hours",
            "learning": "group",
            "horizon": "now",
            "confidential": "no",
            "transmit": "yes",
        },
    ),
]
# Suggestions: (from lead link?, person index, format, message, answer)
SUGGESTIONS = [
    (
        True,
        0,
        "coaching",
        "Tu as fait un travail remarquable sur le projet d'accueil : un coaching pourrait "
        "t'aider à préparer la suite.",
        "pending",
    ),
    (
        False,
        1,
        "immersion",
        "Viens passer deux jours avec nous à la communication, tu verras si ça te plaît !",
        "accepted",
    ),
    (
        True,
        2,
        "training",
        "La session « Prendre la parole en public » de mars serait parfaite pour toi.",
        "pending",
    ),
    (False, 3, "mentoring", "Je pense à toi pour le mentorat des nouveaux cadres.", "dismissed"),
]
