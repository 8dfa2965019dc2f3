from django.urls import path

from .views import campaigns, dashboards, ideas, moderation, projects, themes

app_name = "ideas"

urlpatterns = [
    path("ideas/", ideas.idea_list, name="idea_list"),
    path("ideas/new/", ideas.idea_create, name="idea_create"),
    path("ideas/similar/", ideas.idea_similar, name="idea_similar"),
    path("ideas/dashboard/", dashboards.dashboard, name="dashboard"),
    path("ideas/export.csv", dashboards.idea_export_csv, name="idea_export_csv"),
    path("ideas/export.xlsx", dashboards.idea_export_xlsx, name="idea_export_xlsx"),
    path("ideas/<int:pk>/", ideas.idea_detail, name="idea_detail"),
    path("ideas/<int:pk>/edit/", ideas.idea_update, name="idea_update"),
    path("ideas/<int:pk>/submit/", ideas.idea_submit, name="idea_submit"),
    path("ideas/<int:pk>/attachment/", ideas.idea_attachment, name="idea_attachment"),
    path("ideas/<int:pk>/support/", ideas.idea_support, name="idea_support"),
    path("ideas/<int:pk>/unsupport/", ideas.idea_unsupport, name="idea_unsupport"),
    path("ideas/<int:pk>/follow/", ideas.idea_follow, name="idea_follow"),
    path("ideas/<int:pk>/unfollow/", ideas.idea_unfollow, name="idea_unfollow"),
    path("ideas/<int:pk>/answer/", ideas.idea_answer, name="idea_answer"),
    path("ideas/<int:pk>/merge/", ideas.idea_merge, name="idea_merge"),
    path("ideas/<int:pk>/comments/", ideas.comment_create, name="comment_create"),
    path("comments/<int:pk>/report/", moderation.comment_report, name="comment_report"),
    path("comments/<int:pk>/hide/", moderation.comment_hide, name="comment_hide"),
    path("campaigns/", campaigns.campaign_list, name="campaign_list"),
    path("campaigns/new/", campaigns.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/", campaigns.campaign_detail, name="campaign_detail"),
    path("campaigns/<int:pk>/edit/", campaigns.campaign_update, name="campaign_update"),
    path("campaigns/<int:pk>/ideas/new/", ideas.campaign_idea_create, name="campaign_idea_create"),
    # Themes of a campaign
    path("campaigns/<int:pk>/themes/", themes.theme_list, name="theme_list"),
    path("campaigns/<int:pk>/themes/propose/", themes.theme_propose, name="theme_propose"),
    path("campaigns/<int:pk>/themes/new/", themes.theme_create, name="theme_create"),
    path("campaigns/<int:pk>/themes/move/", themes.theme_move, name="theme_move"),
    path("themes/<int:pk>/edit/", themes.theme_update, name="theme_update"),
    path("themes/<int:pk>/merge/", themes.theme_merge, name="theme_merge"),
    path("themes/<int:pk>/delete/", themes.theme_delete, name="theme_delete"),
    path("themes/<int:pk>/project/", themes.theme_project, name="theme_project"),
    # Innovation groups / projects
    path("projects/", projects.project_list, name="project_list"),
    path("projects/new/", projects.project_create, name="project_create"),
    path("projects/<int:pk>/", projects.project_detail, name="project_detail"),
    path("projects/<int:pk>/edit/", projects.project_update, name="project_update"),
    path("projects/<int:pk>/join/", projects.project_join, name="project_join"),
    path("projects/<int:pk>/leave/", projects.project_leave, name="project_leave"),
    path("projects/<int:pk>/hand-over/", projects.project_hand_over, name="project_hand_over"),
    path("projects/<int:pk>/milestones/new/", projects.milestone_create, name="milestone_create"),
    path("projects/<int:pk>/circle/", projects.project_make_circle, name="project_make_circle"),
    path("milestones/<int:pk>/edit/", projects.milestone_update, name="milestone_update"),
    path("milestones/<int:pk>/delete/", projects.milestone_delete, name="milestone_delete"),
    path("campaigns/<int:pk>/dashboard/", dashboards.campaign_dashboard, name="campaign_dashboard"),
    path(
        "campaigns/<int:pk>/export.csv", dashboards.campaign_export_csv, name="campaign_export_csv"
    ),
    path(
        "campaigns/<int:pk>/export.xlsx",
        dashboards.campaign_export_xlsx,
        name="campaign_export_xlsx",
    ),
]
