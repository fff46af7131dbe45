#!/usr/bin/env python3
"""Small helper for the Qt Linguist .ts files of ipcscope.

  ts-tool.py check FILE.ts...          list unfinished/empty entries and placeholder mismatches
  ts-tool.py fill-en FILE.ts           English: finish every entry whose translation is a copy of
                                       the source (numerus entries must be written by hand)
  ts-tool.py apply FILE.ts MAP.json    set translations from {"context": {"source": "text" or
                                       ["singular/plural form", ...]}}; "*" as context = any
  ts-tool.py dump FILE.ts              the unfinished entries as a MAP.json skeleton

The files are edited in place with ElementTree and written back in lupdate's layout.
"""
import json
import re
import sys
import xml.etree.ElementTree as ET

PLACEHOLDER = re.compile(r"%(?:n|L?[1-9][0-9]?)")


def load(path):
    return ET.parse(path)


def messages(tree):
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name")
        for msg in ctx.iter("message"):
            yield name, msg


def texts(msg):
    tr = msg.find("translation")
    if msg.get("numerus") == "yes":
        return [f.text or "" for f in tr.findall("numerusform")]
    return [tr.text or ""]


def placeholders(text):
    return sorted(set(PLACEHOLDER.findall(text)))


def check(paths):
    problems = []
    for path in paths:
        for ctx, msg in messages(load(path)):
            src = msg.findtext("source") or ""
            tr = msg.find("translation")
            where = f"{path}: [{ctx}] {src!r}"
            if tr.get("type") in ("unfinished",):
                problems.append(f"{where}: unfinished")
                continue
            if tr.get("type") in ("obsolete", "vanished"):
                continue
            forms = texts(msg)
            if not forms or any(not f.strip() for f in forms):
                problems.append(f"{where}: empty translation")
                continue
            want = placeholders(src)
            for f in forms:
                have = placeholders(f)
                # A plural form may drop %n (Chinese: one form that still has it is usual).
                if msg.get("numerus") == "yes" and "%n" not in have:
                    have = sorted(set(have) | {"%n"})
                if have != want:
                    problems.append(f"{where}: placeholders {have} in {f!r}, source has {want}")
    for p in problems:
        print(p)
    return 1 if problems else 0


def write(tree, path):
    # lupdate's own layout: 4-space indent, <!DOCTYPE TS>, utf-8.
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    # ElementTree indents <context> under <TS>; lupdate does not.
    body = "\n".join(l[4:] if l.startswith("    <") or l.startswith("        ") else l
                     for l in body.split("\n"))
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        f.write(body)
        f.write("\n")


def set_translation(msg, value):
    tr = msg.find("translation")
    for child in list(tr):
        tr.remove(child)
    tr.text = None
    if msg.get("numerus") == "yes":
        forms = value if isinstance(value, list) else [value]
        for form in forms:
            f = ET.SubElement(tr, "numerusform")
            f.text = form
    else:
        tr.text = value if isinstance(value, str) else value[0]
    if "type" in tr.attrib:
        del tr.attrib["type"]


def fill_en(path):
    tree = load(path)
    left = changed = 0
    for ctx, msg in messages(tree):
        tr = msg.find("translation")
        if tr.get("type") != "unfinished" and all(t.strip() for t in texts(msg)):
            continue
        if msg.get("numerus") == "yes":
            left += 1
            print(f"{path}: [{ctx}] {msg.findtext('source')!r}: write the plural forms")
            continue
        set_translation(msg, msg.findtext("source"))
        changed += 1
    if changed:
        write(tree, path)  # (lupdate's next run restores its exact layout)
    return 1 if left else 0


def apply(path, mapping_path):
    with open(mapping_path, encoding="utf-8") as f:
        mapping = json.load(f)
    tree = load(path)
    used = 0
    for ctx, msg in messages(tree):
        src = msg.findtext("source")
        for key in (ctx, "*"):
            if key in mapping and src in mapping[key]:
                set_translation(msg, mapping[key][src])
                used += 1
                break
    write(tree, path)
    print(f"{path}: {used} translations applied")
    return 0


def dump(path):
    out = {}
    for ctx, msg in messages(load(path)):
        if msg.find("translation").get("type") == "unfinished":
            out.setdefault(ctx, {})[msg.findtext("source")] = ""
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


def main(argv):
    if len(argv) >= 3 and argv[1] == "check":
        return check(argv[2:])
    if len(argv) == 3 and argv[1] == "fill-en":
        return fill_en(argv[2])
    if len(argv) == 4 and argv[1] == "apply":
        return apply(argv[2], argv[3])
    if len(argv) == 3 and argv[1] == "dump":
        return dump(argv[2])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
