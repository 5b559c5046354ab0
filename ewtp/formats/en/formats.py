# Django's English formats, with the time zone after every time.
DATETIME_FORMAT = "N j, Y, P T"  # Nov. 30, 2026, 2:05 p.m. UTC
SHORT_DATETIME_FORMAT = "m/d/Y P T"  # 11/30/2026 2:05 p.m. UTC
