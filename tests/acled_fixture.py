"""Writes an ACLED CSV export, laid out as the ACLED codebook gives it:
comma-separated with a header, quoted where a value needs it, in this
order:

event_id_cnty, event_date, year, time_precision, disorder_type, event_type,
sub_event_type, actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2,
interaction, civilian_targeting, iso, region, country, admin1, admin2,
admin3, location, latitude, longitude, geo_precision, source, source_scale,
notes, fatalities, tags, timestamp

usage: acled_fixture.py ROWS OUT [SEED] [--long-dates]

Events use ACLED's event types with their sub-event types and disorder
types, actors named as ACLED names them, notes with commas and quotes.
Some events have no actor2, as demonstrations and strategic developments
often do; one in a hundred has no actor1. --long-dates writes event_date
as '15 March 2024', as older exports do, instead of 2024-03-15.
"""

import csv
import datetime
import random
import sys

COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
    "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
    "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location",
    "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
]

# event type -> (disorder type, sub-event types), as the codebook pairs them.
TYPES = {
    "Battles": ("Political violence", [
        "Armed clash", "Government regains territory", "Non-state actor overtakes territory"]),
    "Explosions/Remote violence": ("Political violence", [
        "Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
        "Grenade"]),
    "Violence against civilians": ("Political violence", [
        "Attack", "Abduction/forced disappearance"]),
    "Protests": ("Demonstrations", [
        "Peaceful protest", "Protest with intervention", "Excessive force against protesters"]),
    "Riots": ("Demonstrations", ["Violent demonstration", "Mob violence"]),
    "Strategic developments": ("Strategic developments", [
        "Agreement", "Arrests", "Change to group/activity", "Looting/property destruction",
        "Non-violent transfer of territory"]),
}

# (actor, inter code, country)
ACTORS = [
    ("Military Forces of Ukraine (2019-)", "1", "Ukraine"),
    ("Military Forces of Russia (2000-)", "8", "Ukraine"),
    ("Protesters (Ukraine)", "6", "Ukraine"),
    ("Police Forces of Ukraine (2019-)", "1", "Ukraine"),
    ("Civilians (Ukraine)", "7", "Ukraine"),
    ("Government of Ukraine (2019-)", "1", "Ukraine"),
    ("Military Forces of Russia (2000-)", "1", "Russia"),
    ("Protesters (Russia)", "6", "Russia"),
    ("Police Forces of Russia (2000-)", "1", "Russia"),
]

PLACES = {
    "Ukraine": ("UKR", [("Kharkiv", "Kharkivska", 49.9935, 36.2304),
                        ("Kyiv", "Kyiv City", 50.4501, 30.5234)]),
    "Russia": ("RUS", [("Belgorod", "Belgorod", 50.5954, 36.5873),
                       ("Moscow", "Moscow", 55.7558, 37.6173)]),
}


def row(r, i, long_dates):
    day = datetime.date(2024, 3, 1) + datetime.timedelta(days=r.randrange(31))
    event_type = r.choice(sorted(TYPES))
    disorder, subs = TYPES[event_type]
    sub = r.choice(subs)
    a1 = r.choice(ACTORS)
    a2 = r.choice([a for a in ACTORS if a[0] != a1[0]])
    country = a1[2]
    iso, places = PLACES[country]
    town, admin1, lat, lon = r.choice(places)
    if r.randrange(100) == 0:
        a1 = ("", "0", country)
    if event_type in ("Protests", "Strategic developments") and r.randrange(3) == 0:
        a2 = ("", "0", "")
    fatalities = r.randrange(12) if disorder == "Political violence" else 0
    event_date = (f"{day.day} {day.strftime('%B')} {day.year}" if long_dates
                  else day.isoformat())
    notes = (f'On {day.day} {day.strftime("%B")} {day.year}, {a1[0] or "unidentified actors"} '
             f'({sub.lower()}) in {town}, "{admin1}"; {fatalities} reported fatalities.')
    return {
        "event_id_cnty": f"{iso}{10000 + i}",
        "event_date": event_date,
        "year": str(day.year),
        "time_precision": "1",
        "disorder_type": disorder,
        "event_type": event_type,
        "sub_event_type": sub,
        "actor1": a1[0],
        "assoc_actor_1": "",
        "inter1": a1[1],
        "actor2": a2[0],
        "assoc_actor_2": "",
        "inter2": a2[1],
        "interaction": f"{a1[1]}{a2[1]}",
        "civilian_targeting": "Civilian targeting" if a2[0].startswith("Civilians") else "",
        "iso": {"UKR": "804", "RUS": "643"}[iso],
        "region": "Europe",
        "country": country,
        "admin1": admin1,
        "admin2": "",
        "admin3": "",
        "location": town,
        "latitude": f"{lat:.4f}",
        "longitude": f"{lon:.4f}",
        "geo_precision": "1",
        "source": r.choice(["Ukrinform", "Kyiv Independent; Ukrainska Pravda", "Meduza"]),
        "source_scale": "National",
        "notes": notes,
        "fatalities": str(fatalities),
        "tags": "",
        "timestamp": "1712000000",
    }


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    rows, out = int(args[0]), args[1]
    seed = int(args[2]) if len(args) > 2 else 1
    r = random.Random(seed)
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS)
        w.writeheader()
        for i in range(rows):
            w.writerow(row(r, i, "--long-dates" in sys.argv))


if __name__ == "__main__":
    main()
