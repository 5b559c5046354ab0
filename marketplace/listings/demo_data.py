"""The demo world's cast: twelve small businesses in ten-plus countries and what they sell (real HS codes).

Prices are in each seller's own currency. Manual rates cover the currencies the ECB does not publish; they
are approximate, labelled as demo rates, and dated on the last day of the shipped ECB snapshot.
"""

from decimal import Decimal

CATEGORIES = [
    ("textiles", "Textiles & clothing", "纺织品与服装"),
    ("home", "Home & kitchen", "家居与厨房"),
    ("food", "Food & drink", "食品与饮料"),
    ("crafts", "Crafts & decor", "手工艺品与装饰"),
    ("jewellery", "Jewellery & accessories", "珠宝与配饰"),
    ("beauty", "Beauty & wellness", "美容与健康"),
]

# Currencies the ECB does not publish: approximate demo rates (1 EUR = x), not for real trade.
DEMO_MANUAL_RATES = {
    "KES": Decimal("144.30"),
    "PEN": Decimal("3.905"),
    "VND": Decimal("29380"),
    "GHS": Decimal("12.35"),
    "BDT": Decimal("136.40"),
}
# What buyers read as the rate's source ("Converted at the rate of 30/10/2026 (demo exchange rate)").
DEMO_RATE_SOURCE = "demo exchange rate"
# The label demo worlds seeded before it: seed_demo renames it, so an existing world reads the same.
OLD_DEMO_RATE_SOURCE = "Demo rate (approximate, seed_demo; not for real trade)"

