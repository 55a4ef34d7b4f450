#!/usr/bin/env python3
"""Lists C# methods, constructors, accessors and local functions longer than a limit (default 60 lines).

    python3 scripts/long-methods.py [--limit 60] [paths...]     (default path: src)

A heuristic without a compiler: a member starts at a line that declares something with a parameter list and
ends where its braces close (or, for an expression body, at the terminating semicolon). Lines are counted from
the declaration to the end, comments and blank lines included. Generated code (obj/, bin/, *.g.cs,
*.Designer.cs, Migrations/) is skipped. Exit code 1 when something is over the limit.
"""
import argparse
import os
import re
import sys

MODIFIERS = r"(?:public|private|protected|internal|static|async|override|virtual|sealed|abstract|extern|unsafe|new|partial|readonly)"
# A declaration: modifiers, a return type (or none for constructors), a name, then '(' - not a control statement or a call.
DECLARATION = re.compile(
    r"^\s*(?:\[[^\]]*\]\s*)*(?:" + MODIFIERS + r"\s+)+[\w<>\[\],.?() ]*?\b([A-Z]\w*)\s*(?:<[^>]*>)?\s*\("
)
LOCAL_FUNCTION = re.compile(r"^\s*(?:static\s+)?(?:async\s+)?[\w<>\[\],.?]+\s+([A-Z]\w*)\s*(?:<[^>]*>)?\s*\([^=]*\)\s*(?:where .*)?$")
KEYWORDS = {"if", "for", "foreach", "while", "switch", "using", "catch", "lock", "return", "await", "new", "throw", "fixed"}
SKIP_DIRS = {"obj", "bin", "Migrations", "node_modules"}


def strip_strings_and_comments(line, in_block_comment):
    """Removes string and char literals and comments so braces inside them are not counted."""
    out = []
    i = 0
    while i < len(line):
        if in_block_comment:
            end = line.find("*/", i)
            if end < 0:
                return "".join(out), True
            i = end + 2
            in_block_comment = False
            continue
        c = line[i]
        if line.startswith("//", i):
            break
        if line.startswith("/*", i):
            in_block_comment = True
            i += 2
            continue
        if c == '"':
            verbatim = i > 0 and line[i - 1] == "@"
            raw = line.startswith('"""', i)
            if raw:
                end = line.find('"""', i + 3)
                i = len(line) if end < 0 else end + 3
                continue
            i += 1
            while i < len(line):
                if not verbatim and line[i] == "\\":
                    i += 2
                    continue
                if line[i] == '"':
                    if verbatim and line.startswith('""', i):
                        i += 2
                        continue
                    break
                i += 1
            i += 1
            continue
        if c == "'":
            end = i + 1
            while end < len(line) and line[end] != "'":
                end += 2 if line[end] == "\\" else 1
            i = end + 1
            continue
        out.append(c)
        i += 1
    return "".join(out), in_block_comment


def members(path):
    with open(path, encoding="utf-8") as f:
        raw = f.read().split("\n")
    code = []
    in_comment = False
    raw_string = False
    for line in raw:
        if raw_string:
            if '"""' in line:
                raw_string = False
            code.append("")
            continue
        if line.count('"""') % 2 == 1:
            raw_string = True
            code.append(line[: line.index('"""')])
            continue
        stripped, in_comment = strip_strings_and_comments(line, in_comment)
        code.append(stripped)

    i = 0
    while i < len(code):
        line = code[i]
        m = DECLARATION.match(line) or LOCAL_FUNCTION.match(line)
        if not m or m.group(1) in KEYWORDS or re.match(r"^\s*(?:" + MODIFIERS + r"\s+)*(?:class|record|struct|interface|enum)\b", line):
            i += 1
            continue
        name = m.group(1)
        start = i
        depth = 0
        paren = 0
        opened = False
        j = i
        while j < len(code):
            for ch in code[j]:
                if ch == "(":
                    paren += 1
                elif ch == ")":
                    paren -= 1
                elif ch == "{":
                    depth += 1
                    opened = True
                elif ch == "}":
                    depth -= 1
            text = code[j].strip()
            if opened and depth <= 0:
                break
            if not opened and paren <= 0 and text.endswith(";"):
                break  # expression body or abstract/interface member
            j += 1
        yield name, start + 1, j - start + 1
        i = j + 1 if opened else i + 1


def files(paths):
    for root in paths:
        if os.path.isfile(root):
            yield root
            continue
        for directory, dirs, names in os.walk(root):
            dirs[:] = [d for d in dirs if d not in SKIP_DIRS]
            for name in names:
                if name.endswith(".cs") and not name.endswith((".g.cs", ".Designer.cs")):
                    yield os.path.join(directory, name)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=60)
    parser.add_argument("paths", nargs="*", default=["src"])
    args = parser.parse_args()
    long = []
    for path in sorted(files(args.paths)):
        for name, line, length in members(path):
            if length > args.limit:
                long.append((length, path, line, name))
    for length, path, line, name in sorted(long, reverse=True):
        print(f"{length:4} lines  {path}:{line}  {name}")
    print(f"{len(long)} member(s) over {args.limit} lines", file=sys.stderr)
    return 1 if long else 0


if __name__ == "__main__":
    sys.exit(main())
