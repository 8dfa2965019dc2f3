"""Every change to onboarding goes through here.

Each function is keyword-only and runs in one transaction; bad input raises
ValidationError (French message, keyed by field), a right the user lacks raises
PermissionDenied. Per-object rights (who runs an onboarding, who checks a task) are
checked by the views and the API through `permissions.py`; the rules that depend on
the values chosen (the circle a lead link may welcome someone into) are checked here.
Notifications go out once the transaction commits (`core.notifications.notify`).
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cercles.core.notifications import notify
from cercles.knowledge.models import Page, PageKind
from cercles.organisation.models import Assignment, CoreRole
from cercles.people.functions import is_hr

from . import permissions
from .models import (
    DEFAULT_OFFSET,
    OFFSET_RANGE,
    AssigneeKind,
    Onboarding,
    OnboardingTask,
    Phase,
    PlanTemplate,
    TemplateTask,
)

MAX_NAME = 200
MAX_TEXT = 20_000
# How far from today a start date may be: wide enough for a late record or an early
# plan, narrow enough that every offset stays a valid date (year 1 or 9999 gave a 500).
START_DATE_PAST_DAYS = 366
START_DATE_FUTURE_DAYS = 2 * 366


# --- helpers -----------------------------------------------------------------------


def _text(value) -> str:
    return (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def _check_hr(by) -> None:
    if not permissions.can_manage_templates(by):
        raise PermissionDenied(_("Seules les RH modifient les modèles de parcours d'intégration."))


def default_booklet() -> Page | None:
    """The organisation's welcome booklet: the oldest live booklet open to everyone."""
    return (
        Page.objects.active()
        .filter(kind=PageKind.BOOKLET, restricted=False)
        .order_by("created_at", "id")
        .first()
    )


def circle_lead_link(circle, *, exclude=None):
    """The person holding the circle's lead link role today (not `exclude`), or None."""
    if circle is None:
        return None
    assignment = (
        Assignment.objects.current(timezone.localdate())
        .filter(
            role__circle=circle,
            role__core_role=CoreRole.LEAD_LINK,
            role__archived_at__isnull=True,
            person__is_active=True,
        )
        .exclude(person=exclude)
        .select_related("person")
        .order_by("start_date", "id")
        .first()
    )
    return assignment.person if assignment else None


def _check_task_fields(*, phase, day_offset, title, description, assignee_kind, link) -> None:
    errors = {}
    if phase not in Phase.values:
        errors["phase"] = _("Choisissez une étape de la liste.")
    elif day_offset is not None:
        low, high = OFFSET_RANGE[Phase(phase)]
        if not low <= day_offset <= high:
            errors["day_offset"] = _(
                "Pour l'étape « %(phase)s », le décalage va de %(low)s à %(high)s jours."
            ) % {"phase": Phase(phase).label, "low": low, "high": high}
    if not title:
        errors["title"] = _("Donnez un intitulé à la tâche.")
    elif len(title) > MAX_NAME:
        errors["title"] = _("L'intitulé compte au plus %(n)s caractères.") % {"n": MAX_NAME}
    if len(description) > MAX_TEXT:
        errors["description"] = _("La description compte au plus %(n)s caractères.") % {
            "n": MAX_TEXT
        }
    if assignee_kind not in AssigneeKind.values:
        errors["assignee_kind"] = _("Choisissez qui s'en charge dans la liste.")
    if link and not (link.startswith("https://") or link.startswith("http://")):
        errors["link"] = _("Le lien commence par https:// ou http://.")
    if errors:
        raise ValidationError(errors)


# --- templates ---------------------------------------------------------------------


@transaction.atomic
def template_create(*, by, name, description="") -> PlanTemplate:
    _check_hr(by)
    template = PlanTemplate(
        name=(name or "").strip(), description=_text(description), created_by=by
    )
    _check_template(template)
    template.save()
    return template


