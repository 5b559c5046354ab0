"""The demo world's product photos, drawn with Pillow: a silhouette of the kind of goods (a basket, a mug, a
T-shirt, a bag, a bottle...) on a soft studio background, so the catalogue looks like a shop without shipping
any image files. Deterministic for a given random generator, and fast (a few milliseconds a photo)."""

from __future__ import annotations

import io
import random
import re
from collections.abc import Callable

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

SIZE = 800
Colour = tuple[int, int, int]

# The first keyword found as a word of the title (plural or not) decides the drawing; order matters ("soap"
# before "oil", "bag" before "basket"). Otherwise the category does.
KEYWORDS = [
    ("sweater", "shirt"), ("cardigan", "shirt"), ("jumper", "shirt"), ("poncho", "shirt"),
    ("hat", "hat"), ("drum", "drum"), ("djembe", "drum"),
    ("soap", "box"), ("incense", "box"), ("lokum", "box"), ("box", "box"), ("notebook", "box"),
    ("journal", "box"), ("sketchbook", "box"),
    ("bag", "bag"), ("tote", "bag"), ("clutch", "bag"), ("wallet", "bag"), ("purse", "bag"),
    ("holder", "bag"), ("key pouch", "bag"),
    ("basket", "basket"),
    ("bedspread", "cloth"), ("throw", "cloth"), ("quilt", "cloth"), ("runner", "cloth"), ("rug", "cloth"),
    ("tablecloth", "cloth"), ("cushion", "cloth"), ("placemat", "cloth"),
    ("cup", "mug"), ("teacup", "mug"), ("pot", "mug"), ("cezve", "mug"), ("jug", "mug"), ("gaiwan", "mug"),
    ("tea set", "mug"),
    ("vase", "vase"),
    ("bowl", "bowl"), ("plate", "bowl"), ("dish", "bowl"),
    ("figurine", "figurine"), ("statuette", "figurine"), ("carving", "figurine"), ("horse", "figurine"),
    ("bookends", "figurine"), ("elephant", "figurine"),
    ("butter", "jar"), ("powder", "jar"), ("paste", "jar"),
    ("oil", "bottle"), ("sauce", "bottle"), ("salsa", "bottle"), ("mezcal", "bottle"),
    ("ring", "jewel"), ("earring", "jewel"), ("bracelet", "jewel"), ("necklace", "jewel"),
    ("pendant", "jewel"), ("cuff", "jewel"),
]  # fmt: skip
_KEYWORD_PATTERNS = [(re.compile(rf"\b{re.escape(word)}(?:s|es)?\b"), kind) for word, kind in KEYWORDS]
BY_CATEGORY = {
    "textiles": "cloth",
    "home": "bowl",
    "food": "pouch",
    "crafts": "basket",
    "jewellery": "jewel",
    "beauty": "bottle",
}
# Colours goods of each kind come in: dyed cloth, straw, glazes, leather, metals.
PALETTES: dict[str, list[Colour]] = {
    "bright": [(178, 34, 52), (32, 82, 149), (212, 140, 24), (28, 120, 90), (120, 48, 120), (200, 80, 60)],
    "straw": [(196, 160, 100), (176, 134, 76), (214, 182, 120), (150, 110, 62)],
    "glaze": [(120, 170, 150), (40, 80, 150), (230, 226, 214), (170, 84, 52), (90, 140, 170)],
    "leather": [(120, 72, 40), (88, 52, 30), (150, 96, 54), (40, 40, 44)],
    "metal": [(200, 200, 206), (206, 170, 80), (184, 115, 70)],
    "wood": [(122, 82, 50), (92, 60, 36), (150, 106, 66)],
}


def photo_kind(title: str, category: str) -> str:
    """Which drawing shows a product: by a keyword of its title, else by its category's slug."""
    lowered = title.lower()
    found = (kind for pattern, kind in _KEYWORD_PATTERNS if pattern.search(lowered))
    return next(found, BY_CATEGORY.get(category, "box"))


def _shirt(d: ImageDraw.ImageDraw, c: Colour, accent: Colour) -> None:
    d.polygon([(300, 190), (500, 190), (640, 260), (600, 370), (545, 345), (545, 640), (255, 640),
               (255, 345), (200, 370), (160, 260)], fill=c)  # fmt: skip
    d.chord((345, 150, 455, 240), 0, 180, fill=accent)
    for y in (430, 480, 530):
        d.line((255, y, 545, y), fill=accent, width=10)


