"""Build entities_blind6.jsonl from hand-listed mentions (reading order): each offset is the next whole-word
occurrence of the surface; the script checks the spans and prints the annotated surfaces' other occurrences
that no span covers. Run it from anywhere: ``python bench/gold/blind6/make_blind6.py``."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/gold, for the shared writer
from gold_writer import org, write_gold  # noqa: E402

EVAL = Path(__file__).resolve().parents[3].parent / "shared" / "eval"  # the shared eval folder beside the repo
C = "defense-news-dvids/data/corpus/"
D002 = C + "002-theodore-roosevelt-strike-group-operates-with-nimi.txt"
D012 = C + "012-enterprise-carrier-strike-group-returns-from-middl.txt"
D024 = C + "024-arf-test-is-a-hypersonic-success.txt"
D025 = C + "025-reagan-test-site-successfully-supports-hypersonic.txt"
D042 = C + "042-u-s-army-awards-9-8-billion-contract-enhancing-rea.txt"
D044 = C + "044-defense-pow-mia-accounting-agency-discusses-missio.txt"

US = ("GPE", "United States", "USA", "Q30")
USN = ("ORG", "U.S. Navy", "USA", "Q11220")
USA_ = ("ORG", "U.S. Army", "USA", "Q9212")
DOD = ("ORG", "U.S. Department of Defense", "USA", "Q11209")
PAC = ("LOC", "Pacific Ocean", None, None)
PHS = ("LOC", "Philippine Sea", None, None)
IP = ("LOC", "Indo-Pacific", None, None)
TR = ("PLATFORM", "USS Theodore Roosevelt (CVN 71)", "USA", None)
NIM = ("PLATFORM", "USS Nimitz (CVN 68)", "USA", None)
CSG9 = ("ORG", "Carrier Strike Group 9", "USA", None)
CSG11 = ("ORG", "Carrier Strike Group 11", "USA", None)
KIRK = ("PERSON", "Jim Kirk", "USA", None)
VER = ("PERSON", "Doug Verissimo", "USA", None)


def P(c):
    return ("PLATFORM", c, "USA", None)


M = {}
M[D002] = [
    ("Theodore Roosevelt Strike Group", org("Theodore Roosevelt Carrier Strike Group")),
    ("Nimitz Strike Group", org("Nimitz Carrier Strike Group")),
    ("PHILIPPINE SEA", PHS),
    ("USS Theodore Roosevelt (CVN 71)", TR),
    ("USS Nimitz (CVN 68)", NIM),
    ("Philippine Sea", PHS),
    ("United States", US),
    ("Doug Verissimo", VER, "Rear Adm."),
    ("Carrier Strike Group (CSG) 9", CSG9),
    ("Pacific", PAC),
    ("Pacific", PAC),
    ("United States", US),
    ("Indo-Pacific", IP),
    ("U.S. Navy", USN),
    ("United States Navy", USN),
    ("Pacific", PAC),
    ("James Kirk", KIRK, "Rear Adm."),
    ("Carrier Strike Group (CSG) 11", CSG11),
    ("U.S. Navy", USN),
    ("Western Pacific", ("LOC", "Western Pacific", None, None)),
    ("South China Sea", ("LOC", "South China Sea", None, None)),
    ("East China Sea", ("LOC", "East China Sea", None, None)),
    ("Philippine Sea", PHS),
    ("7th Fleet", org("U.S. 7th Fleet")),
    ("West Coast", ("LOC", "West Coast of the United States", "USA", None)),
    ("United States", US),
    ("Japan", ("GPE", "Japan", "JPN", "Q17")),
    ("Kirk", KIRK),
    ("Carrier Strike Group 11", CSG11),
    ("Verissimo", VER),
    ("U.S.", US),
    ("CSG 11", CSG11),
    ("USS Nimitz (CVN 68)", NIM),
    ("USS Princeton (CG 59)", P("USS Princeton (CG 59)")),
    ("Destroyer Squadron (DESRON) 9", org("Destroyer Squadron 9")),
    ("USS Sterett (DDG 104)", P("USS Sterett (DDG 104)")),
    ("USS Ralph Johnson (DDG 114)", P("USS Ralph Johnson (DDG 114)")),
    ("Carrier Air Wing (CVW) 17", org("Carrier Air Wing 17")),
    ("CSG 9", CSG9),
    ("USS Theodore Roosevelt (CVN 71)", TR),
    ("USS Bunker Hill (CG 52)", P("USS Bunker Hill (CG 52)")),
    ("Destroyer Squadron (DESRON) 23", org("Destroyer Squadron 23")),
    ("USS Russell (DDG 59)", P("USS Russell (DDG 59)")),
    ("USS Rafaela Peralta (DDG 115)", P("USS Rafaela Peralta (DDG 115)")),
    ("Carrier Air Wing (CVW) 11", org("Carrier Air Wing 11")),
    ("Theodore Roosevelt", TR),
    ("San Diego", ("GPE", "San Diego, California", "USA", "Q16552")),
    ("Indo-Pacific", IP),
    ("Nimitz", NIM),
    ("USS Theodore Roosevelt (CVN 71)", TR),
]

ENT = P("USS Enterprise (CVN 65)")
ECSG = org("Enterprise Carrier Strike Group")
CVW1 = org("Carrier Air Wing 1")
CSG12 = org("Carrier Strike Group 12")
DS2 = org("Destroyer Squadron 2")
LG = P("USS Leyte Gulf (CG 55)")
BA = P("USS Barry (DDG 52)")
BU = P("USS Bulkeley (DDG 84)")
MA = P("USS Mason (DDG 87)")
NOR = ("GPE", "Norfolk, Virginia", "USA", None)
M[D012] = [
    ("Enterprise Carrier Strike Group", ECSG),
    ("Middle East", ("LOC", "Middle East", None, None)),
    ("NAVAL STATION NORFOLK, Va.", ("GPE", "Naval Station Norfolk, Virginia", "USA", None)),
    ("USS Enterprise (CVN 65)", ENT),
    ("Mediterranean", ("LOC", "Mediterranean Sea", None, "Q4918")),
    ("Arabian Sea", ("LOC", "Arabian Sea", None, None)),
    ("Enterprise", ENT),
    ("Carrier Air Wing (CVW) 1", CVW1),
    ("Carrier Strike Group 12", CSG12),
    ("Destroyer Squadron 2", DS2),
    ("USS Leyte Gulf (CG 55)", LG),
    ("USS Barry (DDG 52)", BA),
    ("USS Bulkeley (DDG 84)", BU),
    ("Naval Station Norfolk", ("FACILITY", "Naval Station Norfolk", "USA", None)),
    ("USS Mason (DDG 87)", MA),
    ("Enterprise Carrier Strike Group", ECSG),
    ("Norfolk", NOR),
    ("Dee L. Mewbourne", ("PERSON", "Dee L. Mewbourne", "USA", None), "Capt."),
    ("Norfolk", NOR),
    ("U.S. 5th", org("U.S. 5th Fleet")),
    ("6th Fleet", org("U.S. 6th Fleet")),
    ("Enterprise CSG", ECSG),
    ("Carrier Strike Group 12", CSG12),
    ("USS Enterprise (CVN 65)", ENT),
    ("Carrier Air Wing (CVW) 1", CVW1),
    ("Destroyer Squadron 2", DS2),
    ("USS Leyte Gulf (CG 55)", LG),
    ("USS Barry (DDG 52)", BA),
    ("USS Bulkeley (DDG 84)", BU),
    ("USS Mason (DDG 87)", MA),
    ("CVW 1", CVW1),
    ("Enterprise", ENT),
    ("Strike Fighter Squadron (VFA) 11", org("Strike Fighter Squadron 11")),
    ("Red Rippers", org("Strike Fighter Squadron 11")),
    ("VFA-136", org("Strike Fighter Squadron 136")),
    ("Knighthawks", org("Strike Fighter Squadron 136")),
    ("VFA-211", org("Strike Fighter Squadron 211")),
    ("Fighting Checkmates", org("Strike Fighter Squadron 211")),
    ("Marine Fighter Attack Squadron (VMFA) 251", org("Marine Fighter Attack Squadron 251")),
    ("Thunderbolts", org("Marine Fighter Attack Squadron 251")),
    ("Carrier Airborne Early Warning Squadron (VAW) 123", org("Carrier Airborne Early Warning Squadron 123")),
    ("Screwtops", org("Carrier Airborne Early Warning Squadron 123")),
    ("Carrier Tactical Electronic Warfare Squadron (VAQ) 137", org("Electronic Attack Squadron 137")),
    ("Rooks", org("Electronic Attack Squadron 137")),
    ("Fleet Logistics Support Squadron (VRC) 40", org("Fleet Logistics Support Squadron 40")),
    ("Rawhides", org("Fleet Logistics Support Squadron 40")),
    ("Helicopter Anti-Submarine Squadron (HS) 11", org("Helicopter Anti-Submarine Squadron 11")),
    ("Dragonslayers", org("Helicopter Anti-Submarine Squadron 11")),
    ("ENT CSG", ECSG),
    ("Facebook", org("Facebook", "USA", "Q355")),
]

ARF = ("FACILITY", "Aerophysics Research Facility", "USA", None)
SMDC = org("U.S. Army Space and Missile Defense Command")
TC = org("U.S. Army Space and Missile Defense Command Technical Center")
RTS = ("FACILITY", "Ronald Reagan Ballistic Missile Defense Test Site", "MHL", None)
PER = ("PERSON", "Zack Perrin", "USA", None)
INT = ("PERSON", "Matthew Intardonato", "USA", None)
RSA = ("GPE", "Redstone Arsenal, Alabama", "USA", None)
PERRIN_TITLE = (
    "ARF manager and technical lead engineer of USASMDC\u2019s Targets and Test Resources Branch "
    "of the Ronald Reagan Ballistic Missile Defense Test Site"
)
M[D024] = [
    ("ARF", ARF),
    ("REDSTONE ARSENAL, Ala.", RSA),
    ("U.S. Army Space and Missile Defense Command Technical Center", TC),
    ("Aerophysics Research Facility", ARF),
    ("ARF", ARF),
    ("Zack Perrin", PER, PERRIN_TITLE),
    ("ARF", ARF),
    ("USASMDC", SMDC),
    ("Targets and Test Resources Branch", org("Targets and Test Resources Branch")),
    ("Ronald Reagan Ballistic Missile Defense Test Site", RTS),
    ("ARF", ARF),
    ("SMDC", SMDC),
    ("Perrin", PER),
    ("Army", USA_),
    ("Perrin", PER),
    ("Aerophysics", ARF),
    ("Army", USA_),
    ("Department of War", DOD),
    ("Perrin", PER),
    ("Matthew Intardonato", INT, "SMDC Concepts Analysis Division general engineer"),
    ("SMDC", SMDC),
    ("Concepts Analysis Division", org("Concepts Analysis Division")),
    ("Intardonato", INT),
    ("Intardonato", INT),
    ("Intardonato", INT),
    ("Intardonato", INT),
]

MIL = ("PERSON", "Burr Miller", "USA", None)
COS = ("PERSON", "Jim Cossey", "USA", None)
M[D025] = [
    ("Reagan Test Site", RTS),
    ("REDSTONE ARSENAL, Alabama", RSA),
    ("U.S. Army Space and Missile Defense Command", SMDC),
    ("Ronald Reagan Ballistic Missile Defense Test Site", RTS),
    ("South Pacific", ("LOC", "South Pacific", None, None)),
    ("Army", USA_),
    ("Navy", USN),
    ("RTS", RTS),
    ("Department of Defense", DOD),
    ("RTS", RTS),
    ("Hawaii", ("GPE", "Hawaii", "USA", "Q782")),
    ("Australia", ("GPE", "Australia", "AUS", "Q408")),
    ("Kwajalein Atoll", ("LOC", "Kwajalein Atoll", "MHL", None)),
    ("Marshall Islands", ("GPE", "Marshall Islands", "MHL", None)),
    ("RTS", RTS),
    ("America", US),
    ("BMDS", P("Ballistic Missile Defense System")),
    ("Thomas Webber", ("PERSON", "Thomas Webber", "USA", None), "director, Technical Center, USASMDC"),
    ("Technical Center", TC),
    ("USASMDC", SMDC),
    ("RTS", RTS),
    ("Burr Miller", MIL, "Col."),
    ("RTS", RTS),
    ("RTS", RTS),
    ("RTS", RTS),
    ("Miller", MIL),
    ("Miller", MIL),
    ("Miller", MIL),
    ("Miller", MIL),
    ("RTS", RTS),
    ("Miller", MIL),
    ("ALTAIR", P("ALTAIR")),
    ("TRADEX", P("TRADEX")),
    ("ALCOR", P("ALCOR")),
    ("MMW", P("MMW")),
    ("RTS", RTS),
    ("RTS Data Analysis Center", org("RTS Data Analysis Center")),
    ("Jim Cossey", COS),
    ("RTS Missions Operations Office", org("RTS Missions Operations Office")),
    ("RTS", RTS),
    ("Cossey", COS),
    ("Miller", MIL),
    ("RTS", RTS),
    ("U.S. Army Garrison-Kwajalein Atoll", org("U.S. Army Garrison-Kwajalein Atoll")),
    ("RTS", RTS),
    (
        "Army Contracting Command-Redstone Arsenal Space, Missile Defense and Special Programs",
        org("Army Contracting Command-Redstone Arsenal Space, Missile Defense and Special Programs"),
    ),
    ("413th Contracting Support Brigade", org("413th Contracting Support Brigade")),
    ("MIT/Lincoln Labs", org("MIT Lincoln Laboratory")),
    ("RGNext", org("RGNext")),
    ("Miller", MIL),
    ("Miller", MIL),
]

PEO = org("Program Executive Office Missiles and Space")
ACC = org("Army Contracting Command-Redstone Arsenal")
MSE = ("WEAPON", "Patriot Advanced Capability-3 Missile Segment Enhancement", "USA", None)
M[D042] = [
    ("U.S. Army", USA_),
    ("REDSTONE ARSENAL, Ala.", RSA),
    ("U.S. Army", USA_),
    ("Program Executive Office Missiles and Space", PEO),
    ("Army Contracting Command-Redstone Arsenal", ACC),
    ("Patriot Advanced Capability-3 Missile Segment Enhancement", MSE),
    ("Lockheed Martin Missiles and Fire Control", org("Lockheed Martin Missiles and Fire Control")),
    ("PAC-3 MSE", MSE),
    ("U.S.", US),
    ("Department of Defense", DOD),
    ("PEO Missiles and Space", PEO),
    ("Army", USA_),
    ("Frank Lozano", ("PERSON", "Frank Lozano", "USA", None), "Maj. Gen."),
    ("Program Executive Office Missiles and Space", PEO),
    ("PAC-3 MSE", MSE),
    (
        "Joseph Giunta Jr.",
        ("PERSON", "Joseph Giunta Jr.", "USA", None),
        "senior contracting official for Army Contracting Command-Redstone Arsenal",
    ),
    ("Army Contracting Command-Redstone Arsenal", ACC),
    ("PEO Missiles and Space", PEO),
    ("Army Contracting Command-Redstone Arsenal", ACC),
    ("Lockheed Martin", org("Lockheed Martin", "USA", "Q7240")),
    ("Grand Prairie", ("GPE", "Grand Prairie, Texas", "USA", None)),
    ("Texas", ("GPE", "Texas", "USA", "Q1439")),
]

DPAA = org("Defense POW/MIA Accounting Agency")
BAK = ("PERSON", "Sasha Baker", "USA", None)
M[D044] = [
    ("Defense POW/MIA Accounting Agency", DPAA),
    ("Sasha Baker", BAK, "Acting Under Secretary of Defense for Policy"),
    ("Defense POW/MIA Accounting Agency", DPAA),
    ("DPAA", DPAA),
    ("Joint Base Pearl Harbor-Hickam", ("FACILITY", "Joint Base Pearl Harbor-Hickam", "USA", None)),
    ("Hawaii", ("GPE", "Hawaii", "USA", "Q782")),
    ("Baker", BAK),
    ("DPAA", DPAA),
    ("Maui", ("LOC", "Maui", "USA", None)),
    ("DPAA", DPAA),
    ("Baker", BAK),
    ("DPAA", DPAA),
    ("U.S.", US),
    ("DPAA", DPAA),
    ("Pacific Island", ("LOC", "Pacific Islands", None, None)),
    ("Baker", BAK),
    ("DPAA", DPAA),
    ("DPAA", DPAA),
    ("U.S.", US),
    ("DPAA", DPAA),
    ("Fern Sumpter Winbush", ("PERSON", "Fern Sumpter Winbush", "USA", None), "Principal Deputy Director for DPAA"),
    ("DPAA", DPAA),
    ("DPAA", DPAA),
    ("DPAA", DPAA),
    ("Baker", BAK),
]


def main() -> None:
    write_gold(M, EVAL, Path(__file__).with_name("entities_blind6.jsonl"))


if __name__ == "__main__":
    main()