def _check_template(template) -> None:
    if not template.name:
        raise ValidationError({"name": _("Donnez un nom au modèle.")})
    if len(template.name) > MAX_NAME:
        raise ValidationError(
            {"name": _("Le nom compte au plus %(n)s caractères.") % {"n": MAX_NAME}}
        )
    if len(template.description) > MAX_TEXT:
        raise ValidationError(
            {"description": _("La description compte au plus %(n)s caractères.") % {"n": MAX_TEXT}}
        )


@transaction.atomic
def template_update(*, template: PlanTemplate, by, name, description="") -> PlanTemplate:
    _check_hr(by)
    template.name = (name or "").strip()
    template.description = _text(description)
    _check_template(template)
    template.save(update_fields=["name", "description", "updated_at"])
    return template


@transaction.atomic
def template_archive(*, template: PlanTemplate, by) -> PlanTemplate:
    """No longer offer the template for new onboardings (those made from it stay)."""
    _check_hr(by)
    if template.is_archived:
        raise ValidationError(_("Ce modèle est déjà archivé."))
    template.archived_at = timezone.now()
    template.save(update_fields=["archived_at", "updated_at"])
    return template


@transaction.atomic
def template_restore(*, template: PlanTemplate, by) -> PlanTemplate:
    _check_hr(by)
    if not template.is_archived:
        raise ValidationError(_("Ce modèle n'est pas archivé."))
    template.archived_at = None
    template.save(update_fields=["archived_at", "updated_at"])
    return template


@transaction.atomic
def template_task_create(
    *,
    template: PlanTemplate,
    by,
    phase,
    title,
    assignee_kind,
    day_offset=None,
    description="",
    link="",
) -> TemplateTask:
    """Add a task at the end of the template; its offset defaults to its phase's."""
    _check_hr(by)
    title, description, link = (title or "").strip(), _text(description), (link or "").strip()
    _check_task_fields(
        phase=phase,
        day_offset=day_offset,
        title=title,
        description=description,
        assignee_kind=assignee_kind,
        link=link,
    )
    if day_offset is None:
        day_offset = DEFAULT_OFFSET[Phase(phase)]
    last = TemplateTask.objects.filter(template=template).aggregate(n=Max("position"))["n"]
    task = TemplateTask(
        template=template,
        position=0 if last is None else last + 1,
        phase=phase,
        day_offset=day_offset,
        title=title,
        description=description,
        assignee_kind=assignee_kind,
        link=link,
    )
    task.full_clean(exclude=["template"])
    task.save()
    PlanTemplate.objects.filter(pk=template.pk).update(updated_at=timezone.now())
    return task


@transaction.atomic
def template_task_update(
    *, task: TemplateTask, by, phase, title, assignee_kind, day_offset=None, description="", link=""
) -> TemplateTask:
    _check_hr(by)
    title, description, link = (title or "").strip(), _text(description), (link or "").strip()
    _check_task_fields(
        phase=phase,
        day_offset=day_offset,
        title=title,
        description=description,
        assignee_kind=assignee_kind,
        link=link,
    )
    task.phase = phase
    task.day_offset = DEFAULT_OFFSET[Phase(phase)] if day_offset is None else day_offset
    task.title, task.description, task.link = title, description, link
    task.assignee_kind = assignee_kind
    task.full_clean(exclude=["template"])
    task.save(
        update_fields=["phase", "day_offset", "title", "description", "assignee_kind", "link"]
    )
    return task


@transaction.atomic
def template_task_delete(*, task: TemplateTask, by) -> None:
    _check_hr(by)
    task.delete()


@transaction.atomic
def template_task_move(*, task: TemplateTask, by, direction: str) -> bool:
    """Move the task one place up or down in its template; False when already at the
    end. Positions are renumbered 0, 1, 2… so gaps and ties never confuse the order."""
    _check_hr(by)
    if direction not in ("up", "down"):
        raise ValidationError({"direction": _("Direction inconnue.")})
    tasks = list(
        TemplateTask.objects.select_for_update()
        .filter(template_id=task.template_id)
        .order_by("position", "id")
    )
    index = next(i for i, t in enumerate(tasks) if t.pk == task.pk)
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(tasks):
        return False
    tasks[index], tasks[target] = tasks[target], tasks[index]
    for position, row in enumerate(tasks):
        row.position = position
    TemplateTask.objects.bulk_update(tasks, ["position"])
    return True


