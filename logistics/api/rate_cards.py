"""The partner's own rate cards: read, and replaced as a whole (PUT), all or nothing."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from logistics.api.rate_card_serializers import (
    RateCardSerializer,
    RateCardsInputSerializer,
    RateCardsSerializer,
)
from logistics.partners.keys_models import ApiScope
from logistics.partners.rate_cards import rate_cards_of_partner, rate_cards_replace


class RateCardsView(APIView):
    # The scopes name no read-only scope for rates: a partner's own price list is read with rates:write.
    required_scopes = {"*": ApiScope.RATES_WRITE}

    @extend_schema(responses=RateCardsSerializer)
    def get(self, request):
        cards = rate_cards_of_partner(partner_id=request.user.partner_id)
        return Response({"rate_cards": RateCardSerializer(cards, many=True).data})

    @extend_schema(request=RateCardsInputSerializer, responses=RateCardsSerializer)
    def put(self, request):
        """Replace every rate card with those sent (an empty list withdraws you from every lane). Checked like
        the admin's; one problem anywhere and nothing changes (422 naming each card and band)."""
        sent = RateCardsInputSerializer(data=request.data)
        sent.is_valid(raise_exception=True)
        cards = rate_cards_replace(
            partner_id=request.user.partner_id, cards=sent.validated_data["rate_cards"]
        )
        return Response({"rate_cards": RateCardSerializer(cards, many=True).data})
