"""Admin: trainings and sessions are only shown.

They change through the application's services (the waiting list is promoted under a
lock, people are notified); writing them here would skip those rules. Registrations
and feedback are not shown: feedback is anonymous, and who attended what is read on
the session pages by those entitled.
"""

from django.contrib import admin

from .models import Session, Training


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Training)
class TrainingAdmin(ReadOnly):
    list_display = ["title", "status", "duration_minutes", "published_at", "created_at"]
    list_filter = ["status"]
    search_fields = ["title"]


@admin.register(Session)
class SessionAdmin(ReadOnly):
    list_display = ["training", "starts_at", "capacity", "status", "reminded_at"]
    list_filter = ["status"]
    list_select_related = ["training"]
    search_fields = ["training__title"]
