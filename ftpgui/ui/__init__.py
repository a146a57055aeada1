"""Windows, panes, dialogs and the mode panel: thin Qt widgets over the engine's models and events."""
