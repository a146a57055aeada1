"""The transfer queue and the Qt workers that run the engine off the GUI thread."""
