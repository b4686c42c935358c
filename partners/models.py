import unicodedata
from datetime import date
from decimal import Decimal
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.postgres.search import TrigramWordSimilarity
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connections, models
from django.db.models import Case, Count, F, Func, Q, Value, When
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from knox.models import AbstractAuthToken

from core.collation import NaturalOrder

#: The day the cities signed the EV4SCC manifesto and the network started.
LAUNCH_DATE = date(2016, 1, 28)

#: The EU definition of an SME (Recommendation 2003/361/EC).
SME_MAX_STAFF = 250
SME_MAX_TURNOVER_EUR_M = Decimal(50)
SME_MAX_BALANCE_SHEET_EUR_M = Decimal(43)


def meets_sme_definition(
    staff_count: int | None, turnover_eur_m: Decimal | None, balance_sheet_eur_m: Decimal | None
) -> bool | None:
    """Whether these facts make an SME under the EU definition; None when the facts are missing."""
    if staff_count is None or (turnover_eur_m is None and balance_sheet_eur_m is None):
        return None
    small_enough = (turnover_eur_m is not None and turnover_eur_m <= SME_MAX_TURNOVER_EUR_M) or (
        balance_sheet_eur_m is not None and balance_sheet_eur_m <= SME_MAX_BALANCE_SHEET_EUR_M
    )
    return staff_count < SME_MAX_STAFF and small_enough