# --- onboardings -------------------------------------------------------------------


def _resolve(kind: str, onboarding: Onboarding):
    return {
        AssigneeKind.NEWCOMER: onboarding.newcomer,
        AssigneeKind.BUDDY: onboarding.buddy,
        AssigneeKind.LEAD_LINK: onboarding.lead_link,
        AssigneeKind.HR: onboarding.hr_contact,
    }[AssigneeKind(kind)]


def _check_start_date(start_date, *, field="start_date") -> None:
    if start_date is None:
        raise ValidationError({field: _("Indiquez la date d'arrivée.")})
    today = timezone.localdate()
    low = today - datetime.timedelta(days=START_DATE_PAST_DAYS)
    high = today + datetime.timedelta(days=START_DATE_FUTURE_DAYS)
    if not low <= start_date <= high:
        raise ValidationError(
            {
                field: _("Choisissez une date entre le %(low)s et le %(high)s.")
                % {"low": low.strftime("%d/%m/%Y"), "high": high.strftime("%d/%m/%Y")}
            }
        )


def _check_people(*, newcomer, buddy, lead_link, hr_contact) -> None:
    errors = {}
    if newcomer is not None and not newcomer.is_active:
        errors["newcomer"] = _("Cette personne n'est plus active.")
    for field, person in (("buddy", buddy), ("lead_link", lead_link), ("hr_contact", hr_contact)):
        if person is not None and not person.is_active:
            errors[field] = _("Cette personne n'est plus active.")
    if buddy is not None and newcomer is not None and buddy.pk == newcomer.pk:
        errors["buddy"] = _("Le parrain ou la marraine ne peut pas être le nouvel arrivant.")
    # The lead link and the HR contact run the plan: the newcomer would check every
    # task and close his own onboarding.
    if lead_link is not None and newcomer is not None and lead_link.pk == newcomer.pk:
        errors["lead_link"] = _("Le premier lien ne peut pas être le nouvel arrivant.")
    if hr_contact is not None and newcomer is not None and hr_contact.pk == newcomer.pk:
        errors["hr_contact"] = _("Le contact RH ne peut pas être le nouvel arrivant.")
    if errors:
        raise ValidationError(errors)


def _check_place(*, by, circle, role):
    """The circle and role he joins: a live role of that circle; a circle the author
    manages unless he is HR. Returns the circle (the role's when only it is given)."""
    if role is not None:
        if role.is_archived:
            raise ValidationError({"role": _("Ce rôle est archivé.")})
        if circle is None:
            circle = role.circle
        elif role.circle_id != circle.pk:
            raise ValidationError({"role": _("Ce rôle n'appartient pas au cercle choisi.")})
    if circle is not None and circle.is_archived:
        raise ValidationError({"circle": _("Ce cercle est archivé.")})
    if not is_hr(by):
        if circle is None:
            raise ValidationError(
                {
                    "circle": _(
                        "Choisissez le cercle que la personne rejoint : un cercle que vous pilotez."
                    )
                }
            )
        if circle.pk not in permissions.managed_circle_ids(by):
            raise ValidationError(
                {
                    "circle": _(
                        "Vous ne pouvez accueillir quelqu'un que dans un cercle que vous pilotez."
                    )
                }
            )
    return circle


def _check_booklet(booklet, *, by) -> None:
    """A live booklet the author may read: a page restricted to a circle he does not
    belong to is not his to hand out (its title would show on the plan)."""
    if booklet is None:
        return
    if (
        booklet.kind != PageKind.BOOKLET
        or booklet.is_archived
        or not Page.objects.visible_to(by).filter(pk=booklet.pk).exists()
    ):
        raise ValidationError({"booklet": _("Choisissez un livret d'accueil en ligne.")})


