"""The demo organisation (`manage.py load_demo`): an invented French intercommunal body.

About sixty agents in fourteen circles, created through the services with dates in
the past, then changed over the following months (renames, purpose edits, a move, an
archived circle, ended and re-assigned roles) so that the history and the as-of views
show a living organisation. Names come from Faker with a fixed seed: invented people.
"""

import datetime
import random
import time

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from faker import Faker

from cercles.accounts.models import Person
from cercles.accounts.services import person_create
from cercles.core import fragments
from cercles.lib.text import fold

from . import services
from .models import Assignment, CircleKind, CoreRole

DEMO_DOMAIN = "agglo-demo.fr"
ADMIN_EMAIL = f"admin@{DEMO_DOMAIN}"
DEMO_PASSWORD = "cercles-demo"
ORG_NAME = "Communauté d'agglomération du Val d'Ormeaux"
FAKER_SEED = 20240917

SITES = [
    "Hôtel d'agglomération",
    "Centre technique communautaire",
    "Maison France services de Saint-Aubin",
    "Pôle social Les Tilleuls",
]

# Each circle: where it sits, what it is for, and who works there. `members` is the
# number of agents whose home is this circle; transversal circles (network, project,
# QVT) take their members from the services. `months` dates the creation.
CIRCLES = [
    {
        "key": "dg",
        "name": "Direction générale",
        "parent": None,
        "kind": CircleKind.CIRCLE,
        "colour": "#1f3a5f",
        "months": 12.0,
        "purpose": "Donner le cap de l'agglomération, arbitrer entre les priorités des services et garantir aux vingt-huit communes membres un service public cohérent et lisible.",
        "domains": "Projet d'administration\nOrganisation des services\nRelations avec l'exécutif communautaire",
        "accountabilities": "Traduire les orientations des élus en priorités pour les services\nArbitrer les moyens entre les cercles\nRendre compte de l'avancement du projet d'administration",
        "roles": [
            (
                "Assistant de direction",
                "Préparer les instances et tenir l'agenda de la direction générale.",
            ),
            (
                "Chargé de mission stratégie",
                "Suivre le projet d'administration et ses indicateurs.",
            ),
            (
                "Contrôleur de gestion",
                "Éclairer les décisions par les coûts et l'activité des services.",
            ),
            (
                "Référent relations avec les élus",
                "Préparer les dossiers du bureau communautaire et suivre ses décisions.",
            ),
        ],
        "members": 5,
        "unit": "Direction générale des services",
        "jobs": [
            "Directrice générale des services",
            "Directeur général adjoint",
            "Assistante de direction",
            "Chargé de mission",
            "Contrôleuse de gestion",
        ],
    },
    {
        "key": "rh",
        "name": "Ressources humaines",
        "parent": "dg",
        "kind": CircleKind.DEPARTMENT,
        "colour": "#7b3f8c",
        "months": 11.8,
        "purpose": "Permettre à chaque agent de trouver sa place, d'évoluer et de travailler dans de bonnes conditions, au service des habitants.",
        "domains": "Dossiers individuels des agents\nRecrutement et mobilité\nDialogue social",
        "accountabilities": "Recruter dans les délais convenus avec les services\nPayer les agents sans erreur chaque mois\nAccompagner les mobilités internes\nPréparer les instances du dialogue social",
        "roles": [
            (
                "Gestionnaire carrière et paie",
                "Tenir à jour les carrières et verser une paie juste.",
            ),
            ("Chargé de recrutement", "Trouver les bonnes personnes pour les postes ouverts."),
            (
                "Conseiller mobilité interne",
                "Aider les agents qui veulent changer de poste ou de métier.",
            ),
            (
                "Référent handicap",
                "Faciliter l'emploi et le maintien dans l'emploi des agents en situation de handicap.",
            ),
            (
                "Gestionnaire temps de travail",
                "Suivre les congés, absences et le compte épargne-temps.",
            ),
        ],
        "members": 6,
        "unit": "Direction des ressources humaines",
        "jobs": [
            "Directrice des ressources humaines",
            "Gestionnaire carrière-paie",
            "Chargée de recrutement",
            "Conseiller mobilité",
            "Gestionnaire RH",
            "Assistante RH",
        ],
    },
    {
        "key": "formation",
        "name": "Formation & compétences",
        "parent": "rh",
        "kind": CircleKind.CIRCLE,
        "colour": "#a05fb5",
        "months": 11.0,
        "purpose": "Développer les compétences des agents au plus près de leurs besoins, en s'appuyant d'abord sur les savoir-faire présents dans la maison.",
        "domains": "Plan de formation\nRéseau des formateurs internes\nParcours d'intégration",
        "accountabilities": "Construire et suivre le plan de formation annuel\nProposer des formations courtes animées par des formateurs internes\nAccueillir chaque nouvel arrivant avec un parcours d'intégration",
        "roles": [
            (
                "Responsable du plan de formation",
                "Recueillir les besoins et bâtir le plan de formation.",
            ),
            (
                "Coordinateur des formateurs internes",
                "Animer le réseau des agents qui forment leurs collègues.",
            ),
            (
                "Chargé des parcours d'intégration",
                "Préparer l'arrivée des nouveaux agents avec leur parrain.",
            ),
            (
                "Référent compétences",
                "Tenir à jour le référentiel de compétences et les auto-évaluations.",
            ),
        ],
        "members": 4,
        "unit": "Direction des ressources humaines",
        "jobs": [
            "Responsable formation",
            "Chargée de formation",
            "Assistant formation",
            "Conseillère en évolution professionnelle",
        ],
    },
    {
        "key": "numerique",
        "name": "Systèmes d'information",
        "parent": "dg",
        "kind": CircleKind.DEPARTMENT,
        "colour": "#2a6f97",
        "months": 11.9,
        "purpose": "Faire fonctionner le parc informatique et les applications des services.",
        "domains": "Infrastructure et réseaux\nApplications métier\nSécurité des systèmes d'information",
        "accountabilities": "Maintenir les postes de travail et les réseaux en état de marche\nConduire les projets applicatifs des services\nProtéger les données des usagers et des agents",
        "roles": [
            (
                "Administrateur systèmes et réseaux",
                "Garder l'infrastructure disponible, à jour et sauvegardée.",
            ),
            (
                "Chef de projet applications",
                "Mener les projets applicatifs avec les services utilisateurs.",
            ),
            (
                "Support utilisateurs",
                "Dépanner les agents et les aider à tirer parti de leurs outils.",
            ),
            (
                "Délégué à la protection des données",
                "Veiller au respect du RGPD dans tous les traitements.",
            ),
            ("Référent sécurité numérique", "Prévenir les incidents de sécurité et y répondre."),
        ],
        "members": 7,
        "unit": "Direction du numérique",
        "jobs": [
            "Directeur du numérique",
            "Administratrice systèmes",
            "Technicien support",
            "Cheffe de projet applicatif",
            "Technicien réseaux",
            "Développeuse",
            "Technicien support",
        ],
    },
    {
        "key": "accueil",
        "name": "Accueil du public",
        "parent": "dg",
        "kind": CircleKind.DEPARTMENT,
        "colour": "#2e8b57",
        "months": 11.9,
        "purpose": "Accueillir chaque habitant avec attention, répondre à sa demande ou l'orienter sans le renvoyer de guichet en guichet.",
        "domains": "Accueil physique des sites\nPrise de rendez-vous\nQualité de l'accueil",
        "accountabilities": "Ouvrir les accueils aux horaires annoncés\nMesurer et publier la satisfaction des usagers\nFaire remonter aux services les demandes qui reviennent",
        "roles": [
            ("Agent d'accueil polyvalent", "Informer et orienter les usagers sur place."),
            (
                "Référent qualité d'accueil",
                "Faire vivre la charte d'accueil et suivre la satisfaction.",
            ),
            (
                "Coordinateur des plannings",
                "Assurer la présence aux guichets et les remplacements.",
            ),
            ("Médiateur numérique", "Aider les habitants à faire leurs démarches en ligne."),
        ],
        "members": 6,
        "unit": "Direction de la relation aux usagers",
        "jobs": [
            "Responsable de l'accueil",
            "Agente d'accueil",
            "Agent d'accueil",
            "Conseillère France services",
            "Médiateur numérique",
            "Agente d'accueil",
        ],
    },
    {
        "key": "accueil_tel",
        "name": "Accueil téléphonique",
        "parent": "accueil",
        "kind": CircleKind.CIRCLE,
        "colour": "#4fae7a",
        "months": 11.0,
        "purpose": "Répondre au téléphone à chaque appel, dès le premier contact quand c'est possible.",
        "domains": "Standard téléphonique\nBase de connaissances des réponses",
        "accountabilities": "Décrocher dans les délais affichés\nRappeler les usagers dont la demande n'a pas pu être traitée\nTenir la base de connaissances à jour",
        "roles": [
            ("Téléconseiller", "Répondre aux appels et traiter les demandes simples."),
            ("Référent base de connaissances", "Rédiger et mettre à jour les réponses types."),
            ("Suivi des rappels", "S'assurer que chaque usager est rappelé."),
        ],
        "members": 5,
        "unit": "Direction de la relation aux usagers",
        "jobs": [
            "Cheffe d'équipe téléphonie",
            "Téléconseiller",
            "Téléconseillère",
            "Téléconseiller",
            "Téléconseillère",
        ],
    },
    {
        "key": "finances",
        "name": "Finances & commande publique",
        "parent": "dg",
        "kind": CircleKind.DEPARTMENT,
        "colour": "#b8860b",
        "months": 11.9,
        "purpose": "Tenir des finances saines et acheter juste, pour que chaque euro public serve les habitants.",
        "domains": "Budget communautaire\nExécution comptable\nMarchés publics",
        "accountabilities": "Préparer le budget avec les services\nPayer les fournisseurs dans le délai légal\nPasser des marchés sûrs juridiquement et responsables",
        "roles": [
            (
                "Préparation budgétaire",
                "Construire le budget avec chaque service et suivre son exécution.",
            ),
            ("Gestionnaire comptable", "Engager, liquider et mandater les dépenses."),
            ("Acheteur public", "Conduire les consultations et conseiller les services acheteurs."),
            ("Juriste marchés publics", "Sécuriser les procédures et les contrats."),
            ("Suivi des subventions", "Rechercher les financements et en justifier l'emploi."),
        ],
        "members": 6,
        "unit": "Direction des finances",
        "jobs": [
            "Directeur des finances",
            "Gestionnaire comptable",
            "Acheteuse publique",
            "Juriste commande publique",
            "Chargée des subventions",
            "Gestionnaire comptable",
        ],
    },
    {
        "key": "communication",
        "name": "Communication",
        "parent": "dg",
        "kind": CircleKind.DEPARTMENT,
        "colour": "#c0392b",
        "months": 11.8,
        "purpose": "Faire connaître les services de l'agglomération.",
        "domains": "Site internet et réseaux sociaux\nJournal interne\nIdentité visuelle",
        "accountabilities": "Publier chaque mois le journal interne\nRépondre aux sollicitations de la presse\nAccompagner les services dans leurs campagnes",
        "roles": [
            (
                "Rédacteur du journal interne",
                "Raconter la vie des services et donner la parole aux agents.",
            ),
            ("Community manager", "Animer les réseaux sociaux de l'agglomération."),
            ("Graphiste", "Concevoir les supports dans le respect de l'identité visuelle."),
            ("Chargé des relations presse", "Entretenir les relations avec les journalistes."),
        ],
        "members": 4,
        "unit": "Direction de la communication",
        "jobs": [
            "Directrice de la communication",
            "Chargé de communication",
            "Graphiste",
            "Rédactrice web",
        ],
    },
    {
        "key": "technique",
        "name": "Services techniques",
        "parent": "dg",
        "kind": CircleKind.DEPARTMENT,
        "colour": "#5d6d7e",
        "months": 11.9,
        "purpose": "Entretenir le patrimoine, la voirie et les espaces verts communautaires pour un territoire sûr et agréable.",
        "domains": "Bâtiments communautaires\nVoirie d'intérêt communautaire\nParc automobile\nEspaces verts",
        "accountabilities": "Planifier et réaliser les interventions\nAssurer la sécurité des chantiers et des agents\nRépondre aux signalements des habitants",
        "roles": [
            ("Responsable des bâtiments", "Maintenir les bâtiments en bon état et conformes."),
            ("Chef d'équipe voirie", "Organiser les interventions sur la voirie."),
            ("Gestionnaire du parc automobile", "Entretenir et affecter les véhicules de service."),
            (
                "Référent prévention et sécurité",
                "Prévenir les accidents du travail sur les chantiers.",
            ),
            (
                "Planification des interventions",
                "Programmer les demandes d'intervention et informer les demandeurs.",
            ),
            (
                "Technicien espaces verts",
                "Entretenir les espaces verts avec des pratiques sans pesticides.",
            ),
        ],
        "members": 9,
        "unit": "Direction des services techniques",
        "jobs": [
            "Directeur des services techniques",
            "Technicien bâtiment",
            "Chef d'équipe voirie",
            "Agent de maîtrise",
            "Agent technique",
            "Jardinier",
            "Agente technique",
            "Mécanicien",
            "Dessinatrice projeteuse",
        ],
    },
    {
        "key": "social",
        "name": "Action sociale",
        "parent": "dg",
        "kind": CircleKind.DEPARTMENT,
        "colour": "#d35400",
        "months": 11.8,
        "purpose": "Accompagner les habitants les plus fragiles vers leurs droits, un logement et un emploi, en lien avec les communes et les associations.",
        "domains": "Aides sociales communautaires\nAccompagnement vers l'emploi\nObservatoire social",
        "accountabilities": "Instruire les demandes d'aide dans les délais\nCoordonner les partenaires de l'insertion\nPublier chaque année l'analyse des besoins sociaux",
        "roles": [
            (
                "Travailleur social",
                "Accompagner les personnes et les familles dans leurs démarches.",
            ),
            ("Conseiller en insertion", "Construire avec chacun un parcours vers l'emploi."),
            ("Référent logement", "Faciliter l'accès et le maintien dans le logement."),
            ("Instructeur des aides", "Instruire les demandes et verser les aides."),
            (
                "Chargé de l'analyse des besoins sociaux",
                "Observer les évolutions sociales du territoire.",
            ),
        ],
        "members": 8,
        "unit": "Direction de l'action sociale",
        "jobs": [
            "Directrice de l'action sociale",
            "Assistante sociale",
            "Conseiller en insertion",
            "Conseillère en économie sociale et familiale",
            "Instructeur",
            "Assistant social",
            "Chargée d'études",
            "Secrétaire médico-sociale",
        ],
    },
    {
        "key": "qvt",
        "name": "Qualité de vie au travail",
        "parent": "rh",
        "kind": CircleKind.CIRCLE,
        "colour": "#16a085",
        "months": 10.8,
        "purpose": "Améliorer les conditions de travail avec les agents eux-mêmes, en prévenant les risques psychosociaux et en chassant ce qui fait perdre du temps et du sens.",
        "domains": "Baromètre social\nPlan de prévention des risques psychosociaux\nTélétravail",
        "accountabilities": "Mener le baromètre social deux fois par an et en publier les résultats\nProposer des actions sur les facteurs de risque identifiés\nSuivre l'accord télétravail",
        "roles": [
            (
                "Référent qualité de vie au travail",
                "Porter les actions QVT et en mesurer les effets.",
            ),
            (
                "Animateur du baromètre social",
                "Préparer les questionnaires et restituer les résultats.",
            ),
            ("Référent télétravail", "Conseiller agents et encadrants sur le télétravail."),
            (
                "Correspondant prévention des risques psychosociaux",
                "Repérer les situations à risque et orienter.",
            ),
        ],
        "members": 0,
    },
    {
        "key": "ix",
        "name": "Réseau Innovation (iX)",
        "parent": "dg",
        "kind": CircleKind.NETWORK,
        "colour": "#e67e22",
        "months": 10.9,
        "purpose": "Faire vivre les idées des agents : les recueillir, les mettre en débat, en tirer des projets et rendre compte de ce qu'elles deviennent.",
        "domains": "Campagnes d'idées\nAteliers d'innovation\nCatalogue des chronophages",
        "accountabilities": "Répondre publiquement à chaque idée dans un délai annoncé\nAnimer des ateliers ouverts à tous les services\nPartager les méthodes et les retours d'expérience",
        "roles": [
            (
                "Animateur du réseau",
                "Réunir le réseau et faire circuler les idées entre les services.",
            ),
            (
                "Facilitateur d'ateliers",
                "Préparer et animer les ateliers d'idéation et de convergence.",
            ),
            (
                "Chasseur de chronophages",
                "Repérer ce qui fait perdre du temps et proposer des remèdes.",
            ),
            ("Référent idées des agents", "Suivre chaque idée jusqu'à sa réponse."),
        ],
        "members": 0,
    },
    {
        "key": "demat",
        "name": "Cellule Dématérialisation",
        "parent": "numerique",
        "kind": CircleKind.PROJECT,
        "colour": "#5dade2",
        "months": 10.0,
        "purpose": "Dématérialiser les circuits de signature et de courrier de l'agglomération.",
        "domains": "Parapheur électronique\nCourrier entrant numérisé",
        "accountabilities": "Déployer le parapheur électronique dans tous les services\nFormer les agents aux nouveaux circuits",
        "roles": [
            ("Chef de projet dématérialisation", "Conduire le déploiement et lever les obstacles."),
            (
                "Référent archivage électronique",
                "Garantir la valeur probante des documents numériques.",
            ),
        ],
        "members": 0,
    },
    {
        "key": "guichet",
        "name": "Projet Guichet unique",
        "parent": "accueil",
        "kind": CircleKind.PROJECT,
        "colour": "#27ae60",
        "months": 9.0,
        "purpose": "Offrir aux habitants un seul point d'entrée, physique, téléphonique et en ligne, pour toutes leurs démarches auprès de l'agglomération.",
        "domains": "Parcours usager\nPortail des démarches en ligne",
        "accountabilities": "Cartographier les démarches les plus fréquentes\nOuvrir le guichet unique sur un site pilote\nMesurer le temps gagné par les usagers",
        "roles": [
            ("Chef de projet", "Tenir le calendrier, les moyens et la cohérence du projet."),
            (
                "Référent parcours usager",
                "Partir de l'expérience des habitants pour dessiner le service.",
            ),
            ("Référent technique", "Intégrer le portail aux applications des services."),
            (
                "Ambassadeur auprès des services",
                "Associer les services métier et recueillir leurs contraintes.",
            ),
        ],
        "members": 0,
    },
]

