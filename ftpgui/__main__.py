"""``python -m ftpgui`` opens the GUI."""

import sys

from ftpgui.app import main

if __name__ == "__main__":
    sys.exit(main())
