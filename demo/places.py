"""Real European places for the demo data: (city, latitude, longitude, population)."""

#: Where the 19 launch cities and regions are, one per country (the network's 19 countries).
LAUNCH_CITIES: list[tuple[str, str, str, float, float, int]] = [
    # (name, kind, country, latitude, longitude, population)
    ("Île-de-France", "region", "FR", 48.8499, 2.6370, 12_271_000),
    ("Gothenburg", "city", "SE", 57.7089, 11.9746, 583_000),
    ("Aarhus", "city", "DK", 56.1629, 10.2039, 285_000),
    ("Newcastle upon Tyne", "city", "GB", 54.9783, -1.6178, 300_000),
    ("Eindhoven", "city", "NL", 51.4416, 5.4697, 235_000),
    ("Leuven", "city", "BE", 50.8798, 4.7005, 102_000),
    ("Stuttgart Region", "region", "DE", 48.7758, 9.1829, 2_700_000),
    ("Stavanger", "city", "NO", 58.9700, 5.7331, 144_000),
    ("Tampere", "city", "FI", 61.4978, 23.7610, 244_000),
    ("Málaga", "city", "ES", 36.7213, -4.4214, 578_000),
    ("Porto", "city", "PT", 41.1579, -8.6291, 232_000),
    ("Bergamo", "city", "IT", 45.6983, 9.6773, 120_000),
    ("Graz", "city", "AT", 47.0707, 15.4395, 291_000),
    ("Gdynia", "city", "PL", 54.5189, 18.5305, 246_000),
    ("Cork", "city", "IE", 51.8985, -8.4756, 210_000),
    ("Brno", "city", "CZ", 49.1951, 16.6068, 380_000),
    ("Thessaloniki", "city", "GR", 40.6401, 22.9444, 325_000),
    ("Tartu", "city", "EE", 58.3776, 26.7290, 95_000),
    ("Debrecen", "city", "HU", 47.5316, 21.6273, 200_000),
]

#: Cities and regions that join during 2016 and 2017 in the generated history.
LATER_CITIES: list[tuple[str, str, str, float, float, int]] = [
    ("Odense", "city", "DK", 55.4038, 10.4024, 180_000),
    ("Umeå", "city", "SE", 63.8258, 20.2630, 130_000),
    ("Dundee", "city", "GB", 56.4620, -2.9707, 149_000),
    ("Milton Keynes", "city", "GB", 52.0406, -0.7594, 230_000),
    ("Utrecht", "city", "NL", 52.0907, 5.1214, 357_000),
    ("Groningen", "city", "NL", 53.2194, 6.5665, 233_000),
    ("Ghent", "city", "BE", 51.0543, 3.7174, 262_000),
    ("Freiburg im Breisgau", "city", "DE", 47.9990, 7.8421, 230_000),
    ("Oldenburg", "city", "DE", 53.1435, 8.2146, 169_000),
    ("Grenoble", "city", "FR", 45.1885, 5.7245, 158_000),
    ("La Rochelle", "city", "FR", 46.1603, -1.1511, 77_000),
    ("Trondheim", "city", "NO", 63.4305, 10.3951, 196_000),
    ("Oulu", "city", "FI", 65.0121, 25.4651, 203_000),
    ("Vitoria-Gasteiz", "city", "ES", 42.8467, -2.6716, 249_000),
    ("Valencia", "city", "ES", 39.4699, -0.3763, 791_000),
    ("Aveiro", "city", "PT", 40.6405, -8.6538, 78_000),
    ("Trento", "city", "IT", 46.0748, 11.1217, 118_000),
    ("Reggio Emilia", "city", "IT", 44.6989, 10.6297, 171_000),
    ("Linz", "city", "AT", 48.3069, 14.2858, 205_000),
    ("Lublin", "city", "PL", 51.2465, 22.5684, 340_000),
    ("Limerick", "city", "IE", 52.6638, -8.6267, 94_000),
    ("Ostrava", "city", "CZ", 49.8209, 18.2625, 290_000),
    ("Heraklion", "city", "GR", 35.3387, 25.1442, 173_000),
    ("Region of Southern Denmark", "region", "DK", 55.3000, 9.5000, 1_220_000),
    ("Cluj-Napoca", "city", "RO", 46.7712, 23.6236, 325_000),
    ("Ljubljana", "city", "SI", 46.0569, 14.5058, 295_000),
    ("Kaunas", "city", "LT", 54.8985, 23.9036, 295_000),
]

