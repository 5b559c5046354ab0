"""Incoterms 2020: who pays what where. Landed cost distinguishes DDP (paid at checkout) and DAP."""

from django.db import models


class Incoterm(models.TextChoices):
    EXW = "EXW", "EXW: Ex Works"
    FCA = "FCA", "FCA: Free Carrier"
    CPT = "CPT", "CPT: Carriage Paid To"
    CIP = "CIP", "CIP: Carriage and Insurance Paid To"
    DAP = "DAP", "DAP: Delivered at Place"
    DPU = "DPU", "DPU: Delivered at Place Unloaded"
    DDP = "DDP", "DDP: Delivered Duty Paid"
    # Sea and inland waterway only.
    FAS = "FAS", "FAS: Free Alongside Ship"
    FOB = "FOB", "FOB: Free on Board"
    CFR = "CFR", "CFR: Cost and Freight"
    CIF = "CIF", "CIF: Cost, Insurance and Freight"