# Members of transversal circles, drawn from the services: (circle, role index or core
# role, home circle, member index, focus).
TRANSVERSAL = [
    ("qvt", CoreRole.LEAD_LINK, "rh", 3, ""),
    ("qvt", 0, "rh", 3, ""),
    ("qvt", 1, "social", 6, ""),
    ("qvt", 2, "numerique", 5, ""),
    ("qvt", 3, "social", 1, ""),
    ("qvt", CoreRole.FACILITATOR, "formation", 1, ""),
    ("ix", CoreRole.LEAD_LINK, "communication", 0, ""),
    ("ix", 0, "communication", 0, ""),
    ("ix", 1, "formation", 1, "Ateliers inter-services"),
    ("ix", 1, "accueil", 4, "Ateliers avec les usagers"),
    ("ix", 2, "technique", 8, "Réunions et reporting"),
    ("ix", 3, "dg", 3, ""),
    ("ix", CoreRole.SECRETARY, "finances", 5, ""),
    ("demat", CoreRole.LEAD_LINK, "numerique", 3, ""),
    ("demat", 0, "numerique", 3, ""),
    ("demat", 1, "finances", 1, ""),
    ("guichet", CoreRole.LEAD_LINK, "accueil", 0, ""),
    ("guichet", 0, "accueil", 1, ""),
    ("guichet", 1, "accueil_tel", 2, ""),
    ("guichet", 2, "numerique", 4, "Portail des démarches"),
    ("guichet", 3, "social", 4, ""),
    ("guichet", CoreRole.FACILITATOR, "formation", 3, ""),
]
# People whose roles add up to more than a full-time (the app shows a warning).
OVERLOADED = {("communication", 0): 120, ("accueil", 0): 110}
CORE_WEIGHTS = {
    CoreRole.LEAD_LINK: 3,
    CoreRole.REP_LINK: 1,
    CoreRole.FACILITATOR: 1,
    CoreRole.SECRETARY: 1,
}


