"""Rate cards as the partner reads and sends them: each lane with its weight bands."""

from rest_framework import serializers

from logistics.partners.models import RateCard, ServiceLevel, WeightBand


class BandSerializer(serializers.ModelSerializer):
    class Meta:
        model = WeightBand
        fields = ["max_weight_kg", "price"]


class RateCardSerializer(serializers.ModelSerializer):
    destination_group = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    bands = BandSerializer(many=True)

    class Meta:
        model = RateCard
        fields = ["id", "origin_country", "destination_country", "destination_group", "service_level",
                  "currency", "transit_days_min", "transit_days_max", "ddp_offered", "is_active",
                  "bands"]  # fmt: skip


class BandInputSerializer(serializers.Serializer):
    max_weight_kg = serializers.DecimalField(max_digits=8, decimal_places=3)
    price = serializers.DecimalField(max_digits=12, decimal_places=4)


class RateCardInputSerializer(serializers.Serializer):
    """Shapes and types only: the rules (codes, one destination, ordered transit days, distinct bands) are
    the rate-card service's, the same as the admin's."""

    origin_country = serializers.CharField(max_length=2)
    destination_country = serializers.CharField(max_length=2, required=False, allow_blank=True, default="")
    destination_group = serializers.CharField(
        max_length=60, required=False, allow_blank=True, default="", help_text="A country group's slug."
    )
    service_level = serializers.ChoiceField(choices=ServiceLevel.choices)
    currency = serializers.CharField(max_length=3)
    transit_days_min = serializers.IntegerField(min_value=0, max_value=365)
    transit_days_max = serializers.IntegerField(min_value=0, max_value=365)
    ddp_offered = serializers.BooleanField(default=False)
    is_active = serializers.BooleanField(default=True)
    bands = BandInputSerializer(many=True, max_length=100)


class RateCardsInputSerializer(serializers.Serializer):
    rate_cards = RateCardInputSerializer(many=True, max_length=500)


class RateCardsSerializer(serializers.Serializer):
    rate_cards = RateCardSerializer(many=True)