@transaction.atomic
def onboarding_create(
    *,
    by,
    newcomer,
    start_date: datetime.date,
    circle=None,
    role=None,
    buddy=None,
    lead_link=None,
    hr_contact=None,
    booklet=None,
    template: PlanTemplate | None = None,
) -> Onboarding:
    """Welcome a newcomer: his plan, with the template's tasks due relative to the start
    date and given to the people chosen. The lead link defaults to the circle's, the HR
    contact to the author when he is HR, the booklet to the organisation's."""
    if not permissions.can_create_onboarding(by):
        raise PermissionDenied(
            _("Seules les RH et les premiers liens organisent l'accueil d'un nouvel arrivant.")
        )
    _check_start_date(start_date)
    circle = _check_place(by=by, circle=circle, role=role)
    if lead_link is None:
        lead_link = circle_lead_link(circle, exclude=newcomer)
    if hr_contact is None and is_hr(by) and by.pk != newcomer.pk:
        hr_contact = by
    if booklet is None:
        booklet = default_booklet()
    _check_people(newcomer=newcomer, buddy=buddy, lead_link=lead_link, hr_contact=hr_contact)
    _check_booklet(booklet, by=by)
    if template is not None and template.is_archived:
        raise ValidationError({"template": _("Ce modèle est archivé : choisissez-en un autre.")})
    if Onboarding.objects.open().filter(newcomer=newcomer).exists():
        raise ValidationError(
            {"newcomer": _("%(name)s a déjà une intégration en cours.") % {"name": newcomer}}
        )
    onboarding = Onboarding.objects.create(
        newcomer=newcomer,
        start_date=start_date,
        circle=circle,
        role=role,
        buddy=buddy,
        lead_link=lead_link,
        hr_contact=hr_contact,
        booklet=booklet,
        template=template,
        created_by=by,
    )
    if template is not None:
        OnboardingTask.objects.bulk_create(
            [
                OnboardingTask(
                    onboarding=onboarding,
                    position=position,
                    phase=t.phase,
                    due_date=start_date + datetime.timedelta(days=t.day_offset),
                    title=t.title,
                    description=t.description,
                    assignee_kind=t.assignee_kind,
                    assignee=_resolve(t.assignee_kind, onboarding),
                    link=t.link,
                )
                for position, t in enumerate(template.tasks.order_by("position", "id"))
            ]
        )
    url = onboarding.get_absolute_url()
    notify(
        [newcomer],
        kind="onboarding_welcome",
        text=_("Bienvenue ! Votre parcours d'intégration commence le %(date)s.")
        % {"date": start_date.strftime("%d/%m/%Y")},
        url=url,
    )
    if buddy is not None:
        notify(
            [buddy],
            kind="onboarding_buddy",
            text=_("Vous parrainez %(name)s, qui arrive le %(date)s.")
            % {"name": newcomer, "date": start_date.strftime("%d/%m/%Y")},
            url=url,
        )
    notify(
        [p for p in (lead_link, hr_contact) if p is not None and p.pk != by.pk],
        kind="onboarding_created",
        text=_("%(name)s arrive le %(date)s : son parcours d'intégration est prêt.")
        % {"name": newcomer, "date": start_date.strftime("%d/%m/%Y")},
        url=url,
    )
    return onboarding


