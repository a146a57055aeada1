"""PyInstaller entry point of the ``ftpgui`` executable (the GUI; ``--version``, ``--self-test``)."""

import sys

from ftpgui.app import main

if __name__ == "__main__":
    sys.exit(main())
