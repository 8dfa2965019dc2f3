"""The French texts of the knowledge demo: pages (each as its successive versions) and
the catalogue of time eaters. Invented for the demo organisation, inspired by the
practices the seeds describe (001: meeting charter, time eaters, project kit, welcome
booklet and procedures; 002: the co-written guide of collaborative work)."""

# --- the meeting charter ---------------------------------------------------------------

CHARTER_V1 = """\
Cette charte est née du séminaire « Mieux travailler ensemble ». Elle vaut pour toutes les
réunions de l'agglomération, des points d'équipe aux comités de pilotage. Elle n'est pas
un règlement : c'est un engagement réciproque entre ceux qui invitent et ceux qui viennent.

# Avant la réunion

1. **Une réunion a un objectif.** Informer, décider, produire ou résoudre : l'invitation le
   dit en une phrase. Si l'objectif tient dans un courriel, on écrit le courriel.
2. **L'ordre du jour est envoyé avant.** Au moins 48 heures avant, avec pour chaque point
   son porteur, sa durée et ce qu'on attend des participants (avis, décision, information).
3. **La durée est annoncée.** Heure de début *et* heure de fin. Par défaut, 45 minutes
   plutôt qu'une heure.
4. **On invite les bonnes personnes.** Celles qui décident, celles qui font, celles qui
   savent. Les autres recevront le compte rendu.

# Pendant la réunion

5. **On démarre à l'heure.** Sans attendre les retardataires et sans leur refaire le début.
6. **Un tour de parole équitable.** Le facilitateur donne d'abord la parole à ceux qui ont
   le moins parlé ; chacun peut passer son tour.
7. **Les décisions et les actions sont notées en séance.** Qui fait quoi, pour quand :
   le secrétaire les relit à voix haute avant de clore.

# Après la réunion

8. **Le compte rendu part vite.** Il tient sur une page : décisions, actions, points reportés.
"""

CHARTER_V2 = CHARTER_V1.replace(
    """7. **Les décisions et les actions sont notées en séance.**""",
    """7. **Les téléphones sont rangés.** Écrans fermés, sauf pour prendre des notes ou projeter :
   on est là, ou on n'est pas là.
8. **Les décisions et les actions sont notées en séance.**""",
).replace(
    """8. **Le compte rendu part vite.** Il tient sur une page : décisions, actions, points reportés.""",
    """9. **Le compte rendu part vite.** Il tient sur une page : décisions, actions, points reportés.""",
)

CHARTER_V3 = CHARTER_V2.replace(
    """9. **Le compte rendu part vite.** Il tient sur une page : décisions, actions, points reportés.""",
    """9. **Le compte rendu part sous 48 heures.** Il tient sur une page : décisions, actions,
   points reportés. Il est envoyé aux participants et aux personnes concernées.
10. **On finit à l'heure.** Les points non traités sont reportés, pas bâclés.
11. **On évalue la réunion.** En deux minutes, chacun note la réunion de 1 à 5 et dit ce
    qui l'aurait rendue plus utile. Le facilitateur en tient compte la fois suivante.""",
)

CHARTER_V4 = (
    CHARTER_V3.replace(
        "Elle n'est pas\nun règlement : c'est un engagement réciproque entre ceux qui invitent et ceux qui viennent.",
        "Elle n'est pas\nun règlement : c'est un engagement réciproque entre ceux qui invitent et ceux qui viennent.\n"
        "Chacun peut la rappeler, avec bienveillance, à n'importe quel moment d'une réunion.",
    ).replace(
        "Par défaut, 45 minutes\n   plutôt qu'une heure.",
        "Par défaut, 45 minutes\n   plutôt qu'une heure ; au-delà de deux heures, on prévoit une pause.",
    )
    + """
# Les rôles

- **Le facilitateur** tient le temps, l'ordre du jour et le tour de parole. Il n'est pas
  forcément le responsable hiérarchique.
- **Le secrétaire** note les décisions, les actions et les objections, puis diffuse le
  compte rendu.
- **Chaque participant** prépare les points qui le concernent et dit quand il n'a plus
  de raison d'être là.
"""
)

# --- the guide of collaborative work ---------------------------------------------------

GUIDE_V1 = """\
Ce guide a été écrit ensemble par une soixantaine d'encadrants et d'agents, à partir de
leur expérience plutôt que des manuels. Il s'adresse à tous : chacun, à sa place, peut
travailler de façon plus collaborative.

# Pourquoi travailler autrement

Le diagnostic des risques psychosociaux a nommé ce qui pèse le plus : la superposition des
niveaux hiérarchiques, la dépendance à l'organisation, le manque de coordination entre
directions et des changements décidés sans consulter ceux qui les vivent.

# Nos principes

- **Partir de l'usager.** Chaque projet commence par la question : qu'est-ce que cela
  change pour l'habitant ?
- **Consulter avant de décider.** Ceux qui feront le travail donnent leur avis avant la
  décision, pas après.
- **Rendre visible.** Les décisions, leurs raisons et leurs auteurs sont écrits et lisibles
  par tous.
"""

