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
