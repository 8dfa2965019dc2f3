PATHS = {
    "/api/v1/onboarding/onboardings/",
    "/api/v1/onboarding/onboardings/{id}/",
    "/api/v1/onboarding/onboardings/{id}/close/",
    "/api/v1/onboarding/tasks/",
    "/api/v1/onboarding/tasks/{id}/",
    "/api/v1/onboarding/tasks/{id}/check/",
    "/api/v1/onboarding/tasks/{id}/reassign/",
    "/api/v1/onboarding/templates/",
    "/api/v1/onboarding/templates/{id}/",
}