@transaction.atomic
def onboarding_update(
    *,
    onboarding: Onboarding,
    by,
    start_date: datetime.date,
    buddy=None,
    lead_link=None,
    hr_contact=None,
    booklet=None,
) -> Onboarding:
    """Change the start date (pending tasks move with it) and the people around the
    newcomer (their pending tasks follow the new person)."""
    if onboarding.is_closed:
        raise ValidationError(_("Cette intégration est terminée : rouvrez-la pour la modifier."))
    if start_date != onboarding.start_date:
        _check_start_date(start_date)
    _check_people(
        newcomer=onboarding.newcomer, buddy=buddy, lead_link=lead_link, hr_contact=hr_contact
    )
    if booklet is not None and booklet.pk != onboarding.booklet_id:
        _check_booklet(booklet, by=by)
    shift = (start_date - onboarding.start_date).days
    pending = list(onboarding.tasks.pending())
    before = {kind: _resolve(kind, onboarding) for kind in AssigneeKind.values}
    onboarding.start_date = start_date
    onboarding.buddy, onboarding.lead_link, onboarding.hr_contact = buddy, lead_link, hr_contact
    onboarding.booklet = booklet
    onboarding.save(
        update_fields=["start_date", "buddy", "lead_link", "hr_contact", "booklet", "updated_at"]
    )
    changed, newly_assigned = [], set()
    for task in pending:
        touched = False
        if shift:
            task.due_date += datetime.timedelta(days=shift)
            task.reminded_on = None
            touched = True
        old = before[task.assignee_kind]
        new = _resolve(task.assignee_kind, onboarding)
        # Only tasks still with the person of that kind follow; a task reassigned by
        # hand to someone else stays with him.
        if (old.pk if old else None) == task.assignee_id and task.assignee_id != (
            new.pk if new else None
        ):
            task.assignee = new
            task.reminded_on = None
            touched = True
            if new is not None:
                newly_assigned.add(new.pk)
        if touched:
            changed.append(task)
    OnboardingTask.objects.bulk_update(changed, ["due_date", "assignee", "reminded_on"])
    if buddy is not None and (
        before[AssigneeKind.BUDDY] is None or before[AssigneeKind.BUDDY].pk != buddy.pk
    ):
        newly_assigned.add(buddy.pk)
    notify(
        newly_assigned - {by.pk},
        kind="onboarding_assigned",
        text=_("Vous accompagnez l'intégration de %(name)s.") % {"name": onboarding.newcomer},
        url=onboarding.get_absolute_url(),
    )
    return onboarding


def _close(onboarding: Onboarding, *, by=None) -> None:
    onboarding.closed_at = timezone.now()
    onboarding.save(update_fields=["closed_at", "updated_at"])
    notify(
        [
            p
            for p in (onboarding.lead_link_id, onboarding.hr_contact_id)
            if p is not None and (by is None or p != by.pk)
        ],
        kind="onboarding_closed",
        text=_("L'intégration de %(name)s est terminée.") % {"name": onboarding.newcomer},
        url=onboarding.get_absolute_url(),
    )


@transaction.atomic
def onboarding_close(*, onboarding: Onboarding, by) -> Onboarding:
    if onboarding.is_closed:
        raise ValidationError(_("Cette intégration est déjà terminée."))
    _close(onboarding, by=by)
    return onboarding


@transaction.atomic
def onboarding_reopen(*, onboarding: Onboarding, by) -> Onboarding:
    if not onboarding.is_closed:
        raise ValidationError(_("Cette intégration est en cours."))
    if Onboarding.objects.open().filter(newcomer_id=onboarding.newcomer_id).exists():
        raise ValidationError(_("Cette personne a déjà une intégration en cours."))
    onboarding.closed_at = None
    onboarding.save(update_fields=["closed_at", "updated_at"])
    return onboarding


# --- tasks -------------------------------------------------------------------------


@transaction.atomic
def task_create(
    *,
    onboarding: Onboarding,
    by,
    phase,
    title,
    assignee_kind,
    due_date: datetime.date | None = None,
    description="",
    link="",
) -> OnboardingTask:
    """A one-off task for this newcomer only (the template is left as it is), due by
    default on its phase's day and given to the person of that kind, last of the plan."""
    locked = Onboarding.objects.select_for_update().filter(pk=onboarding.pk)
    if locked.values_list("closed_at", flat=True).first() is not None:
        raise ValidationError(_("Cette intégration est terminée : rouvrez-la pour la modifier."))
    title, description, link = (title or "").strip(), _text(description), (link or "").strip()
    _check_task_fields(
        phase=phase,
        day_offset=None,
        title=title,
        description=description,
        assignee_kind=assignee_kind,
        link=link,
    )
    phase = Phase(phase)
    if due_date is None:
        due_date = onboarding.start_date + datetime.timedelta(days=DEFAULT_OFFSET[phase])
    low, high = (onboarding.start_date + datetime.timedelta(days=n) for n in OFFSET_RANGE[phase])
    if not low <= due_date <= high:
        raise ValidationError(
            {
                "due_date": _("Pour l'étape « %(phase)s », l'échéance va du %(low)s au %(high)s.")
                % {
                    "phase": phase.label,
                    "low": low.strftime("%d/%m/%Y"),
                    "high": high.strftime("%d/%m/%Y"),
                }
            }
        )
    last = OnboardingTask.objects.filter(onboarding=onboarding).aggregate(n=Max("position"))["n"]
    task = OnboardingTask(
        onboarding=onboarding,
        position=0 if last is None else last + 1,
        phase=phase,
        due_date=due_date,
        title=title,
        description=description,
        assignee_kind=assignee_kind,
        assignee=_resolve(assignee_kind, onboarding),
        link=link,
    )
    task.full_clean(exclude=["onboarding"])
    task.save()
    if task.assignee_id is not None and task.assignee_id != by.pk:
        notify(
            [task.assignee_id],
            kind="onboarding_task",
            text=_("Une tâche d'intégration vous est confiée : « %(title)s » pour %(name)s.")
            % {"title": task.title, "name": onboarding.newcomer},
            url=onboarding.get_absolute_url(),
        )
    return task


