"""`python -m wikijs_typed`: the same as the `wikijs-typed` console script."""

import sys

from wikijs_typed.cli import main

sys.exit(main())
