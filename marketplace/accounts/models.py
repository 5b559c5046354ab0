"""People who log in: buyers, sellers' staff and operators, identified by e-mail address."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models


class EmailUserManager(UserManager):
    def _create_user(self, username, email, password, **extra_fields):
        email = self.normalize_email(email or username).lower()
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(None, email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(None, email, password, **extra_fields)


class User(AbstractUser):
    username = None
    email = models.EmailField("e-mail address", unique=True)
    full_name = models.CharField(max_length=150, blank=True)
    preferred_currency = models.CharField(max_length=3, blank=True)
    # The language the user last used the site in (accounts.languages): their e-mails are written in it.
    language = models.CharField(max_length=16, blank=True, default="")
    country = models.CharField(
        max_length=2, blank=True, help_text="Where the buyer lives; the default ship-to."
    )

    objects = EmailUserManager()

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    def __str__(self):
        return self.email

    @property
    def is_seller(self) -> bool:
        return hasattr(self, "seller")