def normalise(text: str) -> str:
    """Text for accent- and case-insensitive matching: accents stripped, case folded, spaces collapsed.

    Partners keep a normalised copy of their searchable text in a column, so the same plain
    `contains` lookup finds "Île-de-France" from "ile de" on SQLite and on PostgreSQL alike,
    without database extensions (PostgreSQL's unaccent) or custom SQL functions.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.casefold().split())


def website_domain(url: str) -> str:
    """The host of a website without "www.", lower case; "" when there is none."""
    host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    return host.removeprefix("www.")


class PartnerKind(models.TextChoices):
    CITY = "city", _("City")
    REGION = "region", _("Region")
    COMPANY = "company", _("Company")
    RESEARCH = "research", _("Research body")
    ASSOCIATION = "association", _("Association")
    PUBLIC_BODY = "public_body", _("Public body")
    OTHER = "other", _("Other")


CITY_KINDS = (PartnerKind.CITY, PartnerKind.REGION)


class WordSimilar(Func):
    """`word <% text` (pg_trgm): some word of `text` is spelt nearly like `word`. As an operator, not
    the word_similarity() function, so that the trigram index on the text answers it."""

    arg_joiner = " <%% "
    template = "(%(expressions)s)"
    output_field = models.BooleanField()


class PartnerQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        # bulk_create skips save(), which keeps the normalised columns; fill them here instead.
        objs = list(objs)
        for partner in objs:
            partner.fill_normalised()
        return super().bulk_create(objs, *args, **kwargs)

    def search(self, text: str) -> "PartnerQuerySet":
        """Partners whose name, city or description match every word of `text`, ignoring accents and
        case, the best matches first (then by name).

        On PostgreSQL a word also matches a word that is spelt nearly alike ("gotenburg" finds
        "Gothenburg"): pg_trgm's word similarity, answered by the trigram index on `search_text`
        (migration 0006), and the relevance is that similarity, counted twice in the name. On SQLite,
        the embedded default, a word matches where the text contains it, and names that contain the
        words come first.
        """
        words = normalise(text).split()
        if not words:
            return self
        if connections[self.db].vendor == "postgresql":
            matches = [
                Q(search_text__contains=word) | Q(WordSimilar(Value(word), F("search_text")))
                for word in words
            ]
            relevance = [
                2 * TrigramWordSimilarity(word, "name_key") + TrigramWordSimilarity(word, "search_text")
                for word in words
            ]
        else:
            matches = [Q(search_text__contains=word) for word in words]
            relevance = [Case(When(name_key__contains=word, then=1), default=0) for word in words]
        return (
            self.filter(*matches)
            .annotate(relevance=sum(relevance[1:], start=relevance[0]))
            .order_by("-relevance", NaturalOrder("name", "name_key").asc(), "pk")
        )

    def active(self, on: date | None = None) -> "PartnerQuerySet":
        """Partners in the network on a date (today by default): joined on or before, not left by then."""
        on = on or timezone.localdate()
        return self.filter(joined_on__lte=on).filter(Q(left_on__isnull=True) | Q(left_on__gt=on))

    def cities(self) -> "PartnerQuerySet":
        """Cities and regions: the places EV4SCC counts towards its 50-cities target."""
        return self.filter(kind__in=CITY_KINDS)

    def smes(self) -> "PartnerQuerySet":
        return self.filter(is_sme=True)

    def headline_figures(self) -> dict[str, int]:
        """Partners, countries, and cities and regions among them, in one query."""
        return self.aggregate(
            partners=Count("id"),
            countries=Count("country", distinct=True),
            cities=Count("id", filter=Q(kind__in=CITY_KINDS)),
        )


class Partner(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=PartnerKind.choices)
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=120, blank=True, help_text=_("Where the organisation is."))
    is_sme = models.BooleanField(_("SME"), default=False, db_index=True)
    staff_count = models.PositiveIntegerField(_("staff"), null=True, blank=True)
    turnover_eur_m = models.DecimalField(
        _("turnover (EUR m)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    balance_sheet_eur_m = models.DecimalField(
        _("balance sheet total (EUR m)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    joined_on = models.DateField(_("joined on"), db_index=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    is_network_coordinator = models.BooleanField(
        _("network coordinator"), default=False, help_text=_("Coordinates the EV4SCC network.")
    )
    is_demo = models.BooleanField(
        _("demo data"), default=False, help_text=_("Generated for the demo; not a real organisation.")
    )
    # Kept by save() and bulk_create() from the fields above (see normalise()).
    name_key = models.CharField(max_length=200, editable=False, db_index=True, default="")
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        # Natural-language order (core.collation): ICU on PostgreSQL, the normalised key elsewhere.
        ordering = [NaturalOrder("name", "name_key").asc()]
        indexes = [
            models.Index(fields=["name"]),
            # The order on SQLite (on PostgreSQL the ICU expression indexes of migration 0004).
            models.Index(fields=["country", "name_key"]),
            models.Index(fields=["kind", "name_key"]),
            # The directory filtered by country or kind, in name order: a walk of the index to the page
            # instead of a sort of every matching partner.
            models.Index(fields=["country", "name"]),
            models.Index(fields=["kind", "name"]),
            models.Index(fields=["joined_on", "left_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gt=F("joined_on")),
                name="partner_left_after_joined",
                violation_error_message=_("A partner leaves after it joined."),
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(
                    latitude__isnull=False,
                    longitude__isnull=False,
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="partner_location_valid",
                violation_error_message=_("A location needs both a latitude and a longitude, in range."),
            ),
            models.CheckConstraint(
                condition=Q(turnover_eur_m__isnull=True) | Q(turnover_eur_m__gte=0),
                name="partner_turnover_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(balance_sheet_eur_m__isnull=True) | Q(balance_sheet_eur_m__gte=0),
                name="partner_balance_sheet_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.fill_normalised()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_key", "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return f"/partners/{self.slug}/"

    def fill_normalised(self) -> None:
        self.name_key = normalise(self.name)[:200]
        # Every language's description is searchable, whatever the reader's language.
        descriptions = [getattr(self, f"description_{code}", "") or "" for code, _name in settings.LANGUAGES]
        self.search_text = normalise(" ".join([self.name, self.city, *dict.fromkeys(descriptions)]))

    @property
    def location(self) -> tuple[float, float] | None:
        """(latitude, longitude), or None where the partner has no coordinates."""
        if self.latitude is None or self.longitude is None:
            return None
        return float(self.latitude), float(self.longitude)

    @property
    def is_city(self) -> bool:
        return self.kind in CITY_KINDS

    def is_active(self, on: date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.joined_on <= on and (self.left_on is None or self.left_on > on)

    @property
    def sme_by_definition(self) -> bool | None:
        """What the recorded staff and financial facts say, to explain (or question) `is_sme`."""
        return meets_sme_definition(self.staff_count, self.turnover_eur_m, self.balance_sheet_eur_m)


class SizeClass(models.TextChoices):
    SMALL = "small", _("Small (under 100,000)")
    MEDIUM = "medium", _("Medium (100,000 to 250,000)")
    LARGE = "large", _("Large (250,000 to 1 million)")
    METROPOLITAN = "metropolitan", _("Metropolitan (over 1 million)")


class CityProfile(models.Model):
    """What EV4SCC needs to know of a city or region: its size (small and medium cities matter most
    here) and when it signed the EV4SCC manifesto."""

    partner = models.OneToOneField(
        Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="city_profile"
    )
    population = models.PositiveIntegerField(_("population"))
    # Derived in the database from the population, so it can never disagree with it.
    size_class = models.GeneratedField(
        expression=Case(
            When(population__lt=100_000, then=Value(SizeClass.SMALL.value)),
            When(population__lt=250_000, then=Value(SizeClass.MEDIUM.value)),
            When(population__lt=1_000_000, then=Value(SizeClass.LARGE.value)),
            default=Value(SizeClass.METROPOLITAN.value),
        ),
        output_field=models.CharField(_("size class"), max_length=12, choices=SizeClass.choices),
        db_persist=True,
    )
    manifesto_signed_on = models.DateField(_("manifesto signed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("city profile")
        verbose_name_plural = _("city profiles")
        indexes = [models.Index(fields=["size_class"])]

    def __str__(self) -> str:
        return str(self.partner)

    @property
    def size_class_label(self) -> str:
        # A GeneratedField gets no get_size_class_display(): its choices sit on the output field.
        return SizeClass(self.size_class).label if self.size_class else ""

    @property
    def is_small_or_medium(self) -> bool:
        return self.size_class in (SizeClass.SMALL, SizeClass.MEDIUM)


class PersonQuerySet(models.QuerySet):
    def representatives(self) -> "PersonQuerySet":
        return self.filter(is_representative=True)

    def with_email(self, email: str) -> "PersonQuerySet":
        return self.filter(email__iexact=email)

    def matching(self, text: str) -> "PersonQuerySet":
        """People whose name or email contains `text` (case ignored), by name."""
        return self.filter(Q(name__icontains=text) | Q(email__icontains=text)).order_by("name", "pk")


class Person(models.Model):
    """A contact at a partner; linked to a login where the person has one."""

    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="people"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    role_title = models.CharField(_("role"), max_length=120, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    is_representative = models.BooleanField(
        _("representative"), default=False, help_text=_("May act on behalf of the organisation.")
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language of the pages after login and of the emails; empty: the browser's."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"), name="person_email_unique", violation_error_message=_("This email is taken.")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.partner})"


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class MembershipApplicationQuerySet(models.QuerySet):
    def pending(self) -> "MembershipApplicationQuerySet":
        return self.filter(status=ApplicationStatus.PENDING)


class MembershipApplication(models.Model):
    """An organisation asking to join the network, until a coordinator approves or rejects it."""

    organisation_name = models.CharField(_("organisation"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=PartnerKind.choices)
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=120)
    website = models.URLField(_("website"), blank=True)
    staff_count = models.PositiveIntegerField(_("staff"), null=True, blank=True)
    turnover_eur_m = models.DecimalField(
        _("turnover (EUR m)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    balance_sheet_eur_m = models.DecimalField(
        _("balance sheet total (EUR m)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    description = models.TextField(_("about the organisation"), blank=True)
    population = models.PositiveIntegerField(
        _("population"), null=True, blank=True, help_text=_("For cities and regions.")
    )
    contact_name = models.CharField(_("contact name"), max_length=200)
    contact_email = models.EmailField(_("contact email"))
    contact_role = models.CharField(_("contact role"), max_length=120, blank=True)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language the application was written in; the replies and the invitation use it."),
    )
    consented_at = models.DateTimeField(_("privacy notice accepted at"))
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.PENDING
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    partner = models.OneToOneField(
        Partner,
        verbose_name=_("partner created"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="application",
    )

    objects = MembershipApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        ordering = ["-submitted_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=ApplicationStatus.PENDING) | Q(reviewed_at__isnull=False),
                name="application_reviewed_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status=ApplicationStatus.APPROVED) | Q(partner__isnull=False),
                name="application_approved_has_partner",
            ),
        ]

    def __str__(self) -> str:
        return self.organisation_name


class ApiToken(AbstractAuthToken):
    """An API token (django-rest-knox, KNOX_TOKEN_MODEL): knox keeps only its digest and its first
    characters (`token_key`, to find it); the token itself is shown once, when it is created. The
    name and the last use let its owner tell their tokens apart on /me/."""

    name = models.CharField(_("name"), max_length=80)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created"]

    def __str__(self) -> str:
        # Never the digest: the name and the visible prefix are all anyone needs to recognise it.
        return f"{self.name} ({self.token_key}…)"
