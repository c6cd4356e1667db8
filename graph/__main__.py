import sys

from graph.interface.cli import main

sys.exit(main())