def is_loaded() -> bool:
    return Person.objects.filter(email=ADMIN_EMAIL).exists()


def demo_logins() -> list[tuple[str, str, str]]:
    """(label, e-mail, password) of three accounts worth trying."""
    lead = (
        Assignment.objects.current()
        .filter(
            role__core_role=CoreRole.LEAD_LINK,
            role__circle__name="Ressources humaines",
            person__email__endswith=f"@{DEMO_DOMAIN}",
        )
        .select_related("person")
        .first()
    )
    plain = (
        Person.objects.filter(email__endswith=f"@{DEMO_DOMAIN}", is_org_admin=False)
        .exclude(assignments__role__core_role__gt="")
        .filter(assignments__isnull=False)
        .order_by("email")
        .first()
    )
    logins = [("administratrice", ADMIN_EMAIL, DEMO_PASSWORD)]
    if lead:
        logins.append(("premier lien des Ressources humaines", lead.person.email, DEMO_PASSWORD))
    if plain:
        logins.append(("agent", plain.email, DEMO_PASSWORD))
    return logins


def _email(first, last, taken):
    base = f"{_slug(first)}.{_slug(last)}"
    email, n = f"{base}@{DEMO_DOMAIN}", 1
    while email in taken:
        n += 1
        email = f"{base}{n}@{DEMO_DOMAIN}"
    taken.add(email)
    return email


