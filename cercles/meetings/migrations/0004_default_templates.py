# The default meeting templates, in French, in every installation (editable by admins
# at /meetings/templates/). Written once: later changes to this list do not reach
# installations that already ran it, and an admin's edits are never overwritten.

from django.db import migrations

TEMPLATES = [
    {
        "name": "Réunion tactique (holacratie)",
        "kind": "tactical",
        "description": (
            "Le déroulé tactique de l'holacratie : une réunion courte et cadencée pour "
            "synchroniser le travail du cercle et lever ce qui bloque. Les tensions sont "
            "ajoutées en direct par les participants pendant le triage, puis traitées une "
            "à une : chacun dit ce dont il a besoin, la réunion n'y répond que par une "
            "information, une action ou un projet."
        ),
        "agenda": [
            ("Tour d'inclusion", 5, "item"),
            ("Revue de la checklist", 5, "item"),
            ("Revue des indicateurs", 10, "item"),
            ("Point sur les projets", 15, "item"),
            ("Triage des tensions", 20, "triage"),
            ("Tour de clôture", 5, "item"),
        ],
        "checklist": [
            "L'ordre du jour a été envoyé au moins 48 heures avant",
            "Le facilitateur et le secrétaire sont désignés",
            "La salle ou le lien de visioconférence est prêt",
            "La charte de réunion a été rappelée en ouverture",
            "Les indicateurs du cercle sont à jour",
            "Chaque action a un responsable et une échéance",
            "La réunion se termine à l'heure",
        ],
    },
    {
        "name": "Réunion de gouvernance",
        "kind": "governance",
        "description": (
            "Faire évoluer les rôles et les règles du cercle : chaque proposition suit la "
            "prise de décision intégrative (présentation, questions de clarification, "
            "tour de réactions, amendement, tour d'objections, intégration)."
        ),
        "agenda": [
            ("Tour d'inclusion", 5, "item"),
            ("Points administratifs", 5, "item"),
            ("Construction de l'ordre du jour", 5, "item"),
            ("Traitement des propositions (décision intégrative)", 60, "item"),
            ("Tour de clôture", 5, "item"),
        ],
        "checklist": [
            "Les propositions ont été partagées avant la réunion",
            "Le processus de décision par consentement a été rappelé",
            "Les objections et avis minoritaires sont consignés",
            "Les changements de rôles adoptés sont enregistrés",
            "La réunion se termine à l'heure",
        ],
    },
    {
        "name": "Atelier participatif",
        "kind": "workshop",
        "description": (
            "Un temps d'exploration puis de convergence pour produire des idées ou des "
            "décisions ; les participants évaluent la méthode à la fin."
        ),
        "agenda": [
            ("Accueil et objectifs", 10, "item"),
            ("Exploration", 40, "item"),
            ("Convergence", 30, "item"),
            ("Suites et actions", 10, "item"),
            ("Évaluation de la méthode", 5, "item"),
        ],
        "checklist": [
            "Les objectifs de l'atelier sont annoncés",
            "Le matériel et les supports sont prêts",
            "Chacun peut contribuer anonymement s'il le souhaite",
            "Les suites ont un responsable",
        ],
    },
    {
        "name": "Séminaire",
        "kind": "seminar",
        "description": "Une journée ou une demi-journée de travail collectif hors du quotidien.",
        "agenda": [
            ("Ouverture et intentions", 15, "item"),
            ("Travail en sous-groupes", 90, "item"),
            ("Restitution", 45, "item"),
            ("Décisions et suites", 30, "item"),
            ("Tour de clôture", 15, "item"),
        ],
        "checklist": [
            "L'invitation précise le but et le programme",
            "Les sous-groupes et leurs animateurs sont prévus",
            "Les restitutions sont consignées",
            "Les suites ont un responsable et une échéance",
        ],
    },
    {
        "name": "Rencontre inter-services",
        "kind": "inter_service",
        "description": (
            "Réunir plusieurs services autour de leurs dépendances : ce qui coince entre "
            "eux, ce qu'ils peuvent faire ensemble."
        ),
        "agenda": [
            ("Tour de présentation des services", 15, "item"),
            ("Irritants et dépendances entre services", 30, "item"),
            ("Pistes de coopération", 30, "item"),
            ("Actions communes", 10, "item"),
            ("Tour de clôture", 5, "item"),
        ],
        "checklist": [
            "Chaque service invité est représenté",
            "Les dépendances connues ont été recensées avant la rencontre",
            "Chaque action commune a un responsable dans chaque service concerné",
        ],
    },
]


def create_templates(apps, schema_editor):
    MeetingTemplate = apps.get_model("meetings", "MeetingTemplate")
    TemplateAgendaItem = apps.get_model("meetings", "TemplateAgendaItem")
    TemplateChecklistItem = apps.get_model("meetings", "TemplateChecklistItem")
    for data in TEMPLATES:
        template, created = MeetingTemplate.objects.get_or_create(
            name=data["name"], defaults={"kind": data["kind"], "description": data["description"]}
        )
        if not created:
            continue
        TemplateAgendaItem.objects.bulk_create(
            TemplateAgendaItem(
                template=template, position=i, title=title, time_box_minutes=minutes, kind=kind
            )
            for i, (title, minutes, kind) in enumerate(data["agenda"])
        )
        TemplateChecklistItem.objects.bulk_create(
            TemplateChecklistItem(template=template, position=i, text=text)
            for i, text in enumerate(data["checklist"])
        )


def delete_templates(apps, schema_editor):
    MeetingTemplate = apps.get_model("meetings", "MeetingTemplate")
    MeetingTemplate.objects.filter(name__in=[t["name"] for t in TEMPLATES]).delete()


class Migration(migrations.Migration):
    dependencies = [("meetings", "0003_templates_and_checklists")]

    operations = [migrations.RunPython(create_templates, delete_templates)]
