# Swahili as written in Kenya and Tanzania: day first, 24-hour times with their zone. Django has no formats
# for sw (its month names come from Django's sw catalogue: Novemba).
DATE_FORMAT = "j F Y"  # 30 Novemba 2026
TIME_FORMAT = "H:i"  # 14:05
DATETIME_FORMAT = "j F Y, H:i T"  # 30 Novemba 2026, 14:05 UTC
YEAR_MONTH_FORMAT = "F Y"  # Novemba 2026
MONTH_DAY_FORMAT = "j F"  # 30 Novemba
SHORT_DATE_FORMAT = "d/m/Y"  # 30/11/2026
SHORT_DATETIME_FORMAT = "d/m/Y H:i T"  # 30/11/2026 14:05 UTC
FIRST_DAY_OF_WEEK = 1  # Jumatatu (Monday)
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
