#!/usr/bin/env python3
"""embed_go.py — turns a standard package's Go source (stdlib/go/<pkg>.go)
into a C header defining it as a string, for stdlib/<pkg>.c to include.

Usage: embed_go.py INPUT.go OUTPUT.h NAME
Defines `static const char NAME[]` holding the file's text exactly.
"""
import sys


def main():
    src_path, out_path, name = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(src_path, encoding='utf-8') as f:
        text = f.read()
    lines = [f'/* Generated from {src_path.split("/")[-1]} by embed_go.py: do not edit. */',
             f'static const char {name}[] =']
    for line in text.splitlines(keepends=True):
        esc = line.replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n')
        lines.append(f'    "{esc}"')
    lines.append('    "";')
    with open(out_path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    main()
