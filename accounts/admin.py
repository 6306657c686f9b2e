"""Council staff manage people and their roles here."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class UserCreateForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name", "preferred_language")


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    add_form = UserCreateForm
    form = UserEditForm
    ordering = ("full_name", "email")
    list_display = (
        "email",
        "full_name",
        "preferred_language",
        "is_staff",
        "is_active",
        "date_joined",
    )
    list_filter = ("is_staff", "is_active", "groups", "preferred_language")
    search_fields = ("email", "full_name")
    readonly_fields = ("last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("full_name", "preferred_language")}),
        (
            _("Roles and access"),
            {
                "fields": ("is_active", "is_staff", "is_superuser", "groups"),
                "description": _(
                    "Roles are groups: Council staff, Politician, Facilitator. Council staff also need "
                    "staff status to open the admin. Every official must set up a second factor."
                ),
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
                    "full_name",
                    "preferred_language",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    filter_horizontal = ("groups",)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields.append("is_superuser")  # staff cannot make anyone, themselves included, a superuser
        return fields
