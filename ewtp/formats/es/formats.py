# Django's Spanish formats, with the time zone after every time.
DATETIME_FORMAT = r"j \d\e F \d\e Y \a \l\a\s H:i T"  # 30 de noviembre de 2026 a las 14:05 UTC
SHORT_DATETIME_FORMAT = "d/m/Y H:i T"  # 30/11/2026 14:05 UTC
