"""Customs models. The HS nomenclature lives in hs.py; landed cost and documents in their own modules."""

from logistics.customs.hs_models import HsCode

__all__ = ["HsCode"]
