from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cercles.lib.text import fold


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Anyone logged in sees the active people of the organisation."""
        if not (user and user.is_authenticated):
            return self.none()
        return self.filter(is_active=True)


class PersonManager(BaseUserManager.from_queryset(PersonQuerySet)):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        person = self.model(email=self.normalize_email(email).lower(), **fields)
        person.search_text = person.compute_search_text()
        person.set_password(password)
        person.save(using=self._db)
        return person

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True, is_org_admin=True)
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class Person(AbstractBaseUser, PermissionsMixin):
    """A member of staff; the user model (login by e-mail)."""

    email = models.EmailField(_("adresse e-mail"), unique=True)
    first_name = models.CharField(_("prénom"), max_length=150, blank=True)
    last_name = models.CharField(_("nom"), max_length=150, blank=True)
    matricule = models.CharField(_("matricule"), max_length=50, blank=True, default="")
    job_title = models.CharField(_("fonction"), max_length=200, blank=True)
    unit = models.CharField(_("unité (SIRH)"), max_length=200, blank=True)
    site = models.CharField(_("site"), max_length=200, blank=True)
    phone = models.CharField(_("téléphone"), max_length=40, blank=True)
    is_staff = models.BooleanField(_("accès à l'administration Django"), default=False)
    is_active = models.BooleanField(_("actif"), default=True)
    is_org_admin = models.BooleanField(
        _("administrateur de l'organisation"),
        default=False,
        help_text=_("Peut créer des cercles de premier niveau et modifier toute l'organisation."),
    )
    date_joined = models.DateTimeField(_("arrivé le"), default=timezone.now)
    # Accent-folded, lower-case name, e-mail and job title: the directory's search key.
    search_text = models.TextField(editable=False, default="")

    objects = PersonManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("personne")
        verbose_name_plural = _("personnes")
        ordering = ["last_name", "first_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["matricule"],
                condition=~models.Q(matricule=""),
                name="person_matricule_unique",
            ),
        ]
        # The directory and the API list people in this order, a page at a time.
        indexes = [models.Index(fields=["last_name", "first_name", "id"], name="person_order_idx")]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        name = f"{self.first_name} {self.last_name}".strip()
        return name or self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.first_name or self.email

    def compute_search_text(self):
        return fold(
            " ".join([self.first_name, self.last_name, self.email, self.job_title, self.unit])
        )

    @property
    def is_admin(self):
        """Organisation admin: may change the whole structure."""
        return self.is_active and (self.is_org_admin or self.is_superuser)


from cercles.accounts.tokens import ApiToken  # noqa: E402,F401  (registered with the app)
