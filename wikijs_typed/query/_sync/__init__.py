# Made from ../_async/__init__.py by `python -m wikijs_typed.resources.twin`: do not edit.
