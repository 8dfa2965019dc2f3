"""The OpenAPI schema: served, valid, and describing every organisation endpoint."""

import importlib
import importlib.util

from django.core.management import call_command

# Apps that list their own API paths in tests/<app>/api_paths.py (a set named PATHS).
APP_PATHS = set().union(
    *(
        importlib.import_module(f"tests.{app}.api_paths").PATHS
        for app in ("people", "competencies", "coaching", "missions", "trainings", "onboarding")
        if importlib.util.find_spec(f"tests.{app}.api_paths") is not None
    )
)


def test_schema_is_served_without_login(client):
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert (
        set(paths)
        == {
            "/api/v1/assignments/",
            "/api/v1/assignments/{id}/",
            "/api/v1/assignments/{id}/end/",
            "/api/v1/circles/",
            "/api/v1/circles/{id}/",
            "/api/v1/circles/{id}/archive/",
            "/api/v1/circles/{id}/move/",
            "/api/v1/history/",
            "/api/v1/history/{id}/",
            "/api/v1/people/",
            "/api/v1/people/{id}/",
            "/api/v1/roles/",
            "/api/v1/roles/{id}/",
            "/api/v1/roles/{id}/archive/",
            "/api/v1/campaigns/",
            "/api/v1/campaigns/{id}/",
            "/api/v1/ideas/",
            "/api/v1/ideas/similar/",
            "/api/v1/ideas/{id}/",
            "/api/v1/ideas/{id}/comments/",
            "/api/v1/ideas/{id}/merge/",
            "/api/v1/ideas/{id}/support/",
            "/api/v1/ideas/{id}/transition/",
            "/api/v1/ideas/{id}/unsupport/",
            "/api/v1/themes/",
            "/api/v1/themes/{id}/",
            "/api/v1/projects/",
            "/api/v1/projects/{id}/",
            "/api/v1/projects/{id}/join/",
            "/api/v1/projects/{id}/leave/",
            "/api/v1/projects/{id}/milestones/",
            "/api/v1/milestones/{id}/",
            "/api/v1/meetings/",
            "/api/v1/meetings/{id}/",
            "/api/v1/polls/",
            "/api/v1/polls/{id}/",
            "/api/v1/polls/{id}/results/",
            "/api/v1/polls/{id}/vote/",
            "/api/v1/meetings/{id}/ratings/",
            "/api/v1/meeting-actions/",
            "/api/v1/meeting-actions/{id}/",
            "/api/v1/meeting-actions/{id}/done/",
            "/api/v1/meeting-ratings/",
            "/api/v1/meeting-ratings/{id}/",
            "/api/v1/proposals/",
            "/api/v1/proposals/{id}/",
            "/api/v1/decisions/",
            "/api/v1/decisions/{id}/",
            "/api/v1/objections/",
            "/api/v1/objections/{id}/",
            "/api/v1/dissent-notes/",
            "/api/v1/dissent-notes/{id}/",
            "/api/v1/consultations/",
            "/api/v1/consultations/{id}/",
            "/api/v1/consultations/{id}/analysis/",
            "/api/v1/consultations/{id}/next-statement/",
            "/api/v1/consultations/{id}/participate/",
            "/api/v1/consultations/{id}/statements/",
            "/api/v1/consultations/{id}/vote/",
            "/api/v1/elections/",
            "/api/v1/elections/{id}/",
            "/api/v1/elections/{id}/nominate/",
            "/api/v1/elections/{id}/object/",
            "/api/v1/knowledge/pages/",
            "/api/v1/knowledge/pages/{id}/",
            "/api/v1/knowledge/pages/{id}/revisions/",
            "/api/v1/knowledge/time-eaters/",
            "/api/v1/knowledge/time-eaters/{id}/",
        }
        | APP_PATHS
    )
    assert "tokenAuth" in response.json()["components"]["securitySchemes"]


def test_schema_generates_without_warnings(tmp_path):
    # --fail-on-warn turns any drf-spectacular warning or error into a failure.
    out = tmp_path / "schema.yaml"
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--api-version", "v1", "--file", str(out)
    )
    assert "/api/v1/circles/{id}/move/" in out.read_text()


def test_docs_page_is_served(client):
    assert client.get("/api/v1/docs/").status_code == 200
