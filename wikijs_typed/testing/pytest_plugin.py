"""pytest fixtures for testing Wiki.js integrations offline, against the emulator."""
