"""Admin: missions and applications are only shown.

They change through the application's services (rights, the 100 % rule, the role
assignment on acceptance, notifications); writing them here would skip those rules.
"""

from django.contrib import admin

from .models import Application, Mission


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Mission)
class MissionAdmin(ReadOnly):
    list_display = ["title", "circle", "kind", "share", "start_date", "end_date", "status"]
    list_filter = ["status", "kind"]
    list_select_related = ["circle"]
    search_fields = ["title"]


@admin.register(Application)
class ApplicationAdmin(ReadOnly):
    list_display = ["mission", "person", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["mission", "person"]
