from django.urls import path

from .views import plan_templates, plans

app_name = "onboarding"

urlpatterns = [
    path("onboarding/", plans.mine, name="mine"),
    path("onboarding/tasks/", plans.my_tasks, name="my_tasks"),
    path("onboarding/all/", plans.onboarding_list, name="list"),
    path("onboarding/new/", plans.onboarding_create, name="create"),
    path("onboarding/<int:pk>/", plans.detail, name="detail"),
    path("onboarding/<int:pk>/edit/", plans.onboarding_update, name="update"),
    path("onboarding/<int:pk>/tasks/new/", plans.task_create, name="task_create"),
    path("onboarding/<int:pk>/close/", plans.onboarding_close, name="close"),
    path("onboarding/<int:pk>/reopen/", plans.onboarding_reopen, name="reopen"),
    path("onboarding/tasks/<int:pk>/toggle/", plans.task_toggle, name="task_toggle"),
    path("onboarding/tasks/<int:pk>/reassign/", plans.task_reassign, name="task_reassign"),
    path("onboarding/templates/", plan_templates.template_list, name="template_list"),
    path("onboarding/templates/new/", plan_templates.template_create, name="template_create"),
    path("onboarding/templates/<int:pk>/", plan_templates.template_detail, name="template_detail"),
    path(
        "onboarding/templates/<int:pk>/edit/",
        plan_templates.template_update,
        name="template_update",
    ),
    path(
        "onboarding/templates/<int:pk>/archive/",
        plan_templates.template_archive,
        name="template_archive",
    ),
    path(
        "onboarding/templates/<int:pk>/tasks/new/",
        plan_templates.template_task_create,
        name="template_task_create",
    ),
    path(
        "onboarding/template-tasks/<int:pk>/edit/",
        plan_templates.template_task_update,
        name="template_task_update",
    ),
    path(
        "onboarding/template-tasks/<int:pk>/delete/",
        plan_templates.template_task_delete,
        name="template_task_delete",
    ),
    path(
        "onboarding/template-tasks/<int:pk>/move/",
        plan_templates.template_task_move,
        name="template_task_move",
    ),
]
