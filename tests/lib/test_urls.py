from django.urls import reverse, set_script_prefix

from cercles.lib.urls import cached_reverse


def test_cached_reverse_gives_what_reverse_gives():
    assert cached_reverse("organisation:circle_detail", 12) == reverse(
        "organisation:circle_detail", args=[12]
    )
    assert cached_reverse("organisation:chart") == "/org/"


def test_cached_reverse_follows_the_script_prefix():
    try:
        set_script_prefix("/cercles/")
        assert cached_reverse("organisation:circle_detail", 12) == "/cercles/circles/12/"
    finally:
        set_script_prefix("/")
    assert cached_reverse("organisation:circle_detail", 12) == "/circles/12/"
