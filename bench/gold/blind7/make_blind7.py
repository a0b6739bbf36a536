"""Build entities_blind7.jsonl from hand-listed mentions (reading order): each offset is the next whole-word
occurrence of the surface; the script checks the spans and prints the annotated surfaces' other occurrences
that no span covers. Run it from anywhere: ``python bench/gold/blind7/make_blind7.py``."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/gold, for the shared writer
from gold_writer import loc, org, per, write_gold  # noqa: E402

EVAL = Path(__file__).resolve().parents[3].parent / "shared" / "eval"  # the shared eval folder beside the repo
C = "defense-news-dvids/data/corpus/"
D019 = C + "019-caoc-combat-ops-space-cell-defending-centcom-criti.txt"
D020 = C + "020-smdc-leader-gives-command-update-during-virtual-sy.txt"
D027 = C + "027-cadets-test-for-hypersonic-speeds-in-aero-wind-tun.txt"
D035 = C + "035-multiple-river-dredging-contracts-awarded.txt"
D049 = C + "049-policy-official-notes-cybersecurity-challenges.txt"
D053 = C + "053-pentagon-s-top-policy-chief-to-step-down.txt"

US = ("GPE", "United States", "USA", "Q30")
USA_ = ("ORG", "U.S. Army", "USA", "Q9212")
DOD = ("ORG", "U.S. Department of Defense", "USA", "Q11209")


M = {}

# 019: the AFCENT CAOC space cell, Operation Silent Sentry
CAOC = org("Combined Air and Space Operations Center")
COD = org("Combat Operations Division")
CELL = org("Space Cell")
GPS = ("PLATFORM", "Global Positioning System", "USA", None)
DAV = per("Brandon Davenport")
KNI = per("Jason Knight")
OSS = ("OPERATION", "Operation Silent Sentry", "USA", None)
M[D019] = [
    ("CAOC", CAOC),
    ("Combat Ops", COD),
    ("Space Cell", CELL),
    ("CENTCOM", org("U.S. Central Command")),
    ("U.S. Air Forces Central Command", org("U.S. Air Forces Central")),
    ("Combined Air and Space Operations Center", CAOC),
    ("Combat Operations Division", COD),
    ("Space Cell", CELL),
    ("Brandon Davenport", DAV, "Capt."),
    ("Space Cell", CELL),
    ("GPS", GPS),
    ("GPS", GPS),
    ("Jason Knight", KNI, "Lt. Col."),
    ("Space Force", org("U.S. Space Force")),
    ("Knight", KNI),
    ("Earth", loc("Earth", None, "Q2")),
    ("U.S.", US),
    ("Operation Silent Sentry", OSS),
    ("379th Expeditionary Operations Squadron", org("379th Expeditionary Operations Squadron")),
    ("Silent Sentry", OSS),
    (
        "Rapid Attack Identification Detection Reporting System",
        ("PLATFORM", "Rapid Attack Identification Detection Reporting System", "USA", None),
    ),
    ("U.S.", US),
    ("Silent Sentry", OSS),
    ("Davenport", DAV),
    ("U.S.", US),
    ("Davenport", DAV),
]

# 020: the SMDC commander at the 2020 SMD Symposium
SMDC = org("U.S. Army Space and Missile Defense Command")
SYM = ("EVENT", "2020 Space and Missile Defense Symposium", "USA", None)
KAR = per("Daniel L. Karbler")
SPC = org("U.S. Space Command")
AIAMD = org("Army Integrated Air and Missile Defense")
IBCS = ("PLATFORM", "Integrated Air and Missile Defense Battle Command System", "USA", None)
M[D020] = [
    ("SMDC", SMDC),
    ("REDSTONE ARSENAL, Alabama", ("GPE", "Redstone Arsenal, Alabama", "USA", None)),
    ("U.S. Army Space and Missile Defense Command", SMDC),
    ("Space and Missile Defense Symposium", SYM),
    ("Daniel L. Karbler", KAR, "Lt. Gen."),
    ("USASMDC", SMDC),
    (
        "Joint Functional Component Command for Integrated Missile Defense",
        org("Joint Functional Component Command for Integrated Missile Defense"),
    ),
    ("Army", USA_),
    ("SMD Symposium", SYM),
    ("Karbler", KAR),
    ("U.S. Army Space and Missile Defense Command", SMDC),
    ("Army", USA_),
    ("Army", USA_),
    ("Army", USA_),
    ("SMDC", SMDC),
    ("U.S. Strategic Command", org("U.S. Strategic Command")),
    ("U.S. Northern Command", org("U.S. Northern Command")),
    ("U.S. Space Command", SPC),
    ("Karbler", KAR),
    ("Army", USA_),
    ("Department of Defense", DOD),
    ("Karbler", KAR),
    ("Army", USA_),
    ("U.S. Space Command", SPC),
    ("Army", USA_),
    ("Karbler", KAR),
    ("Army", USA_),
    ("Karbler", KAR),
    ("Army Integrated Air and Missile Defense", AIAMD),
    ("AIAMD", AIAMD),
    ("IAMD Battle Command System", IBCS),
    ("IBCS", IBCS),
]

# 027: Air Force Academy cadets and the Department of Aeronautics wind tunnels
USAFA = org("United States Air Force Academy")
DFAN = org("Department of Aeronautics")
TWT = ("FACILITY", "Trisonic Wind Tunnel", "USA", None)
OLM = per("Dell Olmstead")
ARC = org("Aeronautical Research Center")
M[D027] = [
    ("U.S. AIR FORCE ACADEMY, Colo.", ("GPE", "U.S. Air Force Academy, Colorado", "USA", None)),
    ("U.S. Air Force Academy", USAFA),
    ("Department of Aeronautics", DFAN),
    ("Hypersonic Mach 6 Ludwieg Tube", ("FACILITY", "Hypersonic Mach 6 Ludwieg Tube", "USA", None)),
    ("Trisonic Wind Tunnel", TWT),
    ("Trisonic Wind Tunnel", TWT),
    ("Dell Olmstead", OLM, "Lt. Col."),
    ("Department of Aeronautics", DFAN),
    ("Olmstead", OLM),
    ("Regan Hansen", per("Regan Hansen"), "Cadet 1st Class"),
    ("Department of Aeronautics", DFAN),
    ("Olmstead", OLM),
    ("[Aeronautical] Research Center", ARC),
    ("Academy", USAFA),
    ("Aeronautical Research Center", ARC),
    ("Olmstead", OLM),
    ("Olmstead", OLM),
    ("Olmstead", OLM),
]

# 035: USACE Detroit District dredging contracts on Michigan rivers
USACE = org("U.S. Army Corps of Engineers")
DD = org("U.S. Army Corps of Engineers Detroit District")
DETR = ("GPE", "Detroit, Michigan", "USA", "Q12439")
MI = ("GPE", "Michigan", "USA", "Q1166")
DR = loc("Detroit River")
SR = loc("Saginaw River", "USA")
SCR = loc("St. Clair River")
MW = org("Morrish-Wallace Construction")
HUR = loc("Lake Huron")
LSC = loc("Lake St. Clair")
ERIE = loc("Lake Erie")


def fac(c):
    return ("FACILITY", c, "USA", None)


M[D035] = [
    ("DETROIT", DETR),
    ("U.S. Army Corps of Engineers", USACE),
    ("Detroit District", DD),
    ("Detroit River", DR),
    ("Saginaw River", SR),
    ("St. Clair River", SCR),
    ("Michigan", MI),
    ("Morrish-Wallace Construction Inc.", MW),
    ("Cheboygan", ("GPE", "Cheboygan, Michigan", "USA", None)),
    ("Michigan", MI),
    ("Ryba Marine Construction", MW),
    ("Great Lakes", loc("Great Lakes")),
    ("Detroit River", DR),
    ("Detroit River", DR),
    ("Detroit River", DR),
    ("East Outer Channel", loc("East Outer Channel")),
    ("Lower Livingston Channel", loc("Lower Livingston Channel")),
    ("Pointe Mouillee Confined Disposal Facility", fac("Pointe Mouillee Confined Disposal Facility")),
    ("Lake Erie", ERIE),
    ("Michigan", MI),
    ("St. Clair River", SCR),
    ("St. Clair River", SCR),
    ("Lake Huron", HUR),
    ("Lake St. Clair", LSC),
    ("Michigan", MI),
    ("Dickenson Island Confined Disposal Facility", fac("Dickenson Island Confined Disposal Facility")),
    ("Saginaw River", SR),
    ("Saginaw River", SR),
    ("Saginaw Bay Confined Disposal Facility", fac("Saginaw Bay Confined Disposal Facility")),
    ("Upper Saginaw Dredge Material Disposal Facility", fac("Upper Saginaw Dredge Material Disposal Facility")),
    ("Saginaw River", SR),
    ("St. Clair River", SCR),
    ("Saginaw River", SR),
    ("Tittabawassee", loc("Tittabawassee River", "USA")),
    ("Shiawassee Rivers", loc("Shiawassee River", "USA")),
    ("Saginaw Bay", loc("Saginaw Bay", "USA")),
    ("Lake Huron", HUR),
    ("Detroit", DETR),
    ("Saginaw", ("GPE", "Saginaw, Michigan", "USA", None)),
    ("Bay City", ("GPE", "Bay City, Michigan", "USA", None)),
    ("U.S. Army Corps of Engineers", USACE),
    ("Detroit District", DD),
    ("Lakes Superior", loc("Lake Superior")),
    ("Michigan", loc("Lake Michigan", "USA")),
    ("Huron", HUR),
    ("St. Clair", LSC),
    ("Erie", ERIE),
    ("Lynn Rose", per("Lynn Rose"), "director of public affairs"),
    ("Bob Jarema", per("Bob Jarema"), "project manager"),
    ("Detroit District", DD),
]

# 049: James N. Miller on cybersecurity; Cyber Command and Keith Alexander
MIL = per("James N. Miller")
ALX = per("Keith Alexander")
CYB = org("U.S. Cyber Command")
M[D049] = [
    ("WASHINGTON, D.C.", ("GPE", "Washington, D.C.", "USA", "Q61")),
    ("Defense Department", DOD),
    ("James N. Miller", MIL),
    ("Miller", MIL),
    ("Army", USA_),
    ("Keith Alexander", ALX, "Army Lt. Gen."),
    ("U.S. Cyber Command", CYB),
    ("U.S. Strategic Command", org("U.S. Strategic Command")),
    ("Miller", MIL),
    ("U.S.", US),
    ("Miller", MIL),
    ("Defense Department", DOD),
    ("Defense Department", DOD),
    ("Defense Department", DOD),
    ("Miller", MIL),
    ("Defense Department", DOD),
    ("Miller", MIL),
    ("United States", US),
    ("Miller", MIL),
    ("Cyber Command", CYB),
    ("Alexander", ALX),
    ("National Security Agency", org("National Security Agency")),
    ("Cyber Command", CYB),
    ("Miller", MIL),
    ("Miller", MIL),
    ("U.S.", US),
    ("Miller", MIL),
]

# 053: Michele Flournoy to step down; Panetta's statement; a credit line
PAN = per("Leon Panetta")
FLO = per("Michele Flournoy")
M[D053] = [
    ("Pentagon", DOD),
    ("Defense Department", DOD),
    ("Leon E. Panetta", PAN, "Defense Secretary"),
    ("Michèle Flournoy", FLO, "undersecretary of defense for policy"),
    ("Panetta", PAN),
    ("Michèle", FLO),
    ("Senate", org("United States Senate", "USA", "Q66096")),
    ("Flournoy", FLO),
    ("DOD", DOD),
    ("Panetta", PAN),
    ("Flournoy", FLO),
    ("Michèle", FLO),
    ("Afghanistan", ("GPE", "Afghanistan", "AFG", "Q889")),
    ("Iraq", ("GPE", "Iraq", "IRQ", "Q796")),
    ("Michèle", FLO),
    ("Flournoy", FLO),
    ("W. Scott Gould", per("W. Scott Gould"), "deputy secretary of the Department of Veteran Affairs"),
    ("Department of Veteran Affairs", org("U.S. Department of Veterans Affairs")),
    ("Panetta", PAN),
    ("Flourney", FLO),
    ("Michèle", FLO),
    ("Department of Defense", DOD),
    ("Panetta", PAN),
    ("Michèle", FLO),
    ("Army", USA_),
    ("Tyrone C. Marshall Jr.", per("Tyrone C. Marshall Jr."), "Army Sgt. 1st Class"),
    ("American Forces Press Service", org("American Forces Press Service")),
]


def main() -> None:
    write_gold(M, EVAL, Path(__file__).with_name("entities_blind7.jsonl"))


if __name__ == "__main__":
    main()
