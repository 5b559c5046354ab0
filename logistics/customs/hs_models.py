"""The HS 2022 nomenclature: chapters (2 digits), headings (4) and subheadings (6), loaded from seeds/."""

from django.db import models


class HsCode(models.Model):
    class Level(models.IntegerChoices):
        CHAPTER = 2
        HEADING = 4
        SUBHEADING = 6

    code = models.CharField(max_length=6, primary_key=True)
    description = models.TextField()
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    section = models.CharField(max_length=5, help_text="Roman numeral of the HS section, e.g. XI.")
    # Lower-case description of the code and its parents: what the search-by-words picker matches on.
    search_text = models.TextField(editable=False)

    class Meta:
        ordering = ["code"]
        verbose_name = "HS code"

    def __str__(self):
        return f"{self.display_code} {self.description}"

    @property
    def display_code(self) -> str:
        """6109.10 for 610910, 6109 for 6109, 61 for 61: how customs forms and sellers write them."""
        return f"{self.code[:4]}.{self.code[4:]}" if len(self.code) == 6 else self.code

    @property
    def chapter(self) -> str:
        return self.code[:2]

    @property
    def heading(self) -> str:
        return self.code[:4]
