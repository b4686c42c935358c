"""Driving Django's admin as a coordinator would: its change lists' actions and its change forms."""

from django import forms
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.messages import constants
from django.db import models
from django.test import Client
from django.urls import reverse


def changelist(model: type[models.Model]) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def change_url(obj: models.Model) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def run_action(client: Client, action: str, *objects: models.Model, **form):
    """Choose `action` for these objects in the change list, as the action bar submits it; with
    `form` data, submit the action's intermediate page instead. Follows the redirect."""
    data = {"action": action, ACTION_CHECKBOX_NAME: [obj.pk for obj in objects]}
    if form:
        data.update(form, apply="1")
    else:
        data.update(index="0", select_across="0")
    return client.post(changelist(type(objects[0])), data, follow=True)


def reported(response) -> list[tuple[str, str]]:
    """The messages the admin showed, as (level, text): "success" or "error"."""
    levels = {constants.SUCCESS: "success", constants.ERROR: "error"}
    return [
        (levels.get(message.level, str(message.level)), str(message))
        for message in response.context["messages"]
    ]


def _add(data: dict, form: forms.BaseForm) -> None:
    for bound in form:
        value = bound.value()
        widget = bound.field.widget
        if isinstance(widget, forms.MultiWidget):
            for index, part in enumerate(widget.decompress(value) if value else []):
                data[f"{bound.html_name}_{index}"] = "" if part is None else str(part)
        elif isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(item) for item in value]
        elif value is not None:
            data[bound.html_name] = str(value)


def change_form_data(response) -> dict:
    """What the change form posts back unchanged: its fields and its inlines' forms."""
    data: dict = {}
    _add(data, response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        _add(data, inline.formset.management_form)
        for form in inline.formset.forms:
            _add(data, form)
    return data
