"""The package's version, written only here.

The package metadata reads it from this file (hatch's `[tool.hatch.version]`), and everything
else that shows it (`wikijs_typed.__version__`, `--version`, the User-Agent) imports it.
"""

__version__ = "0.1.0"
# Releases are numbered MAJOR.MINOR.PATCH.
__version_info__ = tuple(int(part) for part in __version__.split("."))
