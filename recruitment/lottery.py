"""`python -m recruitment.lottery "<public value>" REF1 REF2 ...`: the command every published draw prints, so
that anyone can re-run it. The draw itself lives in the engine (recruitment/engine/lottery.py); this address
stays because published draws name it."""

from __future__ import annotations

import sys

from recruitment.engine.lottery import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
