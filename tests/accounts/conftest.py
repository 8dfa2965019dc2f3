from html.parser import HTMLParser

import pytest


@pytest.fixture
def mail_outbox(settings, mailoutbox):
    """The locmem backend, whatever EMAIL_BACKEND the environment sets."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return mailoutbox


class FormControls(HTMLParser):
    """Collects the visible form controls of a page and the ids that a <label for> names."""

    def __init__(self):
        super().__init__()
        self.controls: list[dict] = []
        self.label_for: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "label" and attrs.get("for"):
            self.label_for.add(attrs["for"])
        elif (
            tag == "input"
            and attrs.get("type", "text") not in {"hidden", "submit", "button"}
            or tag in {"select", "textarea"}
        ):
            self.controls.append(attrs)


def unlabelled_controls(html: str) -> list[dict]:
    parser = FormControls()
    parser.feed(html)
    assert parser.controls, "the page has no form control at all"
    return [c for c in parser.controls if c.get("id") not in parser.label_for]