def _slug(text):
    return "".join(c if c.isalnum() else "-" for c in fold(text)).strip("-")


def _shares(weights: list[float], total: int) -> list[int]:
    """Split `total` % over the weights in multiples of 5, each at least 5 and at most 100."""
    raw = [total * w / sum(weights) for w in weights]
    shares = [min(100, max(5, int(round(r / 5)) * 5)) for r in raw]
    diff = total - sum(shares)
    biggest = shares.index(max(shares))
    shares[biggest] = min(100, max(5, shares[biggest] + diff))
    return shares


@transaction.atomic
def load(*, log=print) -> dict:
    started = time.monotonic()
    # Some demo dates are set in bulk, not through the services.
    fragments.bump(fragments.ORGANISATION)
    rng = random.Random(FAKER_SEED)
    fake = Faker("fr_FR")
    fake.seed_instance(FAKER_SEED)
    now = timezone.now().replace(hour=9, minute=30, second=0, microsecond=0)

    def ago(months: float, hours: int = 0) -> datetime.datetime:
        return now - datetime.timedelta(days=round(months * 30.4), hours=-hours)

    def day(moment: datetime.datetime) -> datetime.date:
        return timezone.localtime(moment).date()

    admin = person_create(
        email=ADMIN_EMAIL,
        first_name="Claire",
        last_name="Administratrice",
        job_title="Administratrice de Cercles",
        unit="Direction générale des services",
        site=SITES[0],
        is_org_admin=True,
    )

    # People, by home circle ------------------------------------------------------------
    taken, serial = {ADMIN_EMAIL}, 0
    members: dict[str, list[Person]] = {}
    for spec in CIRCLES:
        members[spec["key"]] = []
        for i in range(spec["members"]):
            serial += 1
            first, last = fake.first_name(), fake.last_name()
            person = person_create(
                email=_email(first, last, taken),
                first_name=first,
                last_name=last,
                matricule=f"AG{10400 + serial * 7}",
                job_title=spec["jobs"][i % len(spec["jobs"])],
                unit=spec["unit"],
                site=SITES[2]
                if spec["key"] in ("accueil", "accueil_tel") and i % 2
                else SITES[3]
                if spec["key"] == "social"
                else SITES[1]
                if spec["key"] == "technique"
                else SITES[0],
                # Numbers reserved by ARCEP for fiction: 01 99 00 xx xx.
                phone=f"01 99 00 {serial // 100:02d} {serial % 100:02d}",
            )
            members[spec["key"]].append(person)

    # Circles and roles, created about a year ago ------------------------------------------
    circles, roles = {}, {}
    for spec in CIRCLES:
        created = ago(spec["months"])
        circles[spec["key"]] = circle = services.circle_create(
            by=admin,
            name=spec["name"],
            parent=circles[spec["parent"]] if spec["parent"] else None,
            purpose=spec["purpose"],
            domains=spec["domains"],
            accountabilities=spec["accountabilities"],
            kind=spec["kind"],
            colour=spec["colour"],
            at=created,
            note="Création décidée par la direction générale lors de la mise en place des cercles.",
        )
        roles[spec["key"]] = [
            services.role_create(
                by=admin,
                circle=circle,
                name=name,
                purpose=purpose,
                at=created + datetime.timedelta(days=3 + i),
            )
            for i, (name, purpose) in enumerate(spec["roles"])
        ]

    def core(key, kind):
        return circles[key].roles.get(core_role=kind)

    # Assignment plan: (role, person, weight, start, focus) ----------------------------
    plan = []
    for spec in CIRCLES:
        people = members[spec["key"]]
        if not people:
            continue
        start = ago(spec["months"]) + datetime.timedelta(days=10)
        cores = {
            CoreRole.LEAD_LINK: people[0],
            CoreRole.REP_LINK: people[1 % len(people)],
            CoreRole.FACILITATOR: people[2 % len(people)],
            CoreRole.SECRETARY: people[3 % len(people)],
        }
        for kind, person in cores.items():
            plan.append([core(spec["key"], kind), person, CORE_WEIGHTS[kind], start, ""])
        for i, role in enumerate(roles[spec["key"]]):
            holders = [people[(i + 1) % len(people)]]
            if len(people) > len(roles[spec["key"]]) and i + 1 + len(roles[spec["key"]]) < len(
                people
            ):
                holders.append(people[i + 1 + len(roles[spec["key"]])])
            # A role held by two people is shared out by territory, as agglomerations do.
            focuses = ["Secteur nord", "Secteur sud"] if len(holders) == 2 else [""]
            for person, focus in zip(holders, focuses, strict=True):
                plan.append([role, person, 4, start + datetime.timedelta(days=i), focus])
        # Anyone left without a plain role takes the first one.
        planned = {id(p) for r, p, *_ in plan if not r.core_role}
        for person in people:
            if id(person) not in planned:
                plan.append([roles[spec["key"]][0], person, 4, start, ""])
    transversal_start = {"qvt": 10.5, "ix": 10.6, "demat": 9.8, "guichet": 8.8}
    for key, which, home, index, focus in TRANSVERSAL:
        role = core(key, which) if isinstance(which, str) else roles[key][which]
        weight = 2 if which == CoreRole.LEAD_LINK else 1.5
        plan.append([role, members[home][index], weight, ago(transversal_start[key]), focus])

    # Shares: each person's roles add up to 80-100 % (two people above 100 %) ---------------
    by_person: dict[int, list] = {}
    for item in plan:
        by_person.setdefault(item[1].pk, []).append(item)
    overloaded = {members[key][i].pk: total for (key, i), total in OVERLOADED.items()}
    # Today's totals leave out the assignments the history below ends, and make room
    # for those it adds.
    ending = {(core("communication", CoreRole.LEAD_LINK).pk, members["communication"][0].pk)}
    ending.add((roles["numerique"][4].pk, members["numerique"][5].pk))
    ending.add((roles["technique"][2].pk, members["technique"][3].pk))
    ending.update(
        (role.pk, person.pk) for role, person, *_ in plan if role.circle_id == circles["demat"].pk
    )
    added_later = {
        members["communication"][1].pk: 25,
        members["accueil"][5].pk: 10,
        members["numerique"][6].pk: 15,
        members["technique"][3].pk: 60,
    }
    for person_id, items in by_person.items():
        total = overloaded.get(person_id) or rng.choice([80, 90, 100, 100, 100])
        total -= added_later.get(person_id, 0)
        live = [it for it in items if (it[0].pk, person_id) not in ending]
        for item, share in zip(live, _shares([it[2] for it in live], total), strict=True):
            item.append(share)
        for item in items:
            if len(item) == 5:
                item.append(20)

    assignments = {}
    for role, person, _weight, start, focus, share in plan:
        assignments[(role.pk, person.pk)] = services.assignment_create(
            role=role,
            person=person,
            by=admin,
            share=share,
            focus=focus,
            start_date=day(start),
            at=start,
        )

    # A year of governance: renames, edits, a move, an archive, role changes ---------------
    note = "Décidé en réunion de gouvernance."
    services.circle_update(
        circle=circles["communication"],
        by=admin,
        at=ago(8, 2),
        note=note,
        purpose="Faire connaître les services de l'agglomération aux habitants et donner à chaque agent l'information dont il a besoin pour travailler.",
    )
    services.role_update(
        role=roles["accueil"][1],
        by=admin,
        at=ago(7.5),
        note=note,
        accountabilities="Faire vivre la charte d'accueil\nMesurer la satisfaction chaque trimestre\nFormer les nouveaux agents d'accueil",
    )
    services.circle_update(
        circle=circles["numerique"],
        by=admin,
        at=ago(7, 3),
        note="Nouveau nom adopté après le séminaire des encadrants.",
        name="Numérique / Systèmes d'information",
        purpose="Donner aux agents et aux habitants des outils numériques simples, sûrs et sobres, et accompagner chacun dans leur usage.",
    )
    services.circle_move(
        circle=circles["qvt"],
        new_parent=circles["dg"],
        by=admin,
        at=ago(6),
        note="La qualité de vie au travail concerne toute l'organisation : rattachement à la direction générale.",
    )
    # The lead link of Communication hands over to the person who led the iX network.
    comm_lead_role = core("communication", CoreRole.LEAD_LINK)
    old_lead = members["communication"][0]
    services.assignment_end(
        assignment=assignments[(comm_lead_role.pk, old_lead.pk)],
        by=admin,
        end_date=day(ago(5)),
        at=ago(5),
        note="Passage de relais : reste animatrice du réseau iX.",
    )
    new_lead = members["communication"][1]
    services.assignment_create(
        role=comm_lead_role,
        person=new_lead,
        by=admin,
        share=25,
        start_date=day(ago(5)),
        at=ago(5, 1),
        note=note,
    )
    services.role_update(
        role=roles["communication"][1],
        by=admin,
        at=ago(4.5),
        note=note,
        name="Animateur des réseaux sociaux",
    )
    services.role_archive(
        role=roles["technique"][2],
        by=admin,
        at=ago(4),
        note="Parc automobile confié à un prestataire : le rôle disparaît.",
    )
    services.assignment_create(
        role=roles["technique"][4],
        person=members["technique"][3],
        by=admin,
        share=60,
        focus="Programmation des chantiers",
        start_date=day(ago(4)),
        at=ago(4, 1),
        note=note,
    )
    services.circle_archive(
        circle=circles["demat"],
        by=admin,
        at=ago(3),
        note="Parapheur électronique déployé partout : la cellule a rempli sa mission.",
    )
    new_role = services.role_create(
        by=admin,
        circle=circles["guichet"],
        name="Référent accessibilité",
        purpose="Vérifier que chaque canal du guichet unique est accessible à tous les habitants.",
        at=ago(2),
        note=note,
    )
    services.assignment_create(
        role=new_role,
        person=members["accueil"][5],
        by=admin,
        share=10,
        focus="Audit RGAA du portail",
        start_date=day(ago(2)),
        at=ago(2),
    )
    security = roles["numerique"][4]
    holder = security.assignments.current().select_related("person", "role__circle").first()
    services.assignment_end(
        assignment=holder, by=admin, end_date=day(ago(0.7)), at=ago(0.7), note=note
    )
    services.assignment_create(
        role=security,
        person=members["numerique"][6],
        by=admin,
        share=15,
        start_date=day(ago(0.7)),
        at=ago(0.7, 1),
        note=note,
    )

    # One password for every demo account, hashed once (argon2 is slow on purpose).
    Person.objects.filter(email__endswith=f"@{DEMO_DOMAIN}").update(
        password=make_password(DEMO_PASSWORD)
    )
    Person.objects.filter(pk=admin.pk).update(is_superuser=True, is_staff=True)
    return {
        "people": Person.objects.filter(email__endswith=f"@{DEMO_DOMAIN}").count(),
        "circles": len(circles),
        "seconds": time.monotonic() - started,
    }