GUIDE_V2 = (
    GUIDE_V1
    + """
# Selon votre place

## Encadrement stratégique

Fixer le cap et les limites, puis laisser les équipes choisir le chemin. Arbitrer vite
quand on vous le demande, et dire pourquoi.

## Encadrement intermédiaire

Relier les services entre eux : inviter le service voisin à vos réunions d'équipe une
fois par trimestre, partager vos plannings.

## Encadrement de proximité

Faire remonter les idées de l'équipe et leur donner une réponse, même négative, dans un
délai annoncé.
"""
)

GUIDE_V3 = (
    GUIDE_V2.replace(
        "- **Rendre visible.**",
        "- **Décider par consentement** quand une décision engage plusieurs personnes : on avance\n"
        "  dès qu'aucune objection argumentée ne subsiste.\n- **Rendre visible.**",
    )
    + """
# Outils

- La [charte des réunions](/knowledge/pages/charte-des-reunions/), pour des réunions
  courtes et utiles.
- Le [catalogue des chronophages](/knowledge/time-eaters/), pour chasser ensemble ce qui nous fait perdre du temps.
- Le [kit de la gestion de projet sereine](/knowledge/pages/kit-gestion-de-projet-sereine/),
  pour lancer un projet à plusieurs services.
"""
)

# --- the project kit -------------------------------------------------------------------

KIT_V1 = """\
Le kit rassemble des outils simples pour mener un projet à plusieurs services sans
s'épuiser. Chaque outil tient sur une page ; prenez ceux qui vous servent.

# 1. Cadrer

Une fiche de cadrage d'une page : le problème, pour qui, ce qui est dans le projet et ce
qui n'y est pas, la date de fin, le porteur, le commanditaire.

# 2. Organiser

- Une équipe projet de cinq personnes au plus, avec un rôle clair pour chacun.
- Un point d'avancement de 30 minutes toutes les deux semaines.

# 3. Suivre

Un tableau des actions : quoi, qui, pour quand, état. Il est partagé, pas envoyé.

# 4. Clore

Une réunion de clôture : ce qui a marché, ce qu'on referait autrement, à qui on passe le
relais.
"""

KIT_V2 = KIT_V1.replace(
    "# 3. Suivre",
    """## La matrice des rôles

| Rôle | Qui | Ce qu'il fait |
| --- | --- | --- |
| Commanditaire | Un membre de la direction | Valide le cadrage, arbitre |
| Porteur | Un agent volontaire | Anime l'équipe, tient le calendrier |
| Contributeurs | Trois à cinq agents | Produisent, testent, donnent leur avis |

# 3. Suivre""",
)

# --- the welcome booklet ---------------------------------------------------------------

BOOKLET_V1 = """\
Bienvenue dans la communauté d'agglomération ! Ce livret répond aux questions des
premiers jours. Il est écrit par des collègues arrivés avant vous : si une réponse
manque, ajoutez-la.

# Votre premier jour

- Accueil à 9 h à l'hôtel d'agglomération, par votre responsable et votre parrain ou
  marraine.
- Remise du badge, du poste de travail et des accès.
- Déjeuner avec l'équipe.

# Votre premier mois

- Le parcours d'intégration : une demi-journée de présentation des services.
- Un point d'étape avec votre responsable à la fin du premier mois.
"""

BOOKLET_V2 = (
    BOOKLET_V1
    + """
# Les questions pratiques

## Horaires et congés

Les horaires sont variables, avec une présence obligatoire de 9 h 30 à 11 h 30 et de
14 h à 16 h. Les congés se demandent dans le logiciel de gestion des temps, au moins une
semaine à l'avance.

## Se restaurer

Restaurant administratif au rez-de-chaussée, titres-restaurant pour les sites éloignés.
"""
)

BOOKLET_V3 = (
    BOOKLET_V2.replace(
        "- Déjeuner avec l'équipe.",
        "- Déjeuner avec l'équipe.\n- Votre parrain ou marraine vous fait visiter les lieux et "
        "reste votre contact pendant six mois : ni évaluateur, ni chef, un collègue.",
    )
    + """
## En cas de panne informatique

Suivez la procédure
[Signaler un incident informatique](/knowledge/pages/signaler-un-incident-informatique/).
"""
)

# --- procedures ------------------------------------------------------------------------

