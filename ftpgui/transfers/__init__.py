"""The transfer queue and the QThread workers that run engine sessions off the GUI thread."""
