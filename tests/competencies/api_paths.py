PATHS = {
    "/api/v1/competencies/families/",
    "/api/v1/competencies/families/{id}/",
    "/api/v1/competencies/framework/",
    "/api/v1/competencies/framework/{id}/",
    "/api/v1/competencies/campaigns/",
    "/api/v1/competencies/campaigns/{id}/",
    "/api/v1/competencies/assessments/",
    "/api/v1/competencies/assessments/{id}/",
}
