"""Write reader/fold_t2s.txt, the one character map 繁简-blind search folds with, from OpenCC's data.

Usage: python3 tools/make_fold_map.py PATH/TO/TSCharacters.txt > reader/fold_t2s.txt

TSCharacters.txt is OpenCC's traditional-to-simplified character table (Apache License 2.0), as
shipped in OpenCC's source (data/dictionary/) and in the opencc-python-reimplemented package
(opencc/dictionary/). Each traditional character maps to OpenCC's first simplified candidate;
chains are resolved so folding twice changes nothing; only one-character entries are kept, so a
folded text has the same length as the page's own and highlights fall on the page's characters.
"""

from __future__ import annotations

import sys


def main(path: str) -> None:
    table: dict[str, str] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            key, _, values = line.rstrip("\n").partition("\t")
            value = values.split(" ")[0]
            if len(key) == 1 and len(value) == 1 and key != value:
                table[key] = value
    for key in table:
        seen = {key}
        while table[key] in table and table[key] not in seen:
            seen.add(table[key])
            table[key] = table[table[key]]
    keys = sorted(table)
    sys.stdout.write(
        "# 繁简 fold map: OpenCC TSCharacters (https://github.com/BYVoid/OpenCC, Apache License 2.0),\n"
        "# first candidate, one character each; made by tools/make_fold_map.py. Line 3: traditional,\n"
        "# line 4: simplified, character by character.\n"
    )
    sys.stdout.write("".join(keys) + "\n" + "".join(table[k] for k in keys) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
