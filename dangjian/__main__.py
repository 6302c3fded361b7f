import sys

from dangjian.app.cli import main

sys.exit(main())