#: Towns where companies, research bodies and associations of each country are based.
TOWNS: dict[str, list[tuple[str, float, float]]] = {
    "FR": [("Paris", 48.8566, 2.3522), ("Lyon", 45.7640, 4.8357), ("Toulouse", 43.6047, 1.4442)],
    "SE": [("Stockholm", 59.3293, 18.0686), ("Gothenburg", 57.7089, 11.9746), ("Malmö", 55.6050, 13.0038)],
    "DK": [("Copenhagen", 55.6761, 12.5683), ("Aarhus", 56.1629, 10.2039), ("Aalborg", 57.0488, 9.9217)],
    "GB": [
        ("London", 51.5074, -0.1278),
        ("Newcastle upon Tyne", 54.9783, -1.6178),
        ("Glasgow", 55.8642, -4.2518),
    ],
    "NL": [("Amsterdam", 52.3676, 4.9041), ("Eindhoven", 51.4416, 5.4697), ("Rotterdam", 51.9244, 4.4777)],
    "BE": [("Brussels", 50.8503, 4.3517), ("Antwerp", 51.2194, 4.4025), ("Leuven", 50.8798, 4.7005)],
    "DE": [("Berlin", 52.5200, 13.4050), ("Stuttgart", 48.7758, 9.1829), ("Munich", 48.1351, 11.5820)],
    "NO": [("Oslo", 59.9139, 10.7522), ("Stavanger", 58.9700, 5.7331), ("Bergen", 60.3913, 5.3221)],
    "FI": [("Helsinki", 60.1699, 24.9384), ("Tampere", 61.4978, 23.7610), ("Espoo", 60.2055, 24.6559)],
    "ES": [("Madrid", 40.4168, -3.7038), ("Barcelona", 41.3874, 2.1686), ("Málaga", 36.7213, -4.4214)],
    "PT": [("Lisbon", 38.7223, -9.1393), ("Porto", 41.1579, -8.6291), ("Coimbra", 40.2033, -8.4103)],
    "IT": [("Milan", 45.4642, 9.1900), ("Turin", 45.0703, 7.6869), ("Bologna", 44.4949, 11.3426)],
    "AT": [("Vienna", 48.2082, 16.3738), ("Graz", 47.0707, 15.4395), ("Salzburg", 47.8095, 13.0550)],
    "PL": [("Warsaw", 52.2297, 21.0122), ("Gdańsk", 54.3520, 18.6466), ("Kraków", 50.0647, 19.9450)],
    "IE": [("Dublin", 53.3498, -6.2603), ("Cork", 51.8985, -8.4756), ("Galway", 53.2707, -9.0568)],
    "CZ": [("Prague", 50.0755, 14.4378), ("Brno", 49.1951, 16.6068), ("Plzeň", 49.7384, 13.3736)],
    "GR": [("Athens", 37.9838, 23.7275), ("Thessaloniki", 40.6401, 22.9444), ("Patras", 38.2466, 21.7346)],
    "EE": [("Tallinn", 59.4370, 24.7536), ("Tartu", 58.3776, 26.7290)],
    "HU": [("Budapest", 47.4979, 19.0402), ("Debrecen", 47.5316, 21.6273), ("Győr", 47.6875, 17.6504)],
    "RO": [("Bucharest", 44.4268, 26.1025), ("Cluj-Napoca", 46.7712, 23.6236)],
    "SI": [("Ljubljana", 46.0569, 14.5058), ("Maribor", 46.5547, 15.6459)],
    "LT": [("Vilnius", 54.6872, 25.2797), ("Kaunas", 54.8985, 23.9036)],
}

#: The 19 countries of the network at launch.
LAUNCH_COUNTRIES = [country for _name, _kind, country, *_rest in LAUNCH_CITIES]