INCIDENT_V1 = """\
Un écran noir, un logiciel qui refuse de démarrer, une imprimante muette ? Voici comment
obtenir de l'aide vite.

# 1. Vérifier les trois classiques

1. L'appareil est-il branché et allumé ?
2. Un redémarrage règle-t-il le problème ?
3. Vos collègues ont-ils le même problème ? Si oui, un seul signalement suffit.

# 2. Signaler

- **Par le portail d'assistance**, rubrique « Incident », en décrivant ce que vous faisiez,
  le message d'erreur et depuis quand.
- **Par téléphone** au 40 00 si vous ne pouvez plus travailler du tout.

# 3. Suivre

Vous recevez un numéro de ticket. Le service vous rappelle sous quatre heures ouvrées pour
un incident bloquant, sous deux jours sinon.
"""

INCIDENT_V2 = INCIDENT_V1.replace(
    "le message d'erreur et depuis quand.",
    "le message d'erreur et depuis quand. Une capture d'écran fait gagner du temps à tout\n"
    "  le monde.",
)

PAYROLL_V1 = """\
Procédure interne du service des ressources humaines. Elle est réservée aux membres du
cercle : elle cite des échéances et des contrôles propres au service.

# Calendrier du mois

| Échéance | Étape |
| --- | --- |
| Le 5 | Saisie des éléments variables (heures supplémentaires, astreintes) |
| Le 12 | Contrôle croisé par un second gestionnaire |
| Le 15 | Envoi au comptable public |
| Le 25 | Versement |

# Contrôles

- Comparer la masse salariale au mois précédent : tout écart de plus de 2 % s'explique.
- Vérifier les entrées et les sorties du mois une par une.
"""

PAYROLL_V2 = (
    PAYROLL_V1
    + """
# En cas d'erreur après versement

Prévenir l'agent le jour même, puis établir un titre de régularisation avec son accord
sur l'échelonnement.
"""
)

# (slug, title, kind, circle key, restricted, protected at the end, versions)
# Each version: (text, summary, author key, days ago). Author keys: "lead" (the circle's
# lead link), "member1", "member2"… (the circle's members in order), "admin".
PAGES = [
    (
        "charte-des-reunions",
        "Charte des réunions",
        "charter",
        "ix",
        False,
        True,
        [
            (CHARTER_V1, "Première version, issue du séminaire", "lead", 84),
            (CHARTER_V2, "Ajout : téléphones rangés", "member1", 70),
            (CHARTER_V3, "Compte rendu sous 48 h, fin à l'heure, évaluation", "member2", 41),
            (CHARTER_V4, "Rôles en réunion ; pause au-delà de deux heures", "member3", 12),
        ],
    ),
    (
        "guide-du-travail-collaboratif",
        "Guide du travail collaboratif",
        "guide",
        "qvt",
        False,
        False,
        [
            (GUIDE_V1, "Premier jet de l'atelier des encadrants", "lead", 120),
            (GUIDE_V2, "Ajout : selon votre place", "member1", 95),
            (GUIDE_V3, "Consentement et outils", "member2", 30),
        ],
    ),
    (
        "kit-gestion-de-projet-sereine",
        "Kit de la gestion de projet sereine",
        "kit",
        "ix",
        False,
        False,
        [
            (KIT_V1, "Les quatre étapes", "member2", 60),
            (KIT_V2, "Ajout de la matrice des rôles", "lead", 20),
        ],
    ),
    (
        "livret-daccueil",
        "Livret d'accueil",
        "booklet",
        "rh",
        False,
        False,
        [
            (BOOKLET_V1, "Les premiers jours", "lead", 150),
            (BOOKLET_V2, "Questions pratiques : horaires, congés, restauration", "member1", 90),
            (BOOKLET_V3, "Parrainage et pannes informatiques", "member2", 8),
        ],
    ),
    (
        "signaler-un-incident-informatique",
        "Signaler un incident informatique",
        "procedure",
        "numerique",
        False,
        True,
        [
            (INCIDENT_V1, "Procédure du service", "lead", 200),
            (INCIDENT_V2, "Conseil : joindre une capture d'écran", "member1", 25),
        ],
    ),
    (
        "preparer-la-paie-du-mois",
        "Préparer la paie du mois",
        "procedure",
        "rh",
        True,
        False,
        [
            (PAYROLL_V1, "Calendrier et contrôles", "member1", 180),
            (PAYROLL_V2, "Erreurs après versement", "lead", 15),
        ],
    ),
]

# --- time eaters -----------------------------------------------------------------------

