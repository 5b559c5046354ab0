# Django's Simplified Chinese formats, with the time zone after every time.
DATETIME_FORMAT = "Y年n月j日 H:i T"  # 2026年11月30日 14:05 UTC
SHORT_DATETIME_FORMAT = "Y年n月j日 H:i T"  # 2026年11月30日 14:05 UTC
