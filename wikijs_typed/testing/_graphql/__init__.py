"""The emulator's GraphQL layer.

The pinned schema, its directives, execution with Wiki.js's error behaviour, and one resolver
module per namespace.
"""
