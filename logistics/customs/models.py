"""Customs models: the HS nomenclature (hs_models.py), landed-cost rules (rules_models.py)."""

from logistics.customs.hs_models import HsCode
from logistics.customs.rules_models import DutyRate, ImportRule, SdrRate, VatRate

__all__ = ["DutyRate", "HsCode", "ImportRule", "SdrRate", "VatRate"]
