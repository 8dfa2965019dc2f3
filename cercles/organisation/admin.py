"""Read-only admin for the organisation.

Circles, roles and assignments change only through the application's pages,
which go through the services and record a GovernanceChange each time. Writing
here would leave holes in the governance history, so the admin only shows.
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from .models import Assignment, Circle, GovernanceChange, Role


class ReadOnlyAdmin(admin.ModelAdmin):
    note = _(
        "Lecture seule : les cercles, rôles et affectations se modifient depuis les pages "
        "de l'application, qui enregistrent chaque changement dans l'historique de gouvernance."
    )

    def changelist_view(self, request, extra_context=None):
        messages.info(request, self.note)
        return super().changelist_view(request, extra_context)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Circle)
class CircleAdmin(ReadOnlyAdmin):
    list_display = ("name", "kind", "parent", "archived_at", "updated_at")
    list_filter = ("kind", ("archived_at", admin.EmptyFieldListFilter))
    list_select_related = ("parent",)
    search_fields = ("name", "purpose")


@admin.register(Role)
class RoleAdmin(ReadOnlyAdmin):
    list_display = ("name", "circle", "core_role", "archived_at")
    list_filter = ("core_role", ("archived_at", admin.EmptyFieldListFilter))
    list_select_related = ("circle",)
    search_fields = ("name", "purpose", "circle__name")


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ("person", "role", "share", "start_date", "end_date")
    list_select_related = ("person", "role")
    search_fields = ("person__email", "person__last_name", "role__name")
    date_hierarchy = "start_date"


@admin.register(GovernanceChange)
class GovernanceChangeAdmin(ReadOnlyAdmin):
    list_display = ("at", "action", "circle", "role", "by")
    list_filter = ("action",)
    list_select_related = ("circle", "role", "by")
    search_fields = ("circle__name", "role__name", "note")
    date_hierarchy = "at"
