"""ftpgui: a desktop FTP client that shows how active and passive mode really work."""

__version__ = "0.1.0"
