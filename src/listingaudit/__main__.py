import sys

from listingaudit.cli import main

sys.exit(main())
