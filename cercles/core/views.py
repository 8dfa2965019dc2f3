from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from cercles.core.search import search_all


def hello(request):
    """A trivial view through the same middleware: the benchmark's yardstick.

    It reads `request.user` like every page does, so the session and the user are
    loaded: what remains of a page's time beyond this is the page's own work.
    """
    return HttpResponse("hello" if request.user.is_authenticated else "hello, stranger")


@login_required
def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results = search_all(query, user=request.user) if query else None
    return render(request, "core/search.html", {"query": query, "results": results})


NOTIFICATIONS_PER_PAGE = 30


@login_required
def notifications(request):
    """My notifications, newest first; POST marks them all read."""
    from django.core.paginator import Paginator
    from django.shortcuts import redirect

    from cercles.core.models import Notification
    from cercles.core.notifications import notifications_mark_read

    if request.method == "POST":
        notifications_mark_read(person=request.user)
        return redirect("core:notifications")
    # Queries: the count; the page of notifications.
    page = Paginator(
        Notification.objects.filter(recipient=request.user), NOTIFICATIONS_PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(request, "core/notifications.html", {"page": page})
