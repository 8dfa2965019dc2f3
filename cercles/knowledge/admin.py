"""Admin: knowledge pages, their versions and the time eaters are only shown.

Pages change through the application's services (each save a revision, edit
conflicts checked); writing them here would skip those rules.
"""

from django.contrib import admin

from .models import Page, PageRevision, RemedyProposal, TimeEater


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Page)
class PageAdmin(ReadOnly):
    list_display = ["title", "kind", "circle", "restricted", "protected", "updated_at"]
    list_filter = ["kind", "restricted", "protected"]
    list_select_related = ["circle"]
    search_fields = ["title", "slug"]


@admin.register(PageRevision)
class PageRevisionAdmin(ReadOnly):
    list_display = ["page", "number", "author", "summary", "created_at"]
    list_select_related = ["page", "author"]
    search_fields = ["page__title", "summary"]


@admin.register(TimeEater)
class TimeEaterAdmin(ReadOnly):
    list_display = ["name", "category", "created_at", "archived_at"]
    list_filter = ["category"]
    search_fields = ["name"]


@admin.register(RemedyProposal)
class RemedyProposalAdmin(ReadOnly):
    list_display = ["time_eater", "author", "created_at", "adopted_at"]
    list_select_related = ["time_eater", "author"]
