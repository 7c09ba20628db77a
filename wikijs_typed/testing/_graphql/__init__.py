"""The emulator's GraphQL layer: the pinned schema, its directives, execution with Wiki.js's
error behaviour, and one resolver module per namespace."""
