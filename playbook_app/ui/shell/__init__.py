"""The window itself: main window, the host features get, menus, status bar, window state, help."""
