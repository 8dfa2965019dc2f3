"""French idea titles and bodies for the bulk seeder (`manage.py seed`), made fast.

The metropole scale needs 20,000 ideas that read like agents' ideas and differ from one
another, so that the lists, the search and the similar-ideas engine work on something
realistic. Each idea is assembled from a theme's parts: a proposal (which also makes the
title, with the service or site it concerns), a problem, a benefit, and a register (a
formal note, a plain paragraph, a quick message, sometimes without accents or with a
typo). Titles are drawn without replacement from all (proposal, place, form)
combinations, so they are all distinct up to `SPACE` (about 25,000) ideas, but for the
few too long to keep their form.

Pure Python, no Django: `idea_texts(random.Random(42), 20_000)` takes about a tenth of
a second.
"""

import random
from collections.abc import Iterator

# Each theme: proposals (infinitive phrases: they make the title and the proposal
# sentence), problems (full sentences: the situation today) and benefits (full
# sentences: what would get better).
THEMES = [
    {
        "proposals": [
            "limiter la durée des réunions à 45 minutes",
            "envoyer l'ordre du jour la veille de chaque réunion",
            "adopter une trame commune de compte rendu",
            "désigner un gardien du temps à chaque réunion",
            "supprimer les réunions récurrentes qui ne servent plus",
            "réserver une demi-journée par semaine sans réunion",
            "équiper les salles pour les réunions hybrides",
            "publier les décisions prises en réunion",
            "former les encadrants à l'animation de réunion",
            "commencer chaque réunion par un tour de table",
            "tenir les points d'équipe debout en quinze minutes",
            "n'inviter que les personnes utiles à la réunion",
        ],
        "problems": [
            "Nous passons une grande partie de la semaine en réunion, souvent sans savoir pourquoi nous y sommes.",
            "Les réunions commencent en retard, débordent et se terminent sans décision claire.",
            "Faute d'ordre du jour, personne ne prépare rien et la moitié du temps sert à se mettre d'accord sur le sujet.",
            "Les comptes rendus arrivent des semaines après, quand ils arrivent.",
            "Les collègues à distance décrochent au bout de dix minutes parce qu'ils n'entendent rien.",
        ],
        "benefits": [
            "On gagnerait plusieurs heures par semaine pour le travail de fond.",
            "Les décisions seraient prises plus vite et mieux suivies.",
            "Chacun saurait ce qu'on attend de lui en sortant.",
        ],
    },
    {
        "proposals": [
            "assouplir les jours de télétravail",
            "prêter un second écran aux agents en télétravail",
            "ouvrir des bureaux partagés dans les mairies des communes",
            "autoriser le télétravail par demi-journées",
            "garder un jour de présence commun à toute l'équipe",
            "former les encadrants au management à distance",
            "équiper les télétravailleurs d'un casque et d'une webcam",
            "rembourser une partie des frais de connexion",
            "permettre le travail dans un autre site de la collectivité",
            "rédiger une charte du travail hybride",
        ],
        "problems": [
            "Les jours de télétravail sont fixés une fois pour toutes et tombent souvent mal.",
            "Beaucoup d'agents habitent loin et passent plus d'une heure par jour sur la route.",
            "Travailler toute la journée sur l'écran d'un ordinateur portable est épuisant.",
            "Certaines équipes ne se voient presque plus en entier.",
            "Ceux qui n'ont pas de place chez eux ne peuvent pas profiter du télétravail.",
        ],
        "benefits": [
            "Moins de trajets, moins de fatigue et moins d'émissions.",
            "Le télétravail serait plus juste entre les agents.",
            "Les équipes garderaient le lien tout en gagnant en souplesse.",
        ],
    },
    {
        "proposals": [
            "proposer la prise de rendez-vous en ligne",
            "ouvrir l'accueil un soir par semaine",
            "rappeler les habitants qui n'ont pas pu nous joindre",
            "afficher le temps d'attente à l'accueil",
            "créer un numéro de téléphone unique",
            "former les agents d'accueil aux démarches des autres services",
            "garder des plages d'accueil sans rendez-vous",
            "installer une boucle magnétique aux guichets",
            "tenir des permanences dans les mairies des communes",
            "rendre un guichet accessible aux personnes en fauteuil",
            "aménager une salle d'attente plus accueillante",
            "envoyer un SMS de rappel la veille des rendez-vous",
        ],
        "problems": [
            "Les habitants attendent longtemps à l'accueil et repartent parfois sans réponse.",
            "Le téléphone sonne dans le vide aux heures de pointe.",
            "Nos horaires d'ouverture ne conviennent pas aux personnes qui travaillent.",
            "Les usagers sont renvoyés d'un guichet à l'autre pour une démarche simple.",
            "Les personnes âgées ou handicapées ont du mal à être reçues dans de bonnes conditions.",
        ],
        "benefits": [
            "Les habitants seraient mieux reçus et plus vite servis.",
            "Il y aurait moins de tension au guichet.",
            "On répondrait du premier coup à la plupart des demandes.",
        ],
    },
    {
        "proposals": [
            "dématérialiser les demandes de congés",
            "généraliser le parapheur électronique",
            "numériser le courrier entrant",
            "signer les bons de commande en ligne",
            "déposer les justificatifs de frais en ligne",
            "remplacer les formulaires papier par des formulaires en ligne",
            "partager les dossiers dans un espace commun",
            "suivre les factures en ligne",
            "dématérialiser les convocations aux instances",
            "archiver les dossiers clos sous forme numérique",
        ],
        "problems": [
            "Les documents papier circulent de bureau en bureau pendant des jours et se perdent parfois.",
            "Il faut imprimer, signer, scanner puis envoyer le même document.",
            "Personne ne sait où en est un dossier sans appeler trois personnes.",
            "Les gestionnaires ressaisissent à la main des informations qui existent déjà.",
        ],
        "benefits": [
            "Les délais de traitement seraient divisés par deux.",
            "On économiserait du papier, des déplacements et du temps.",
            "Chacun pourrait savoir à tout moment où en est son dossier.",
        ],
    },
    {
        "proposals": [
            "mettre en place un covoiturage entre agents",
            "prêter des vélos à assistance électrique pour les trajets entre sites",
            "installer un abri à vélos sécurisé",
            "réserver des places de parking aux covoitureurs",
            "rembourser davantage les abonnements de transport en commun",
            "organiser des navettes entre les sites",
            "proposer le forfait mobilités durables à tous les agents",
            "regrouper les déplacements vers les mêmes communes",
            "remplacer les petits déplacements par des visioconférences",
        ],
        "problems": [
            "Nous sommes nombreux à faire le même trajet chaque jour, chacun dans sa voiture.",
            "Les voitures de service sont rares et toujours réservées.",
            "Nos sites sont proches les uns des autres, mais on y va toujours en voiture.",
            "Le coût des trajets pèse lourd pour les agents aux petits salaires.",
        ],
        "benefits": [
            "Moins de voitures, moins de frais et moins de carbone.",
            "Les agents arriveraient moins fatigués.",
            "La collectivité montrerait l'exemple sur les mobilités.",
        ],
    },
    {
        "proposals": [
            "régler le chauffage à 19 °C dans les bureaux",
            "éteindre l'éclairage des bâtiments la nuit",
            "installer des détecteurs de présence dans les couloirs",
            "couper la climatisation quand les fenêtres sont ouvertes",
            "suivre la consommation d'énergie de chaque bâtiment",
            "isoler en priorité les bâtiments les plus énergivores",
            "installer des panneaux solaires sur les toits des ateliers",
            "regrouper les agents dans moins de bureaux pendant l'été",
            "fermer les bâtiments peu occupés le vendredi",
        ],
        "problems": [
            "Certains bureaux sont surchauffés en hiver pendant que d'autres restent froids.",
            "Les lumières restent allumées toute la nuit dans plusieurs bâtiments.",
            "La facture énergétique de la collectivité a fortement augmenté.",
            "Personne ne sait combien consomme chacun de nos bâtiments.",
        ],
        "benefits": [
            "La facture d'énergie baisserait sensiblement.",
            "Nous réduirions nos émissions sans perdre en confort.",
            "L'argent économisé pourrait servir au service rendu aux habitants.",
        ],
    },
    {
        "proposals": [
            "aménager une salle de pause digne de ce nom",
            "proposer des créneaux sportifs à la pause de midi",
            "faire venir un ergonome pour régler les postes de travail",
            "écrire des règles de vie pour les bureaux partagés",
            "installer des cabines pour téléphoner au calme",
            "respecter le droit à la déconnexion",
            "mesurer la charge de travail des équipes",
            "organiser un moment convivial par trimestre",
            "former les encadrants à la prévention des risques psychosociaux",
            "proposer un accompagnement aux agents qui reprennent après un long arrêt",
        ],
        "problems": [
            "Le bruit dans les bureaux partagés rend la concentration presque impossible.",
            "Beaucoup d'agents souffrent du dos ou des poignets.",
            "Les messages arrivent le soir et le week-end, ce qui empêche de décrocher.",
            "La charge de travail augmente sans que personne ne la mesure.",
            "On manque d'endroits pour souffler un moment dans la journée.",
        ],
        "benefits": [
            "Moins d'arrêts de travail et une meilleure ambiance.",
            "Les agents travailleraient plus sereinement.",
            "Nous serions un employeur plus attractif.",
        ],
    },
    {
        "proposals": [
            "proposer des formations courtes entre midi et deux",
            "reconnaître le rôle des formateurs internes",
            "créer un annuaire des compétences internes",
            "organiser des journées d'immersion dans d'autres services",
            "mettre en place du mentorat inversé sur le numérique",
            "partager les supports de formation sur l'intranet",
            "former les agents de terrain sur leur temps de travail",
            "ouvrir un parcours de formation à la gestion de projet",
            "proposer des tutoriels vidéo pour les logiciels métier",
        ],
        "problems": [
            "Partir deux jours en formation est compliqué dans les petites équipes.",
            "Nous payons des prestataires pour des savoir-faire qui existent déjà dans la maison.",
            "Les agents qui forment leurs collègues le font en plus de leur travail, sans reconnaissance.",
            "On apprend les logiciels sur le tas, chacun à sa façon.",
        ],
        "benefits": [
            "Les compétences circuleraient mieux entre les services.",
            "On économiserait sur les formations extérieures.",
            "Chacun progresserait sans quitter longtemps son poste.",
        ],
    },
    {
        "proposals": [
            "éteindre automatiquement les ordinateurs le soir",
            "acheter des ordinateurs reconditionnés",
            "organiser une journée du tri numérique",
            "régler les imprimantes en recto verso par défaut",
            "allonger la durée de vie des téléphones de service",
            "limiter la taille des pièces jointes dans les mails",
            "supprimer les comptes et les fichiers inutilisés",
            "privilégier les logiciels libres",
            "réduire le nombre d'imprimantes individuelles",
        ],
        "problems": [
            "Nos serveurs sont pleins de doublons et de fichiers oubliés.",
            "Des centaines d'écrans restent allumés la nuit et le week-end.",
            "Le matériel informatique est remplacé alors qu'il fonctionne encore.",
            "Nous imprimons beaucoup plus que nécessaire.",
        ],
        "benefits": [
            "Notre numérique serait plus sobre et moins coûteux.",
            "Nous réduirions nos déchets électroniques.",
            "On retrouverait plus facilement les documents utiles.",
        ],
    },
    {
        "proposals": [
            "réduire le nombre de visas sur les bons de commande",
            "ne plus redemander aux habitants les pièces déjà fournies",
            "simplifier les formulaires de demande d'aide",
            "rédiger nos courriers en langage clair",
            "élargir les délégations de signature",
            "publier une foire aux questions pour les agents",
            "recenser les tâches qui font perdre du temps",
            "alléger le circuit de validation des congés",
            "supprimer les tableaux de suivi en double",
            "créer un formulaire unique de changement d'adresse",
        ],
        "problems": [
            "Un simple achat demande quatre signatures et deux semaines d'attente.",
            "Les habitants fournissent plusieurs fois les mêmes justificatifs à différents services.",
            "Nos courriers sont écrits dans un jargon que peu de gens comprennent.",
            "Les mêmes questions reviennent sans cesse aux services supports.",
            "Les procédures se sont empilées au fil des ans sans jamais être revues.",
        ],
        "benefits": [
            "On gagnerait du temps à chaque étape.",
            "Les habitants comprendraient mieux ce que nous attendons d'eux.",
            "Les agents se concentreraient sur ce qui a de la valeur.",
        ],
    },
    {
        "proposals": [
            "donner un parrain à chaque nouvel arrivant",
            "préparer le poste de travail avant l'arrivée",
            "mettre à jour le livret d'accueil",
            "organiser une journée d'accueil des nouveaux agents",
            "donner aux encadrants une check-list d'arrivée",
            "demander un rapport d'étonnement après trois mois",
            "accueillir aussi les agents en mobilité interne",
            "mieux accueillir les stagiaires et les apprentis",
            "faire visiter les principaux sites aux nouveaux",
        ],
        "problems": [
            "Les nouveaux arrivants attendent parfois des semaines leur ordinateur et leurs accès.",
            "On ne sait pas à qui poser ses questions quand on arrive.",
            "Le livret d'accueil date de plusieurs années et n'est plus à jour.",
            "Plusieurs recrues sont reparties au bout de quelques mois.",
        ],
        "benefits": [
            "Les nouveaux seraient opérationnels plus vite.",
            "Nous garderions davantage les agents que nous recrutons.",
            "Notre image d'employeur s'améliorerait.",
        ],
    },
    {
        "proposals": [
            "présenter un service par mois dans le journal interne",
            "raconter ce que deviennent les idées des agents",
            "publier un glossaire des sigles",
            "tenir un organigramme à jour avec les missions de chacun",
            "organiser un café mensuel entre services",
            "créer un espace collaboratif pour partager les bonnes pratiques",
            "donner la parole aux agents de terrain dans le journal",
            "afficher les informations importantes dans les ateliers",
            "envoyer une lettre d'information courte chaque semaine",
        ],
        "problems": [
            "On apprend les décisions par la rumeur, bien après les autres.",
            "Les services se connaissent mal et travaillent chacun de leur côté.",
            "Les agents de terrain n'ont pas accès à l'intranet.",
            "L'information est noyée dans des dizaines de mails.",
        ],
        "benefits": [
            "Chacun saurait mieux ce qui se passe dans la maison.",
            "Les services travailleraient mieux ensemble.",
            "Les agents se sentiraient davantage considérés.",
        ],
    },
    {
        "proposals": [
            "équiper les équipes de terrain de tablettes",
            "installer une boîte à idées au centre technique",
            "adapter les horaires des équipes en cas de canicule",
            "mieux planifier les interventions sur la voirie",
            "informer les habitants de l'avancement des chantiers",
            "mutualiser le matériel entre les équipes",
            "prévoir des douches et des vestiaires corrects",
            "végétaliser les cours des bâtiments",
            "composter les déchets verts sur place",
        ],
        "problems": [
            "Les bons d'intervention sont remplis à la main puis ressaisis au bureau.",
            "Les épisodes de forte chaleur rendent le travail dehors pénible et dangereux.",
            "Les habitants ne savent jamais quand leur demande sera traitée.",
            "Chaque équipe achète son propre matériel, qui dort la moitié de l'année.",
        ],
        "benefits": [
            "Les équipes gagneraient en efficacité et en sécurité.",
            "Les habitants seraient mieux informés.",
            "Nous dépenserions moins pour un meilleur résultat.",
        ],
    },
    {
        "proposals": [
            "regrouper les achats de fournitures entre services",
            "introduire des critères environnementaux dans les marchés",
            "ouvrir nos marchés aux petites entreprises du territoire",
            "donner le mobilier réformé aux associations",
            "payer les petites entreprises plus rapidement",
            "partager nos modèles de marchés avec les communes",
            "acheter des produits locaux pour la restauration",
            "louer plutôt qu'acheter le matériel rarement utilisé",
        ],
        "problems": [
            "Chaque service passe ses propres commandes, en petites quantités et au prix fort.",
            "Les petites entreprises du territoire répondent rarement à nos consultations.",
            "Le mobilier réformé part à la déchetterie alors qu'il est en bon état.",
            "Les fournisseurs attendent parfois deux mois leur paiement.",
        ],
        "benefits": [
            "Nous ferions des économies tout en soutenant l'économie locale.",
            "Nos achats seraient plus responsables.",
            "Nous gaspillerions moins.",
        ],
    },
]

