PATHS = {
    "/api/v1/missions/",
    "/api/v1/missions/{id}/",
    "/api/v1/missions/{id}/apply/",
    "/api/v1/missions/{id}/close/",
    "/api/v1/missions/{id}/publish/",
    "/api/v1/missions/applications/",
    "/api/v1/missions/applications/{id}/",
    "/api/v1/missions/applications/{id}/accept/",
    "/api/v1/missions/applications/{id}/answer/",
    "/api/v1/missions/applications/{id}/decline/",
    "/api/v1/missions/applications/{id}/select/",
    "/api/v1/missions/applications/{id}/withdraw/",
}
