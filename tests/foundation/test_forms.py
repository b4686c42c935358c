"""The shared form rendering (templates/includes/form_fields.html, core/forms.py), on real pages:
the error summary, optional marks, errors on their field, bare domains, fields that apply, Europe
first in country lists, the password's errors on the password."""

import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from core.europe import EUROPE
from partners.models import MembershipApplication
from tests.factories import CityFactory, PartnerFactory, RepresentativeFactory

pytestmark = pytest.mark.django_db

JOIN = "/join/"


def application(**changes):
    return {
        "organisation_name": "Uppsala kommun",
        "kind": "city",
        "country": "SE",
        "city": "Uppsala",
        "website": "uppsala.example",
        "population": "240000",
        "contact_name": "Ebba Lind",
        "contact_email": "ebba@uppsala.example",
        "consent": "on",
        **changes,
    }


def test_errors_are_summed_up_first_with_a_link_to_each_field(client):
    response = client.post(JOIN, application(contact_email="nope", organisation_name=""))
    html = response.content.decode()
    assert response.status_code == 400
    summary = html[html.index('class="error-summary"') :]
    assert summary.index("There is a problem") < summary.index('id="id_organisation_name"')
    assert (
        "autofocus" in html[html.index('<div class="error-summary"') - 5 : html.index("There is a problem")]
    )
    for field in ("id_organisation_name", "id_contact_email"):
        assert f'<a href="#{field}" data-focus="{field}">' in html
    assert "Organisation: This field is required." in summary  # each error says which field
    # The error sits beside its field, before the input, and describes it.
    field = html[html.index('<label for="id_contact_email">') :]
    assert field.index('id="id_contact_email_error"') < field.index("<input")
    assert re.search(r'<input[^>]*aria-describedby="id_contact_email_error"[^>]*id="id_contact_email"', field)
    assert not MembershipApplication.objects.exists()


def test_without_errors_there_is_no_summary(client):
    assert "error-summary" not in client.get(JOIN).content.decode()


def test_optional_fields_are_marked_and_required_ones_are_not(client):
    html = client.get(JOIN).content.decode()
    assert re.search(r'<label for="id_website">[^<]*<span class="optional">\(optional\)</span></label>', html)
    assert re.search(r'<label for="id_organisation_name">[^<]*</label>', html)


def test_a_form_of_optional_fields_only_marks_none(client):
    assert "(optional)" not in client.get("/groups/").content.decode()


def test_a_bare_domain_is_accepted_and_stored_as_https(client):
    html = client.get(JOIN).content.decode()
    website = re.search(r'<input[^>]*id="id_website"[^>]*>', html).group(0)
    assert 'type="text"' in website and 'inputmode="url"' in website
    response = client.post(JOIN, application())
    assert response.status_code == 302
    assert MembershipApplication.objects.get().website == "https://uppsala.example"


def test_company_fields_apply_to_companies_only(client):
    html = client.get(JOIN).content.decode()
    for name in ("staff_count", "turnover_eur_m", "balance_sheet_eur_m"):
        assert re.search(
            rf'data-applies-field="id_kind" data-applies-values="company">\s*<label for="id_{name}"', html
        )
    assert 'data-applies-field="id_kind" data-applies-values="city region">' in html
    # A city that typed a turnover before choosing its kind keeps none.
    client.post(JOIN, application(staff_count="40", turnover_eur_m="8"))
    saved = MembershipApplication.objects.get()
    assert saved.staff_count is None and saved.turnover_eur_m is None


def test_a_city_edits_its_profile_without_company_fields_and_a_company_with_them(client):
    city = CityFactory()
    company = PartnerFactory(kind="company")
    for partner, shown in ((city, False), (company, True)):
        client.force_login(RepresentativeFactory(partner=partner).user)
        html = client.get(f"/partners/{partner.slug}/edit/").content.decode()
        assert ('id="id_staff_count"' in html) is shown
        assert ('id="id_turnover_eur_m"' in html) is shown


def test_country_lists_start_with_europe(client):
    html = client.get(JOIN).content.decode()
    select = html[html.index('<select name="country"') :]
    options = re.findall(r'<option value="(\w*)"', select[: select.index("</select>")])
    codes = [code for code in options if code]
    assert set(codes[: len(EUROPE)]) == set(EUROPE)
    assert codes.index("AT") < codes.index("BE") < codes.index("AF")  # Europe by name, then the rest


def test_a_too_short_password_is_an_error_of_the_password_not_of_its_confirmation(client, cast):
    user = cast.rep_a
    uid, token = urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)
    url = f"/accounts/reset/{uid}/{token}/"
    form_url = client.get(url).url
    response = client.post(form_url, {"new_password1": "short", "new_password2": "short"})
    form = response.context["form"]
    assert response.status_code == 200 and "new_password1" in form.errors
    assert "new_password2" not in form.errors
    mismatch = client.post(form_url, {"new_password1": "short", "new_password2": "other"})
    assert list(mismatch.context["form"].errors) == ["new_password2"]
    done = client.post(form_url, {"new_password1": "a long one 7781", "new_password2": "a long one 7781"})
    assert done.status_code == 302


def test_a_too_short_new_password_on_the_change_page_marks_the_new_password(client, cast):
    cast.rep_a.set_password("correct horse battery staple")
    cast.rep_a.save()
    client.force_login(cast.rep_a)
    response = client.post(
        "/accounts/password_change/",
        {"old_password": "correct horse battery staple", "new_password1": "ab", "new_password2": "ab"},
    )
    assert list(response.context["form"].errors) == ["new_password1"]