# Where an idea starts, by kind of place; each theme names the kinds that fit it.
PLACES = {
    "office": [
        "au service Paie et carrières",
        "au service Recrutement",
        "au service Formation",
        "au service Budget",
        "au service des Marchés publics",
        "au service Comptabilité",
        "au service des Assemblées",
        "aux Applications métier",
        "à l'Assistance utilisateurs",
        "aux Archives",
        "à la direction des ressources humaines",
        "à la direction des finances",
        "à la direction des mobilités",
        "à la direction de la culture",
        "à la direction de l'urbanisme",
        "à la direction du numérique",
        "à la direction des solidarités",
        "à la direction de la transition écologique",
    ],
    "field": [
        "au service Travaux neufs",
        "au service de l'Éclairage public",
        "au service des Réseaux d'eau",
        "à la Station d'épuration",
        "aux Espaces verts",
        "au service Collecte",
        "au service Nettoiement",
        "au Parc automobile",
        "au service Bâtiments",
        "au service Infrastructures",
        "aux Équipements sportifs",
        "dans les équipes de terrain",
    ],
    "public": [
        "à l'Accueil et état civil",
        "dans les Bibliothèques",
        "à la Petite enfance",
        "à l'Action sociale",
        "au service Emploi et insertion",
        "au service Logement",
        "à la Maison des services",
        "dans les mairies annexes",
    ],
    "sites": [
        "à l'Hôtel de métropole",
        "au Centre technique",
        "au Pôle Nord",
        "au Pôle Sud",
        "dans le secteur Est",
        "dans le secteur Ouest",
        "dans le secteur Centre",
        "sur le Littoral",
        "sur le Plateau",
        "dans la Vallée",
        "dans tous les services",
    ],
}
ALL_PLACES = ("office", "field", "public", "sites")
# The kinds of place each theme's ideas may concern (same order as THEMES).
THEME_PLACES = [
    ALL_PLACES,  # meetings
    ("office", "public", "sites"),  # remote work
    ("public", "sites"),  # reception of the public
    ("office", "public", "sites"),  # paperless
    ALL_PLACES,  # mobility
    ("field", "public", "sites"),  # energy
    ALL_PLACES,  # quality of working life
    ALL_PLACES,  # training
    ("office", "public", "sites"),  # responsible digital
    ("office", "public"),  # simplification
    ALL_PLACES,  # newcomers
    ALL_PLACES,  # internal communication
    ("field", "sites"),  # field teams
    ("office", "field"),  # purchasing
]
MAX_TITLE = 120

