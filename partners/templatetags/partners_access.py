"""partners.access for templates, so a page asks the same question as its view:
`{% load partners_access %}` then `person|acts_for_partner`, `user|may_hold_api_token`,
`user|is_coordinator`."""

from django import template

from .. import access

register = template.Library()

register.filter("acts_for_partner", access.acts_for_partner)
register.filter("in_network", access.in_network)
register.filter("is_coordinator", access.is_coordinator)
register.filter("may_hold_api_token", access.may_hold_api_token)
