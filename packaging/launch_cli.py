"""PyInstaller entry point of the ``ftpgui-cli`` executable (a console program on every platform)."""

import sys

from ftpgui.cli import _entry

if __name__ == "__main__":
    sys.exit(_entry())
