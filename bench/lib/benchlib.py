#!/usr/bin/env python3
"""Helpers of bench/run.sh (standard library only).

  benchlib.py idno REGION YYYYMMDD SEQ            a valid 18-digit ID number (GB 11643 check character)
  benchlib.py import-xlsx OUT ROWS SEED EXCLUDE   the 10 000-row guard import file (layout of the
                                                  server's template: header row, text cells in shared
                                                  strings, dates as date-formatted serial numbers)
  benchlib.py wrk FILE…                           median over wrk --latency outputs:
                                                  "<req/s> <p50 ms> <p99 ms> <non-2xx+socket errors> <runs>"
  benchlib.py wrk-max FILE                        "<p50 ms> <p99 ms> <max ms> <requests>" of one wrk --latency output
  benchlib.py median X…                           median of numbers
  benchlib.py subset TARGET                       stdin "key count" lines → the keys whose counts sum
                                                  closest to TARGET (exhaustive up to 16 keys), "keys sum"
  benchlib.py table TSV                           the summary table of the figures (markdown)
"""
import datetime
import itertools
import random
import re
import statistics
import sys
import zipfile
from xml.sax.saxutils import escape

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def id_check(first17):
    return "10X98765432"[sum(int(c) * w for c, w in zip(first17, WEIGHTS)) % 11]


def idno(region, birth, seq):
    first17 = f"{region}{birth}{int(seq):03d}"
    return first17 + id_check(first17)


# The generator's distribution (server/src/app/industry_generator.cpp), so names collide as there.
SURNAMES = [("王", 72), ("李", 71), ("张", 68), ("刘", 54), ("陈", 46), ("杨", 32), ("赵", 20), ("黄", 19), ("周", 18),
            ("吴", 18), ("徐", 13), ("孙", 12), ("胡", 10), ("朱", 10), ("高", 10), ("林", 9), ("何", 9), ("郭", 9),
            ("马", 9), ("罗", 7), ("梁", 7), ("宋", 6), ("郑", 6), ("谢", 5), ("韩", 5), ("唐", 5), ("冯", 5),
            ("于", 5), ("董", 5), ("萧", 4), ("程", 4), ("曹", 4), ("袁", 4), ("邓", 4), ("许", 4), ("傅", 4)]
GIVEN_M = ["伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华", "飞", "鑫", "波",
           "宁", "建国", "建军", "志强", "海涛", "国庆", "文博", "晓东", "立新", "振华", "卫东", "小龙", "俊杰"]
GIVEN_F = ["芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "玲", "燕", "婷", "雪", "秀英", "桂英", "晓燕", "丽娟",
           "海燕", "春梅", "小红", "雅琴"]
# Home regions: mostly 咸阳 and 西安, some from neighbouring provinces (GB/T 2260 county codes).
REGIONS = ["610402", "610404", "610481", "610423", "610424", "610102", "610113", "610302", "620102", "410102", "510104"]
REGION_NAMES = {"610402": "陕西省咸阳市秦都区", "610404": "陕西省咸阳市渭城区", "610481": "陕西省咸阳市兴平市",
                "610423": "陕西省咸阳市泾阳县", "610424": "陕西省咸阳市乾县", "610102": "陕西省西安市新城区",
                "610113": "陕西省西安市雁塔区", "610302": "陕西省宝鸡市渭滨区", "620102": "甘肃省兰州市城关区",
                "410102": "河南省郑州市中原区", "510104": "四川省成都市锦江区"}
EDUCATIONS = ["初中", "高中", "高中", "中专", "大专", "本科"]
MOBILE_PREFIXES = ["133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "158", "159", "177", "180",
                   "181", "186", "187", "189", "199"]
EPOCH = datetime.date(1899, 12, 30)


def person_name(rng, male):
    s = rng.choices([s for s, _ in SURNAMES], weights=[w for _, w in SURNAMES])[0]
    given = GIVEN_M if male else GIVEN_F
    s += rng.choice(given)
    if rng.random() < 0.35 and len(s) <= 2:
        s += rng.choice(given)
    return s


def rand_date(rng, y0, y1):
    return datetime.date(rng.randint(y0, y1), rng.randint(1, 12), rng.randint(1, 28))