@transaction.atomic
def task_set_done(*, task: OnboardingTask, by, done: bool) -> bool:
    """Check or uncheck a task (idempotent). When the last task is checked the
    onboarding closes itself. Returns True when the onboarding was closed by it."""
    onboarding = Onboarding.objects.select_for_update().get(pk=task.onboarding_id)
    if onboarding.is_closed:
        raise ValidationError(_("Cette intégration est terminée : ses tâches ne changent plus."))
    if done == task.is_done:
        return False
    task.done_at = timezone.now() if done else None
    task.done_by = by if done else None
    task.save(update_fields=["done_at", "done_by"])
    if done and not onboarding.tasks.pending().exists():
        _close(onboarding, by=by)
        task.onboarding.closed_at = onboarding.closed_at
        return True
    return False


@transaction.atomic
def task_reassign(*, task: OnboardingTask, by, assignee) -> OnboardingTask:
    if task.onboarding.is_closed:
        raise ValidationError(_("Cette intégration est terminée : ses tâches ne changent plus."))
    if task.is_done:
        raise ValidationError(_("Cette tâche est faite : elle ne change plus de main."))
    if assignee is None or not assignee.is_active:
        raise ValidationError({"assignee": _("Choisissez une personne active.")})
    if assignee.pk == task.assignee_id:
        return task
    task.assignee = assignee
    task.reminded_on = None
    task.save(update_fields=["assignee", "reminded_on"])
    if assignee.pk != by.pk:
        notify(
            [assignee],
            kind="onboarding_task",
            text=_("Une tâche d'intégration vous est confiée : « %(title)s » pour %(name)s.")
            % {"title": task.title, "name": task.onboarding.newcomer},
            url=task.onboarding.get_absolute_url(),
        )
    return task


@transaction.atomic
def remind_due_tasks(on: datetime.date | None = None) -> int:
    """Tell each assignee of a pending task of an open onboarding, due today or late,
    about it, once a day: `reminded_on` marks the tasks reminded. Returns how many."""
    on = on or timezone.localdate()
    tasks = list(
        OnboardingTask.objects.due_by(on)
        # Nobody reads the notifications of a departed colleague: reassign his tasks.
        .filter(onboarding__closed_at__isnull=True, assignee__is_active=True)
        .exclude(reminded_on__gte=on)
        .select_related("onboarding__newcomer")
        .select_for_update(of=("self",))
        .order_by("id")
    )
    for task in tasks:
        values = {"title": task.title, "name": task.onboarding.newcomer}
        if task.due_date == on:
            text = _("Tâche d'intégration pour aujourd'hui : « %(title)s » (%(name)s).") % values
        else:
            values["date"] = task.due_date.strftime("%d/%m/%Y")
            text = (
                _("Tâche d'intégration en retard depuis le %(date)s : « %(title)s » (%(name)s).")
                % values
            )
        notify(
            [task.assignee_id],
            kind="onboarding_reminder",
            text=text,
            url=task.onboarding.get_absolute_url(),
        )
        task.reminded_on = on
    OnboardingTask.objects.bulk_update(tasks, ["reminded_on"])
    return len(tasks)
