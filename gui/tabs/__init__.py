"""The four tabs of the main window; each is a :class:`gui.tabs.base.LabTab`."""
