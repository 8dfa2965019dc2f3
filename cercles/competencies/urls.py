from django.urls import path

from .views import assessments, campaigns, framework, people

app_name = "competencies"

P = "competencies/"

urlpatterns = [
    path(P, framework.framework, name="framework"),
    path(f"{P}new/", framework.competency_create, name="competency_create"),
    path(f"{P}<int:pk>/", framework.competency_detail, name="competency_detail"),
    path(f"{P}<int:pk>/edit/", framework.competency_update, name="competency_update"),
    path(f"{P}<int:pk>/archive/", framework.competency_archive, name="competency_archive"),
    path(f"{P}<int:pk>/unarchive/", framework.competency_unarchive, name="competency_unarchive"),
    path(f"{P}families/new/", framework.family_create, name="family_create"),
    path(f"{P}families/<int:pk>/edit/", framework.family_update, name="family_update"),
    path(f"{P}import/", framework.import_competencies, name="import"),
    path(f"{P}campaigns/", campaigns.campaign_list, name="campaign_list"),
    path(f"{P}campaigns/new/", campaigns.campaign_create, name="campaign_create"),
    path(f"{P}campaigns/<int:pk>/", campaigns.campaign_detail, name="campaign_detail"),
    path(f"{P}campaigns/<int:pk>/edit/", campaigns.campaign_update, name="campaign_update"),
    path(f"{P}campaigns/<int:pk>/results/", campaigns.campaign_results, name="campaign_results"),
    path(
        f"{P}campaigns/<int:pk>/results.csv",
        campaigns.campaign_results_csv,
        name="campaign_results_csv",
    ),
    path(f"{P}campaigns/<int:pk>/assess/", assessments.assessment_edit, name="assessment_edit"),
    path(f"{P}mine/", assessments.my_assessments, name="my_assessments"),
    path(f"{P}shared/", assessments.shared_with_me, name="shared_with_me"),
    path(f"{P}assessments/<int:pk>/", assessments.assessment_detail, name="assessment_detail"),
    path(f"{P}assessments/<int:pk>/share/", assessments.assessment_share, name="assessment_share"),
    path(
        f"{P}assessments/<int:pk>/feedback/",
        assessments.feedback_request,
        name="feedback_request",
    ),
    path(f"{P}shares/<int:pk>/revoke/", assessments.share_revoke, name="share_revoke"),
    path(f"{P}feedback/<int:pk>/", assessments.feedback_answer, name="feedback_answer"),
    path(f"{P}feedback/<int:pk>/decline/", assessments.feedback_decline, name="feedback_decline"),
    path(f"{P}profile/", people.public_competencies, name="public_competencies"),
    path(f"{P}directory/", people.directory, name="directory"),
]
