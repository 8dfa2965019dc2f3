from django.urls import path

from .views import changes, decisions, proposals

app_name = "decisions"

urlpatterns = [
    # A circle's proposals and decisions
    path("circles/<int:pk>/proposals/new/", proposals.proposal_create, name="proposal_create"),
    path("circles/<int:pk>/decisions/", decisions.circle_decisions, name="circle_decisions"),
    # A proposal and the steps of its process
    path("proposals/<int:pk>/", proposals.proposal_detail, name="proposal_detail"),
    path("proposals/<int:pk>/edit/", proposals.proposal_update, name="proposal_update"),
    path("proposals/<int:pk>/submit/", proposals.proposal_submit, name="proposal_submit"),
    path("proposals/<int:pk>/consult/", proposals.proposal_consult, name="proposal_consult"),
    path("proposals/<int:pk>/start/", proposals.proposal_start, name="proposal_start"),
    path("proposals/<int:pk>/step/", proposals.proposal_step, name="proposal_step"),
    path("proposals/<int:pk>/react/", proposals.proposal_react, name="proposal_react"),
    path("proposals/<int:pk>/questions/", proposals.question_create, name="question_create"),
    path("questions/<int:pk>/answer/", proposals.question_answer, name="question_answer"),
    path("proposals/<int:pk>/amend/", proposals.proposal_amend, name="proposal_amend"),
    path("proposals/<int:pk>/object/", proposals.objection_create, name="objection_create"),
    path("objections/<int:pk>/test/", proposals.objection_test, name="objection_test"),
    path(
        "objections/<int:pk>/withdraw/",
        proposals.objection_withdraw,
        name="objection_withdraw",
    ),
    path("proposals/<int:pk>/ask-meeting/", proposals.meeting_request, name="meeting_request"),
    path("proposals/<int:pk>/outcome/", proposals.proposal_outcome, name="proposal_outcome"),
    # Governance changes
    path("proposals/<int:pk>/changes/new/", changes.change_create, name="change_create"),
    path("changes/<int:pk>/delete/", changes.change_delete, name="change_delete"),
    # Decision records
    path("decisions/<int:pk>/", decisions.decision_detail, name="decision_detail"),
    path("decisions/<int:pk>/dissent/", decisions.dissent_note, name="dissent_note"),
]
