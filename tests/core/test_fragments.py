"""cercles.core.fragments: generations and cached fragments."""

from django.core.cache import cache

from cercles.core import fragments


def test_generation_is_stable_until_bumped(db, django_capture_on_commit_callbacks):
    first = fragments.generation("things")
    assert fragments.generation("things") == first
    assert fragments.generation("other") != first
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        fragments.bump("things")
    second = fragments.generation("things")
    assert second != first
    # Bumped again at commit: a page rendered before the commit is not kept.
    assert len(callbacks) == 1
    callbacks[0]()
    assert fragments.generation("things") not in (first, second)


def test_cached_values_computes_only_the_missing_ones():
    calls = []

    def compute(missing):
        calls.append(sorted(missing))
        return {item: f"<li>{item}</li>" for item in missing}

    keys = {1: "k:1", 2: "k:2"}
    assert fragments.cached_values(keys, compute) == {1: "<li>1</li>", 2: "<li>2</li>"}
    assert fragments.cached_values({**keys, 3: "k:3"}, compute)[3] == "<li>3</li>"
    assert calls == [[1, 2], [3]]


def test_cached_fragments_are_safe_html_even_from_the_cache():
    cache.set("f:1", "<b>gras</b>")
    html = fragments.cached_fragments({1: "f:1"}, lambda missing: {})[1]
    assert hasattr(html, "__html__") and html == "<b>gras</b>"
    one = fragments.cached_fragment("f:2", lambda: "<i>un</i>")
    assert hasattr(one, "__html__") and one == "<i>un</i>"
    assert fragments.cached_fragment("f:2", lambda: "autre") == "<i>un</i>"
