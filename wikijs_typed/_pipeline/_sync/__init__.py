# Made from ../_async/__init__.py by `python -m tools.twin`: do not edit.
