PATHS = {
    "/api/v1/trainings/trainings/",
    "/api/v1/trainings/trainings/{id}/",
    "/api/v1/trainings/sessions/",
    "/api/v1/trainings/sessions/{id}/",
    "/api/v1/trainings/sessions/{id}/register/",
    "/api/v1/trainings/sessions/{id}/unregister/",
    "/api/v1/trainings/registrations/",
    "/api/v1/trainings/registrations/{id}/",
}