def _cloth(d: ImageDraw.ImageDraw, c: Colour, accent: Colour) -> None:
    for i, shade in enumerate((0.7, 0.85, 1.0)):
        top = 470 - i * 90
        d.rounded_rectangle((170, top, 630, top + 110), radius=26, fill=tuple(int(v * shade) for v in c))
    for x in range(200, 620, 48):
        d.line((x, 290, x + 20, 380), fill=accent, width=8)
    for x in range(180, 630, 22):
        d.line((x, 580, x, 606), fill=c, width=5)  # the fringe


def _mug(d: ImageDraw.ImageDraw, c: Colour, accent: Colour) -> None:
    d.ellipse((470, 320, 640, 520), outline=c, width=34)
    d.rounded_rectangle((220, 260, 520, 620), radius=40, fill=c)
    d.ellipse((220, 230, 520, 290), fill=accent)
    d.rectangle((220, 420, 520, 445), fill=accent)


def _bowl(d: ImageDraw.ImageDraw, c: Colour, accent: Colour) -> None:
    d.chord((150, 220, 650, 620), 0, 180, fill=c)
    d.ellipse((150, 370, 650, 470), fill=accent)
    d.ellipse((190, 385, 610, 455), fill=tuple(max(v - 40, 0) for v in c))
    d.rectangle((330, 600, 470, 630), fill=c)


def _vase(d: ImageDraw.ImageDraw, c: Colour, accent: Colour) -> None:
    d.ellipse((240, 300, 560, 640), fill=c)
    d.rectangle((340, 170, 460, 360), fill=c)
    d.ellipse((310, 150, 490, 200), fill=accent)
    d.rectangle((262, 440, 538, 462), fill=accent)
    d.rectangle((250, 500, 550, 512), fill=accent)


