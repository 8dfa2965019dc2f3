"""Read-only admin: proposals and decisions change only through the services, which
log every step and apply governance changes to the organisation's history."""

from django.contrib import admin

from .models import Decision, Proposal


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Proposal)
class ProposalAdmin(ReadOnly):
    list_display = ["title", "circle", "kind", "process", "status", "step", "created_at"]
    list_filter = ["status", "kind", "process"]
    search_fields = ["title"]


@admin.register(Decision)
class DecisionAdmin(ReadOnly):
    list_display = ["title", "circle", "kind", "outcome", "asynchronous", "decided_at"]
    list_filter = ["outcome", "kind", "process"]
    search_fields = ["title"]
