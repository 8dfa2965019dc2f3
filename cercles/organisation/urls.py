from django.urls import path

from .views import edit, io, pages

app_name = "organisation"

urlpatterns = [
    # Reading (views/pages.py)
    path("", pages.home, name="home"),
    path("org/", pages.chart, name="chart"),
    path("org/history/", pages.history, name="history"),
    path("circles/<int:pk>/", pages.circle_detail, name="circle_detail"),
    path("circles/<int:pk>/history/", pages.circle_history, name="circle_history"),
    path("roles/<int:pk>/", pages.role_detail, name="role_detail"),
    path("people/", pages.people, name="people"),
    path("people/<int:pk>/", pages.person_detail, name="person_detail"),
    path("me/", pages.my_roles, name="my_roles"),
    # Changing the structure (views/edit.py)
    path("circles/new/", edit.circle_create, name="circle_create"),
    path("circles/<int:pk>/new-subcircle/", edit.subcircle_create, name="subcircle_create"),
    path("circles/<int:pk>/edit/", edit.circle_update, name="circle_update"),
    path("circles/<int:pk>/move/", edit.circle_move, name="circle_move"),
    path("circles/<int:pk>/archive/", edit.circle_archive, name="circle_archive"),
    path("circles/<int:pk>/new-role/", edit.role_create, name="role_create"),
    path("roles/<int:pk>/edit/", edit.role_update, name="role_update"),
    path("roles/<int:pk>/archive/", edit.role_archive, name="role_archive"),
    path("roles/<int:pk>/assign/", edit.assignment_create, name="assignment_create"),
    path("assignments/<int:pk>/edit/", edit.assignment_update, name="assignment_update"),
    path("assignments/<int:pk>/end/", edit.assignment_end, name="assignment_end"),
    # Import and export (views/io.py)
    path("org/import/", io.people_import, name="people_import"),
    path("org/export/people.csv", io.people_export_csv, name="people_export_csv"),
    path("org/export/people.xlsx", io.people_export_xlsx, name="people_export_xlsx"),
    path(
        "org/export/organisation.json", io.organisation_export_json, name="organisation_export_json"
    ),
    path("org/import/organisation/", io.organisation_import_json, name="organisation_import_json"),
]