def _basket(d: ImageDraw.ImageDraw, c: Colour, accent: Colour) -> None:
    d.arc((250, 140, 550, 480), 180, 360, fill=accent, width=26)
    d.polygon([(170, 320), (630, 320), (570, 640), (230, 640)], fill=c)
    dark = tuple(max(v - 50, 0) for v in c)
    for y in range(350, 640, 36):
        d.line((170 + (y - 320) * 60 // 320, y, 630 - (y - 320) * 60 // 320, y), fill=dark, width=8)
    for x in range(230, 600, 50):
        d.line((x, 320, x + (400 - x) // 6, 640), fill=dark, width=6)


def _bag(d: ImageDraw.ImageDraw, c: Colour, accent: Colour) -> None:
    d.arc((290, 160, 510, 420), 180, 360, fill=accent, width=22)
    d.rounded_rectangle((200, 290, 600, 640), radius=30, fill=c)
    d.rectangle((200, 290, 600, 350), fill=tuple(max(v - 35, 0) for v in c))
    d.rounded_rectangle((370, 330, 430, 380), radius=10, fill=accent)


def _pouch(d: ImageDraw.ImageDraw, c: Colour, accent: Colour) -> None:
    d.polygon([(250, 200), (550, 200), (580, 640), (220, 640)], fill=c)
    d.rectangle((250, 180, 550, 215), fill=tuple(max(v - 40, 0) for v in c))
    d.rounded_rectangle((290, 360, 510, 520), radius=16, fill=(246, 242, 232))
    d.ellipse((365, 395, 435, 485), fill=accent)


def _jar(d: ImageDraw.ImageDraw, c: Colour, accent: Colour) -> None:
    d.rounded_rectangle((250, 300, 550, 640), radius=50, fill=(236, 226, 200))
    d.rounded_rectangle((265, 340, 535, 625), radius=40, fill=c)
    d.rounded_rectangle((240, 230, 560, 310), radius=18, fill=accent)
    d.rectangle((300, 430, 500, 530), fill=(246, 242, 232))


def _bottle(d: ImageDraw.ImageDraw, c: Colour, accent: Colour) -> None:
    d.rounded_rectangle((280, 330, 520, 650), radius=44, fill=c)
    d.polygon([(300, 340), (500, 340), (430, 240), (370, 240)], fill=c)
    d.rectangle((370, 150, 430, 250), fill=c)
    d.rectangle((360, 120, 440, 165), fill=accent)
    d.rectangle((300, 440, 500, 560), fill=(246, 242, 232))


def _jewel(d: ImageDraw.ImageDraw, c: Colour, accent: Colour) -> None:
    d.ellipse((190, 260, 520, 590), outline=c, width=40)
    d.ellipse((360, 200, 640, 480), outline=c, width=30)
    d.polygon([(355, 210), (385, 170), (415, 210), (385, 250)], fill=accent)
    for x, y in ((210, 430), (500, 430), (355, 570)):
        d.ellipse((x - 18, y - 18, x + 18, y + 18), fill=accent)


def _box(d: ImageDraw.ImageDraw, c: Colour, accent: Colour) -> None:
    d.polygon([(180, 330), (400, 250), (620, 330), (400, 410)], fill=tuple(min(v + 40, 255) for v in c))
    d.polygon([(180, 330), (400, 410), (400, 640), (180, 560)], fill=c)
    d.polygon([(400, 410), (620, 330), (620, 560), (400, 640)], fill=tuple(max(v - 40, 0) for v in c))
    d.line((290, 290, 510, 370), fill=accent, width=18)
    d.line((290, 370, 290, 600), fill=accent, width=18)


def _figurine(d: ImageDraw.ImageDraw, c: Colour, accent: Colour) -> None:
    d.ellipse((230, 300, 560, 520), fill=c)  # body
    d.ellipse((480, 240, 640, 420), fill=c)  # head
    d.polygon([(600, 360), (650, 380), (660, 560), (620, 560), (615, 420)], fill=c)  # trunk
    for x in (260, 340, 430, 500):
        d.rectangle((x, 470, x + 50, 620), fill=c)
    d.ellipse((470, 270, 540, 380), fill=tuple(max(v - 30, 0) for v in c))  # ear
    d.ellipse((560, 300, 578, 318), fill=accent)


def _drum(d: ImageDraw.ImageDraw, c: Colour, accent: Colour) -> None:
    d.polygon([(230, 200), (570, 200), (440, 430), (500, 650), (300, 650), (360, 430)], fill=c)
    d.ellipse((230, 170, 570, 240), fill=(232, 214, 180))
    for x in range(250, 560, 40):
        d.line((x, 215, 400 + (x - 400) // 4, 430), fill=accent, width=5)


def _hat(d: ImageDraw.ImageDraw, c: Colour, accent: Colour) -> None:
    d.ellipse((130, 470, 670, 560), fill=tuple(max(v - 30, 0) for v in c))
    d.polygon([(400, 180), (660, 510), (140, 510)], fill=c)
    for y in range(260, 500, 50):
        half = (y - 180) * 260 // 330
        d.line((400 - half, y, 400 + half, y), fill=accent, width=5)


DRAWINGS: dict[str, tuple[Callable[[ImageDraw.ImageDraw, Colour, Colour], None], str]] = {
    "shirt": (_shirt, "bright"),
    "cloth": (_cloth, "bright"),
    "mug": (_mug, "glaze"),
    "bowl": (_bowl, "glaze"),
    "vase": (_vase, "glaze"),
    "basket": (_basket, "straw"),
    "bag": (_bag, "leather"),
    "pouch": (_pouch, "bright"),
    "jar": (_jar, "straw"),
    "bottle": (_bottle, "glaze"),
    "jewel": (_jewel, "metal"),
    "box": (_box, "wood"),
    "figurine": (_figurine, "wood"),
    "drum": (_drum, "wood"),
    "hat": (_hat, "straw"),
}


def demo_photo_draw(kind: str, rng: random.Random) -> Image.Image:
    """A square product photo of `kind` (a key of DRAWINGS), its colours chosen by `rng`."""
    draw_goods, palette = DRAWINGS[kind]
    background = tuple(rng.randint(228, 246) for _ in range(3))
    image = Image.new("RGB", (SIZE, SIZE), background)
    draw = ImageDraw.Draw(image)
    draw.ellipse((170, 610, 630, 690), fill=tuple(v - 28 for v in background))  # the shadow it stands on
    colour = rng.choice(PALETTES[palette])
    accent = rng.choice([p for p in PALETTES["bright"] + PALETTES["metal"] if p != colour])
    draw_goods(draw, colour, accent)
    return image


def demo_photo(rng: random.Random, *, title: str, category: str) -> ContentFile:
    """A JPEG upload showing the kind of goods `title` names, for listing_photo_add."""
    buffer = io.BytesIO()
    demo_photo_draw(photo_kind(title, category), rng).save(buffer, format="JPEG", quality=80)
    return ContentFile(buffer.getvalue(), name="demo.jpg")
