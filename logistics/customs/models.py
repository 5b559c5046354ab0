"""Customs models: HS codes (hs_models), landed-cost rules (rules_models), documents (documents_models)."""

from logistics.customs.documents_models import CustomsDocument, DocumentSequence
from logistics.customs.hs_models import HsCode
from logistics.customs.rules_models import DutyRate, ImportRule, SdrRate, VatRate

__all__ = ["CustomsDocument", "DocumentSequence", "DutyRate", "HsCode", "ImportRule", "SdrRate", "VatRate"]
