"""Writes GDELT 2.0 events export rows, laid out as the GDELT 2.0 Event
Codebook gives them: tab-separated, no header, 61 columns, in this order:

GLOBALEVENTID, SQLDATE, MonthYear, Year, FractionDate,
Actor1Code, Actor1Name, Actor1CountryCode, Actor1KnownGroupCode,
Actor1EthnicCode, Actor1Religion1Code, Actor1Religion2Code, Actor1Type1Code,
Actor1Type2Code, Actor1Type3Code, Actor2Code, Actor2Name, Actor2CountryCode,
Actor2KnownGroupCode, Actor2EthnicCode, Actor2Religion1Code,
Actor2Religion2Code, Actor2Type1Code, Actor2Type2Code, Actor2Type3Code,
IsRootEvent, EventCode, EventBaseCode, EventRootCode, QuadClass,
GoldsteinScale, NumMentions, NumSources, NumArticles, AvgTone,
Actor1Geo_Type, Actor1Geo_FullName, Actor1Geo_CountryCode, Actor1Geo_ADM1Code,
Actor1Geo_ADM2Code, Actor1Geo_Lat, Actor1Geo_Long, Actor1Geo_FeatureID,
Actor2Geo_Type, Actor2Geo_FullName, Actor2Geo_CountryCode, Actor2Geo_ADM1Code,
Actor2Geo_ADM2Code, Actor2Geo_Lat, Actor2Geo_Long, Actor2Geo_FeatureID,
ActionGeo_Type, ActionGeo_FullName, ActionGeo_CountryCode, ActionGeo_ADM1Code,
ActionGeo_ADM2Code, ActionGeo_Lat, ActionGeo_Long, ActionGeo_FeatureID,
DATEADDED, SOURCEURL

usage: gdelt_fixture.py ROWS OUT [SEED] [--actors N]

--actors N adds N actors named as GDELT names roles and places (a
country code with a role: USAGOV "UNITED STATES GOVERNMENT"), drawn
Zipf-like, as a real day of GDELT has thousands (the bench's GDELT day).

Events use real CAMEO codes (event code, its base and root) with the
QuadClass and Goldstein score of their root: 01-05 verbal cooperation (1),
06-08 material cooperation (2), 09-13 verbal conflict (3), 14-20 material
conflict (4). Some rows have no Actor1Name (the code only), some no actor 1
at all, some no actor 2, as real exports do.
"""

import random
import sys

COLUMNS = 61

# (event code, Goldstein score) per CAMEO root code.
EVENTS = {
    "01": ("010", 0.0), "02": ("020", 3.0), "03": ("036", 4.0), "04": ("042", 1.9),
    "05": ("051", 3.4), "06": ("061", 6.4), "07": ("070", 7.0), "08": ("081", 5.0),
    "09": ("090", -2.0), "10": ("100", -5.0), "11": ("112", -2.0), "12": ("120", -4.0),
    "13": ("130", -4.4), "14": ("141", -6.5), "15": ("150", -7.2), "16": ("161", -4.0),
    "17": ("173", -5.0), "18": ("181", -9.0), "19": ("190", -10.0), "20": ("200", -10.0),
}


def quad(root):
    r = int(root)
    return 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4


ACTORS = [
    ("USA", "UNITED STATES", "USA", "GOV"), ("RUS", "RUSSIA", "RUS", "GOV"),
    ("UKR", "UKRAINE", "UKR", "GOV"), ("FRA", "FRANCE", "FRA", ""),
    ("GBR", "UNITED KINGDOM", "GBR", ""), ("IGONAT", "NATO", "", "IGO"),
    ("USAGOV", "WHITE HOUSE", "USA", "GOV"), ("RUSMIL", "KREMLIN", "RUS", "MIL"),
]


COUNTRIES = ["USA", "RUS", "UKR", "FRA", "GBR", "DEU", "CHN", "IND", "BRA", "ZAF", "TUR", "IRN"]
ROLES = ["GOV", "MIL", "COP", "BUS", "MED", "OPP", "EDU", "JUD", "LEG", "REB", "CVL", "HLH"]


def extra_actors(n):
    out = []
    for k in range(n):
        country = COUNTRIES[k % len(COUNTRIES)]
        role = ROLES[(k // len(COUNTRIES)) % len(ROLES)]
        out.append((f"{country}{role}", f"{country} {role} {k // 144:04d}", country, role))
    return out


def row(r, i, actors=None):
    day = 20250201 + r.randrange(28)
    root = f"{1 + r.randrange(20):02d}"
    code, goldstein = EVENTS[root]
    if actors:
        a1 = actors[min(int(r.paretovariate(0.6)) - 1, len(actors) - 1)]
        a2 = actors[min(int(r.paretovariate(0.6)) - 1, len(actors) - 1)]
    else:
        a1 = r.choice(ACTORS)
        a2 = r.choice([x for x in ACTORS if x != a1])
    f = [""] * COLUMNS
    f[0] = str(1200000000 + i)
    f[1] = str(day)
    f[2] = str(day // 100)
    f[3] = str(day // 10000)
    f[4] = f"{day // 10000}.{(day % 100 + 31) * 10000 // 365:04d}"
    kind = r.randrange(10)
    if kind != 0:  # one row in ten has no actor 1 at all
        f[5], f[7], f[12] = a1[0], a1[2], a1[3]
        if kind != 1:  # one in ten has the code but no name
            f[6] = a1[1]
    if r.randrange(6) != 0:  # one in six has no actor 2
        f[15], f[16], f[17], f[22] = a2[0], a2[1], a2[2], a2[3]
    f[25] = "1"
    f[26], f[27], f[28] = code, code[:3], root
    f[29] = str(quad(root))
    f[30] = str(goldstein)
    mentions = 1 + r.randrange(20)
    f[31], f[32], f[33] = str(mentions), str(1 + r.randrange(mentions)), str(mentions)
    f[34] = f"{r.uniform(-10, 10):.6f}"
    f[51], f[52], f[53], f[54] = "4", "Brussels, Bruxelles-Capitale, Belgium", "BE", "BE11"
    f[56], f[57], f[58] = "50.8333", "4.33333", "-1955538"
    f[59] = str(day * 1000000 + 123000)
    f[60] = f"https://example.org/news/{i}.html"
    return "\t".join(f)


def main():
    args = sys.argv[1:]
    actors = None
    if "--actors" in args:
        at = args.index("--actors")
        actors = ACTORS + extra_actors(int(args[at + 1]))
        del args[at:at + 2]
    rows, out = int(args[0]), args[1]
    r = random.Random(int(args[2]) if len(args) > 2 else 1)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        for i in range(rows):
            f.write(row(r, i, actors) + "\n")


if __name__ == "__main__":
    main()
