"""Admin: the innovation objectives are edited here; ideas, campaigns, themes and
projects are only shown.

Ideas change through the application's services (public answers, support counts,
anonymity); writing them here would skip those rules.
"""

from django.contrib import admin

from .models import Campaign, Idea, Objective, Project, Theme


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "is_active"]
    list_editable = ["position", "is_active"]
    search_fields = ["name"]


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Campaign)
class CampaignAdmin(ReadOnly):
    list_display = ["title", "starts_on", "ends_on", "circle"]


@admin.register(Idea)
class IdeaAdmin(ReadOnly):
    # No author column: an admin sees what everyone sees (anonymous ideas have none).
    list_display = ["title", "status", "campaign", "support_count", "created_at"]
    list_filter = ["status"]
    search_fields = ["title"]
    exclude = ["embedding", "search_text"]


@admin.register(Theme)
class ThemeAdmin(ReadOnly):
    list_display = ["name", "campaign", "position"]
    list_filter = ["campaign"]
    search_fields = ["name"]


@admin.register(Project)
class ProjectAdmin(ReadOnly):
    # Memberships, the lead and milestones change through the project pages' services.
    list_display = ["title", "status", "lead", "campaign", "circle", "created_at"]
    list_filter = ["status"]
    search_fields = ["title"]
