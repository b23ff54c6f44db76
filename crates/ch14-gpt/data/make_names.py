"""Writes names.txt: the first names of PyPI's `names` package, version 0.3.0
(MIT License), one per line, lower case, each name once, in the package's
order (its female list, then its male list, each by frequency).

    python3 -m pip install names==0.3.0
    python3 make_names.py > names.txt
"""

from importlib.resources import files

import names

seen = set()
for list_name in ["dist.female.first", "dist.male.first"]:
    text = files(names).joinpath(list_name).read_text()
    for line in text.splitlines():
        name = line.split()[0].lower()
        if name.isascii() and name.isalpha() and 2 <= len(name) <= 15 and name not in seen:
            seen.add(name)
            print(name)
