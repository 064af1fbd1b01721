"""An organisation file: the municipality, its brand and its leadership levels and functions."""
from __future__ import annotations

import re
from pathlib import Path

from ..danish import in_sentence
from ..errors import Location, Problems, shown
from ..model import LeadershipRole, Organisation
from .yaml_source import Fields, YamlDocument, read_yaml_file

ROLE_KEYS = ["id", "navn", "beskrivelse", "rækkefølge", "tiltale", "egennavn"]
VALID_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def read_organisation(path: Path, problems: Problems) -> Organisation | None:
    # content/organisationer/x.yml: only a file inside content/ is read.
    node, doc = read_yaml_file(path, problems, "organisationens navn, brand og niveauer", path.parent.parent)
    if node is None:
        return None
    f = Fields(node, doc, problems, "organisationens fil",
               ["navn", "kortnavn", "brand", "kontakt", "tilgaengelighedserklaering", "niveauer", "funktioner"])
    levels = _roles(f, "niveauer", "niveau", doc, problems)
    functions = _roles(f, "funktioner", "funktion", doc, problems)
    brand_id = f.text("brand", hint=path.stem)
    if brand_id and not VALID_ID.fullmatch(brand_id):
        # The brand is a folder of styles/: a path here would read a brand from anywhere, and a
        # name the folder does not match would drop the organisation's publications unseen.
        problems.error(f.key_location("brand"), f"brandet '{shown(brand_id)}' skal være navnet på en mappe i "
                                                "styles/, fx 'odder': små bogstaver, tal og bindestreg, "
                                                "uden skråstreg eller punktum.")
        brand_id = ""
    organisation = Organisation(
        id=path.stem,
        name=f.text("navn", hint="Høje-Taastrup Kommune"),
        short_name=f.text("kortnavn", hint="HTK"),
        brand_id=brand_id,
        contact=f.text("kontakt", required=False),
        levels=levels,
        functions=functions,
        location=f.key_location("brand"),  # its one use for a line: a brand that does not exist
        accessibility_statement=_web_address(f, "tilgaengelighedserklaering", problems),
    )
    for role_id in sorted({r.id for r in levels} & {r.id for r in functions}):
        problems.error(f.key_location("funktioner"), f"'{role_id}' bruges både som niveau og funktion. "
                                                    "Giv dem forskellige id'er.")
    return organisation


def _web_address(f: Fields, key: str, problems: Problems) -> str:
    address = f.text(key, required=False)
    if address and not re.fullmatch(r"https://[^\s/]+\.[^\s]+", address):
        problems.error(f.key_location(key), f"feltet '{key}' skal være en webadresse, der starter med "
                                            f"https://, fx 'https://www.htk.dk/tilgaengelighed' (her: '{address}').")
        return ""
    return address


def _roles(f: Fields, key: str, axis: str, doc: YamlDocument, problems: Problems) -> tuple[LeadershipRole, ...]:
    roles: list[LeadershipRole] = []
    seen_ids: dict[str, Location] = {}
    seen_orders: dict[int, Location] = {}
    for item, loc in f.seq(key, required=False):
        r = Fields(item, doc, problems, "en funktion" if axis == "funktion" else "et niveau", ROLE_KEYS, at=loc)
        role_id = r.text("id", hint="centerchef")
        order = r.integer("rækkefølge")
        if role_id and not VALID_ID.fullmatch(role_id):
            problems.error(r.key_location("id"), f"id '{role_id}' må kun indeholde små bogstaver, tal "
                                                 "og bindestreg, fx 'leder-af-ledere'.")
        if role_id in seen_ids:
            problems.error(r.key_location("id"), f"id '{role_id}' findes allerede "
                                                 f"(linje {seen_ids[role_id].line}).")
        if order is not None and order in seen_orders:
            problems.error(r.key_location("rækkefølge"), f"rækkefølge {order} er allerede brugt "
                                                         f"(linje {seen_orders[order].line}).")
        seen_ids.setdefault(role_id, loc)
        if order is not None:
            seen_orders.setdefault(order, loc)
        name = r.text("navn", hint="Centerchefer")
        roles.append(LeadershipRole(
            id=role_id,
            name=name,
            description=r.text("beskrivelse", required=False),
            order=order or 0,
            axis=axis,
            address=r.text("tiltale", hint="Til dig som centerchef"),
            proper_noun=_proper_noun(r, name),
        ))
    return tuple(sorted(roles, key=lambda role: role.order))


def _proper_noun(r: Fields, name: str) -> bool:
    """'egennavn: ja': the role's name is a proper noun and keeps its capital inside a sentence
    ("Konkretisering for Direktionen"); without it the first letter is lower-cased there
    ("Konkretisering for centerchefer"), as Danish writes a common noun."""
    example = name or "Direktionen"
    return bool(r.yes_no("egennavn", f"Skriv 'egennavn: ja', hvis '{example}' er et navn, der altid skrives med "
                                     f"stort, også inde i en sætning (»Konkretisering for {example}«); uden feltet "
                                     f"skrives det med lille begyndelsesbogstav dér (»Konkretisering for "
                                     f"{in_sentence(example)}«)."))