# (slug, trading name, legal name, country, city, phone, currency, products)
# product: (titles, category, hs_code, price, net kg, (l, w, h) cm, restrictions). Each title is a listing of
# its own, of the same kind of goods (HS code, price, size): the first round of listings takes every product's
# first title, the next round the second, and so on, so 200 listings carry 200 different titles.
# fmt: off
SELLERS = [
    ("hangzhou-silk", "West Lake Silk", "Hangzhou West Lake Silk Co., Ltd.", "CN", "Hangzhou",
     "+8657187654321", "CNY", [
        (("Mulberry silk scarf", "Hand-rolled silk scarf, peony print", "Silk chiffon long scarf",
          "Silk neckerchief, crane pattern"), "textiles", "621410", "189.00", "0.080", (30, 20, 2), []),
        (("Silk twill square scarf", "Large silk twill square, lotus print", "Silk bandana square",
          "Silk twill pocket square"), "textiles", "621410", "229.00", "0.090", (30, 30, 2), []),
        (("Silk fabric by the metre", "Silk crepe de chine by the metre", "Silk satin by the metre",
          "Silk brocade by the metre"), "textiles", "500720", "158.00", "0.120", (40, 30, 3), []),
        (("Longjing green tea 100 g", "Longjing pre-Qingming green tea 50 g", "Anji white tea 100 g",
          "Biluochun green tea 100 g"), "food", "090210", "96.00", "0.100", (12, 8, 8), []),
        (("Celadon porcelain tea cups, set of 4", "Porcelain gaiwan with saucer", "Porcelain tea set for two",
          "Eggshell porcelain tea bowls, set of 2"), "home", "691110", "268.00", "0.900", (25, 20, 12), []),
    ]),
    ("yiwu-crafts", "Yiwu Handmade", "Yiwu Handmade Trading Co.", "CN", "Yiwu", "+8657912345678", "CNY", [
        (("Bamboo bread basket", "Bamboo fruit basket", "Bamboo steamer basket, 2 tiers",
          "Woven bamboo storage basket"), "home", "460211", "45.00", "0.300", (30, 22, 10), []),
        (("Cotton tote bag, printed", "Canvas tote bag with zip", "Cotton market tote, long handles",
          "Linen beach tote"), "textiles", "420292", "39.00", "0.150", (40, 35, 2), []),
        (("Paper notebook, hand-bound", "Rice-paper sketchbook, hand-bound",
          "Travel journal, stitched binding", "Pocket notebooks, set of 3"),
         "crafts", "482010", "32.00", "0.250", (21, 15, 2), []),
        (("Wooden statuette, pine", "Carved wooden horse", "Pine wood Buddha statuette",
          "Wooden fisherman figurine"), "crafts", "442019", "78.00", "0.400", (20, 8, 8), []),
    ]),
    ("nairobi-kiondo", "Kiondo House", "Kiondo House Limited", "KE", "Nairobi", "+254712345678", "KES", [
        (("Sisal kiondo basket", "Kiondo basket with leather handles", "Small sisal market basket",
          "Sisal storage basket with lid"), "crafts", "460219", "3200.00", "0.500", (35, 35, 30), []),
        (("Kenyan AA coffee, roasted 250 g", "Kenyan peaberry coffee, roasted 250 g",
          "Mount Kenya espresso blend 250 g", "Kenyan AA coffee, whole beans 500 g"),
         "food", "090121", "1100.00", "0.250", (18, 10, 6), []),
        (("Kenyan black tea 200 g", "Kenyan purple tea 100 g", "Kericho loose-leaf tea 200 g",
          "Kenyan chai masala tea 200 g"), "food", "090240", "650.00", "0.200", (15, 10, 6), []),
        (("Maasai beaded bracelet", "Maasai beaded necklace", "Maasai beaded earrings",
          "Beaded wrap bracelets, set of 3"), "jewellery", "711790", "850.00", "0.030", (10, 8, 2), []),
        (("Soapstone carved bowl", "Kisii soapstone dish", "Soapstone nesting bowls, set of 3",
          "Soapstone serving bowl"), "crafts", "680299", "2400.00", "0.700", (15, 15, 7), []),
    ]),
    ("lima-alpaca", "Andes Alpaca", "Andes Alpaca S.A.C.", "PE", "Lima", "+5114221234", "PEN", [
        (("Baby alpaca sweater", "Alpaca cardigan, cable knit", "Alpaca crew-neck jumper",
          "Alpaca poncho sweater"), "textiles", "611019", "389.00", "0.450", (35, 30, 6), []),
        (("Alpaca wool scarf", "Alpaca wool shawl", "Alpaca blanket scarf", "Alpaca wool wrap, herringbone"),
         "textiles", "621420", "149.00", "0.150", (30, 20, 3), []),
        (("Organic quinoa 1 kg", "Tricolour quinoa 1 kg", "Organic black quinoa 500 g",
          "Quinoa flakes 500 g"), "food", "100850", "28.00", "1.000", (20, 12, 8), []),
        (("Peruvian dark chocolate 70 %", "Cusco cacao bar 85 %", "Chocolate with Andean salt",
          "Dark chocolate with aguaymanto"), "food", "180632", "19.00", "0.100", (16, 8, 1), []),
        (("Chulucanas ceramic vase", "Chulucanas ceramic jug", "Shipibo painted ceramic vase",
          "Chulucanas ceramic bud vase"), "crafts", "691390", "210.00", "1.200", (25, 18, 18), []),
    ]),
    ("hanoi-lacquer", "Hanoi Lacquer Studio", "Hanoi Lacquer Studio Co., Ltd.", "VN", "Hanoi",
     "+84912345678", "VND", [
        (("Lacquered jewellery box", "Lacquered tea box", "Lacquered trinket box with eggshell inlay",
          "Lacquered chopstick box"), "crafts", "442090", "650000", "0.400", (18, 12, 7), []),
        (("Bamboo salad bowl", "Spun bamboo serving bowl", "Bamboo rice bowls, set of 4",
          "Coconut shell bowls, set of 2"), "home", "460211", "320000", "0.350", (28, 28, 10), []),
        (("Vietnamese robusta beans, unroasted 500 g", "Da Lat arabica beans, unroasted 500 g",
          "Buon Ma Thuot robusta, unroasted 500 g", "Culi robusta beans, unroasted 500 g"),
         "food", "090111", "180000", "0.500", (20, 12, 6), []),
        (("Palm-leaf conical hat", "Palm-leaf hat, painted", "Children's conical hat",
          "Conical hat with silk strap"), "textiles", "650400", "150000", "0.200", (45, 45, 20), []),
    ]),
    ("oaxaca-talavera", "Casa Talavera", "Casa Talavera de Oaxaca S.A. de C.V.", "MX", "Oaxaca",
     "+529515123456", "MXN", [
        (("Talavera serving plate", "Talavera dinner plates, set of 2", "Talavera salad bowl",
          "Talavera fruit bowl"), "home", "691200", "690.00", "1.100", (32, 32, 4), []),
        (("Sterling silver earrings, Taxco", "Taxco silver hoop earrings", "Taxco silver pendant",
          "Taxco silver cuff bracelet"), "jewellery", "711311", "980.00", "0.020", (8, 6, 3), []),
        (("Hand-woven cotton bedspread", "Hand-woven table runner", "Backstrap-loom tablecloth",
          "Zapotec cotton throw"), "home", "630419", "2100.00", "1.800", (40, 35, 10), []),
        (("Habanero hot sauce 150 ml", "Chipotle salsa 150 ml", "Mole sauce paste 250 g",
          "Salsa macha 150 ml"), "food", "210390", "120.00", "0.250", (15, 5, 5), ["liquids"]),
        (("Mezcal espadín 700 ml", "Mezcal tobalá 700 ml", "Mezcal ensamble 700 ml", "Mezcal joven 700 ml"),
         "food", "220890", "890.00", "1.300", (32, 9, 9), ["liquids", "fragrance"]),
    ]),
    ("jaipur-blockprint", "Jaipur Block Print", "Jaipur Block Print Private Limited", "IN", "Jaipur",
     "+919876543210", "INR", [
        (("Block-printed cotton fabric, 2 m", "Dabu mud-resist fabric, 2 m", "Bagru block-print fabric, 2 m",
          "Sanganeri floral fabric, 2 m"), "textiles", "520852", "1450.00", "0.400", (30, 25, 3), []),
        (("Pashmina shawl", "Pashmina stole, hand-embroidered", "Kani pashmina shawl",
          "Pashmina wrap, reversible"), "textiles", "621420", "6500.00", "0.250", (35, 25, 3), []),
        (("Brass elephant figurine", "Brass Ganesha figurine", "Brass peacock figurine",
          "Brass camel figurine"), "crafts", "830629", "2200.00", "0.800", (15, 8, 12), []),
        (("Organic turmeric powder 200 g", "Lakadong turmeric powder 200 g", "Dried turmeric roots 200 g",
          "Turmeric and ginger powder 200 g"), "food", "091030", "340.00", "0.200", (15, 10, 5), ["powders"]),
        (("Sandalwood incense sticks", "Jasmine incense cones", "Nag champa incense sticks",
          "Vetiver incense sticks"), "beauty", "330741", "260.00", "0.100", (25, 5, 3), []),
        (("Leather messenger bag", "Leather laptop bag", "Leather camera bag", "Leather weekender bag"),
         "jewellery", "420221", "4800.00", "1.100", (38, 30, 10), []),
    ]),
    ("istanbul-loom", "Bosphorus Loom", "Bosphorus Loom Tekstil Ltd. Şti.", "TR", "Istanbul",
     "+905321234567", "TRY", [
        (("Peshtemal cotton towel", "Peshtemal beach towel, striped", "Turkish hand towels, set of 2",
          "Waffle-weave peshtemal"), "textiles", "630260", "690.00", "0.350", (40, 30, 4), []),
        (("Hammered copper coffee pot", "Copper cezve, engraved", "Copper coffee cups, set of 2",
          "Hammered copper jug"), "home", "741810", "1250.00", "0.450", (20, 10, 12), []),
        (("Hand-woven kilim rug 60x90", "Kilim runner 60x150", "Anatolian kilim rug 80x120",
          "Kilim prayer rug 60x100"), "home", "570210", "4900.00", "1.500", (35, 30, 12), []),
        (("Rose lokum, 500 g box", "Pistachio lokum, 500 g box", "Hazelnut lokum, 500 g box",
          "Pomegranate lokum, 500 g box"), "food", "170490", "420.00", "0.500", (20, 15, 5), ["perishable"]),
        (("Olive oil soap, set of 3", "Laurel soap, set of 3", "Goat milk soap, set of 3",
          "Olive oil soap with lavender"), "beauty", "340111", "260.00", "0.360", (15, 10, 6), []),
    ]),
    ("accra-kente", "Kente Weavers Accra", "Kente Weavers Accra Ltd.", "GH", "Accra",
     "+233244123456", "GHS", [
        (("Kente stole", "Kente scarf", "Kente graduation stole", "Kente head wrap"),
         "textiles", "621490", "650.00", "0.200", (30, 20, 3), []),
        (("Raw shea butter 250 g", "Whipped shea butter 250 g", "Shea butter with baobab oil 250 g",
          "Unrefined shea butter 500 g"), "beauty", "151590", "95.00", "0.250", (10, 10, 7), []),
        (("Natural cocoa powder 400 g", "Ghanaian cocoa powder 250 g", "Raw cacao powder 400 g",
          "Unsweetened cocoa powder, fine 400 g"),
         "food", "180500", "80.00", "0.400", (15, 10, 8), ["powders"]),
        (("Djembe drum, hand-carved", "Talking drum, hand-carved", "Small djembe for children",
          "Ashiko drum, hand-carved"), "crafts", "920600", "1400.00", "4.500", (60, 35, 35), []),
        (("Bolga straw basket", "Bolga market basket with leather handles", "Bolga laundry basket",
          "Bolga round basket, small"), "crafts", "460219", "480.00", "0.600", (40, 40, 30), []),
    ]),
    ("dhaka-jute", "Golden Fibre", "Golden Fibre Bangladesh Ltd.", "BD", "Dhaka", "+8801712345678", "BDT", [
        (("Jute shopping bag", "Jute tote with cotton handles", "Jute wine bags, set of 2",
          "Jute drawstring bag"), "textiles", "630510", "950.00", "0.300", (40, 35, 3), []),
        (("Nakshi kantha bedspread", "Nakshi kantha throw", "Kantha quilt, reversible",
          "Kantha cushion covers, set of 2"), "home", "630419", "7800.00", "1.600", (40, 35, 8), []),
        (("Sylhet black tea 250 g", "Sylhet CTC tea 250 g", "Srimangal orthodox tea 250 g",
          "Sylhet breakfast tea 250 g"), "food", "090230", "520.00", "0.250", (15, 10, 6), []),
        (("Leather card wallet", "Leather coin purse", "Leather passport holder", "Leather key pouch"),
         "jewellery", "420231", "1800.00", "0.080", (11, 8, 2), []),
    ]),
    ("bali-batik", "Ubud Batik", "PT Ubud Batik Nusantara", "ID", "Denpasar", "+6281234567890", "IDR", [
        (("Hand-drawn batik sarong", "Batik tulis sarong", "Batik cap fabric, 2 m",
          "Batik scarf, hand-drawn"), "textiles", "520852", "385000", "0.300", (35, 25, 3), []),
        (("Bali arabica coffee 250 g", "Kintamani arabica beans 250 g", "Bali peaberry coffee 250 g",
          "Toraja arabica coffee 250 g"), "food", "090111", "145000", "0.250", (18, 10, 6), []),
        (("Rattan round bag", "Rattan crossbody bag", "Ata grass clutch", "Rattan market bag"),
         "jewellery", "460212", "320000", "0.400", (22, 22, 8), []),
        (("Frangipani essential oil 10 ml", "Lemongrass essential oil 10 ml",
          "Ylang-ylang essential oil 10 ml", "Vetiver essential oil 10 ml"),
         "beauty", "330129", "95000", "0.050", (8, 4, 4), ["liquids"]),
        (("Silver filigree ring", "Silver filigree earrings", "Celuk silver ring", "Silver filigree pendant"),
         "jewellery", "711311", "560000", "0.010", (6, 6, 3), []),
    ]),
    ("chiangmai-celadon", "Lanna Celadon", "Lanna Celadon Co., Ltd.", "TH", "Chiang Mai",
     "+66812345678", "THB", [
        (("Celadon rice bowl", "Celadon soup bowls, set of 2", "Celadon teacup",
          "Celadon dipping dishes, set of 4"), "home", "691200", "420.00", "0.350", (14, 14, 7), []),
        (("Thai silk cushion cover", "Thai silk table runner", "Thai silk throw pillow cover",
          "Thai silk placemats, set of 4"), "home", "630493", "690.00", "0.150", (45, 45, 2), []),
        (("Teak elephant carving", "Teak wood elephant family", "Teak bookends, elephant",
          "Teak Buddha head carving"), "crafts", "442011", "1250.00", "0.900", (20, 10, 15), []),
        (("Virgin coconut oil 500 ml", "Cold-pressed coconut oil 250 ml", "Coconut body oil 200 ml",
          "Coconut and lemongrass oil 500 ml"),
         "beauty", "151311", "290.00", "0.500", (20, 7, 7), ["liquids"]),
    ]),
]
# fmt: on
