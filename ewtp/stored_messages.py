"""Messages the platform stores and shows later, with a value inside ("Shipment: In transit.", "(Stripe says:
requirements.past_due)"), so each reader gets them in their own language.

A row keeps the English sentence as the system wrote it (the admin and any older reader see it unchanged) and,
beside it in a JSONField, the message's code and its values: {"code": "shipment", "status": "in_transit"}. A
page words the sentence again from the code in the active language, each value shown for that language (a
status's label, an amount as money, a number with the locale's separators). Rows without a code (written
before it existed, or a sentence without a value stored as its gettext_noop msgid) are translated as stored.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class StoredMessage:
    """What a row stores: `text`, the English sentence, and `params`, its code and values (JSON)."""

    text: str
    params: dict


@dataclass(frozen=True, slots=True)
class Message:
    msgid: str  # marked with gettext_noop where it is declared, so makemessages finds it
    # The stored values as the active language shows them, by the msgid's placeholders.
    values: Callable[[Mapping], dict]


class MessageCatalogue:
    """One domain's messages with values, by code."""

    def __init__(self, messages: Mapping[str, Message]):
        self._messages = dict(messages)

    def write(self, code: str, **params) -> StoredMessage:
        """The message to store: its English sentence (whatever language is active) and its values."""
        message = self._messages[code]
        params = {"code": code, **params}
        with translation.override("en"):
            return StoredMessage(text=message.msgid % message.values(params), params=params)

    def shown(self, *, text: str, params: Mapping | None) -> str:
        """A stored message in the active language: worded again from its code and values, or, without a code
        this catalogue knows, its stored text translated (a msgid; any other text comes back as it is)."""
        message = self._messages.get((params or {}).get("code", ""))
        if message is None:
            return gettext(text) if text else ""
        try:
            return gettext(message.msgid) % message.values(params)
        except (KeyError, TypeError, ValueError, ArithmeticError) as exc:  # values it no longer reads
            # The reader still gets the sentence as written; the log says which row needs its values mended.
            logger.warning(
                "stored_messages.unreadable_params",
                extra={"code": params.get("code"), "error": f"{type(exc).__name__}: {exc}"},
            )
            return text
