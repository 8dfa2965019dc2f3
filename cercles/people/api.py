def register(router):
    """Register this app's viewsets on the API router."""