# Title forms: {P} the proposal with a capital, {p} as is, {where} the place.
TITLE_FORMS = [
    "{P} {where}",
    "Proposition : {p} {where}",
    "Idée : {p} {where}",
    "Et si on pouvait {p} {where} ?",
    "{P}, en commençant {where}",
]
# Proposal sentences, by register.
FORMAL = [
    "Constat : {problem_lc} Proposition : {p}, en commençant {where}. "
    "Bénéfice attendu : {benefit_lc}",
    "{problem} Je propose {de}{p} {where}, à titre d'essai pendant six mois. {benefit} "
    "Un bilan serait présenté à la fin de l'essai.",
    "Dans le cadre de cette démarche, je souhaite soumettre l'idée suivante : {p} {where}. "
    "{problem} {benefit}",
]
PLAIN = [
    "{problem} Il faudrait {p} {where}. {benefit}",
    "{problem} Pourquoi ne pas {p} {where} ? {benefit}",
    "Je propose {de}{p} {where}. {problem} {benefit} {extra}",
    "{problem} {extra} L'idée serait de {p}, d'abord {where}. {benefit}",
]
QUICK = [
    "bonjour, {problem_lc} ce serait bien de {p} {where}. {benefit_lc}",
    "{problem_lc} on pourrait pas {p} {where} ? {benefit_lc} merci",
    "idée rapide : {p} {where}. {benefit_lc}",
    "{problem_lc} franchement il faudrait {p}. {benefit_lc}",
]
EXTRAS = [
    "D'autres collectivités le font déjà avec succès.",
    "Cela ne demanderait presque aucun budget.",
    "Je suis volontaire pour participer à un essai.",
    "Plusieurs collègues partagent ce constat.",
    "Cela pourrait se faire en quelques semaines.",
    "Il faudrait associer les agents concernés dès le départ.",
]
_ACCENTS = str.maketrans("àâäéèêëîïôöùûüçÀÂÉÈÊÎÔÙÛÇ", "aaaeeeeiioouuucAAEEEIOUUC")
_VOWELS = "aeiouyhàâéèêîôûAEIOUYHÉÈ"

