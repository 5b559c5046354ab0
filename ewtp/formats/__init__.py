"""Date and time formats per language, over Django's own (FORMAT_MODULE_PATH): what is not set here comes
from django/conf/locale/<lang>/formats.py.

Every date-and-time names its time zone ("30/11/2026 14:05 UTC"): buyers and sellers are in many zones and
the site shows times in UTC. Swahili, which Django gives no formats, reads dates day first as East Africa
writes them (30/11/2026).
"""
