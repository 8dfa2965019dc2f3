"""Themes: the handful of groups a facilitator sorts a campaign's ideas into.

The services propose a grouping (clustering on the similarity engine's vectors) and
the facilitator edits it by hand. An idea belongs to at most one theme: `Idea.theme`
is a nullable column rather than a through table, so "at most one" holds by
construction and a campaign's themes with their ideas are read in one prefetch. That
the theme is of the idea's own campaign is kept by the services (a database cannot
check it across two tables without triggers).
"""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cercles.core.models import TimeStampedModel

# Key terms are stored as one line, in this order, separated by this mark.
KEY_TERMS_SEPARATOR = ", "


class ThemeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Anyone logged in reads every theme (the ideas in it are filtered apart)."""
        if not (user and user.is_authenticated):
            return self.none()
        return self

    def with_idea_counts(self):
        return self.annotate(idea_count=Count("ideas", distinct=True))


class Theme(TimeStampedModel):
    campaign = models.ForeignKey(
        "ideas.Campaign",
        verbose_name=_("campagne"),
        on_delete=models.CASCADE,
        related_name="themes",
    )
    name = models.CharField(_("nom"), max_length=200)
    key_terms = models.TextField(
        _("termes clés"), blank=True, help_text=_("Séparés par des virgules.")
    )
    central_idea = models.ForeignKey(
        "ideas.Idea",
        verbose_name=_("idée centrale"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créé par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ThemeQuerySet.as_manager()

    class Meta:
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")
        ordering = ["campaign_id", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name=""),
                name="theme_name_not_empty",
                violation_error_message=_("Donnez un nom au thème."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('ideas:theme_list', args=[self.campaign_id])}#theme-{self.pk}"

    def key_term_list(self) -> list[str]:
        return [t.strip() for t in self.key_terms.split(",") if t.strip()]


def join_key_terms(terms) -> str:
    return KEY_TERMS_SEPARATOR.join(t.strip() for t in terms if t and t.strip())
