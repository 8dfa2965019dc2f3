app_name = "missions"

urlpatterns = []
