# Django's British formats, with the time zone after every time.
DATETIME_FORMAT = "j M Y, H:i T"  # 30 Nov 2026, 14:05 UTC
SHORT_DATETIME_FORMAT = "d/m/Y H:i T"  # 30/11/2026 14:05 UTC
