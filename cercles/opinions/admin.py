"""Admin: consultations and their statements are only shown.

They change through the application's services (moderation with reasons, vote
counters, cache generations). Participants and votes are not registered at all: even
in a named consultation, nobody sees who voted what (docs/opinion-map.md).
"""

from django.contrib import admin

from .models import Consultation, Statement


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Consultation)
class ConsultationAdmin(ReadOnly):
    list_display = ["question", "circle", "anonymous", "opens_at", "closes_at", "closed_at"]
    list_filter = ["anonymous", "audience"]
    search_fields = ["question"]


@admin.register(Statement)
class StatementAdmin(ReadOnly):
    # No author column: a participant's statement in an anonymous consultation has none,
    # and the admin shows what the pages show.
    list_display = ["text", "consultation", "status", "is_seed", "agree_count", "disagree_count"]
    list_filter = ["status", "is_seed"]
    search_fields = ["text"]
    exclude = ["author", "participant"]
