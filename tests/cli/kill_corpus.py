"""A small generated news corpus for the kill tests: several stories, each told by several outlets
over a few days, in plain templated English that the NLP stage analyses in well under a second.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

STORIES = (
    ("Maria Okafor", "finance minister", "Lagos", "the Central Bank", "fuel subsidy", "naira"),
    ("Henrik Dahl", "transport minister", "Oslo", "Norwegian Rail", "rail strike", "kroner"),
    ("Ana Ribeiro", "mayor", "Porto", "the Port Authority", "harbour bridge", "euros"),
    ("Kenji Sato", "trade minister", "Osaka", "Toyota", "steel tariff", "yen"),
    ("Laila Haddad", "health minister", "Amman", "the World Health Organization", "cholera outbreak", "dinars"),
    ("Tomas Novak", "interior minister", "Brno", "the Czech Police", "border fence", "koruna"),
)  # fmt: skip
OUTLETS = ("dailyherald.example", "morningpost.example", "citywire.example", "globeview.example")
TEMPLATES = (
    "{person}, the {role}, said on {day} that {org} would end the {topic} in {place}.",
    '"We cannot keep paying for the {topic}," {person} told reporters in {place} on {day}.',
    "The {topic} cost {number} million {money} last year, according to {org}.",
    "Critics in {place} warned that the plan for the {topic} would raise prices for families.",
    "{org} will publish its full plan on the {topic} next week, officials in {place} said.",
    "Opposition leaders accused {person} of rushing the decision on the {topic}.",
    "About {crowd} people protested against the {topic} outside the offices of {org} in {place}.",
    "{person} denied that the {topic} had been discussed with {org} before {day}.",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def write_corpus(path: Path, *, per_story: int = 5) -> int:
    """Write the corpus as one JSON Lines file; return how many articles it holds."""
    rng = random.Random(11)
    records = []
    for number, (person, role, place, org, topic, money) in enumerate(STORIES):
        for telling in range(per_story):
            values = {
                "person": person, "role": role, "place": place, "org": org, "topic": topic,
                "money": money, "day": rng.choice(DAYS), "number": rng.choice((40, 45, 60)),
                "crowd": rng.choice((200, 300, 2000)),
            }  # fmt: skip
            chosen = rng.sample(TEMPLATES, 6)
            outlet = OUTLETS[(number + telling) % len(OUTLETS)]
            records.append(
                {
                    "url": f"https://{outlet}/news/{number}-{telling}",
                    "title": f"{place}: {person} and the {topic} ({telling})",
                    "published": f"2025-03-{1 + 3 * number + telling % 3:02d}",
                    "text": " ".join(template.format(**values) for template in chosen),
                }
            )
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return len(records)
