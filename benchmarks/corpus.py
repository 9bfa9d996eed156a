"""A synthetic corpus of the genre, generated with a fixed seed: meetings, agreements and trade
figures among actors drawn from pools of organisations and persons across about 60 countries."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

COUNTRIES = [
    ("Azerbaijan", "Azerbaijani"), ("Turkey", "Turkish"), ("Hungary", "Hungarian"), ("Uzbekistan", "Uzbek"),
    ("Belarus", "Belarusian"), ("Bangladesh", "Bangladeshi"), ("India", "Indian"), ("Pakistan", "Pakistani"),
    ("Kazakhstan", "Kazakh"), ("Georgia", "Georgian"), ("China", "Chinese"), ("Germany", "German"),
    ("France", "French"), ("Italy", "Italian"), ("Spain", "Spanish"), ("Poland", "Polish"), ("Romania", "Romanian"),
    ("Bulgaria", "Bulgarian"), ("Serbia", "Serbian"), ("Croatia", "Croatian"), ("Greece", "Greek"),
    ("Egypt", "Egyptian"), ("Morocco", "Moroccan"), ("Nigeria", "Nigerian"), ("Kenya", "Kenyan"),
    ("Brazil", "Brazilian"), ("Argentina", "Argentine"), ("Mexico", "Mexican"), ("Canada", "Canadian"),
    ("Japan", "Japanese"), ("Indonesia", "Indonesian"), ("Malaysia", "Malaysian"), ("Thailand", "Thai"),
    ("Vietnam", "Vietnamese"), ("Iran", "Iranian"), ("Iraq", "Iraqi"), ("Jordan", "Jordanian"), ("Qatar", "Qatari"),
    ("Kuwait", "Kuwaiti"), ("Oman", "Omani"), ("Israel", "Israeli"), ("Ukraine", "Ukrainian"), ("Moldova", "Moldovan"),
    ("Latvia", "Latvian"), ("Lithuania", "Lithuanian"), ("Estonia", "Estonian"), ("Finland", "Finnish"),
    ("Sweden", "Swedish"), ("Norway", "Norwegian"), ("Denmark", "Danish"), ("Austria", "Austrian"),
    ("Switzerland", "Swiss"), ("Belgium", "Belgian"), ("Portugal", "Portuguese"), ("Ireland", "Irish"),
    ("Tajikistan", "Tajik"), ("Turkmenistan", "Turkmen"), ("Kyrgyzstan", "Kyrgyz"), ("Mongolia", "Mongolian"),
    ("Algeria", "Algerian"),
]
ORG_PATTERNS = [
    "{adj} Export Promotion Agency", "Chamber of Commerce and Industry of {country}",
    "{adj} Investment and Export Agency", "Ministry of Economy of {country}", "{adj} Small Business Agency",
    "{adj} {topic} Development Fund", "{adj} Trade Council", "{adj}-{adj2} Business Council",
    "{adj} Association of {topic} Exporters", "{adj} Agency for {topic} Development",
]
TOPICS = ["Textile", "Agriculture", "Tourism", "Energy", "Logistics", "Technology", "Mining", "Food", "Furniture",
          "Pharmaceutical", "Automotive", "Chemical", "Construction", "Fishery", "Dairy"]
FIRST = ["Orkhan", "Aylin", "Davron", "Gabor", "Mehmet", "Anna", "Laziz", "Irakli", "Abdul", "Mongkum", "Beth",
         "Andrew", "Farid", "Nigar", "Tariq", "Zulfiqar", "Yusif", "Kamala", "Philipp", "Arman", "Aidar", "Elena",
         "Marco", "Sofia", "Jan", "Piotr", "Ivan", "Omar", "Leila", "Hiroshi", "Ana", "Lucas", "Olga", "Dmitri"]
LAST = ["Mammadov", "Yilmaz", "Vakhabov", "Jenei", "Kurz", "Kudratov", "Garibashvili", "Ahmad", "Jamir", "Goldberg",
        "Flamm", "Ismayilov", "Bajwa", "Younus", "Abdullayev", "Heer", "Shakkaliyev", "Abildabekov", "Rossi",
        "Novak", "Kowalski", "Petrov", "Haddad", "Tanaka", "Silva", "Ivanova", "Schmidt", "Dubois", "Horvat",
        "Popescu", "Nielsen", "Larsen", "Costa", "Murphy", "Karimov", "Rahimov", "Bekov", "Saidov", "Nazarov"]
POSTS = ["Chairman", "President", "Head", "Director", "Executive Director", "Chairman of the Board"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def pools(rng: random.Random, organizations: int = 3000, persons: int = 3000):
    orgs: list[tuple[str, int]] = []
    seen: set[str] = set()
    while len(orgs) < organizations:
        c = rng.randrange(len(COUNTRIES))
        c2 = rng.randrange(len(COUNTRIES))
        name = rng.choice(ORG_PATTERNS).format(country=COUNTRIES[c][0], adj=COUNTRIES[c][1], adj2=COUNTRIES[c2][1],
                                               topic=rng.choice(TOPICS))
        if name not in seen and c2 != c:
            seen.add(name)
            orgs.append((name, c))
    people: list[tuple[str, str, int]] = []
    names: set[str] = set()
    while len(people) < persons:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        name = name if name not in names else f"{rng.choice(FIRST)} {rng.choice(FIRST)} {rng.choice(LAST)}"
        if name in names:
            continue
        names.add(name)
        people.append((name, rng.choice(POSTS), rng.randrange(len(orgs))))
    return orgs, people


def article(rng: random.Random, orgs, people, published: date) -> str:
    a, b = rng.sample(people, 2)
    org_a, org_b = orgs[a[2]], orgs[b[2]]
    ca, cb = COUNTRIES[org_a[1]][0], COUNTRIES[org_b[1]][0]
    day = published - timedelta(days=rng.randrange(0, 6))
    when = rng.choice([f"on {MONTHS[day.month - 1]} {day.day}", f"on {day.strftime('%A')}", ""])
    lines = [f"date {published.isoformat()}", f"source: https://news.example/{rng.randrange(10**9)}", "",
             f"By {rng.choice(FIRST)} {rng.choice(LAST)}", ""]
    lines.append(rng.choice([
        f"{a[0]}, {a[1]} of the {org_a[0]}, met with {b[0]}, {b[1]} of the {org_b[0]}, {when}.",
        f"{org_a[0]} {a[1]} {a[0]} held talks with {org_b[0]} {b[1]} {b[0]} in the capital {when}.",
        f"At a meeting {when}, {a[0]}, {a[1]} of the {org_a[0]}, and {b[0]}, {b[1]} of the {org_b[0]}, "
        f"discussed cooperation in {rng.choice(TOPICS).lower()}.",
    ]).replace(" ,", ",").replace("  ", " "))
    lines.append(f"The sides discussed joint projects in {rng.choice(TOPICS).lower()} and "
                 f"{rng.choice(TOPICS).lower()}, and the exchange of business delegations.")
    if rng.random() < 0.5:
        lines.append(rng.choice([
            f"The {org_a[0]} and the {org_b[0]} signed a memorandum of understanding on cooperation in "
            f"{rng.choice(TOPICS).lower()}.",
            f"In {MONTHS[rng.randrange(12)]}, the two organisations inked a protocol on trade promotion.",
            f"{rng.randrange(2, 12)} documents were signed during the visit.",
        ]))
    if rng.random() < 0.6:
        amount = rng.choice([f"${rng.randrange(50, 900)}.{rng.randrange(10)} million",
                             f"US${rng.randrange(100, 999)} million", f"{rng.randrange(1, 9)}.{rng.randrange(10)} billion USD",
                             f"${rng.randrange(1000, 9999):,} million"])
        period = rng.choice([f"in {published.year - 1}", "last year", f"in the first half of {published.year}",
                             f"in January-{MONTHS[rng.randrange(2, 11)]} {published.year}",
                             f"over {rng.randrange(2, 12)} months of {published.year}"])
        lines.append(f"Trade turnover between {ca} and {cb} amounted to {amount} {period}, "
                     f"while exports reached ${rng.randrange(10, 90)} million.")
    lines.append(f"The sides aim to bring trade to ${rng.randrange(1, 5)} billion by {published.year + 3}.")
    return "\n\n".join(lines[:5]) + "\n".join([""] + [l + "\n" for l in lines[5:]])


def generate(folder: Path, count: int, seed: int = 20261128) -> Path:
    """Write count articles to folder (once; an existing complete folder is reused)."""
    folder.mkdir(parents=True, exist_ok=True)
    if len(list(folder.glob("*.txt"))) == count:
        return folder
    rng = random.Random(seed)
    orgs, people = pools(rng)
    start = date(2019, 1, 1)
    for n in range(count):
        published = start + timedelta(days=rng.randrange(0, 2400))
        (folder / f"{n:06d}.txt").write_text(article(rng, orgs, people, published), encoding="utf-8")
    return folder
