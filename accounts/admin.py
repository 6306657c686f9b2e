"""Council staff manage people and their roles here."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import OFFICIAL_ROLES, role_label
from accounts.services import user_roles_set
from accounts.sso import admin as _sign_on_admin  # noqa: F401  (the role mapping, beside the people)
from audit.admin import TrailAdminMixin

# The fields that make someone an official: only superusers change them (accounts.services.user_roles_set).
ROLE_FIELDS = ("is_staff", "is_superuser", "groups")
# The user autocomplete of another admin page may ask for holders of one official role only, by
# adding ?official_role=<group name> to its address (committees' member inlines do).
OFFICIAL_ROLE_PARAMETER = "official_role"


class UserCreateForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name", "preferred_language")


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(TrailAdminMixin, DjangoUserAdmin):
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
                    "staff status to open the admin. Every official must set up a second factor. Only a "
                    "superuser gives or removes roles; removing the Politician or Facilitator role ends "
                    "the person's seats of that kind on every committee."
                ),
            },
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined", "audit_trail")}),
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
            fields += ROLE_FIELDS  # only superusers manage officials' roles, staff status included
        return fields

    # Only a superuser changes a superuser: password, email, active flag, anything.
    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        # The bulk action asks has_delete_permission per object first; this guards the write itself.
        if not request.user.is_superuser and queryset.filter(is_superuser=True).exists():
            raise PermissionDenied
        super().delete_queryset(request, queryset)

    def get_search_results(self, request, queryset, search_term):
        role = request.GET.get(OFFICIAL_ROLE_PARAMETER)
        if role in OFFICIAL_ROLES:
            queryset = queryset.filter(groups__name=role)
        return super().get_search_results(request, queryset, search_term)

    def save_model(self, request, obj, form, change) -> None:
        if change:
            # The role flags are written by the service in save_related, after the user row: the row is saved
            # with the stored flags, so the form alone never changes a role.
            stored = User.objects.filter(pk=obj.pk).values("is_staff", "is_superuser").get()
            obj._samskab_wanted_flags = {name: getattr(obj, name) for name in stored}
            for name, value in stored.items():
                setattr(obj, name, value)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change) -> None:
        wanted_groups = form.cleaned_data.pop("groups", None)  # the service sets them, not the form
        super().save_related(request, form, formsets, change)
        if change:
            user = form.instance
            groups = list(wanted_groups if wanted_groups is not None else user.groups.all())
            self.roles_save(request, user, groups=groups, **user._samskab_wanted_flags)

    def roles_save(self, request, user: User, *, groups, is_staff: bool, is_superuser: bool) -> None:
        """Where a role change goes; committees/admin_people.py extends it to end the seats a role carried."""
        change = user_roles_set(
            user=user, by=request.user, groups=groups, is_staff=is_staff, is_superuser=is_superuser
        )
        self.message_role_change(request, user, change)

    def message_role_change(self, request, user: User, change) -> None:
        def names(roles) -> str:
            return ", ".join(str(role_label(role)) for role in sorted(roles))

        if change.granted:
            messages.info(
                request,
                _("%(person)s was given: %(roles)s.") % {"person": user, "roles": names(change.granted)},
            )
        if change.removed:
            messages.warning(
                request,
                _("%(person)s no longer has: %(roles)s.") % {"person": user, "roles": names(change.removed)},
            )
