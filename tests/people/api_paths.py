PATHS = {
    "/api/v1/development/catalogue/",
    "/api/v1/development/catalogue/{id}/",
    "/api/v1/development/path-entries/",
    "/api/v1/development/path-entries/{id}/",
}
