from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from .models import Person
from .services import PROFILE_FIELDS, person_deactivate
from .tokens import ApiToken, api_token_revoke


class PersonCreationForm(AdminUserCreationForm):
    class Meta:
        model = Person
        fields = ("email", "first_name", "last_name")


class PersonChangeForm(UserChangeForm):
    class Meta:
        model = Person
        fields = "__all__"


@admin.register(Person)
class PersonAdmin(UserAdmin):
    """Django's user admin, for a user model whose username is the e-mail."""

    form = PersonChangeForm
    add_form = PersonCreationForm
    list_display = ("email", "first_name", "last_name", "unit", "is_active", "is_org_admin")
    list_filter = ("is_active", "is_org_admin", "is_staff", "is_superuser")
    search_fields = ("email", "first_name", "last_name", "matricule", "unit")
    ordering = ("last_name", "first_name", "email")
    readonly_fields = ("last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            _("Identité et poste"),
            {"fields": PROFILE_FIELDS},
        ),
        (
            _("Droits"),
            {
                "fields": (
                    "is_active",
                    "is_org_admin",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                )
            },
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "email",
                    "first_name",
                    "last_name",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )

    def save_model(self, request, obj, form, change):
        # The admin form already ran the model's validation (as person_create does);
        # only the derived fields the service would set are left to fill in.
        obj.email = obj.email.strip().lower()
        obj.search_text = obj.compute_search_text()
        leaving = change and "is_active" in form.changed_data and not obj.is_active
        if leaving:
            # Deactivation ends his roles through the service, so the history records it.
            obj.is_active = True
        super().save_model(request, obj, form, change)
        if leaving:
            person_deactivate(person=obj, by=request.user)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are created from the profile page or `create_api_token`, where the key is shown."""

    list_display = ("name", "person", "prefix", "created_at", "last_used_at")
    list_select_related = ("person",)
    search_fields = ("name", "prefix", "person__email", "person__last_name")
    fields = ("person", "name", "prefix", "key_hash", "created_at", "last_used_at")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        api_token_revoke(token=obj)

    def delete_queryset(self, request, queryset):
        for token in queryset:
            api_token_revoke(token=token)
