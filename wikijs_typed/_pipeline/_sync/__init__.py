# Made from ../_async/__init__.py by `python -m tools.sync_twins`: do not edit.