# (name, category, description, remedies, share of people concerned)
TIME_EATERS = [
    (
        "Réunions sans ordre du jour",
        "meetings",
        "On se réunit « pour faire le point » sans savoir de quoi on parlera ni ce qu'on doit "
        "décider : la réunion dure, et on en ressort sans décision.",
        "- Pas d'ordre du jour 48 h avant ? On reporte ou on annule.\n"
        "- Pour chaque point : un porteur, une durée, un résultat attendu.\n"
        "- Voir la [charte des réunions](/knowledge/pages/charte-des-reunions/).",
        0.6,
    ),
    (
        "Réunions qui débordent",
        "meetings",
        "Les réunions commencent en retard et finissent plus tard encore : la suivante "
        "démarre en retard à son tour.",
        "- Démarrer à l'heure, sans attendre les retardataires.\n"
        "- Des réunions de 25 ou 50 minutes plutôt que 30 ou 60.\n"
        "- Un gardien du temps désigné en début de réunion.",
        0.45,
    ),
    (
        "Courriels en copie à tous",
        "email",
        "Chacun met toute l'équipe en copie « pour information » : on lit des dizaines de "
        "messages qui ne nous concernent pas.",
        "- Copie seulement à qui doit agir ou savoir pour agir.\n"
        "- L'objet dit ce qu'on attend : [POUR ACTION], [POUR INFO], [DÉCISION].\n"
        "- Les informations générales vont dans la lettre hebdomadaire, pas dans les boîtes.",
        0.55,
    ),
    (
        "Réponse à tous en cascade",
        "email",
        "Un message envoyé à une liste déclenche des dizaines de « merci » et de « moi "
        "aussi » en réponse à tous.",
        "- Répondre à l'expéditeur seul, sauf si tous doivent lire la réponse.\n"
        "- Les listes de diffusion larges sont en lecture seule.",
        0.3,
    ),
    (
        "Interruptions permanentes",
        "interruptions",
        "Téléphone, messagerie, passages au bureau : impossible de travailler vingt minutes "
        "d'affilée sur un dossier de fond.",
        "- Des plages « concentration » dans l'agenda, respectées par l'équipe.\n"
        "- Notifications coupées pendant ces plages ; un collègue de permanence pour l'urgent.\n"
        "- Regrouper les questions non urgentes pour un point quotidien de 10 minutes.",
        0.5,
    ),
    (
        "Notifications de la messagerie instantanée",
        "interruptions",
        "Chaque message fait sonner l'ordinateur et le téléphone, même le soir.",
        "- Canaux par sujet, notifications seulement pour les mentions directes.\n"
        "- Pas de messages attendus hors des horaires de travail.",
        0.25,
    ),
    (
        "Ressaisir les mêmes données dans plusieurs logiciels",
        "tools",
        "Une demande d'usager est saisie dans le logiciel métier, puis dans le tableur de "
        "suivi, puis dans le bilan mensuel.",
        "- Recenser les doubles saisies avec le service numérique.\n"
        "- Un seul outil de référence, les autres le lisent.",
        0.35,
    ),
    (
        "Chercher un document partagé",
        "tools",
        "Les documents sont dans les courriels, sur trois serveurs et dans des clés USB : on "
        "cherche plus qu'on ne lit.",
        "- Un plan de classement commun par service, affiché.\n"
        "- Partager un lien vers le document, jamais une pièce jointe modifiable.",
        0.4,
    ),
    (
        "Circuits de signature à rallonge",
        "process",
        "Un bon de commande de 200 euros passe par cinq visas, dont trois simples "
        "« vu » sans contrôle.",
        "- Supprimer les visas sans valeur ajoutée ; déléguer la signature sous un seuil.\n"
        "- Circuit de validation dématérialisé, avec relance automatique.",
        0.3,
    ),
    (
        "Reporting en double",
        "process",
        "Les mêmes indicateurs sont demandés sous trois formats par trois directions différentes.",
        "- Un tableau de bord commun, mis à jour une fois, lu par tous.\n"
        "- Pour chaque indicateur : qui l'utilise, pour décider quoi ? Sinon on l'arrête.",
        0.2,
    ),
    (
        "Attendre une décision qui ne vient pas",
        "coordination",
        "Un dossier reste bloqué des semaines parce que personne ne sait qui doit trancher.",
        "- Chaque cercle écrit ses domaines de décision.\n"
        "- Une question sans réponse sous une semaine remonte au premier lien.",
        0.35,
    ),
]

# (time eater index, text) — remedies people proposed.
PROPOSALS = [
    (0, "Un modèle d'invitation avec des cases à remplir : objectif, points, durée."),
    (0, "Le facilitateur refuse la réunion tant que l'ordre du jour n'est pas complet."),
    (2, "Une règle simple : pas plus de trois personnes en copie sans raison écrite."),
    (4, "Un panneau « en concentration » sur la porte ou un statut dans la messagerie."),
    (7, "Une demi-journée de rangement collectif par an, avec café et croissants."),
    (10, "Afficher le nom de la personne qui décide sur chaque dossier dès son ouverture."),
]
