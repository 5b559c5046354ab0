"""The language a user reads: the one they last used the site in, remembered on their account so that e-mails
sent later by a worker (an order to ship, an operator's decision) are written in it."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import DatabaseError
from django.utils.functional import empty

logger = logging.getLogger(__name__)


def user_language(user) -> str:
    """The user's language, or the site's when they have never used another."""
    return (getattr(user, "language", "") or "") or settings.LANGUAGE_CODE


class UserLanguageMiddleware:
    """After LocaleMiddleware and AuthenticationMiddleware: a signed-in user's language is stored when it
    changes (one UPDATE then; none on the pages in between)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Only a user the page already loaded (no query added to pages that never read the user, such as the
        # cached catalogue), and only people's accounts: the partner API's clients (ewtp.api) have none.
        user = getattr(request, "user", None)
        user = getattr(user, "_wrapped", user)  # AuthenticationMiddleware's lazy object, if still lazy
        language = getattr(request, "LANGUAGE_CODE", "")
        if user is empty or not isinstance(user, get_user_model()) or not user.is_authenticated:
            return response
        if language and user.language != language:
            try:
                get_user_model().objects.filter(pk=user.pk).update(language=language)
            except DatabaseError:  # the page was served; the language is stored on a later request
                logger.warning("accounts.language_not_stored", exc_info=True)
            else:
                user.language = language
        return response
