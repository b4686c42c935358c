"""Admin actions that run a service: the admin's one way to change a workflow.

Each selected object goes through the same service function the pages and the API call, with its
rules, audit entry and emails; the admin reports per object what was done or the service's refusal,
never a 500. Actions that need input (a reason, a target status) first show a small form on an
intermediate page, as Django's own "delete selected" does. The audit entries they record say
`"via": "admin"`.

It lives beside the audit trail because it is the admin's writing half of it; it is plumbing that
every app's admin.py uses, so nothing here names an app.
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import models, transaction
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from core.errors import ServiceError

from .services import acting_through, record

#: A service call for one selected object, given the acting user and the intermediate form's data.
Run = Callable[..., Any]


def run_for_each(
    model_admin: admin.ModelAdmin,
    request: HttpRequest,
    queryset: models.QuerySet,
    run: Run,
    done: str,
    **data: Any,
) -> None:
    """Call `run(obj, request.user, **data)` for each object, each in the service's own transaction,
    and report each outcome: `done` (formatted with `%(object)s`) or the service's message."""
    with acting_through("admin"):
        for obj in queryset:
            try:
                run(obj, request.user, **data)
            except ServiceError as error:
                model_admin.message_user(request, f"{obj}: {error.message}", messages.ERROR)
            else:
                model_admin.message_user(request, done % {"object": obj}, messages.SUCCESS)


def service_action(
    run: Run,
    *,
    name: str,
    description: str,
    done: str,
    form_class: type[forms.Form] | None = None,
    permissions: tuple[str, ...] = ("change",),
) -> Callable:
    """An admin action named `name` calling `run(obj, user, **form.cleaned_data)` for each selected object.

    With a `form_class`, the action first answers with a page holding the form and the selected
    objects; submitting it (with `apply`) runs the service, an invalid form is shown again.
    """

    def action(model_admin: admin.ModelAdmin, request: HttpRequest, queryset: models.QuerySet):
        if form_class is None:
            run_for_each(model_admin, request, queryset, run, done)
            return None
        form = form_class(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            run_for_each(model_admin, request, queryset, run, done, **form.cleaned_data)
            return None  # back to the change list, with the messages
        opts = model_admin.model._meta
        context = {
            **model_admin.admin_site.each_context(request),
            "title": description,
            "subtitle": None,
            "opts": opts,
            "app_label": opts.app_label,
            "form": form,
            "objects": list(queryset),
            "action": request.POST.get("action", ""),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": model_admin.media + form.media,
        }
        return TemplateResponse(request, "admin/service_action.html", context)

    action.__name__ = action.__qualname__ = name
    return admin.action(description=description, permissions=list(permissions))(action)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 4, "cols": 60}))


class MessageForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the partner"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
    )


class ReadOnlyInline:
    """An inline that shows its rows without letting the admin add, change or delete them: their
    writes have services, reached through the actions of the rows' own admin."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        return [*(self.fields or []), *super().get_readonly_fields(request, obj)]

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


def _shown(value: Any) -> Any:
    """A field's value as the audit trail keeps it: text, or a sorted list of texts for many."""
    if isinstance(value, models.Manager):
        value = value.all()
    if isinstance(value, models.QuerySet | list | tuple | set):
        return sorted(str(item) for item in value)
    return None if value is None else str(value)


class WithoutDelete:
    """For rows whose removal is a service (cancel a seat, leave a group, decline a participation,
    remove a contact person on the profile): the admin cannot delete them, so no rule, promotion
    from a waiting list or period of history is skipped."""

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class AuditedChanges:
    """For a ModelAdmin whose plain data (names, descriptions, dates) may be edited here: each add,
    change and delete leaves an audit entry as a service's would, `<model>.created`, `.updated` or
    `.deleted` with the changed fields before and after and `"via": "admin"`. (Django's own admin
    log keeps the inlines' changes.) Not for models holding personal data: the entries outlive an
    erasure."""

    def save_model(
        self, request: HttpRequest, obj: models.Model, form: forms.ModelForm, change: bool
    ) -> None:
        fields = list(form.changed_data)
        before = {}
        if change:
            old = type(obj)._default_manager.get(pk=obj.pk)
            before = {name: _shown(getattr(old, name, None)) for name in fields}
        super().save_model(request, obj, form, change)
        if change and not fields:
            return
        stored = type(obj)._default_manager.get(pk=obj.pk)  # as the database keeps it, like `old`
        after = {}
        for name in fields:
            value = getattr(stored, name, None)
            # Many-to-many values are saved after this (save_related): the form's are the new ones.
            after[name] = _shown(form.cleaned_data.get(name) if isinstance(value, models.Manager) else value)
        with acting_through("admin"):
            record(
                actor=request.user,
                action=f"{obj._meta.model_name}.{'updated' if change else 'created'}",
                target=obj,
                before=before,
                after=after,
            )

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        self._record_deletion(request, [obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet) -> None:
        with transaction.atomic(using=queryset.db):
            self._record_deletion(request, queryset)
            super().delete_queryset(request, queryset)

    def _record_deletion(self, request: HttpRequest, objects) -> None:
        with acting_through("admin"):
            for obj in objects:
                record(
                    actor=request.user,
                    action=f"{obj._meta.model_name}.deleted",
                    target=obj,
                    before={"object": str(obj)},
                )
