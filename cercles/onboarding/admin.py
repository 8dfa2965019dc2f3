"""Admin: plan templates and onboardings are only shown.

They change through the application's services (tasks instantiated from the
template, reminders, automatic closing); writing them here would skip those rules.
"""

from django.contrib import admin

from .models import Onboarding, OnboardingTask, PlanTemplate, TemplateTask


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PlanTemplate)
class PlanTemplateAdmin(ReadOnly):
    list_display = ["name", "updated_at", "archived_at"]
    search_fields = ["name"]


@admin.register(TemplateTask)
class TemplateTaskAdmin(ReadOnly):
    list_display = ["title", "template", "phase", "day_offset", "assignee_kind", "position"]
    list_filter = ["phase", "assignee_kind"]
    list_select_related = ["template"]


@admin.register(Onboarding)
class OnboardingAdmin(ReadOnly):
    list_display = ["newcomer", "start_date", "circle", "buddy", "lead_link", "closed_at"]
    list_select_related = ["newcomer", "circle", "buddy", "lead_link"]
    search_fields = ["newcomer__last_name", "newcomer__first_name", "newcomer__email"]


@admin.register(OnboardingTask)
class OnboardingTaskAdmin(ReadOnly):
    list_display = ["title", "onboarding", "due_date", "assignee", "done_at"]
    list_filter = ["phase", "assignee_kind"]
    list_select_related = ["onboarding__newcomer", "assignee"]
