"""Build entities_blind8.jsonl from hand-listed mentions (reading order): each offset is the next whole-word
occurrence of the surface; the script checks the spans and prints the annotated surfaces' other occurrences
that no span covers. Run it from anywhere: ``python bench/gold/blind8/make_blind8.py``."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/gold, for the shared writer
from gold_writer import loc, org, per, write_gold  # noqa: E402

EVAL = Path(__file__).resolve().parents[3].parent / "shared" / "eval"  # the shared eval folder beside the repo
C = "defense-news-dvids/data/corpus/"
D004 = C + "004-nimitz-carrier-strike-group-enters-5th-fleet.txt"
D009 = C + "009-ronald-reagan-carrier-strike-group-operates-in-the.txt"
D013 = C + "013-ronald-reagan-carl-vinson-conduct-dual-carrier-str.txt"
D022 = C + "022-261st-cos-ready-cyber-crew-conducts-threat-hunting.txt"
D031 = C + "031-u-s-army-awards-expedited-production-contract-for.txt"
D050 = C + "050-secretary-of-defense-official-commends-cannon-main.txt"

US = ("GPE", "United States", "USA", "Q30")
USARMY = ("ORG", "U.S. Army", "USA", "Q9212")
NAVY = ("ORG", "U.S. Navy", "USA", "Q11220")
JAPAN = ("GPE", "Japan", "JPN", "Q17")
GUAM = ("GPE", "Guam", "USA", "Q16635")


def ship(c):
    return ("PLATFORM", c, "USA", None)


def wpn(c):
    return ("WEAPON", c, "USA", None)


M = {}

# 004: the Nimitz strike group enters the 5th Fleet area (2020)
NCSG = org("Nimitz Carrier Strike Group")
F5 = org("U.S. 5th Fleet")
IO = loc("Indian Ocean")
NIM = ship("USS Nimitz (CVN 68)")
KIRK = per("Jim Kirk")
M[D004] = [
    ("Nimitz Carrier Strike Group", NCSG),
    ("5th Fleet", F5),
    ("INDIAN OCEAN", IO),
    ("NNS", org("Navy News Service")),
    ("USS Nimitz (CVN 68)", NIM),
    ("Nimitz Carrier Strike Group", NCSG),
    ("CSG", NCSG),
    ("U.S. 5th Fleet", F5),
    ("Jim Kirk", KIRK, "Rear Adm."),
    ("Nimitz", NIM),
    ("Carrier Air Wing (CVW) 17", org("Carrier Air Wing 17")),
    ("CSG 11", org("Carrier Strike Group 11")),
    ("Destroyer Squadron (DESRON) 9", org("Destroyer Squadron 9")),
    ("Ticonderoga-class", ship("Ticonderoga-class cruiser")),
    ("USS Princeton (CG 59)", ship("USS Princeton (CG 59)")),
    ("Arleigh Burke-class", ship("Arleigh Burke-class destroyer")),
    ("USS Sterett (DDG 104)", ship("USS Sterett (DDG 104)")),
    ("USS Ralph Johnson (DDG 114)", ship("USS Ralph Johnson (DDG 114)")),
    ("U.S.", US),
    ("Nimitz Strike Group", NCSG),
    ("Kirk", KIRK),
    ("5th Fleet", F5),
    ("Nimitz CSG", NCSG),
    ("USS Theodore Roosevelt (CVN 71)", ship("USS Theodore Roosevelt (CVN 71)")),
    ("USS Ronald Reagan (CVN 76)", ship("USS Ronald Reagan (CVN 76)")),
    ("Guam", GUAM),
    ("Indian Navy", org("Indian Navy", "IND")),
    ("Indian Ocean", IO),
    ("5th Fleet", F5),
    ("Arabian Gulf", loc("Persian Gulf")),
    ("Gulf of Oman", loc("Gulf of Oman")),
    ("Red Sea", loc("Red Sea")),
    ("Indian Ocean", IO),
]

# 009: the Ronald Reagan strike group in the South China Sea (2022)
RRCSG = org("Ronald Reagan Carrier Strike Group")
SCS = loc("South China Sea")
RR = ship("USS Ronald Reagan (CVN 76)")
TF70 = org("Task Force 70")
CSG5 = org("Carrier Strike Group 5")
VS = ("OPERATION", "Valiant Shield 2022", "USA", None)
IP = loc("Indo-Pacific")
F7 = org("U.S. 7th Fleet")
M[D009] = [
    ("Ronald Reagan Carrier Strike Group", RRCSG),
    ("South China Sea", SCS),
    ("SOUTH CHINA SEA", SCS),
    ("Ronald Reagan Carrier Strike Group", RRCSG),
    ("South China Sea", SCS),
    ("Navy", NAVY),
    ("USS Ronald Reagan (CVN 76)", RR),
    ("Carrier Air Wing (CVW) 5", org("Carrier Air Wing 5")),
    ("Task Force 70", TF70),
    ("Destroyer Squadron (DESRON) 15", org("Destroyer Squadron 15")),
    ("Ticonderoga-class", ship("Ticonderoga-class cruiser")),
    ("USS Antietam (CG 54)", ship("USS Antietam (CG 54)")),
    ("Arleigh Burke-class", ship("Arleigh Burke-class destroyer")),
    ("USS Higgins (DDG 76)", ship("USS Higgins (DDG 76)")),
    ("South China Sea", SCS),
    ("South China Sea", SCS),
    ("U.S. Navy", NAVY),
    ("Indo-Pacific", IP),
    ("South China Sea", SCS),
    ("Michael Donnelly", per("Michael Donnelly"), "Rear Adm."),
    ("Task Force 70", TF70),
    ("Carrier Strike Group 5", CSG5),
    ("Valiant Shield 2022", VS),
    ("Ronald Reagan", RR),
    ("Republic of Korea (ROK) Navy", org("Republic of Korea Navy", "KOR")),
    ("Carrier Strike Group Exercise (CSG) 2022", ("OPERATION", "Carrier Strike Group Exercise 2022", None, None)),
    ("Philippine Sea", loc("Philippine Sea")),
    ("CSG 5", CSG5),
    ("U.S. Navy", NAVY),
    ("Air Force", org("U.S. Air Force", "USA", "Q11223")),
    ("Army", USARMY),
    ("Marine Corps", org("U.S. Marine Corps", "USA", "Q11218")),
    ("Space Force", org("U.S. Space Force")),
    ("Valiant Shield", VS),
    ("U.S.", US),
    ("Guam", GUAM),
    ("South China Sea", SCS),
    ("America", US),
    ("Indo-Pacific", IP),
    ("Fred Goldhammer", per("Fred Goldhammer"), "Capt."),
    ("USS Ronald Reagan", RR),
    ("Ronald Reagan Carrier Strike Group", RRCSG),
    ("U.S. 7th Fleet", F7),
    ("Indo-Pacific", IP),
    ("U.S. 7th Fleet", F7),
    ("U.S. Navy", NAVY),
    ("Indo-Pacific", IP),
]

# 013: Ronald Reagan and Carl Vinson dual carrier operations (2017)
CV = ship("USS Carl Vinson (CVN 70)")
RRSG = org("Ronald Reagan Carrier Strike Group")
CVSG = org("Carl Vinson Carrier Strike Group")
WP = loc("Western Pacific")
SCS = loc("South China Sea")
ECS = loc("East China Sea")
PS = loc("Philippine Sea")
GW = ship("USS George Washington (CVN 73)")
M[D013] = [
    ("Ronald Reagan", RR),
    ("Carl Vinson", CV),
    ("WESTERN PACIFIC", WP),
    ("Ronald Reagan Strike Group", RRSG),
    ("Carl Vinson Strike Group", CVSG),
    ("Western Pacific", WP),
    ("USS Carl Vinson", CV),
    ("Buzz Donnelly", per("Buzz Donnelly"), "Capt."),
    ("Navy", NAVY),
    ("USS Ronald Reagan (CVN 76)", RR),
    ("Navy", NAVY),
    ("U.S. Navy", NAVY),
    ("Western Pacific", WP),
    ("Korean Peninsula", loc("Korean Peninsula")),
    ("Sea of Japan", loc("Sea of Japan")),
    ("South China Sea", SCS),
    ("East China Sea", ECS),
    ("Philippine Sea", PS),
    ("7th Fleet", F7),
    ("West Coast", loc("West Coast of the United States", "USA")),
    ("United States", US),
    ("7th Fleet", F7),
    ("Japan", JAPAN),
    ("USS Ronald Reagan", RR),
    ("USS John C. Stennis (CVN 74)", ship("USS John C. Stennis (CVN 74)")),
    ("Philippine Sea", PS),
    ("USS George Washington (CVN 73)", GW),
    ("USS Carl Vinson (CVN 70)", CV),
    ("Western Pacific", WP),
    ("South China Sea", SCS),
    ("East China Sea", ECS),
    ("George Washington", GW),
    ("USS Nimitz (CVN 68)", NIM),
    ("Western Pacific", WP),
    ("USS Constellation (CV 64)", ship("USS Constellation (CV 64)")),
    ("Carl Vinson", CV),
    ("South China Sea", SCS),
    ("RRNSG", RRSG),
    ("Ronald Reagan", RR),
    ("Carrier Air Wing (CVW) 5", org("Carrier Air Wing 5")),
    ("USS Shiloh (CG 67)", ship("USS Shiloh (CG 67)")),
    ("USS Barry (DDG 52)", ship("USS Barry (DDG 52)")),
    ("USS John S. McCain (DDG 56)", ship("USS John S. McCain (DDG 56)")),
    ("USS McCampbell (DDG 85)", ship("USS McCampbell (DDG 85)")),
    ("USS Mustin (DDG 89)", ship("USS Mustin (DDG 89)")),
    ("Destroyer Squadron (DESRON) 15", org("Destroyer Squadron 15")),
    ("Yokosuka", ("GPE", "Yokosuka", "JPN", None)),
    ("Japan", JAPAN),
    ("Western Pacific", WP),
    ("CVNSG", CVSG),
    ("USS Carl Vinson", CV),
    ("Carrier Air Wing (CVW) 2", org("Carrier Air Wing 2")),
    ("USS Lake Champlain (CG 57)", ship("USS Lake Champlain (CG 57)")),
    ("USS Wayne E. Meyer (DDG 108)", ship("USS Wayne E. Meyer (DDG 108)")),
    ("USS Michael Murphy (DDG 112)", ship("USS Michael Murphy (DDG 112)")),
]

# 022: the 261st Cyberspace Operations Squadron's threat hunting exercise
COS = org("261st Cyberspace Operations Squadron")
RCC = org("Ready Cyber Crew Program")
M[D022] = [
    ("261st COS", COS),
    ("Ready Cyber Crew", RCC),
    ("261st Cyberspace Operations Squadron", COS),
    ("Sepulveda Air National Guard Station", ("FACILITY", "Sepulveda Air National Guard Station", "USA", None)),
    ("Ready Cyber Crew", RCC),
    ("Miguel Barajas", per("Miguel Barajas"), "Senior Master Sergeant"),
    ("261st COS", COS),
    ("RCP", RCC),
    ("State of California", ("GPE", "California", "USA", "Q99")),
    ("261st COS", COS),
]

# 031: an expedited HIMARS launcher contract to Lockheed Martin
HIM = wpn("M142 HIMARS")
LM = org("Lockheed Martin", "USA", "Q7240")
MLRS = wpn("M270 Multiple Launch Rocket System")
M[D031] = [
    ("U.S. Army", USARMY),
    ("HIMARS", HIM),
    ("ARMY CONTRACTING COMMAND", org("Army Contracting Command")),
    ("REDSTONE ARSENAL, Ala.", ("GPE", "Redstone Arsenal, Alabama", "USA", None)),
    ("U.S. Army", USARMY),
    ("Lockheed Martin", LM),
    ("High Mobility Artillery Rocket System", HIM),
    ("Lockheed Martin Missiles and Fire Control", org("Lockheed Martin Missiles and Fire Control")),
    ("U.S. Army", USARMY),
    ("Ukraine", ("GPE", "Ukraine", "UKR", "Q212")),
    ("HIMARS", HIM),
    ("C-130", ("PLATFORM", "C-130 Hercules", "USA", None)),
    ("HIMARS", HIM),
    ("Multiple Launch Rocket System", MLRS),
    ("GMLRS", wpn("Guided Multiple Launch Rocket System")),
    ("Extended-Range GMLRS", wpn("Extended-Range Guided Multiple Launch Rocket System")),
    ("Precision Strike Missiles", wpn("Precision Strike Missile")),
    ("Army Tactical Missile System", wpn("MGM-140 ATACMS")),
    ("HIMARS", HIM),
    ("M270", MLRS),
    ("Army", USARMY),
    ("Program Executive Office for Missiles and Space", org("Program Executive Office Missiles and Space")),
    ("Army Contracting Command-Redstone Arsenal", org("Army Contracting Command-Redstone Arsenal")),
]

# 050: a deputy assistant secretary of defense visits the Cannon maintainers
CAN = ("FACILITY", "Cannon Air Force Base", "USA", None)
MXG = org("27th Special Operations Maintenance Group")
JOH = per("John Johns")
WIE = per("David Wiesner")
M[D050] = [
    ("Cannon", CAN),
    ("CANNON AIR FORCE BASE, N.M.", ("GPE", "Cannon Air Force Base, New Mexico", "USA", None)),
    ("John Johns", JOH, "deputy assistant secretary of defense for maintenance policy and programs"),
    ("27th Special Operations Maintenance Group", MXG),
    ("Cannon Air Force Base", CAN),
    ("New Mexico", ("GPE", "New Mexico", "USA", "Q1522")),
    ("David Wiesner", WIE, "Col."),
    ("27SOMXG", MXG),
    ("27th Special Operations Maintenance Squadron", org("27th Special Operations Maintenance Squadron")),
    ("Johns", JOH),
    ("Cannon", CAN),
    ("AC-130H Spectre", ("PLATFORM", "AC-130H Spectre", "USA", None)),
    ("AC-130W Stinger II", ("PLATFORM", "AC-130W Stinger II", "USA", None)),
    ("MC-130J Commando II", ("PLATFORM", "MC-130J Commando II", "USA", None)),
    (
        "727th Special Operations Aircraft Maintenance Squadron",
        org("727th Special Operations Aircraft Maintenance Squadron"),
    ),
    ("Cannon", CAN),
    ("Wiesner", WIE),
    ("Johns", JOH),
    ("Johns", JOH),
    ("27 SOMXG", MXG),
    ("Wiesner", WIE),
    ("Johns", JOH),
    ("Wiesner", WIE),
    ("MXG", MXG),
    ("Cannon", CAN),
    ("Johns", JOH),
]


def main() -> None:
    write_gold(M, EVAL, Path(__file__).with_name("entities_blind8.jsonl"))


if __name__ == "__main__":
    main()
