"""Listings: goods a seller offers, each priced in its own currency, with what customs needs to know; and the
CSV imports that create and update them in bulk."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from ewtp.countries import country_choices_all
from ewtp.lists import list_join
from ewtp.money import Money
from marketplace.sellers.models import Seller

# Long enough for a full product description; bounded so one listing cannot weigh megabytes.
DESCRIPTION_MAX_LENGTH = 5000


class Category(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100, help_text="In English, the fallback for every language.")
    name_zh_hans = models.CharField("name in Simplified Chinese", max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name_in(get_language())

    def name_in(self, language: str | None) -> str:
        """The name in `language` (a Django language code) where there is one, else the English name."""
        if (language or "").lower().startswith("zh") and self.name_zh_hans:
            return self.name_zh_hans
        return self.name


class Listing(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("listing status", "Draft")
        ACTIVE = "active", pgettext_lazy("listing status", "Active")
        PAUSED = "paused", pgettext_lazy("listing status", "Paused")

    class Restriction(models.TextChoices):
        BATTERIES = "batteries", _("Contains batteries")
        LIQUIDS = "liquids", _("Liquids")
        MAGNETS = "magnets", _("Magnets")
        POWDERS = "powders", _("Powders")
        PERISHABLE = "perishable", _("Perishable food")
        FRAGRANCE = "fragrance", _("Perfume or alcohol-based")

    seller = models.ForeignKey(Seller, on_delete=models.CASCADE, related_name="listings")
    title = models.CharField(max_length=140)
    description = models.TextField(blank=True, max_length=DESCRIPTION_MAX_LENGTH)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="listings")
    # Each listing keeps its own currency: the seller's default currency only starts new listings off, so a
    # seller who changes it later does not reprice what is already listed. Buyers see it converted.
    price_amount = models.DecimalField(max_digits=14, decimal_places=4)
    price_currency = models.CharField(max_length=3)
    stock = models.PositiveIntegerField(default=0)
    sku = models.CharField(max_length=64)
    hs_code = models.CharField(max_length=6, help_text="Six-digit HS 2022 subheading, e.g. 610910.")
    origin_country = models.CharField(
        max_length=2, choices=country_choices_all, help_text="Where it was made."
    )
    net_weight_kg = models.DecimalField(max_digits=8, decimal_places=3)
    length_cm = models.DecimalField(max_digits=6, decimal_places=1)
    width_cm = models.DecimalField(max_digits=6, decimal_places=1)
    height_cm = models.DecimalField(max_digits=6, decimal_places=1)
    restrictions = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    # Denormalised for the catalogue: kept in step by the listing and seller services, so the storefront
    # filters on one indexed table (active listing of a verified seller; where the seller ships from).
    is_visible = models.BooleanField(default=False, editable=False)
    seller_country = models.CharField(max_length=2, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    thumbnail = models.CharField(
        max_length=255, blank=True, editable=False, help_text="First photo's thumbnail."
    )
    thumbnail_small = models.CharField(
        max_length=255, blank=True, editable=False, help_text="First photo's small rendition (phones)."
    )
    # What the seller wrote the title and description in (a BCP 47 tag): pages in another language mark
    # that text with it, so screen readers read it with the right voice.
    language = models.CharField(max_length=12, default="en", help_text="Language of the title and text.")
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["seller", "sku"], name="listing_sku_unique_per_seller"),
            models.CheckConstraint(condition=models.Q(price_amount__gt=0), name="listing_price_positive"),
        ]
        indexes = [
            models.Index(fields=["is_visible", "-published_at", "-id"], name="listing_catalogue"),
            models.Index(
                fields=["is_visible", "category", "-published_at", "-id"], name="listing_by_category"
            ),
            models.Index(
                fields=["is_visible", "seller_country", "-published_at", "-id"], name="listing_by_country"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.catalogue_columns_fill()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        slug = slugify(self.title, allow_unicode=True)
        if slug:
            return reverse("storefront:listing", kwargs={"pk": self.pk, "slug": slug})
        return reverse("storefront:listing_short", kwargs={"pk": self.pk})

    def catalogue_columns_fill(self) -> None:
        """Set the catalogue's denormalised columns from the listing and its seller: every save does, and so
        must every bulk write (bulk_create and bulk_update skip save())."""
        self.search_text = f"{self.title}\n{self.description}".lower()
        self.seller_country = self.seller.country
        self.is_visible = self.visible_to_buyers(self.status, self.seller.status)
        if self.status == self.Status.ACTIVE and self.published_at is None:
            self.published_at = timezone.now()

    @classmethod
    def visible_to_buyers(cls, status: str, seller_status: str) -> bool:
        """The rule behind is_visible (listings_visibility_refresh says the same in SQL)."""
        return status == cls.Status.ACTIVE and seller_status == Seller.Status.VERIFIED

    @property
    def price(self) -> Money:
        return Money(self.price_amount, self.price_currency)

    @property
    def restrictions_text(self) -> str:
        """The restrictions as the reader's language words and joins them ("Liquids and Magnets"), never
        the stored codes; an unknown code (none should be stored) is shown as it is."""
        labels = dict(self.Restriction.choices)
        return list_join(labels.get(code, code) for code in self.restrictions)


class ListingPhoto(models.Model):
    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to="listings/%Y/%m/")
    thumbnail = models.ImageField(upload_to="listings/thumbs/%Y/%m/")
    # The small rendition for phones' srcset (photos.py SMALL_SIZE); blank for photos stored before it.
    small = models.ImageField(upload_to="listings/small/%Y/%m/", blank=True)
    # 0 to n-1 without gaps (deleting a photo renumbers the rest), so a listing's photo count is the next
    # position and two uploads racing for the same place cannot both be stored.
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["listing", "position"], name="listing_photo_position_unique"),
        ]

    def __str__(self):
        return f"Photo {self.position} of {self.listing}"


class ListingImport(models.Model):
    """One uploaded CSV file and what became of it: checked and imported by a Celery task, all or nothing."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to start")
        RUNNING = "running", _("Checking and importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Nothing imported")

    seller = models.ForeignKey(Seller, on_delete=models.CASCADE, related_name="listing_imports")
    file_name = models.CharField(max_length=255, blank=True)
    # The file's text as uploaded (at most 2 MB, checked before it is stored): the task reads it from here,
    # and empties it once the job is finished.
    text = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    rows_total = models.PositiveIntegerField(default=0)
    rows_checked = models.PositiveIntegerField(default=0)
    # {"created", "updated", "rows", "currency_changed": [sku, ...], "errors": [{"row", "field", "message"}]}
    report = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Import {self.pk} by {self.seller} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