# Every (theme, proposal, place) that makes sense; titles are drawn from these times the
# title forms.
_PAIRS = [
    (t, proposal, place)
    for t, theme in enumerate(THEMES)
    for proposal in theme["proposals"]
    for kind in THEME_PLACES[t]
    for place in PLACES[kind]
]
SPACE = len(_PAIRS) * len(TITLE_FORMS)


def _lc(sentence: str) -> str:
    return sentence[0].lower() + sentence[1:]


def _typo(rng: random.Random, text: str) -> str:
    """Swap two letters in one longer word, as a hurried typist does."""
    words = text.split(" ")
    i = rng.randrange(len(words))
    word = words[i]
    if len(word) > 5 and word.isalpha():
        j = rng.randrange(1, len(word) - 2)
        words[i] = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
    return " ".join(words)


def idea_texts(rng: random.Random, n: int) -> Iterator[tuple[str, str]]:
    """Yield `n` (title, body) pairs, the same ones for the same `rng` state."""
    # Beyond SPACE ideas, titles repeat (bodies still vary).
    codes = rng.sample(range(SPACE), n) if n <= SPACE else [rng.randrange(SPACE) for _ in range(n)]
    for code in codes:
        pair, form = divmod(code, len(TITLE_FORMS))
        theme_index, p, where = _PAIRS[pair]
        theme = THEMES[theme_index]
        capital = p[0].upper() + p[1:]
        title = TITLE_FORMS[form].format(P=capital, p=p, where=where)
        if len(title) > MAX_TITLE:
            title = f"{capital} {where}"
        problem = rng.choice(theme["problems"])
        benefit = rng.choice(theme["benefits"])
        fields = {
            "p": p,
            "where": where,
            "de": "d'" if p[0] in _VOWELS else "de ",
            "problem": problem,
            "benefit": benefit,
            "problem_lc": _lc(problem),
            "benefit_lc": _lc(benefit),
            "extra": rng.choice(EXTRAS),
        }
        register = rng.random()
        if register < 0.3:
            body = rng.choice(FORMAL).format(**fields)
        elif register < 0.75:
            body = rng.choice(PLAIN).format(**fields)
        else:
            body = rng.choice(QUICK).format(**fields)
            if rng.random() < 0.5:
                body = body.translate(_ACCENTS)
            if rng.random() < 0.4:
                body = _typo(rng, body)
        yield title, body