def import_xlsx(out, rows, seed, exclude_file):
    rng = random.Random(int(seed))
    used = set()
    with open(exclude_file, encoding="utf-8") as f:
        used.update(line.strip() for line in f if line.strip())
    strings, index = [], {}

    def sst(text):
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return index[text]

    header = ["*姓名", "*身份证号", "*手机号", "*入职日期", "民族", "学历", "户籍地址", "现住址", "保安员证编号", "发证日期"]
    cols = "ABCDEFGHIJ"
    body = []

    def row_xml(r, cells):
        out = [f'<row r="{r}">']
        for c, (kind, value) in zip(cols, cells):
            if kind == "s":
                out.append(f'<c r="{c}{r}" s="1" t="s"><v>{sst(value)}</v></c>')
            elif kind == "d":
                out.append(f'<c r="{c}{r}" s="2"><v>{(value - EPOCH).days}</v></c>')
        out.append("</row>")
        return "".join(out)

    body.append(row_xml(1, [("s", h) for h in header]))
    made = 0
    while made < int(rows):
        male = rng.random() < 0.85
        region = rng.choice(REGIONS)
        birth = rand_date(rng, 1968, 2004)
        seq = rng.randint(0, 499) * 2 + (1 if male else 0)
        no = idno(region, birth.strftime("%Y%m%d"), seq)
        if no in used:
            continue
        used.add(no)
        made += 1
        hired = rand_date(rng, 2018, 2025)
        cert = rng.random() < 0.8
        cells = [("s", person_name(rng, male)), ("s", no),
                 ("s", rng.choice(MOBILE_PREFIXES) + f"{rng.randint(0, 99999999):08d}"), ("d", hired),
                 ("s", "汉族" if rng.random() < 0.9 else rng.choice(["回族", "满族"])), ("s", rng.choice(EDUCATIONS)),
                 ("s", f"{REGION_NAMES[region]}某村{rng.randint(1, 30)}组"),
                 ("s", f"咸阳市秦都区人民路{rng.randint(1, 500)}号"),
                 ("s", f"61{rng.randint(0, 999999999999):012d}") if cert else ("", None),
                 ("d", rand_date(rng, 2016, 2025)) if cert else ("", None)]
        body.append(row_xml(made + 1, cells))

    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    sheet = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {ns} {rns}>'
             f'<dimension ref="A1:J{made + 1}"/><sheetData>' + "".join(body) + "</sheetData></worksheet>")
    shared = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst {ns} count="{len(strings)}" '
              f'uniqueCount="{len(strings)}">' + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>")
    styles = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet {ns}>'
              '<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>'
              '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
              '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
              '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
              '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
              '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
              '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
              '</styleSheet>')
    workbook = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook {ns} {rns}>'
                '<sheets><sheet name="保安员导入" sheetId="1" r:id="rId1"/></sheets></workbook>')
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    wb_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
               f'<Relationship Id="rId2" Type="{rel}/styles" Target="styles.xml"/>'
               f'<Relationship Id="rId3" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/>'
             f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{ct}.worksheet+xml"/>'
             f'<Override PartName="/xl/styles.xml" ContentType="{ct}.styles+xml"/>'
             f'<Override PartName="/xl/sharedStrings.xml" ContentType="{ct}.sharedStrings+xml"/></Types>')
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", rels)
        z.writestr("xl/workbook.xml", workbook)
        z.writestr("xl/_rels/workbook.xml.rels", wb_rels)
        z.writestr("xl/styles.xml", styles)
        z.writestr("xl/sharedStrings.xml", shared)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    print(made)


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0, "h": 3600000.0}


def to_ms(text):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text.strip())
    if not m:
        raise ValueError(f"cannot read wrk time {text!r}")
    return float(m.group(1)) * UNITS[m.group(2)]


def parse_wrk(path):
    text = open(path, encoding="utf-8", errors="replace").read()
    p50 = re.search(r"^\s+50%\s+(\S+)", text, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", text, re.M)
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", text, re.M)
    if not (p50 and p99 and rps):
        raise ValueError(f"{path}: not a wrk --latency output")
    done = re.search(r"^\s+(\d+) requests in", text, re.M)
    if done and int(done.group(1)) == 0:
        # Not one request finished within the run: its latency is unknown, but longer than the run.
        return 0.0, float("inf"), float("inf"), 0
    errors = 0
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    if m:
        errors += int(m.group(1))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if m:
        errors += sum(int(x) for x in m.groups())
    return float(rps.group(1)), to_ms(p50.group(1)), to_ms(p99.group(1)), errors


def wrk(paths):
    runs = [parse_wrk(p) for p in paths]
    med = lambda i: statistics.median(r[i] for r in runs)
    ms = lambda v: "none-finished" if v == float("inf") else f"{v:.3f}"
    print(f"{med(0):.0f} {ms(med(1))} {ms(med(2))} {sum(r[3] for r in runs)} {len(runs)}")


def wrk_max(path):
    text = open(path, encoding="utf-8", errors="replace").read()
    _, p50, p99, _ = parse_wrk(path)
    m = re.search(r"^\s+Latency\s+(\S+)\s+(\S+)\s+(\S+)", text, re.M)
    done = re.search(r"^\s+(\d+) requests in", text, re.M)
    print(f"{p50:.3f} {p99:.3f} {to_ms(m.group(3)):.3f} {done.group(1) if done else 0}")


def subset(target):
    items = []
    for line in sys.stdin:
        parts = line.split()
        if len(parts) == 2:
            items.append((parts[0], int(parts[1])))
    items = sorted(items, key=lambda kv: -kv[1])[:16]
    best = None
    for n in range(1, len(items) + 1):
        for combo in itertools.combinations(items, n):
            s = sum(c for _, c in combo)
            if best is None or abs(s - target) < abs(best[1] - target):
                best = (combo, s)
    print(",".join(k for k, _ in best[0]), best[1])


def table(tsv):
    rows = [line.rstrip("\n").split("\t") for line in open(tsv, encoding="utf-8") if line.strip()]
    print("| figure | value | target | result |")
    print("|---|---:|---|---|")
    for r in rows:
        r += [""] * (4 - len(r))
        print(f"| {r[0]} | {r[1]} | {r[2] or '—'} | {r[3] or '—'} |")


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    cmd, args = argv[1], argv[2:]
    if cmd == "idno":
        print(idno(*args))
    elif cmd == "import-xlsx":
        import_xlsx(*args)
    elif cmd == "wrk":
        wrk(args)
    elif cmd == "wrk-max":
        wrk_max(args[0])
    elif cmd == "median":
        print(f"{statistics.median(float(a) for a in args):.2f}")
    elif cmd == "subset":
        subset(int(args[0]))
    elif cmd == "table":
        table(args[0])
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
