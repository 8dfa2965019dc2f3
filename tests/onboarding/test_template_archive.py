"""Archiving a plan template: no longer offered for a new onboarding (form, API,
service), the onboardings made from it untouched; HR only; it can come back."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from cercles.onboarding import services
from cercles.onboarding.models import Onboarding, PlanTemplate
from tests.factories import PersonFactory


def test_archive_and_restore(hr, lead_link, onboarding, template, today):
    with pytest.raises(PermissionDenied):
        services.template_archive(template=template, by=lead_link)
    services.template_archive(template=template, by=hr)
    assert PlanTemplate.objects.get(pk=template.pk).archived_at is not None
    assert onboarding.tasks.count() == 6  # the plans made from it stay
    with pytest.raises(ValidationError) as error:
        services.onboarding_create(
            by=hr, newcomer=PersonFactory(), start_date=today, template=template
        )
    assert error.value.message_dict == {
        "template": ["Ce modèle est archivé : choisissez-en un autre."]
    }
    with pytest.raises(ValidationError):
        services.template_archive(template=template, by=hr)
    services.template_restore(template=template, by=hr)
    assert (
        services.onboarding_create(
            by=hr, newcomer=PersonFactory(), start_date=today, template=template
        ).tasks.count()
        == 6
    )


def test_the_pages_archive_and_hide_the_template(login, hr, lead_link, template, org, today):
    url = reverse("onboarding:template_archive", args=[template.pk])
    assert login(lead_link).post(url).status_code == 403
    client = login(hr)
    offered = f'<option value="{template.pk}">Accueil standard</option>'
    assert offered in client.get(reverse("onboarding:create")).content.decode()
    response = client.post(url, {"action": "archive"})
    assert response.status_code == 302 and response.url == template.get_absolute_url()
    body = client.get(template.get_absolute_url()).content.decode()
    assert "plus proposé pour un nouvel accueil" in body and "Remettre en service" in body
    body = client.get(reverse("onboarding:template_list")).content.decode()
    assert "<td>Archivé</td>" in body
    assert offered not in client.get(reverse("onboarding:create")).content.decode()
    # A form posted with it (an old tab) gets a message, nothing is written.
    newcomer = PersonFactory(email="tard@exemple.fr")
    response = client.post(
        reverse("onboarding:create"),
        {
            "newcomer": newcomer.email,
            "start_date": today.isoformat(),
            "circle": org["rh"].pk,
            "template": template.pk,
        },
    )
    assert "Choisissez un modèle de la liste." in response.content.decode()
    assert not Onboarding.objects.filter(newcomer=newcomer).exists()
    client.post(url, {"action": "restore"})
    assert PlanTemplate.objects.get(pk=template.pk).archived_at is None


def test_the_api_refuses_an_archived_template(client, hr, template, today):
    from cercles.accounts.tokens import api_token_create

    services.template_archive(template=template, by=hr)
    _token, raw = api_token_create(person=hr, name="test")
    response = client.post(
        "/api/v1/onboarding/onboardings/",
        {"newcomer": PersonFactory().pk, "start_date": today.isoformat(), "template": template.pk},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {raw}",
    )
    assert response.status_code == 400 and list(response.json()) == ["template"]
    data = client.get(
        f"/api/v1/onboarding/templates/{template.pk}/", HTTP_AUTHORIZATION=f"Token {raw}"
    ).json()
    assert data["archived_at"] is not None
